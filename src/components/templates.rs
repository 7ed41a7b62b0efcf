use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::components::clicks::send_on_click;

use crate::components::plan::hidden_contact_note;
use crate::domain::{Direction, TemplateId, Tracker};
use crate::i18n::{fill, Texts};
use crate::state::{Action, View};

/// What happened to the last copy to the clipboard; the shell sets it.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum CopyState {
    #[default]
    Idle,
    Copied(TemplateId),
    /// The browser refused the clipboard: the view selects the text for a manual copy.
    Refused(TemplateId),
}

#[derive(Properties, PartialEq)]
pub struct TemplatesViewProps {
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    pub texts: Texts,
    pub tracker: Tracker,
    /// Every template is a message to the ex, so none shows while moving on.
    #[prop_or_default]
    pub direction: Direction,
    #[prop_or_default]
    pub copy_state: CopyState,
    pub on_action: Callback<Action>,
    /// Asks the shell to copy this text to the clipboard.
    pub on_copy: Callback<(TemplateId, String)>,
}

/// The message templates.
#[component]
pub fn TemplatesView(props: &TemplatesViewProps) -> Html {
    let texts = props.texts;
    let content = texts.content();
    let t = &texts.ui().templates;
    let shell = &texts.ui().shell;
    let back_to_plan = html! {
        <nav class="rk-step-nav" aria-label={shell.where_next()}>
            <button
                type="button"
                onclick={send_on_click(&props.on_action, Action::Go(View::Plan))}
            >
                { shell.back_to_plan() }
            </button>
        </nav>
    };
    if !props.direction.shows_templates() {
        return html! {
            <section class="card rk-templates" aria-labelledby="rk-templates-title">
                <h2 id="rk-templates-title">{ t.none_title() }</h2>
                if let Some(note) = hidden_contact_note(&props.direction, &texts.ui().plan) {
                    <p>{ note.to_string() }</p>
                }
                { back_to_plan }
            </section>
        };
    }
    html! {
        <section class="card rk-templates" aria-labelledby="rk-templates-title">
            <h2 id="rk-templates-title">{ t.title() }</h2>
            <p class="lead">
                { t.lead() }
            </p>
            <p class="muted">{ t.kept_here() }</p>
            for template in content.templates() {
                <TemplateCard texts={props.texts}
                    key={template.id.as_str()}
                    id={template.id.clone()}
                    text={AttrValue::from(
                        props.tracker.template_text(content, &template.id)
                            .unwrap_or(template.default_text.as_str())
                            .to_string(),
                    )}
                    edited={props.tracker.is_template_edited(&template.id)}
                    copy={match &props.copy_state {
                        CopyState::Copied(id) if *id == template.id => CardCopy::Copied,
                        CopyState::Refused(id) if *id == template.id => CardCopy::Refused,
                        _ => CardCopy::Idle,
                    }}
                    on_action={props.on_action.clone()}
                    on_copy={props.on_copy.clone()}
                />
            }
            { back_to_plan }
        </section>
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CardCopy {
    Idle,
    Copied,
    Refused,
}

#[derive(Properties, PartialEq)]
struct TemplateCardProps {
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    texts: Texts,
    id: TemplateId,
    text: AttrValue,
    edited: bool,
    copy: CardCopy,
    on_action: Callback<Action>,
    on_copy: Callback<(TemplateId, String)>,
}

/// One template; its own component so each textarea has its own ref and effect.
#[component]
fn TemplateCard(props: &TemplateCardProps) -> Html {
    let area = use_node_ref();
    {
        let area = area.clone();
        // When the clipboard is refused, select the words so a manual copy is one
        // gesture away (long-press on a phone, Ctrl+C or Cmd+C elsewhere).
        use_effect_with(props.copy, move |copy| {
            if *copy == CardCopy::Refused {
                if let Some(area) = area.cast::<HtmlTextAreaElement>() {
                    let _ = area.focus();
                    area.select();
                }
            }
        });
    }

    let texts = props.texts;
    let content = texts.content();
    let t = &texts.ui().templates;
    let Some(template) = content.template(&props.id) else {
        return Html::default();
    };
    let from_step = content
        .steps
        .iter()
        .find(|step| step.template.as_ref().is_some_and(|t| t.id == props.id));
    let area_id = format!("rk-template-{}", props.id);
    let title_id = format!("rk-template-title-{}", props.id);
    let status_id = format!("rk-template-status-{}", props.id);

    let on_input = {
        let id = props.id.clone();
        let on_action = props.on_action.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
                on_action.emit(Action::SetTemplate {
                    id: id.clone(),
                    text: area.value(),
                });
            }
        })
    };
    let on_reset = send_on_click(&props.on_action, Action::ResetTemplate(props.id.clone()));
    let on_copy = {
        let id = props.id.clone();
        let text = props.text.to_string();
        props
            .on_copy
            .reform(move |_: MouseEvent| (id.clone(), text.clone()))
    };

    html! {
        <article class="rk-template" aria-labelledby={title_id.clone()}>
            <h3 id={title_id}>{ template.label.clone() }</h3>
            if let Some(step) = from_step {
                <p class="muted rk-template-from">
                    { fill(t.from_step(), &[("n", &step.id), ("title", &step.title)]) }
                </p>
            }
            <p class="rk-note">{ template.note.clone() }</p>
            <label for={area_id.clone()}>{ t.wording() }</label>
            <textarea
                id={area_id}
                ref={area}
                rows="4"
                value={props.text.clone()}
                oninput={on_input}
                aria-describedby={(props.copy != CardCopy::Idle).then(|| status_id.clone())}
            />
            <div class="rk-actions">
                <button type="button" class="primary" onclick={on_copy}>
                    { t.copy() }
                    <span class="rk-sr-only">{ " " }{ texts.lowercase_first(&template.label) }</span>
                </button>
                if props.edited {
                    <button type="button" onclick={on_reset}>
                        { t.reset() }
                    </button>
                }
            </div>
            // Present even when empty, so screen readers are already listening when the
            // confirmation appears.
            <p id={status_id} class="rk-copy-status" role="status">
                {
                    match props.copy {
                        CardCopy::Idle => String::new(),
                        CardCopy::Copied => t.copied().to_string(),
                        CardCopy::Refused => t.refused().to_string(),
                    }
                }
            </p>
        </article>
    }
}
