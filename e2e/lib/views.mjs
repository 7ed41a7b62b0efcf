// Every view of the widget, in an order a reader can walk after completing the assessment:
// [name, how to get there from the view before, what shows once it is there].
import { WORDS } from './widget.mjs';

const nav = (name) => async (page) => page.getByRole('button', { name, exact: true }).click();

/** Each view, with the words of one language: how to reach it from the one before, and
 * how to know it is showing. */
export function viewsIn(w) {
  return [
    ['review', async () => {}, (p) => p.getByRole('heading', { name: w.answers })],
    ['question', async (p) => p.getByRole('button', { name: w.change }).first().click(), (p) => p.locator('fieldset legend').first()],
    ['welcome', nav(w.assessment), (p) => p.getByRole('heading', { name: w.welcome })],
    ['result', async (p) => {
      await p.getByRole('button', { name: w.resume }).click();
      await p.getByRole('button', { name: w.seeResult }).click();
    }, (p) => p.locator('h2[tabindex="-1"]').first()],
    ['plan', nav(w.myPlan), (p) => p.getByRole('heading', { name: w.plan })],
    ['step', async (p) => p.getByRole('button', { name: w.step13 }).first().click(), (p) => p.locator('h2').first()],
    ['no-contact', async (p) => {
      await nav(w.myPlan)(p);
      await p.getByRole('button', { name: w.counter }).first().click();
    }, (p) => p.locator('h2').first()],
    ['templates', async (p) => {
      await nav(w.myPlan)(p);
      await p.getByRole('button', { name: w.templates }).first().click();
    }, (p) => p.locator('textarea').first()],
    ['your data', nav(w.myData), (p) => p.getByRole('heading', { name: w.data })],
  ];
}

/** Each view, in English. */
export const VIEWS = viewsIn(WORDS.en);
