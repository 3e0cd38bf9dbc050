use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::page::{self, Theme};
use crate::state::{Page, PageAction};

/// Where the theme choice is kept (this browser only), as JSON (`static/boot.js` reads it
/// before the app is up).
pub const THEME_KEY: &str = "ecplay.theme";

/// The theme the toggle chose, kept in this browser (not an embed's).
pub fn kept_theme(embed: bool) -> Option<Theme> {
    let kept = if embed { None } else { page::keep_get(THEME_KEY) };
    kept.and_then(|t| serde_json::from_str::<serde_json::Value>(&t).ok()).and_then(|t| t.as_str().and_then(Theme::from_name))
}

/// Whether the page is dark (the theme asked for, or the system's), with the page's
/// `data-theme` kept in step, and the toggle that switches it (remembered, but not by an embed).
#[hook]
pub fn use_theme(page: &UseReducerHandle<Page>, embed: bool) -> (bool, Callback<MouseEvent>) {
    let system_dark = use_state(page::prefers_dark);
    {
        let system_dark = system_dark.clone();
        use_effect_with((), move |_| {
            let listener = Closure::<dyn FnMut(bool)>::new(move |dark| system_dark.set(dark));
            page::on_system_theme(&listener);
            listener.forget(); // for the page's lifetime
        });
    }
    use_effect_with(page.theme, |theme| {
        let root = gloo::utils::document_element();
        let _ = match theme {
            Theme::System => root.remove_attribute("data-theme"),
            t => root.set_attribute("data-theme", t.name()),
        };
    });
    let dark = match page.theme {
        Theme::System => *system_dark,
        t => t == Theme::Dark,
    };
    let toggle = {
        let page = page.clone();
        Callback::from(move |_| {
            let next = if dark { Theme::Light } else { Theme::Dark };
            if !embed {
                let _ = page::keep_set(THEME_KEY, &format!("\"{}\"", next.name()));
            }
            page.dispatch(PageAction::Theme(next));
        })
    };
    (dark, toggle)
}
