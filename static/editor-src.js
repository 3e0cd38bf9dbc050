// ecplayEditor — the code editor (CodeMirror 6) behind one small global API, called from Rust (web/src/editor.rs).
//   const h = ecplayEditor.create(parentElement, {doc, label, onChange(text), readOnly})
//       YAML highlighting, line numbers, `label` as the aria-label of the editable area,
//       in a shadow root of parentElement; onChange(text) gets the whole text after each user edit.
//   h.setDoc(text)            replace the text without calling onChange (the cursor stays where it can)
//   h.getDoc()                the current text
//   h.setDiagnostics([{line, column, severity, message}])
//                             lint markers; line and column 1-based (column in characters), severity error|warning|info
//   h.focusAt(line, column)   put the cursor there, scroll to it and focus the editor
//   h.destroy()               remove the editor from the page
// Built by `make build` (esbuild, see package.json) into dist/static/editor.js, a classic script
// loaded `async`; it dispatches `ecplay-editor-ready` on window once ecplayEditor is there.

import { minimalSetup } from "codemirror";
import { EditorView, keymap, lineNumbers, highlightActiveLineGutter } from "@codemirror/view";
import { Annotation, EditorState } from "@codemirror/state";
import { HighlightStyle, StreamLanguage, syntaxHighlighting } from "@codemirror/language";
import { tags as t } from "@lezer/highlight";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";

// Marks the transactions made by setDoc, so that they do not call onChange.
const external = Annotation.define();

// A 1-based line and column to a document offset, clamped to the document.
function offsetOf(doc, line, column) {
  const l = doc.line(Math.min(Math.max(1, line | 0), doc.lines));
  return l.from + Math.min(Math.max(0, (column | 0) - 1), l.length);
}

// The marked range: the word (key or scalar) starting at the position, else the point.
function rangeAt(doc, line, column) {
  const from = offsetOf(doc, line, column);
  const rest = doc.sliceString(from, doc.lineAt(from).to);
  const word = /^[^\s:#,[\]{}]+/.exec(rest);
  return { from, to: from + (word ? word[0].length : 0) };
}

const SEVERITIES = new Set(["error", "warning", "info"]);

// YAML highlighting, a line at a time: keys, quoted and block strings, numbers, booleans
// and null, comments, anchors, tags, document markers. A tokenizer rather than a full YAML
// grammar (@codemirror/lang-yaml): the app's own parser judges the text; this only colours
// it, for a fraction of the download and of the start-up time.
const END = /(?=\s*(?:#|$|[,\]}]))/.source;
const ATOM = new RegExp(`^(?:true|false|True|False|TRUE|FALSE|null|Null|NULL|~)${END}`);
const NUMBER = new RegExp(`^[-+]?(?:0x[0-9a-fA-F]+|0o[0-7]+|(?:\\d[\\d_]*)?\\.?\\d+(?:[eE][-+]?\\d+)?|\\.(?:inf|Inf|INF|nan|NaN|NAN))${END}`);
const KEY = /^(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:,[\]{}"'&*!|>%@`-](?:[^:#,[\]{}]|:(?=\S)|[^\s]#)*?|-(?=\S)(?:[^:#,[\]{}]|:(?=\S))*?)(?=\s*:(?:\s|$))/;
const yamlLanguage = StreamLanguage.define({
  name: "yaml",
  startState: () => ({ block: -1, lineIndent: 0 }),
  copyState: (s) => ({ ...s }),
  token(stream, state) {
    if (stream.sol()) {
      state.lineIndent = stream.indentation();
      // The lines of a block scalar (| or >): more indented than the line that opened it.
      if (state.block >= 0) {
        if (state.lineIndent > state.block || /^\s*$/.test(stream.string)) {
          stream.skipToEnd();
          return "string";
        }
        state.block = -1;
      }
      if (stream.match(/^(?:---|\.\.\.)(?=\s|$)/)) return "meta";
    }
    if (stream.eatSpace()) return null;
    const ch = stream.peek();
    if (ch === "#") {
      stream.skipToEnd();
      return "lineComment";
    }
    if (stream.match(/^-(?=\s|$)/) || stream.match(/^:(?=\s|$)/) || stream.match(/^[,[\]{}]/)) return "punctuation";
    if (stream.match(KEY)) return "propertyName.definition";
    if (stream.match(/^[|>][-+0-9]*(?=\s*(?:#|$))/)) {
      state.block = state.lineIndent;
      return "meta";
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/) || stream.match(/^'(?:[^']|'')*'?/)) return "string";
    if (stream.match(/^[&*][^\s,[\]{}]+/)) return "labelName";
    if (stream.match(/^![^\s]*/)) return "typeName";
    if (stream.match(ATOM)) return "bool";
    if (stream.match(NUMBER)) return "number";
    // A plain scalar: up to a comment or, in flow collections, a separator.
    if (!stream.match(/^(?:[^\s,[\]{}#]|(?<=\S)#)+(?:[ \t]+(?:[^\s,[\]{}#]|(?<=\S)#)+)*/)) stream.next();
    return "content";
  },
});

// The page's CSS reaches into the shadow root only through these custom properties
// (static/style.css sets them for the light and the dark theme).
const theme = EditorView.theme({
  "&": {
    minHeight: "var(--editor-min-height, 12rem)", maxHeight: "var(--editor-max-height, 70vh)", fontSize: "var(--editor-font-size, 0.9rem)",
    color: "var(--fg, #1a1a1a)", backgroundColor: "var(--panel, #fff)",
  },
  "&.cm-focused": { outline: "2px solid var(--editor-focus, #1d4ed8)", outlineOffset: "-2px" },
  ".cm-scroller": { fontFamily: "var(--editor-font, ui-monospace, monospace)" },
  ".cm-gutters": { backgroundColor: "var(--cm-gutter, #f4f4f5)", color: "var(--cm-gutter-fg, #6b7280)", borderRight: "1px solid var(--border, #ddd)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--cm-active, #eef2ff)" },
  ".cm-content": { caretColor: "var(--cm-cursor, #111)" },
  ".cm-cursor, .cm-dropCursor": { borderLeftColor: "var(--cm-cursor, #111)" },
  "&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--cm-selection, #c7d2fe)" },
  ".cm-tooltip": { backgroundColor: "var(--panel, #fff)", color: "var(--fg, #1a1a1a)", border: "1px solid var(--border, #ddd)" },
});

// YAML's tokens (@lezer/yaml's tags) in the page's colours, so that both themes read well.
const highlight = HighlightStyle.define([
  { tag: [t.definition(t.propertyName), t.propertyName], color: "var(--hl-key)" },
  { tag: [t.string, t.special(t.string)], color: "var(--hl-string)" },
  { tag: [t.number, t.bool, t.null, t.atom], color: "var(--hl-number)" },
  { tag: [t.keyword, t.typeName, t.labelName], color: "var(--hl-keyword)" },
  { tag: t.lineComment, color: "var(--hl-comment)", fontStyle: "italic" },
  { tag: [t.meta, t.attributeValue], color: "var(--hl-meta)" },
]);

function create(parent, { doc = "", label = "Editor", onChange = () => {}, readOnly = false } = {}) {
  // In a shadow root, CodeMirror's styles go into a constructed stylesheet (CSSOM) instead
  // of a <style> element, which the page's CSP (style-src 'self') would block.
  const root = parent.shadowRoot ?? parent.attachShadow({ mode: "open" });
  const view = new EditorView({
    parent: root,
    root,
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        minimalSetup,
        theme,
        syntaxHighlighting(highlight),
        yamlLanguage,
        lintGutter(),
        keymap.of(lintKeymap),
        EditorState.readOnly.of(!!readOnly),
        EditorView.contentAttributes.of({ "aria-label": label }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged && !u.transactions.some((t) => t.annotation(external))) onChange(u.state.doc.toString());
        }),
      ],
    }),
  });

  return {
    getDoc: () => view.state.doc.toString(),

    setDoc(text) {
      const old = view.state.doc.toString();
      if (text === old) return;
      // Replace only what differs, so the selection maps through the change.
      let start = 0;
      const max = Math.min(old.length, text.length);
      while (start < max && old.charCodeAt(start) === text.charCodeAt(start)) start++;
      let end = 0;
      while (end < max - start && old.charCodeAt(old.length - 1 - end) === text.charCodeAt(text.length - 1 - end)) end++;
      view.dispatch({
        changes: { from: start, to: old.length - end, insert: text.slice(start, text.length - end) },
        annotations: external.of(true),
      });
    },

    setDiagnostics(list) {
      const doc = view.state.doc;
      const diagnostics = (list || []).map((d) => ({
        ...rangeAt(doc, d.line, d.column),
        severity: SEVERITIES.has(d.severity) ? d.severity : "info",
        message: String(d.message ?? ""),
      }));
      view.dispatch(setDiagnostics(view.state, diagnostics));
    },

    focusAt(line, column) {
      const pos = offsetOf(view.state.doc, line, column);
      view.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
      view.focus();
    },

    destroy: () => view.destroy(),
  };
}

globalThis.ecplayEditor = Object.freeze({ create });
// The page loads this script `async`: an app that is up before it waits for this event.
globalThis.dispatchEvent(new Event("ecplay-editor-ready"));
