use yew::prelude::*;

use crate::components::clicks::send_on_click;

use crate::components::quick_exit::{quick_exit, DEFAULT_EXIT_URL};
use crate::domain::{
    answered_count, assess, score_scale, Answers, BandId, Contribution, Day, Direction,
    FriendshipReading, MotivationReading, NowAction, Outcome, PlanMode, ScoreScale, Signal,
};
use crate::i18n::{fill, Texts};
use crate::state::{Action, View};

/// Where to find help, as the embedder set it (per locale); shown with the safety message.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HelpResources {
    pub text: Option<AttrValue>,
    pub url: Option<AttrValue>,
    /// Where "Leave this page quickly" goes (`data-exit-url`); a search engine if unset.
    pub exit_url: Option<AttrValue>,
}

impl HelpResources {
    fn exit_url(&self) -> AttrValue {
        self.exit_url
            .clone()
            .unwrap_or(AttrValue::Static(DEFAULT_EXIT_URL))
    }
}

#[derive(Properties, PartialEq)]
pub struct ResultViewProps {
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    pub texts: Texts,
    pub answers: Answers,
    #[prop_or_default]
    pub help: HelpResources,
    pub on_action: Callback<Action>,
    /// A shared result: nothing that acts on the reader's own plan or answers.
    #[prop_or_default]
    pub read_only: bool,
    /// The direction the reader chose for their plan, so the step links and the offer to
    /// plan for moving on fit it.
    #[prop_or_default]
    pub plan: PlanMode,
    /// The reader's date, printed with the result.
    #[prop_or_default]
    pub today: Option<Day>,
    /// Move focus to this view's heading when it appears: the shell says so once the
    /// reader has acted in the widget, never on page load (see `app.rs`).
    #[prop_or_default]
    pub move_focus: bool,
    /// Shown after the result's own actions (the share panel).
    #[prop_or_default]
    pub children: Html,
}

/// The explained result.
#[component]
pub fn ResultView(props: &ResultViewProps) -> Html {
    let texts = props.texts;
    let content = texts.content();
    let heading_ref = use_node_ref();
    {
        let heading_ref = heading_ref.clone();
        let move_focus = props.move_focus;
        // Arriving on the result, screen reader users hear the band first.
        use_effect_with((), move |_| {
            if let Some(heading) = heading_ref
                .cast::<web_sys::HtmlElement>()
                .filter(|_| move_focus)
            {
                let _ = heading.focus();
            }
        });
    }
    let outcome = assess(content, &props.answers);
    let on_action = &props.on_action;

    // Safety comes before completeness: someone who reported abuse sees where to find
    // help even if other questions are still open.
    if outcome.band == BandId::Safety {
        return safety_view(texts, &props.help, on_action, heading_ref, props.read_only);
    }
    if !outcome.complete {
        return unfinished_view(texts, &props.answers, on_action, heading_ref);
    }
    outcome_view(
        texts,
        &outcome,
        OutcomeContext {
            help: &props.help,
            plan: props.plan,
            read_only: props.read_only,
            today: props.today,
        },
        on_action,
        heading_ref,
        props.children.clone(),
    )
}

/// What the outcome view needs besides the outcome itself.
struct OutcomeContext<'a> {
    help: &'a HelpResources,
    plan: PlanMode,
    read_only: bool,
    today: Option<Day>,
}

/// Where the answers landed, as a small picture: the four outlooks side by side from
/// "move on" to "a good chance", each as wide as its share of possible scores, and a
/// marker. The sentence under it says the same for anyone who cannot see it.
fn scale_picture(texts: Texts, scale: &ScoreScale, band: BandId) -> Html {
    let content = texts.content();
    let t = &texts.ui().result;
    const WIDTH: i32 = 300;
    let range = (scale.highest - scale.lowest).max(1);
    let x = |score: i32| (score - scale.lowest) * WIDTH / range;
    // Drawn as markup rather than through the virtual DOM: it is numbers and class names
    // only (no reader text), and a handful of SVG nodes in `html!` costs kilobytes of wasm.
    let mut svg = String::from(
        r#"<svg viewBox="0 0 300 40" class="rk-scale-svg" aria-hidden="true" focusable="false">"#,
    );
    for (id, _) in &scale.bands {
        let Some((from, to)) = scale.span(*id) else {
            continue;
        };
        let left = x(from);
        let width = (x(to + 1).min(WIDTH) - left).max(1);
        let yours = if *id == band { " rk-zone-yours" } else { "" };
        svg.push_str(&format!(
            r#"<rect class="rk-zone rk-zone-{id}{yours}" x="{left}" y="8" width="{width}" height="16"></rect>"#
        ));
    }
    let marker = x(scale.marker).clamp(6, WIDTH - 6);
    svg.push_str(&format!(
        r#"<path class="rk-scale-marker" d="M{marker} 4 l-6 -4 h12 z M{marker} 4 v24"></path><circle class="rk-scale-marker" cx="{marker}" cy="16" r="6"></circle></svg>"#
    ));
    let title = |id: BandId| content.band(id).map_or(String::new(), |b| b.title.clone());
    let rank = band.outlook_rank().map_or(0, |r| usize::from(r) + 1);
    let ranks = [t.rank_1(), t.rank_1(), t.rank_2(), t.rank_3(), t.rank_4()];
    let text = fill(
        t.scale(),
        &[
            ("band", &title(band)),
            ("rank", &ranks[rank.min(4)]),
            ("low", &title(BandId::MoveOn)),
            ("high", &title(BandId::GoodChance)),
        ],
    );
    html! {
        <figure class="rk-scale">
            { Html::from_html_unchecked(svg.into()) }
            <div class="rk-scale-ends" aria-hidden="true">
                <span>{ title(BandId::MoveOn) }</span>
                <span>{ title(BandId::GoodChance) }</span>
            </div>
            <figcaption class="rk-sr-only">{ text }</figcaption>
        </figure>
    }
}

/// One answer in the short lists at the top: how much it moved, and what it was.
fn contribution_brief(c: &Contribution, texts: Texts) -> Html {
    let (visible, spoken, class) = weight_badge(c, texts);
    html! {
        <li key={format!("{}-{}", c.question_id, c.option_id)} class="rk-brief">
            <span class={classes!("rk-weight", class)}>
                <span aria-hidden="true">{ visible }</span>
                <span class="rk-sr-only">{ fill(texts.ui().result.weight_spoken(), &[("weight", &spoken)]) }{ " " }</span>
            </span>
            <span class="rk-brief-text">
                <span class="rk-contribution-answer">{ c.option_label.clone() }</span>
                <span class="rk-brief-prompt muted">{ c.prompt.clone() }</span>
            </span>
        </li>
    }
}

fn brief_list(items: &[&Contribution], empty: &str, texts: Texts) -> Html {
    if items.is_empty() {
        return html! { <p class="muted">{ empty.to_string() }</p> };
    }
    html! { <ul class="rk-briefs">{ for items.iter().map(|c| contribution_brief(c, texts)) }</ul> }
}

/// "Print or save as PDF": the browser's own dialog; nothing leaves the page.
fn print_button(label: &str) -> Html {
    let onclick = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            // A browser without printing simply does nothing.
            let _ = window.print();
        }
    });
    html! { <button type="button" class="rk-print-button" {onclick}>{ label.to_string() }</button> }
}

fn safety_view(
    texts: Texts,
    help: &HelpResources,
    on_action: &Callback<Action>,
    heading_ref: NodeRef,
    read_only: bool,
) -> Html {
    let content = texts.content();
    let t = &texts.ui().result;
    let (title, summary, advice) = match content.band(BandId::Safety) {
        Some(band) => (
            band.title.clone(),
            band.summary.clone(),
            band.advice.clone(),
        ),
        // Content validation guarantees the band; the safety note only guards a broken
        // build, in the reader's language all the same.
        None => (
            content.safety_note.title.clone(),
            content.safety_note.text.clone(),
            Vec::new(),
        ),
    };
    let on_review = send_on_click(on_action, Action::Go(View::Review));
    let on_data = send_on_click(on_action, Action::Go(View::Data));
    html! {
        <section class="card rk-result rk-result-safety" aria-labelledby="rk-result-title">
            <p class="rk-sr-only" role="status" aria-live="polite">
                { fill(t.announce(), &[("title", &title)]) }
            </p>
            <h2 id="rk-result-title" tabindex="-1" ref={heading_ref}>{ title }</h2>
            { quick_exit(help.exit_url(), &texts.ui().shell) }
            <p class="lead">{ summary }</p>
            // On a small screen the concrete place to call comes before the longer advice.
            <div class="rk-help-box">
                <h3>{ t.help_title() }</h3>
                { help_resources(help, texts) }
            </div>
            { for advice.into_iter().enumerate().map(|(i, paragraph)| html! {
                <p key={i}>{ paragraph }</p>
            }) }
            if !read_only {
                <div class="rk-actions">
                    <button type="button" onclick={on_review}>{ texts.ui().shell.review_answers() }</button>
                    // Someone whose phone may be checked should find the way to erase this at once.
                    <button type="button" onclick={on_data}>{ t.delete_saved() }</button>
                </div>
            }
        </section>
    }
}

/// Only these schemes make sense for a helpline; anything else (such as `javascript:`)
/// is not turned into a link.
fn safe_link(url: &str) -> Option<(&str, bool)> {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        Some((url.trim(), true))
    } else if lower.starts_with("tel:") || lower.starts_with("mailto:") {
        Some((url.trim(), false))
    } else {
        None
    }
}

fn help_resources(help: &HelpResources, texts: Texts) -> Html {
    let t = &texts.ui().result;
    let text = help
        .text
        .as_ref()
        .filter(|t| !t.trim().is_empty())
        .map(|t| html! { <p class="rk-help-text">{ t.clone() }</p> });
    let link = help
        .url
        .as_deref()
        .and_then(safe_link)
        .map(|(url, new_tab)| {
            if new_tab {
                html! {
                    <p>
                        <a href={url.to_string()} rel="noopener noreferrer" target="_blank">
                            { t.help_link() }
                            <span class="rk-sr-only">{ " " }{ t.new_tab() }</span>
                        </a>
                    </p>
                }
            } else {
                html! { <p><a href={url.to_string()}>{ t.helpline() }</a></p> }
            }
        });
    if text.is_none() && link.is_none() {
        return html! {
            <p class="rk-help-text">
                { t.help_default() }
            </p>
        };
    }
    html! { <>{ for text }{ for link }</> }
}

fn unfinished_view(
    texts: Texts,
    answers: &Answers,
    on_action: &Callback<Action>,
    heading_ref: NodeRef,
) -> Html {
    let t = &texts.ui().result;
    let (answered, shown) = answered_count(texts.content(), answers);
    let left = shown.saturating_sub(answered);
    let left_text = texts.count(left, t.left_one(), t.left_other());
    let on_finish = send_on_click(on_action, Action::StartAssessment);
    let on_review = send_on_click(on_action, Action::Go(View::Review));
    html! {
        <section class="card rk-result rk-result-unfinished" aria-labelledby="rk-result-title">
            <h2 id="rk-result-title" tabindex="-1" ref={heading_ref}>{ t.unfinished_title() }</h2>
            <p>
                { t.unfinished_before() }{ " " }
                { left_text }{ " " }
                { t.unfinished_after() }
            </p>
            <div class="rk-actions">
                <button type="button" class="primary" onclick={on_finish}>{ t.finish() }</button>
                <button type="button" onclick={on_review}>{ texts.ui().shell.review_answers() }</button>
            </div>
        </section>
    }
}

/// Answers that suggest fear or control without a clear "yes": a calm note with the
/// same help and way out as the safety result, above everything else.
fn safety_note(
    texts: Texts,
    concerns: &[&Contribution],
    help: &HelpResources,
    on_action: &Callback<Action>,
    read_only: bool,
) -> Html {
    let content = texts.content();
    let t = &texts.ui().result;
    let on_data = send_on_click(on_action, Action::Go(View::Data));
    html! {
        <section class="rk-result-part rk-safety-note" aria-labelledby="rk-safety-note-title">
            <h3 id="rk-safety-note-title">{ content.safety_note.title.clone() }</h3>
            <p>{ content.safety_note.text.clone() }</p>
            <p class="muted" id="rk-safety-note-answers">{ t.note_answers() }</p>
            <ul class="rk-safety-note-answers" aria-labelledby="rk-safety-note-answers">
                for c in concerns.iter() {
                    <li key={format!("{}-{}", c.question_id, c.option_id)}>
                        { fill(t.concern(), &[("prompt", &c.prompt), ("answer", &c.option_label)]) }
                    </li>
                }
            </ul>
            <div class="rk-help-box">
                <h4>{ t.help_title() }</h4>
                { help_resources(help, texts) }
            </div>
            { quick_exit(help.exit_url(), &texts.ui().shell) }
            if !read_only {
                <p>
                    <button type="button" onclick={on_data}>{ t.delete_saved() }</button>
                </p>
            }
        </section>
    }
}

/// For a "better to move on" outlook the plan's direction stays the reader's choice:
/// moving on is offered first, reconnecting stays possible.
fn move_on_offer(on_action: &Callback<Action>, texts: Texts) -> Html {
    let t = &texts.ui().result;
    let on_move_on = {
        let on_action = on_action.clone();
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::ChoosePlan(PlanMode::MovingOn));
            on_action.emit(Action::Go(View::Plan));
        })
    };
    let on_keep = send_on_click(on_action, Action::Go(View::Plan));
    html! {
        <section class="rk-result-part rk-move-on-offer" aria-labelledby="rk-move-on-title">
            <h3 id="rk-move-on-title">{ t.offer_title() }</h3>
            <p>
                { t.offer_text() }
            </p>
            <div class="rk-actions">
                <button type="button" class="primary" onclick={on_move_on}>
                    { t.offer_move_on() }
                </button>
                <button type="button" onclick={on_keep}>{ t.offer_keep() }</button>
            </div>
        </section>
    }
}

fn outcome_view(
    texts: Texts,
    outcome: &Outcome,
    context: OutcomeContext<'_>,
    on_action: &Callback<Action>,
    heading_ref: NodeRef,
    extra: Html,
) -> Html {
    let OutcomeContext {
        help,
        plan,
        read_only,
        today,
    } = context;
    let content = texts.content();
    let t = &texts.ui().result;
    let scale = score_scale(content, outcome);
    let (helped, weighed) = outcome.strongest(3);
    let direction = Direction::from_outcome(outcome, plan);
    let concerns = outcome.safety_concerns();
    let offer_moving_on = !read_only && outcome.band == BandId::MoveOn && !direction.is_moving_on();
    let band = content.band(outcome.band);
    let title = band.map(|b| b.title.clone()).unwrap_or_default();
    let summary = band.map(|b| b.summary.clone()).unwrap_or_default();
    let advice = band.map(|b| b.advice.clone()).unwrap_or_default();

    let for_list: Vec<&Contribution> = outcome
        .contributions
        .iter()
        .filter(|c| !c.counts_against() && c.weight > 0)
        .collect();
    let against_list: Vec<&Contribution> = outcome
        .contributions
        .iter()
        .filter(|c| c.counts_against())
        .collect();

    let on_plan = send_on_click(on_action, Action::Go(View::Plan));
    let on_review = send_on_click(on_action, Action::Go(View::Review));

    html! {
        <section class="card rk-result" aria-labelledby="rk-result-title">
            <p class="rk-sr-only" role="status" aria-live="polite">
                { fill(t.announce(), &[("title", &title)]) }
            </p>
            <p class="rk-eyebrow">{ t.eyebrow() }</p>
            <h2 id="rk-result-title" tabindex="-1" ref={heading_ref}>{ title }</h2>
            if let Some(day) = today {
                <p class="rk-print-only">{ fill(texts.ui().shell.saved_on(), &[("date", &texts.date(day))]) }</p>
            }
            if let Some(scale) = &scale {
                { scale_picture(texts, scale, outcome.band) }
            }
            if !concerns.is_empty() {
                { safety_note(texts, &concerns, help, on_action, read_only) }
            }
            <section class="rk-result-part rk-glance" aria-labelledby="rk-glance-title">
                <h3 id="rk-glance-title" class="rk-sr-only">{ t.glance_title() }</h3>
                <div class="rk-glance-half">
                    <h4>{ t.helped() }</h4>
                    { brief_list(&helped, t.helped_none(), texts) }
                </div>
                <div class="rk-glance-half">
                    <h4>{ t.weighed() }</h4>
                    { brief_list(&weighed, t.weighed_none(), texts) }
                </div>
            </section>
            <p class="lead">{ summary }</p>
            { for advice.into_iter().enumerate().map(|(i, paragraph)| html! {
                <p key={i}>{ paragraph }</p>
            }) }

            <details class="rk-result-part rk-all-answers">
                <summary>{ texts.count(outcome.contributions.len(), t.all_answers_one(), t.all_answers_other()) }</summary>
                <h3 id="rk-moved-title">{ t.moved_title() }</h3>
                <p class="muted">{ t.moved_text() }</p>
                <h4>{ t.hope() }</h4>
                { contribution_list(&for_list, "rk-for", t.hope_none(), texts) }
                <h4>{ t.harder() }</h4>
                { contribution_list(&against_list, "rk-against", t.harder_none(), texts) }
            </details>

            if let Some(reading) = &outcome.motivation {
                { motivation(texts, reading) }
            }
            if let Some(reading) = &outcome.friendship {
                { friendship(texts, reading) }
            }

            if !outcome.actions_now.is_empty() && !read_only {
                <section class="rk-result-part" aria-labelledby="rk-now-title">
                    <h3 id="rk-now-title">{ t.now_title() }</h3>
                    <ol class="rk-now-list">
                        { for outcome.actions_now.iter().map(|a| now_action(texts, a, direction, on_action)) }
                    </ol>
                </section>
            }

            if offer_moving_on {
                { move_on_offer(on_action, texts) }
            } else if !read_only {
                <div class="rk-actions">
                    <button type="button" class="primary" onclick={on_plan}>{ t.start_plan() }</button>
                    <button type="button" onclick={on_review}>{ texts.ui().shell.review_answers() }</button>
                </div>
            }
            <div class="rk-actions rk-print-actions">{ print_button(t.print()) }</div>
            { extra }
        </section>
    }
}

fn contribution_list(
    items: &[&Contribution],
    class: &'static str,
    empty: &str,
    texts: Texts,
) -> Html {
    if items.is_empty() {
        return html! { <p class="muted">{ empty.to_string() }</p> };
    }
    html! {
        <ul class={classes!("rk-contributions", class)}>
            { for items.iter().map(|c| contribution(c, texts)) }
        </ul>
    }
}

fn contribution(c: &Contribution, texts: Texts) -> Html {
    let key = format!("{}-{}", c.question_id, c.option_id);
    let (visible, spoken, class) = weight_badge(c, texts);
    html! {
        <li key={key} class="rk-contribution">
            <p class="rk-contribution-head">
                <span class={classes!("rk-weight", class)}>
                    <span aria-hidden="true">{ visible }</span>
                    <span class="rk-sr-only">{ spoken }</span>
                </span>
                <span class="rk-contribution-answer">{ c.option_label.clone() }</span>
            </p>
            <p class="rk-contribution-prompt muted">{ c.prompt.clone() }</p>
            <p class="rk-contribution-why">{ c.explanation.clone() }</p>
        </li>
    }
}

/// What an answer did, as shown (a signed number, or "Decisive" for a request for
/// distance), what a screen reader says instead, and a class.
fn weight_badge(c: &Contribution, texts: Texts) -> (String, String, &'static str) {
    let t = &texts.ui().result;
    if c.signal == Some(Signal::EndsReconciliation) {
        (
            t.decisive().to_string(),
            t.decisive_spoken().to_string(),
            "rk-weight-down",
        )
    } else {
        signed_weight(c.weight, texts)
    }
}

/// The visible sign (with a real minus), what a screen reader says instead, and a class.
fn signed_weight(weight: i32, texts: Texts) -> (String, String, &'static str) {
    let t = &texts.ui().result;
    let size = weight.unsigned_abs();
    let count = size as usize;
    if weight < 0 {
        (
            format!("\u{2212}{size}"),
            texts.count(count, t.lowers_one(), t.lowers_other()),
            "rk-weight-down",
        )
    } else {
        (
            format!("+{size}"),
            texts.count(count, t.raises_one(), t.raises_other()),
            "rk-weight-up",
        )
    }
}

fn motivation(texts: Texts, reading: &MotivationReading) -> Html {
    let text = texts.content().motivation_text(reading.motivation);
    html! {
        <section class="rk-result-part rk-reading" aria-labelledby="rk-motivation-title">
            <p class="rk-eyebrow">{ texts.ui().result.motivation_eyebrow() }</p>
            <h3 id="rk-motivation-title">{ text.title.clone() }</h3>
            <p>{ text.text.clone() }</p>
        </section>
    }
}

fn friendship(texts: Texts, reading: &FriendshipReading) -> Html {
    let t = &texts.ui().result;
    let text = texts.content().friendship_text(reading.readiness);
    let present = reading.signs_present.len();
    let total = reading.signs_total;
    let count = if present == 0 {
        fill(t.signs_none(), &[("total", &total)])
    } else {
        fill(
            &texts.count(present, t.signs_one(), t.signs_other()),
            &[("total", &total)],
        )
    };
    html! {
        <section class="rk-result-part rk-reading" aria-labelledby="rk-friendship-title">
            <p class="rk-eyebrow">{ t.friendship_eyebrow() }</p>
            <h3 id="rk-friendship-title">{ text.title.clone() }</h3>
            <p>{ text.text.clone() }</p>
            if total > 0 {
                <p class="muted">{ count }</p>
            }
        </section>
    }
}

fn now_action(
    texts: Texts,
    action: &NowAction,
    direction: Direction,
    on_action: &Callback<Action>,
) -> Html {
    let content = texts.content();
    let shell = &texts.ui().shell;
    let steps = action
        .step_ids
        .iter()
        .filter_map(|id| content.step(*id))
        .filter(|step| direction.shows_step(step));
    html! {
        <li key={action.id.as_str().to_string()} class="rk-now">
            <h4>{ action.title.clone() }</h4>
            <p>{ action.text.clone() }</p>
            <ul class="rk-step-links" aria-label={fill(texts.ui().result.steps_for(), &[("title", &action.title)])}>
                { for steps.map(|step| {
                    let id = step.id;
                    let onclick = send_on_click(on_action, Action::Go(View::Step(id)));
                    html! {
                        <li key={id.0}>
                            <button type="button" class="rk-step-link" {onclick}>
                                { fill(shell.step_title(), &[("n", &step.id), ("title", &step.title)]) }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        </li>
    }
}
