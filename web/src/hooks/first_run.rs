use yew::prelude::*;

use crate::page;
use crate::storage::FIRST_RUN_STORAGE_KEY;

/// Whether the first-run steps show, and what hides them for good: dismissed once, they stay
/// hidden in this browser. Where storage is refused (or full) they hide for this visit only and
/// show again next time: nothing fails. An embed never shows them.
#[hook]
pub fn use_first_run(embed: bool) -> (bool, Callback<MouseEvent>) {
    let shown = use_state(|| !embed && page::keep_get(FIRST_RUN_STORAGE_KEY).is_none());
    let dismiss = {
        let shown = shown.clone();
        Callback::from(move |_| {
            let _ = page::keep_set(FIRST_RUN_STORAGE_KEY, "dismissed");
            shown.set(false);
        })
    };
    (*shown, dismiss)
}
