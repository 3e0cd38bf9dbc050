//! The app's hooks: the playground's two reducers and what keeps them in storage
//! (`playground.rs`), the report and the export derived from the document (`judge.rs`), a
//! sample picked (`samples.rs`), share links (`links.rs`), the first-run steps (`first_run.rs`), the theme (`theme.rs`) and a
//! `<select>` that shows its value (`select.rs`). Storage, the URL, timers and listeners live
//! here, in effects; the reducers (`state.rs`) stay pure.

mod admission;
mod first_run;
mod judge;
mod links;
mod playground;
mod samples;
mod select;
mod theme;

use std::rc::Rc;

pub use admission::{cluster_json, refusal, use_admission, use_fixes, Admission, Fixed};
pub use first_run::use_first_run;
pub use judge::{form_name, use_export, use_extra_pod, use_report, ExportInView, PodRead};
pub use links::use_share_links;
pub use playground::{use_other_tab, use_playground, Playground};
pub use samples::use_sample_pick;
pub use select::use_select_value;
pub use theme::use_theme;

/// A memoised value (a report, a reading of the pod), compared by identity: `use_memo`
/// makes a new one only when the texts change.
pub struct Judged<T>(pub Rc<T>);

impl<T> Clone for Judged<T> {
    fn clone(&self) -> Self {
        Judged(self.0.clone())
    }
}

impl<T> PartialEq for Judged<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Judged<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
