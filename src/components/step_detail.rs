use web_sys::{HtmlElement, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::components::clicks::send_on_click;

use crate::components::plan::{hidden_contact_note, status_class, status_slug};
use crate::components::switch_back::SwitchBack;
// A sorted list, not a `HashMap`: a few drafts at most, and no hashing code in the wasm.
use crate::domain::sorted_map::SortedMap;
use crate::domain::{
    CheckpointChoice, Day, Direction, JournalNote, Step, StepId, StepKind, StepStatus, Tracker,
};
use crate::i18n::{fill, Texts};
use crate::state::{Action, View};

#[derive(Properties, PartialEq)]
pub struct StepDetailProps {
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    pub texts: Texts,
    pub step: StepId,
    pub tracker: Tracker,
    pub today: Day,
    /// The plan's direction after the assessment (see `domain::direction`).
    #[prop_or_default]
    pub direction: Direction,
    /// Move focus to this view's heading when it appears: the shell says so once the
    /// reader has acted in the widget, never on page load (see `app.rs`).
    #[prop_or_default]
    pub move_focus: bool,
    pub on_action: Callback<Action>,
}

fn go(on_action: &Callback<Action>, view: View) -> Callback<MouseEvent> {
    send_on_click(on_action, Action::Go(view.clone()))
}

fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<HtmlElement>() {
        // Focus is a courtesy for keyboard and screen reader users; failing is harmless.
        let _ = element.focus();
    }
}

fn textarea_value(event: &InputEvent) -> Option<String> {
    event
        .target_dyn_into::<HtmlTextAreaElement>()
        .map(|area| area.value())
}

/// One step in full.
#[component]
pub fn StepDetail(props: &StepDetailProps) -> Html {
    let heading = use_node_ref();
    let journal_heading = use_node_ref();
    // Half-written notes, per step, so moving to the next step and back loses nothing.
    let drafts = use_state(SortedMap::<StepId, String>::default);
    let draft_problem = use_state_eq(|| false);

    {
        let heading = heading.clone();
        let draft_problem = draft_problem.clone();
        let move_focus = props.move_focus;
        // A new step is a new page for the reader: move focus to its title so screen
        // readers announce it.
        use_effect_with(props.step, move |_| {
            if move_focus {
                focus(&heading);
            }
            draft_problem.set(false);
        });
    }

    let texts = props.texts;
    let content = texts.content();
    let t = &texts.ui().step;
    let shell = &texts.ui().shell;
    let back_to_plan = html! {
        <button type="button" onclick={go(&props.on_action, View::Plan)}>
            { shell.back_to_plan() }
        </button>
    };
    let Some(step) = content.step(props.step) else {
        return html! {
            <section class="card rk-step" aria-labelledby="rk-step-title">
                <h2 id="rk-step-title" tabindex="-1" ref={heading}>
                    { t.missing_title() }
                </h2>
                <p>{ t.missing_text() }</p>
                { back_to_plan }
            </section>
        };
    };

    let direction = props.direction;
    if !direction.shows_step(step) {
        // Reached through an old link or a saved place: say why, show nothing of it.
        return html! {
            <section class="card rk-step" aria-labelledby="rk-step-title">
                <h2 id="rk-step-title" tabindex="-1" ref={heading}>
                    { fill(t.not_in_plan(), &[("n", &step.id)]) }
                </h2>
                if let Some(note) = hidden_contact_note(&direction, &texts.ui().plan) {
                    <p>{ note.to_string() }</p>
                }
                { back_to_plan }
            </section>
        };
    }
    let tracker = &props.tracker;
    let status = tracker.status(step.id);
    let total = content.steps.len();
    let (previous, next) = direction.neighbours(content, step.id);

    let step_id = step.id;
    let draft = drafts.get(&step_id).cloned().unwrap_or_default();
    let on_draft_input = {
        let drafts = drafts.clone();
        let draft_problem = draft_problem.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(text) = textarea_value(&event) {
                let mut next = (*drafts).clone();
                next.insert(step_id, text);
                drafts.set(next);
                draft_problem.set(false);
            }
        })
    };
    let on_add = {
        let drafts = drafts.clone();
        let draft_problem = draft_problem.clone();
        let on_action = props.on_action.clone();
        let text = draft.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if text.trim().is_empty() {
                draft_problem.set(true);
                return;
            }
            on_action.emit(Action::AddNote {
                step: step_id,
                text: text.clone(),
            });
            let mut next = (*drafts).clone();
            next.remove(&step_id);
            drafts.set(next);
            draft_problem.set(false);
        })
    };
    let on_note_gone = {
        let journal_heading = journal_heading.clone();
        Callback::from(move |()| focus(&journal_heading))
    };
    let notes = tracker.notes_for(step.id);

    html! {
        <section class="card rk-step" aria-labelledby="rk-step-title">
            <h2 id="rk-step-title" tabindex="-1" ref={heading}>
                <span class="rk-step-count">{ fill(t.count(), &[("n", &step.id), ("total", &total)]) }</span>
                <span class="rk-sr-only">{ ": " }</span>
                <span class="rk-step-heading">{ step.title.clone() }</span>
            </h2>
            <p class="lead">{ step.why.clone() }</p>
            if direction.is_moving_on() && !step.also_for_moving_on {
                <p class="rk-note rk-set-aside-note">
                    { t.set_aside() }
                </p>
            }

            { kind_extras(step, tracker, props.today, direction, &props.on_action, texts) }

            <fieldset class="rk-step-actions">
                <legend>{ t.things() }</legend>
                <ul>
                    for (index, action) in step.actions.iter().enumerate().filter(|(i, _)| direction.shows_action(step, *i)) {
                        <li key={index}>
                            { action_checkbox(step.id, index, action, tracker.is_ticked(step.id, index), &props.on_action) }
                        </li>
                    }
                </ul>
            </fieldset>

            { status_group(step.id, status, tracker.done_on(step.id), &props.on_action, texts) }

            if let Some(template) = step.template.as_ref().filter(|_| direction.shows_templates()) {
                <p class="rk-step-link">
                    <button type="button" onclick={go(&props.on_action, View::Templates)}>
                        { fill(t.open_template(), &[("template", &texts.lowercase_first(&template.label))]) }
                    </button>
                </p>
            }

            <div class="rk-journal">
                <h3 id="rk-journal-title" tabindex="-1" ref={journal_heading}>
                    { t.journal_title() }
                </h3>
                <p class="muted">
                    { t.journal_private() }
                </p>
                if notes.is_empty() {
                    <p class="muted">{ t.no_notes() }</p>
                } else {
                    <ul class="rk-notes" aria-labelledby="rk-journal-title">
                        for note in notes.iter() {
                            <NoteItem texts={props.texts}
                                key={note.id.0}
                                note={(*note).clone()}
                                on_action={props.on_action.clone()}
                                on_gone={on_note_gone.clone()}
                            />
                        }
                    </ul>
                }
                <form class="rk-note-form" onsubmit={on_add}>
                    <label for="rk-new-note">{ t.add_label() }</label>
                    <textarea
                        id="rk-new-note"
                        rows="4"
                        value={draft}
                        oninput={on_draft_input}
                        aria-describedby={(*draft_problem).then_some("rk-new-note-problem")}
                        aria-invalid={(*draft_problem).then_some("true")}
                    />
                    if *draft_problem {
                        <p id="rk-new-note-problem" class="rk-problem">{ t.empty_note() }</p>
                    }
                    <button type="submit" class="primary">{ t.add() }</button>
                </form>
            </div>

            <nav class="rk-step-nav" aria-label={t.nav_label()}>
                if let Some(id) = previous {
                    <button type="button" onclick={go(&props.on_action, View::Step(id))}>
                        <span aria-hidden="true">{ "← " }</span>
                        { fill(shell.step_n(), &[("n", &id)]) }
                        <span class="rk-sr-only">{ t.previous() }</span>
                    </button>
                }
                if let Some(id) = next {
                    <button type="button" onclick={go(&props.on_action, View::Step(id))}>
                        { fill(shell.step_n(), &[("n", &id)]) }
                        <span class="rk-sr-only">{ t.next() }</span>
                        <span aria-hidden="true">{ " →" }</span>
                    </button>
                }
                { back_to_plan }
            </nav>
        </section>
    }
}

fn action_checkbox(
    step: StepId,
    index: usize,
    action: &str,
    ticked: bool,
    on_action: &Callback<Action>,
) -> Html {
    let id = format!("rk-action-{index}");
    let onchange = on_action.reform(move |event: Event| {
        let ticked = event
            .target_dyn_into::<HtmlInputElement>()
            .map_or(!ticked, |input| input.checked());
        Action::TickAction {
            step,
            index,
            ticked,
        }
    });
    html! {
        <div class="rk-check">
            <input type="checkbox" id={id.clone()} checked={ticked} {onchange} />
            <label for={id}>{ action.to_string() }</label>
        </div>
    }
}

fn status_group(
    step: StepId,
    current: StepStatus,
    done_on: Option<Day>,
    on_action: &Callback<Action>,
    texts: Texts,
) -> Html {
    let content = texts.content();
    let t = &texts.ui().step;
    let radio = |status: StepStatus| -> Html {
        let id = format!("rk-status-{}", status_slug(status));
        let onchange = on_action.reform(move |_: Event| Action::SetStatus { step, status });
        html! {
            <>
                <input
                    type="radio"
                    name="rk-step-status"
                    id={id.clone()}
                    value={status_slug(status)}
                    checked={current == status}
                    {onchange}
                />
                <label for={id}>{ content.status_label(status).to_string() }</label>
            </>
        }
    };
    html! {
        <fieldset class={classes!("rk-status-group", status_class(current))}>
            <legend>{ t.status_legend() }</legend>
            for status in StepStatus::ALL {
                <div class="rk-check" key={status_slug(status)}>{ radio(status) }</div>
            }
            if let (StepStatus::Done, Some(day)) = (current, done_on) {
                <p class="rk-done-on">{ fill(t.done_on(), &[("date", &texts.date(day))]) }</p>
            }
        </fieldset>
    }
}

/// What only some kinds of step have: the gate, the checkpoint, the counter link.
fn kind_extras(
    step: &Step,
    tracker: &Tracker,
    today: Day,
    direction: Direction,
    on_action: &Callback<Action>,
    texts: Texts,
) -> Html {
    let content = texts.content();
    let t = &texts.ui().step;
    match &step.kind {
        StepKind::Standard | StepKind::PersonalAdvice => Html::default(),
        StepKind::NoContact => {
            let counter = tracker.no_contact();
            let line = if counter.is_started() {
                let days = counter.current_run(today) as usize;
                texts.count(days, t.stretch_one(), t.stretch_other())
            } else {
                t.counter_intro().to_string()
            };
            html! {
                <div class="rk-note rk-counter-link">
                    <p>{ line }</p>
                    <button type="button" class="primary" onclick={go(on_action, View::NoContact)}>
                        { t.open_counter() }
                    </button>
                </div>
            }
        }
        StepKind::Gated { .. } => match tracker.gate_warning(content, step.id) {
            None => Html::default(),
            Some(warning) => html! {
                <div class="rk-note rk-gate">
                    <p>{ warning.message.clone() }</p>
                    <p id="rk-gate-list-title">{ t.still_open() }</p>
                    <ul class="rk-gate-list" aria-labelledby="rk-gate-list-title">
                        for id in warning.unfinished.iter().copied() {
                            <li key={id.0}>
                                <button type="button" class="rk-link" onclick={go(on_action, View::Step(id))}>
                                    { fill(texts.ui().shell.step_title(), &[("n", &id), ("title", &content.step(id).map_or("", |s| s.title.as_str()))]) }
                                </button>
                            </li>
                        }
                    </ul>
                </div>
            },
        },
        StepKind::Checkpoint {
            question,
            keep_going,
            move_on,
        } => {
            let choose =
                |choice: CheckpointChoice| send_on_click(on_action, Action::Checkpoint(choice));
            let on_switch_back =
                on_action.reform(|()| Action::Checkpoint(CheckpointChoice::KeepGoing));
            html! {
                <div class="rk-note rk-checkpoint">
                    <h3>{ question.clone() }</h3>
                    <p>
                        { t.checkpoint_text() }
                    </p>
                    <p>
                        { t.plan_now() }{ " " }
                        <strong>{ content.plan_mode_label(direction.mode).to_string() }</strong>
                    </p>
                    if !direction.may_reconnect() {
                        // Safety (or their request for distance) decides this, not the checkpoint.
                        if let Some(note) = hidden_contact_note(&direction, &texts.ui().plan) {
                            <p>{ note.to_string() }</p>
                        }
                        <div class="rk-actions">
                            <button type="button" onclick={choose(CheckpointChoice::MoveOn)}>
                                { move_on.clone() }
                            </button>
                        </div>
                    } else if direction.is_moving_on() {
                        <div class="rk-actions">
                            <button type="button" onclick={choose(CheckpointChoice::MoveOn)}>
                                { move_on.clone() }
                            </button>
                        </div>
                        <SwitchBack {texts} on_confirm={on_switch_back} />
                    } else {
                        <div class="rk-actions">
                            <button type="button" onclick={choose(CheckpointChoice::KeepGoing)}>
                                { keep_going.clone() }
                            </button>
                            <button type="button" onclick={choose(CheckpointChoice::MoveOn)}>
                                { move_on.clone() }
                            </button>
                        </div>
                    }
                </div>
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum NoteMode {
    Reading,
    Editing,
    ConfirmingDelete,
}

#[derive(Properties, PartialEq)]
struct NoteItemProps {
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    texts: Texts,
    note: JournalNote,
    on_action: Callback<Action>,
    /// The note was deleted; focus should go somewhere that still exists.
    on_gone: Callback<()>,
}

/// One journal note, with its own edit and delete-confirm state.
#[component]
fn NoteItem(props: &NoteItemProps) -> Html {
    let texts = props.texts;
    let t = &texts.ui().step;
    let mode = use_state_eq(|| NoteMode::Reading);
    let edit_text = use_state(String::new);
    let edit_problem = use_state_eq(|| false);
    let edit_button = use_node_ref();
    let edit_area = use_node_ref();
    let keep_button = use_node_ref();
    let mounted = use_mut_ref(|| false);

    {
        let (edit_button, edit_area, keep_button) =
            (edit_button.clone(), edit_area.clone(), keep_button.clone());
        // Keyboard users stay where they were: into the editor or the question, and
        // back to the Edit button afterwards (but not when the note first appears).
        use_effect_with(*mode, move |mode| {
            let first = !std::mem::replace(&mut *mounted.borrow_mut(), true);
            match mode {
                NoteMode::Editing => focus(&edit_area),
                NoteMode::ConfirmingDelete => focus(&keep_button),
                NoteMode::Reading if !first => focus(&edit_button),
                NoteMode::Reading => {}
            }
        });
    }

    let note = &props.note;
    let id = note.id;
    let area_id = format!("rk-note-edit-{}", id.0);
    let set_mode = |next: NoteMode| {
        let mode = mode.clone();
        let edit_text = edit_text.clone();
        let edit_problem = edit_problem.clone();
        let text = note.text.clone();
        Callback::from(move |_: MouseEvent| {
            if next == NoteMode::Editing {
                edit_text.set(text.clone());
            }
            edit_problem.set(false);
            mode.set(next);
        })
    };
    let on_edit_input = {
        let edit_text = edit_text.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(text) = textarea_value(&event) {
                edit_text.set(text);
            }
        })
    };
    let on_save = {
        let mode = mode.clone();
        let edit_text = edit_text.clone();
        let edit_problem = edit_problem.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if edit_text.trim().is_empty() {
                edit_problem.set(true);
                return;
            }
            on_action.emit(Action::EditNote {
                id,
                text: (*edit_text).clone(),
            });
            mode.set(NoteMode::Reading);
        })
    };
    let on_delete = {
        let on_action = props.on_action.clone();
        let on_gone = props.on_gone.clone();
        Callback::from(move |_: MouseEvent| {
            on_action.emit(Action::DeleteNote(id));
            on_gone.emit(());
        })
    };

    let written = texts.date(note.written_on);
    let dates = match note.edited_on {
        Some(edited) if edited != note.written_on => fill(
            t.written_edited(),
            &[("date", &written), ("edited", &texts.date(edited))],
        ),
        _ => fill(t.written(), &[("date", &written)]),
    };
    let note_from = fill(t.note_from(), &[("date", &written)]);

    html! {
        <li class="rk-note-item">
            <p class="rk-note-date muted">{ dates }</p>
            if *mode == NoteMode::Editing {
                <form class="rk-note-form" onsubmit={on_save}>
                    <label for={area_id.clone()}>{ t.edit_label() }</label>
                    <textarea
                        id={area_id}
                        rows="5"
                        ref={edit_area}
                        value={(*edit_text).clone()}
                        oninput={on_edit_input}
                    />
                    if *edit_problem {
                        <p class="rk-problem">{ t.edit_empty() }</p>
                    }
                    <div class="rk-actions">
                        <button type="submit" class="primary">{ t.save() }</button>
                        <button type="button" onclick={set_mode(NoteMode::Reading)}>{ texts.ui().shell.cancel() }</button>
                    </div>
                </form>
            } else {
                <p class="rk-note-text">{ note.text.clone() }</p>
                if *mode == NoteMode::ConfirmingDelete {
                    <div class="rk-confirm" role="group" aria-labelledby={format!("rk-note-confirm-{}", id.0)}>
                        <p id={format!("rk-note-confirm-{}", id.0)}>{ t.delete_question() }</p>
                        <div class="rk-actions">
                            <button type="button" onclick={on_delete}>{ t.yes_delete() }</button>
                            <button type="button" ref={keep_button} onclick={set_mode(NoteMode::Reading)}>
                                { t.no_keep() }
                            </button>
                        </div>
                    </div>
                } else {
                    <div class="rk-actions">
                        <button type="button" ref={edit_button} onclick={set_mode(NoteMode::Editing)}>
                            { t.edit() }
                            <span class="rk-sr-only">{ " " }{ note_from.clone() }</span>
                        </button>
                        <button type="button" onclick={set_mode(NoteMode::ConfirmingDelete)}>
                            { t.delete() }
                            <span class="rk-sr-only">{ " " }{ note_from }</span>
                        </button>
                    </div>
                }
            }
        </li>
    }
}
