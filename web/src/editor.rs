//! The code editor: a text area over a coloured layer, minified from `static/editor-src.js` into
//! `static/editor.js` (a classic script that defines the global `ecplayEditor`; see the
//! doc comment at the top of `static/editor-src.js`), and a Yew component around it.
//!
//! On the host (where there is no JavaScript) the bindings compile but must not be called.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use yew::prelude::*;

use crate::text::Text;

#[wasm_bindgen]
extern "C" {
    /// One editor, as `ecplayEditor.create` returns it.
    pub type EditorHandle;

    #[wasm_bindgen(js_namespace = ecplayEditor, js_name = create)]
    fn create_raw(parent: &web_sys::Element, options: &JsValue) -> EditorHandle;

    /// Replaces the text without calling `onChange`, keeping the cursor where it can.
    #[wasm_bindgen(method, js_name = setDoc)]
    pub fn set_doc(this: &EditorHandle, text: &str);

    #[wasm_bindgen(method, js_name = getDoc)]
    pub fn get_doc(this: &EditorHandle) -> String;

    #[wasm_bindgen(method, js_name = setDiagnostics)]
    fn set_diagnostics_raw(this: &EditorHandle, diagnostics: &js_sys::Array);

    /// Moves the cursor to a 1-based line and column, scrolls there and focuses the editor.
    #[wasm_bindgen(method, js_name = focusAt)]
    pub fn focus_at(this: &EditorHandle, line: u32, column: u32);

    #[wasm_bindgen(method)]
    pub fn destroy(this: &EditorHandle);
}

/// A marker in the editor: 1-based line and column (in characters), as
/// `ecplay_core::diag::Diagnostic` places them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Marker {
    pub line: u32,
    pub column: u32,
    /// `error`, `warning` or `info` (`Severity::as_str`).
    pub severity: &'static str,
    pub message: String,
}

fn set(target: &js_sys::Object, key: &str, value: &JsValue) {
    // Reflect::set on a plain object cannot fail.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
}

impl EditorHandle {
    /// Creates an editor in `parent`. `on_change` receives the whole text after each edit
    /// made by the user (not after `set_doc`).
    pub fn create(
        parent: &web_sys::Element,
        doc: &str,
        label: &str,
        read_only: bool,
        on_change: Callback<String>,
    ) -> (EditorHandle, Closure<dyn Fn(String)>) {
        let options = js_sys::Object::new();
        set(&options, "doc", &doc.into());
        set(&options, "label", &label.into());
        set(&options, "readOnly", &read_only.into());
        let closure = Closure::<dyn Fn(String)>::new(move |text: String| on_change.emit(text));
        set(&options, "onChange", closure.as_ref());
        (create_raw(parent, &options), closure)
    }

    pub fn set_diagnostics(&self, markers: &[Marker]) {
        let list = js_sys::Array::new();
        for m in markers {
            let o = js_sys::Object::new();
            set(&o, "line", &m.line.into());
            set(&o, "column", &m.column.into());
            set(&o, "severity", &m.severity.into());
            set(&o, "message", &m.message.as_str().into());
            list.push(&o);
        }
        self.set_diagnostics_raw(&list);
    }
}

/// What `static/editor-src.js` dispatches on `window` once `ecplayEditor` is defined.
const READY_EVENT: &str = "ecplay-editor-ready";

/// Whether the editor's script has run.
fn editor_loaded() -> bool {
    js_sys::Reflect::get(&gloo::utils::window(), &JsValue::from_str("ecplayEditor")).is_ok_and(|v| !v.is_undefined())
}

#[derive(Properties, Clone, PartialEq)]
pub struct CodeEditorProps {
    /// The accessible name of the editor (its `aria-label`), also shown as its label.
    pub label: AttrValue,
    pub doc: Text,
    #[prop_or_default]
    pub markers: Rc<Vec<Marker>>,
    #[prop_or_default]
    pub read_only: bool,
    #[prop_or_default]
    pub on_change: Callback<String>,
    /// Moves the cursor to a line and column when it changes (the third number makes a
    /// repeated request to the same place a change).
    #[prop_or_default]
    pub focus: Option<(u32, u32, u32)>,
}

struct Live {
    handle: EditorHandle,
    _on_change: Closure<dyn Fn(String)>,
}

/// The editor in a Yew component. The text is owned by the parent: edits come out through
/// `on_change`, and a `doc` that differs from the editor's text is put in with `setDoc`.
#[component]
pub fn CodeEditor(props: &CodeEditorProps) -> Html {
    let host = use_node_ref();
    let live: Rc<RefCell<Option<Live>>> = use_mut_ref(|| None);
    // The latest callback, so that the editor (created once) always calls the current one.
    let on_change = use_mut_ref(Callback::<String>::noop);
    *on_change.borrow_mut() = props.on_change.clone();

    // The latest text and markers: the editor may be created after a few renders (below).
    let latest = use_mut_ref(|| (Text::default(), Rc::new(Vec::new())));
    *latest.borrow_mut() = (props.doc.clone(), props.markers.clone());
    {
        let (host, live, on_change, latest) = (host.clone(), live.clone(), on_change.clone(), latest.clone());
        let (label, read_only) = (props.label.clone(), props.read_only);
        // The editor's script loads without holding up the page (`async` in index.html):
        // until it is there, the rest of the playground is already usable.
        let waiting: Rc<RefCell<Option<gloo::events::EventListener>>> = use_mut_ref(|| None);
        use_effect_with((), move |_| {
            let make = {
                let live = live.clone();
                move || {
                    let Some(parent) = host.cast::<web_sys::Element>() else { return };
                    let forward = Callback::from(move |text: String| on_change.borrow().emit(text));
                    let (doc, markers) = latest.borrow().clone();
                    let (handle, closure) = EditorHandle::create(&parent, &doc, &label, read_only, forward);
                    handle.set_diagnostics(&markers);
                    *live.borrow_mut() = Some(Live { handle, _on_change: closure });
                }
            };
            if editor_loaded() {
                make();
            } else {
                let window = gloo::utils::window();
                *waiting.borrow_mut() = Some(gloo::events::EventListener::once(&window, READY_EVENT, move |_| make()));
            }
            move || {
                waiting.borrow_mut().take();
                if let Some(l) = live.borrow_mut().take() {
                    l.handle.destroy();
                }
            }
        });
    }
    {
        let live = live.clone();
        use_effect_with(props.doc.clone(), move |doc| {
            if let Some(l) = live.borrow().as_ref() {
                if l.handle.get_doc() != **doc {
                    l.handle.set_doc(doc);
                }
            }
        });
    }
    {
        let live = live.clone();
        use_effect_with(props.markers.clone(), move |markers| {
            if let Some(l) = live.borrow().as_ref() {
                l.handle.set_diagnostics(markers);
            }
        });
    }
    {
        let live = live.clone();
        use_effect_with(props.focus, move |focus| {
            if let (Some((line, column, _)), Some(l)) = (focus, live.borrow().as_ref()) {
                l.handle.focus_at(*line, *column);
            }
        });
    }
    // The editor's accessible name is its aria-label; this is the same name for the eye.
    html! {
        <div class="editor-wrap">
            <span class="editor-label" aria-hidden="true">{ props.label.clone() }</span>
            <div class="editor" ref={host}></div>
        </div>
    }
}
