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

/// A paragraph with its `backticks` as code.
pub fn rich(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| if i % 2 == 1 { html! { <code>{ part }</code> } } else { html! { part } }) }
    }
}
