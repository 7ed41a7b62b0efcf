use yew::prelude::*;

use crate::components::clicks::call_on_click;

use crate::i18n::Texts;

#[derive(Properties, PartialEq)]
pub struct SwitchBackProps {
    /// The words to show, in the reader's language (English unless the shell says).
    #[prop_or_default]
    pub texts: Texts,
    /// The reader confirmed: switch the plan back to reconnecting.
    pub on_confirm: Callback<()>,
}

/// Switching from moving on back to reconnecting brings back the steps about contacting
/// the ex, so it takes a second, deliberate click.
#[component]
pub fn SwitchBack(props: &SwitchBackProps) -> Html {
    let t = &props.texts.ui().plan;
    let confirming = use_state_eq(|| false);
    let keep_button = use_node_ref();
    {
        let keep_button = keep_button.clone();
        // Keyboard users land on the safer answer, so Enter pressed twice keeps them
        // where they are.
        use_effect_with(*confirming, move |open| {
            if *open {
                if let Some(button) = keep_button.cast::<web_sys::HtmlElement>() {
                    let _ = button.focus();
                }
            }
        });
    }
    if !*confirming {
        let onclick = {
            let confirming = confirming.clone();
            Callback::from(move |_: MouseEvent| confirming.set(true))
        };
        return html! {
            <p class="rk-switch-back">
                <button type="button" {onclick}>{ t.switch_back() }</button>
            </p>
        };
    }
    let on_yes = call_on_click(&props.on_confirm);
    let on_no = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(false))
    };
    html! {
        <div class="rk-note rk-switch-back" role="group" aria-labelledby="rk-switch-back-question">
            <p id="rk-switch-back-question">
                { t.switch_back_question() }
            </p>
            <div class="rk-actions">
                <button type="button" class="primary" ref={keep_button} onclick={on_no}>
                    { t.keep_moving_on() }
                </button>
                <button type="button" onclick={on_yes}>{ t.yes_switch_back() }</button>
            </div>
        </div>
    }
}
