//! The playground's components, one per file. [`App`] holds the document's and the page's
//! reducers (through `crate::hooks`) and derives the report and the export; every other
//! component takes the values it shows and a callback (`on_<event>`) for each thing it
//! changes, never a reducer.

mod app;
mod cluster_panel;
mod composer;
mod copy_button;
mod diagnostics;
mod export_panel;
mod first_run;
mod fix_undo;
mod header;
mod import_dialog;
mod learn_panel;
mod notices;
pub(crate) mod pod_panel;
mod preview;
mod share_panel;
pub(crate) mod verdict;

pub use app::App;
pub use cluster_panel::{with_options as cluster_with_options, ClusterPanel};
pub use composer::{form_problems, Composer};
pub use copy_button::CopyButton;
pub use diagnostics::Diagnostics;
pub use export_panel::ExportPanel;
pub use first_run::FirstRun;
pub use fix_undo::FixUndo;
pub use header::Header;
pub use import_dialog::ImportDialog;
pub use learn_panel::LearnPanel;
pub use notices::Notices;
pub use pod_panel::PodPanel;
pub use preview::Preview;
pub use share_panel::SharePanel;
pub use verdict::Verdict;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

pub(crate) fn input_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlInputElement>().value()
}

pub(crate) fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}

pub(crate) fn checked(e: &Event) -> bool {
    e.target_unchecked_into::<HtmlInputElement>().checked()
}

/// `text` cut to its first `max` characters and an ellipsis, when it is longer: for what the
/// page shows of a text that can be kilobytes (a Pod Security message naming every container
/// of a pod of hundreds), laid out again on every keystroke.
pub(crate) fn clipped(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_owned(),
    }
}

/// A paragraph with its `backticks` as code.
pub fn rich(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| if i % 2 == 1 { html! { <code>{ part }</code> } } else { html! { part } }) }
    }
}

#[cfg(test)]
mod tests {
    use super::clipped;

    #[test]
    fn a_long_text_is_cut_on_a_character() {
        assert_eq!(clipped("pods \"p\" is forbidden", 600), "pods \"p\" is forbidden");
        let shown = clipped(&"é".repeat(610), 600);
        assert_eq!(shown.chars().count(), 601);
        assert!(shown.ends_with("é…"), "{shown}");
    }
}
