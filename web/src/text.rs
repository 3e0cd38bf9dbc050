//! [`Text`]: how the page holds a text the user gave it (the pod's, up to megabytes) and
//! passes it to components, memos and effects.

use std::ops::Deref;
use std::rc::Rc;

use yew::html::{ImplicitClone, IntoPropValue};

/// A shared text, equal at once to a clone of itself. Yew compares props and the
/// dependencies of memos and effects on every render, and `Rc<str>` (like `AttrValue`)
/// compares every byte even of two handles to one allocation: std's same-allocation
/// shortcut is for sized types only. On a pasted 1 MB pod that was seven full comparisons
/// of the pod's text per keystroke, a third of the keystroke's time in WebAssembly
/// (README, "Performance").
#[derive(Clone, Debug, Default)]
pub struct Text(Rc<str>);

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.same(other) || *self.0 == *other.0
    }
}

impl Text {
    /// The same allocation: a clone of `other`, not only the same text.
    pub fn same(&self, other: &Text) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl ImplicitClone for Text {}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl From<Rc<str>> for Text {
    fn from(text: Rc<str>) -> Text {
        Text(text)
    }
}

impl From<String> for Text {
    fn from(text: String) -> Text {
        Text(text.into())
    }
}

impl From<&str> for Text {
    fn from(text: &str) -> Text {
        Text(text.into())
    }
}

impl IntoPropValue<Text> for Rc<str> {
    fn into_prop_value(self) -> Text {
        Text(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_are_equal_without_reading_and_copies_by_their_text() {
        let a = Text::from("apiVersion: v1\n".repeat(1000));
        assert!(a == a.clone());
        assert!(a == Text::from("apiVersion: v1\n".repeat(1000)));
        assert!(a != Text::from("apiVersion: v2\n".repeat(1000)));
        assert_eq!(&*a, &*"apiVersion: v1\n".repeat(1000));
    }
}
