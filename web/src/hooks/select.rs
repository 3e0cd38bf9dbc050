use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// A `<select>` that shows `value`. Yew renders `selected` as an attribute, and an option's
/// attribute stops moving the selection once the user has picked an option by hand (its
/// "dirtiness", HTML's option element): a sample picked after a target chosen by hand left
/// the form showing "(none)". After each render the select is given its value.
#[hook]
pub fn use_select_value(value: &str) -> NodeRef {
    let node = use_node_ref();
    let (select, value) = (node.clone(), value.to_owned());
    use_effect(move || {
        if let Some(select) = select.cast::<HtmlSelectElement>() {
            if select.value() != value {
                select.set_value(&value);
            }
        }
    });
    node
}
