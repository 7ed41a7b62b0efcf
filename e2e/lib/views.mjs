// Every view of the widget, in an order a reader can walk after completing the assessment:
// [name, how to get there from the view before, what shows once it is there].

const nav = (name) => async (page) => page.getByRole('button', { name, exact: true }).click();

/** Each view: how to reach it from the one before, and how to know it is showing. */
export const VIEWS = [
  ['review', async () => {}, (p) => p.getByRole('heading', { name: 'Your answers' })],
  ['question', async (p) => p.getByRole('button', { name: /^Change/ }).first().click(), (p) => p.locator('fieldset legend').first()],
  ['welcome', nav('Assessment'), (p) => p.getByRole('heading', { name: 'Rekindle' })],
  ['result', async (p) => {
    await p.getByRole('button', { name: 'Pick up where you left off' }).click();
    await p.getByRole('button', { name: 'See my result' }).click();
  }, (p) => p.locator('h2[tabindex="-1"]').first()],
  ['plan', nav('My plan'), (p) => p.getByRole('heading', { name: 'Your plan' })],
  ['step', async (p) => p.getByRole('button', { name: /Step 13|^13\b|Talk/ }).first().click(), (p) => p.locator('h2').first()],
  ['no-contact', async (p) => {
    await nav('My plan')(p);
    await p.getByRole('button', { name: /no-contact|counter|space/i }).first().click();
  }, (p) => p.locator('h2').first()],
  ['templates', async (p) => {
    await nav('My plan')(p);
    await p.getByRole('button', { name: /message/i }).first().click();
  }, (p) => p.locator('textarea').first()],
  ['your data', nav('My data'), (p) => p.getByRole('heading', { name: 'Your data' })],
];

