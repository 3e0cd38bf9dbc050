// ecplayEditor — the code editor behind one small global API, called from Rust (web/src/editor.rs).
//   const h = ecplayEditor.create(parentElement, {doc, label, onChange(text), readOnly})
//       YAML highlighting, line numbers, lint marks; `label` is the aria-label of the text area;
//       onChange(text) gets the whole text after each user edit.
//   h.setDoc(text)            replace the text without calling onChange (the cursor stays where it can)
//   h.getDoc()                the current text
//   h.setDiagnostics([{line, column, severity, message}])
//                             lint marks; line and column 1-based (column in characters), severity error|warning|info
//   h.focusAt(line, column)   put the cursor there, scroll to it and focus the editor
//   h.undo(), h.redo()        take the last change back, or make it again (false when there is none)
//   h.destroy()               remove the editor from the page
// Built by `make build` (esbuild) into dist/static/editor.js, a classic script loaded `async`;
// it dispatches `ecplay-editor-ready` on window once ecplayEditor is there.
//
// A plain <textarea> does the editing: typing, selection, input methods, undo, the clipboard,
// find in page and the screen reader all come from the browser (undo is the editor's own:
// see `record`). Beneath it, a layer shows the
// same text coloured, with the lint marks; it draws only the lines in view, so a 1 MB pod
// costs what a short one does. Both use one monospace font and one line height (static/style.css,
// `.ed`), so the layer's glyphs stand exactly under the text area's invisible ones.

// YAML highlighting, a line at a time: keys, quoted and block strings, numbers, booleans
// and null, comments, anchors, tags, document markers. It only colours: the app's own
// parser judges the text. Sticky regular expressions match at the tokenizer's position.
const END = /(?=\s*(?:#|$|[,\]}]))/.source;
const DOC_MARK = /(?:---|\.\.\.)(?=\s|$)/y;
const SPACE = /\s+/y;
const PUNCT = /-(?=\s|$)|:(?=\s|$)|[,[\]{}]/y;
const KEY = /(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:,[\]{}"'&*!|>%@`-](?:[^:#,[\]{}]|:(?=\S)|[^\s]#)*?|-(?=\S)(?:[^:#,[\]{}]|:(?=\S))*?)(?=\s*:(?:\s|$))/y;
const BLOCK = /[|>][-+0-9]*(?=\s*(?:#|$))/y;
const QUOTED = /"(?:[^"\\]|\\.)*"?|'(?:[^']|'')*'?/y;
const ANCHOR = /[&*][^\s,[\]{}]+/y;
const TAG = /![^\s]*/y;
const ATOM = new RegExp(`(?:true|false|True|False|TRUE|FALSE|null|Null|NULL|~)${END}`, "y");
const NUMBER = new RegExp(`[-+]?(?:0x[0-9a-fA-F]+|0o[0-7]+|(?:\\d[\\d_]*)?\\.?\\d+(?:[eE][-+]?\\d+)?|\\.(?:inf|Inf|INF|nan|NaN|NAN))${END}`, "y");
const PLAIN = /(?:[^\s,[\]{}#]|(?<=\S)#)+(?:[ \t]+(?:[^\s,[\]{}#]|(?<=\S)#)+)*/y;
const BLANK = /^\s*$/;

// The class of each token (static/style.css colours them); null is plain text.
const RULES = [
  [PUNCT, null], [KEY, "t-key"], [BLOCK, "t-meta"], [QUOTED, "t-str"], [ANCHOR, "t-kw"],
  [TAG, "t-kw"], [ATOM, "t-num"], [NUMBER, "t-num"], [PLAIN, null],
];

function indentOf(text) {
  SPACE.lastIndex = 0;
  return SPACE.test(text) ? SPACE.lastIndex : 0;
}

/** The block state at the start of the line after `text`, given `block`, the state at the
 * start of `text`'s own line. A state is the indentation of the line that opened the block
 * scalar (| or >) the line is in, else -1. */
function nextBlock(block, text) {
  const indent = indentOf(text);
  if (block >= 0 && (indent > block || BLANK.test(text))) return block;
  // Only a line with a | or > can open one (the tokenizer says whether it does).
  if (!/[|>]/.test(text)) return -1;
  return tokenize(text, -1).some(([cls]) => cls === "t-block") ? indent : -1;
}

/** The tokens of one line as [class, start, end], given the block state at its start. */
function tokenize(text, block) {
  const out = [];
  if (block >= 0 && (indentOf(text) > block || BLANK.test(text))) {
    out.push(["t-str", 0, text.length]);
    return out;
  }
  let pos = 0;
  DOC_MARK.lastIndex = 0;
  if (DOC_MARK.test(text)) {
    out.push(["t-doc", 0, DOC_MARK.lastIndex]);
    pos = DOC_MARK.lastIndex;
  }
  while (pos < text.length) {
    SPACE.lastIndex = pos;
    if (SPACE.test(text)) {
      pos = SPACE.lastIndex;
      continue;
    }
    if (text[pos] === "#") {
      out.push(["t-com", pos, text.length]);
      break;
    }
    let matched = false;
    for (const [re, cls] of RULES) {
      re.lastIndex = pos;
      if (re.test(text) && re.lastIndex > pos) {
        out.push([re === BLOCK ? "t-block" : cls, pos, re.lastIndex]);
        pos = re.lastIndex;
        matched = true;
        break;
      }
    }
    if (!matched) pos++;
  }
  return out;
}

const escapeHtml = (s) => s.replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));

// A line's marks in its number's tooltip, each cut to what a tooltip shows (a Pod Security
// message naming hundreds of containers is whole under the editor and in the Diagnostics).
const TIP = 300;
const clip = (s) => (s.length > TIP ? `${s.slice(0, TIP).replace(/[\uD800-\uDBFF]$/, "")}…` : s);

function span(cls, text) {
  return cls ? `<span class="${cls}">${escapeHtml(text)}</span>` : escapeHtml(text);
}

/** One line as HTML: its tokens, and its lint marks ([from, to, severity], sorted) around them. */
function lineHtml(text, block, marks) {
  // Every place where a token or a mark starts or ends cuts the line into pieces.
  const tokens = tokenize(text, block).map(([cls, from, to]) => [cls === "t-block" || cls === "t-doc" ? "t-meta" : cls, from, to]);
  const cuts = new Set([0, text.length]);
  for (const [, from, to] of tokens) cuts.add(from).add(to);
  for (const [from, to] of marks) cuts.add(Math.min(from, text.length)).add(Math.min(to, text.length));
  const points = [...cuts].sort((a, b) => a - b);
  let html = "";
  let t = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    while (t < tokens.length && tokens[t][2] <= from) t++;
    const cls = t < tokens.length && tokens[t][1] <= from ? tokens[t][0] : null;
    const mark = marks.find(([a, b]) => a <= from && to <= b);
    const inner = span(cls, text.slice(from, to));
    html += mark ? `<span class="lint lint-${mark[2]}">${inner}</span>` : inner;
  }
  // A mark past the end of its line (nothing to underline) shows as a point.
  for (const [from, , severity] of marks) if (from >= text.length) html += `<span class="lint-point lint-${severity}"></span>`;
  return html;
}

const SEVERITIES = ["error", "warning", "info"];
let editors = 0;
// Lines longer than this are drawn without colours, only the part in view.
const LONG = 4000;
// The undo steps kept, and the characters they may hold (a few pasted megabyte pods).
const STEPS = 500;
const HELD = 8_000_000;

function create(parent, { doc = "", label = "Editor", onChange = () => {}, readOnly = false } = {}) {
  const el = (tag, cls) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    return e;
  };
  const root = el("div", "ed");
  const gutter = el("div", "ed-gutter");
  const numbers = el("div", "ed-numbers");
  const body = el("div", "ed-body");
  const view = el("div", "ed-view");
  const lines = el("div", "ed-lines");
  const area = el("textarea", "ed-input");
  const message = el("div", "ed-message");
  gutter.setAttribute("aria-hidden", "true");
  view.setAttribute("aria-hidden", "true");
  for (const [k, v] of [["aria-label", label], ["spellcheck", "false"], ["autocomplete", "off"], ["autocapitalize", "off"], ["autocorrect", "off"], ["wrap", "off"]]) area.setAttribute(k, v);
  area.readOnly = !!readOnly;
  message.hidden = true;
  // The cursor line's messages describe the text area for screen readers too.
  message.id = `ed-message-${++editors}`;
  area.setAttribute("aria-describedby", message.id);
  gutter.append(numbers);
  view.append(lines);
  body.append(view, area);
  root.append(gutter, body);
  parent.append(root, message);

  let text = "";
  let starts = [0]; // the offset where each line starts
  const blocks = [-1]; // the block state at the start of each line, known up to blocks.length - 1
  let marks = new Map(); // line index -> [[from, to, severity, message]]
  let drawn = "";
  let caretLine = -1;

  const style = getComputedStyle(area);
  const lineHeight = parseFloat(style.lineHeight) || 20;
  const padTop = parseFloat(style.paddingTop) || 0;
  const padBottom = parseFloat(style.paddingBottom) || 0;
  let charWidth = 0;
  // What layout tells (the scroll offsets, the height in view, a horizontal scrollbar's
  // height) is kept from the last layout the browser made for itself (scroll events, the
  // resize observer), not asked for while the page is being built or typed into: asking
  // then makes the browser lay out the whole page, several times per keystroke.
  let scrollTop = 0;
  let scrollLeft = 0;
  let viewHeight = window.innerHeight;
  let viewWidth = window.innerWidth;
  let sideways = 0;

  const lineCount = () => starts.length;
  const lineText = (i) => text.slice(starts[i], i + 1 < starts.length ? starts[i + 1] - 1 : text.length);
  const lineOf = (offset) => {
    let [lo, hi] = [0, starts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const blockAt = (i) => {
    for (let j = blocks.length; j <= i; j++) blocks.push(nextBlock(blocks[j - 1], lineText(j - 1)));
    return blocks[i];
  };

  function setText(next) {
    // The colouring state of the lines before the first change stays good.
    let same = 0;
    const max = Math.min(text.length, next.length);
    while (same < max && text.charCodeAt(same) === next.charCodeAt(same)) same++;
    const keep = lineOf(same) + 1;
    if (blocks.length > keep) blocks.length = keep;
    text = next;
    starts = [0];
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
    drawn = "";
    resize();
  }

  // Tall enough for every line, within the CSS's min-height and max-height.
  function resize() {
    area.style.height = `${lineCount() * lineHeight + padTop + padBottom + sideways}px`;
    const digits = String(lineCount()).length;
    numbers.style.minWidth = `${Math.max(2, digits) + 1}ch`;
  }

  function draw() {
    const top = scrollTop;
    const left = scrollLeft;
    const first = Math.max(0, Math.floor((top - padTop) / lineHeight) - 2);
    const last = Math.min(lineCount() - 1, Math.ceil((top + viewHeight) / lineHeight) + 2);
    const key = `${first}:${last}:${caretLine}:${Math.round(left / 200)}`;
    if (key !== drawn) {
      drawn = key;
      let html = "";
      let gutterHtml = "";
      for (let i = first; i <= last; i++) {
        const t = lineText(i);
        const m = marks.get(i) ?? [];
        if (t.length > LONG) {
          // Only the columns in view (a monospace font: a column is a character's width).
          if (!charWidth) charWidth = measureChar();
          const from = Math.max(0, Math.floor(left / charWidth) - 200);
          const to = from + Math.ceil(viewWidth / charWidth) + 400;
          html += `<div class="ed-line ed-long" data-from="${from}">${escapeHtml(t.slice(from, to))}</div>`;
        } else {
          html += `<div class="ed-line">${lineHtml(t, blockAt(i), m)}</div>`;
        }
        const worst = SEVERITIES.find((s) => m.some((x) => x[2] === s));
        const title = m.length ? ` title="${escapeHtml(m.map((x) => `${x[2]}: ${clip(x[3])}`).join("\n")).replace(/"/g, "&quot;")}"` : "";
        const cls = `ed-number${worst ? ` has-${worst}` : ""}${i === caretLine ? " active" : ""}`;
        gutterHtml += `<div class="${cls}"${title}>${i + 1}</div>`;
      }
      lines.innerHTML = html;
      // Set through the CSSOM: the page's CSP allows no style attribute in markup.
      for (const long of lines.querySelectorAll(".ed-long")) long.style.paddingLeft = `${Number(long.dataset.from) * charWidth}px`;
      numbers.innerHTML = gutterHtml;
      lines.dataset.first = first;
    }
    const y = Number(lines.dataset.first) * lineHeight - top;
    lines.style.transform = `translate(${-left}px, ${y}px)`;
    numbers.style.transform = `translateY(${y}px)`;
  }

  // The app puts its text and its marks in one after the other: drawn once, at the end of
  // that task (a microtask, before the browser lays out or paints).
  let soon = false;
  function drawSoon() {
    if (soon) return;
    soon = true;
    queueMicrotask(() => {
      soon = false;
      draw();
    });
  }

  function measureChar() {
    const probe = el("span");
    probe.textContent = "0".repeat(100);
    lines.append(probe);
    const w = probe.getBoundingClientRect().width / 100;
    probe.remove();
    return w || 8;
  }

  // The caret's line: active in the gutter, and its lint messages under the editor.
  function caret() {
    const line = lineOf(area.selectionEnd);
    if (line !== caretLine) {
      caretLine = line;
      draw();
    }
    const m = document.activeElement === area ? marks.get(line) ?? [] : [];
    const next = m.map((x) => `${x[2]}: ${x[3]}`).join("\n");
    if (message.textContent !== next) {
      message.textContent = next;
      message.className = `ed-message lint-${SEVERITIES.find((s) => m.some((x) => x[2] === s)) ?? "info"}`;
      message.hidden = !next;
    }
  }

  // Enter keeps the line's indentation, and indents one step more after a key that opens a
  // mapping or a list (`securityContext:`) or inside a list item (`- name: x`); Backspace
  // takes a step back (`dedent`). Both go in as typing, so that undo takes them back.
  function newline(e) {
    if (e.shiftKey || e.ctrlKey || e.altKey || e.metaKey || e.isComposing || area.readOnly) return;
    if (e.key === "Backspace") return dedent(e);
    if (e.key !== "Enter") return;
    const at = area.selectionStart;
    const before = text.slice(text.lastIndexOf("\n", at - 1) + 1, at);
    let indent = /^[ \t]*/.exec(before)[0];
    if (/:[ \t]*$/.test(before) || /^[ \t]*- /.test(before)) indent += "  ";
    if (!indent) return;
    e.preventDefault();
    if (!document.execCommand("insertText", false, `\n${indent}`)) {
      area.setRangeText(`\n${indent}`, at, area.selectionEnd, "end");
      area.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertLineBreak" }));
    }
  }

  // Backspace in a line's leading spaces takes one step of indentation back (two spaces).
  function dedent(e) {
    const at = area.selectionStart;
    if (at !== area.selectionEnd) return;
    const before = text.slice(text.lastIndexOf("\n", at - 1) + 1, at);
    if (before.length < 2 || !/^ +$/.test(before)) return;
    e.preventDefault();
    area.setSelectionRange(at - (before.length % 2 || 2), at);
    if (!document.execCommand("delete")) {
      area.setRangeText("", area.selectionStart, at, "end");
      area.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "deleteContentBackward" }));
    }
  }

  // Undo and redo, the editor's own. The text area's undo knows nothing of text the app puts
  // in (a form edit, a profile switched, a sample picked): Ctrl+Z skipped those, or undid the
  // wrong thing. Every change is a step here: where, what went out and what came in, and the
  // selection before and after. A run of typed characters (or of Backspaces) is one step, as
  // in a text area, and so is a run of characters typed in a form field; a paste, a line
  // break and any other change are steps of their own.
  // Within the element marked `data-undo-scope` around the editor (the composer), Ctrl+Z
  // and Ctrl+Shift+Z in a control that has no undo of its own (a select, a checkbox) take
  // this editor's steps: the form's changes are the YAML's.
  const done = [];
  const undone = [];
  let held = 0; // characters kept in the steps, at most HELD
  let selection = [0, 0]; // the selection before the change under way
  function record(before, after, kind, selBefore) {
    if (before === after) return;
    let at = 0;
    const max = Math.min(before.length, after.length);
    while (at < max && before.charCodeAt(at) === after.charCodeAt(at)) at++;
    let end = 0;
    while (end < max - at && before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)) end++;
    const step = { at, out: before.slice(at, before.length - end), in: after.slice(at, after.length - end), sel: selBefore, after: [area.selectionStart, area.selectionEnd], kind, time: Date.now() };
    if (step.in.includes("\n")) step.kind = "other"; // a new line starts a step of its own
    const last = done[done.length - 1];
    // A run of typing (in the editor, or in one of the form's fields) within a second.
    const typing = step.kind !== "other" && last?.kind === step.kind && step.time - last.time < 1000;
    undone.length = 0;
    if (typing && !step.out && !last.out && last.at + last.in.length === at) {
      last.in += step.in;
    } else if (typing && !step.in && !last.in && at + step.out.length === last.at) {
      last.out = step.out + last.out;
      last.at = at;
    } else {
      done.push(step);
      held += step.out.length + step.in.length;
      while (done.length > 1 && (done.length > STEPS || held > HELD)) {
        const old = done.shift();
        held -= old.out.length + old.in.length;
      }
      return;
    }
    last.after = step.after;
    last.time = step.time;
    held += step.out.length + step.in.length;
  }
  function replay(step, forward) {
    const [out, put] = forward ? [step.out, step.in] : [step.in, step.out];
    if (area.value.slice(step.at, step.at + out.length) !== out) return false;
    area.setRangeText(put, step.at, step.at + out.length, "end");
    setText(area.value);
    const [a, b] = forward ? step.after : step.sel;
    area.setSelectionRange(Math.min(a, text.length), Math.min(b, text.length));
    draw();
    caret();
    onChange(text);
    return true;
  }
  const undo = () => {
    const step = done.pop();
    if (!step) return false;
    undone.push(step);
    return replay(step, false);
  };
  const redo = () => {
    const step = undone.pop();
    if (!step) return false;
    done.push(step);
    return replay(step, true);
  };
  /** Which of undo and redo a key press asks for, if either. */
  const historyKey = (e) => {
    if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
    const k = e.key.toLowerCase();
    if (k === "z") return e.shiftKey ? redo : undo;
    if (k === "y" && !e.shiftKey) return redo;
    return null;
  };
  function onKey(e) {
    const act = historyKey(e);
    if (act && !area.readOnly) {
      e.preventDefault();
      act();
      return;
    }
    newline(e);
  }
  // A control of the scope without an undo of its own: not a text field.
  const ownUndo = (el) => el.isContentEditable || el.tagName === "TEXTAREA" || (el.tagName === "INPUT" && !["checkbox", "radio", "button", "submit", "reset", "file", "color", "range"].includes(el.type));
  const scope = parent.closest("[data-undo-scope]");
  function onScopeKey(e) {
    if (e.defaultPrevented || e.target === area || ownUndo(e.target) || area.readOnly) return;
    const act = historyKey(e);
    if (act) {
      e.preventDefault();
      act();
    }
  }

  const listeners = [
    [area, "keydown", onKey],
    [area, "beforeinput", (e) => {
      if (e.inputType === "historyUndo" || e.inputType === "historyRedo") {
        e.preventDefault();
        if (!area.readOnly) (e.inputType === "historyUndo" ? undo : redo)();
        return;
      }
      selection = [area.selectionStart, area.selectionEnd];
    }],
    [area, "input", (e) => {
      const typed = e.inputType === "insertText" || e.inputType === "deleteContentBackward" || e.inputType === "deleteContentForward";
      record(text, area.value, typed ? "type" : "other", selection);
      setText(area.value);
      draw();
      caret();
      onChange(text);
    }],
    [area, "scroll", () => {
      scrollTop = area.scrollTop;
      scrollLeft = area.scrollLeft;
      draw();
    }],
    [area, "keyup", caret],
    [area, "click", caret],
    [area, "focus", caret],
    [area, "blur", caret],
    [area, "select", caret],
  ];
  if (scope) listeners.push([scope, "keydown", onScopeKey]);
  for (const [target, type, fn] of listeners) target.addEventListener(type, fn);
  // A change of size (the window, the layout, a horizontal scrollbar that comes or goes)
  // changes what is in view. The browser has just laid the page out: reading is free here.
  const resized = new ResizeObserver(() => {
    viewHeight = area.clientHeight;
    viewWidth = area.clientWidth;
    scrollTop = area.scrollTop;
    scrollLeft = area.scrollLeft;
    const bar = area.scrollWidth > area.clientWidth ? area.offsetHeight - area.clientHeight : 0;
    if (bar !== sideways) {
      sideways = bar;
      resize();
    }
    drawn = "";
    draw();
  });
  resized.observe(area);

  area.value = doc;
  setText(area.value);
  draw();

  return {
    getDoc: () => text,

    setDoc(next) {
      if (next === text) return;
      record(text, next, "app", [area.selectionStart, area.selectionEnd]);
      // Replace only what differs, so that the selection stays where it was.
      let start = 0;
      const max = Math.min(text.length, next.length);
      while (start < max && text.charCodeAt(start) === next.charCodeAt(start)) start++;
      let end = 0;
      while (end < max - start && text.charCodeAt(text.length - 1 - end) === next.charCodeAt(next.length - 1 - end)) end++;
      area.setRangeText(next.slice(start, next.length - end), start, text.length - end, "preserve");
      setText(area.value);
      drawSoon();
    },

    setDiagnostics(list) {
      marks = new Map();
      for (const d of list || []) {
        const line = Math.min(Math.max(1, d.line | 0), lineCount()) - 1;
        const t = lineText(line);
        const from = Math.min(Math.max(0, (d.column | 0) - 1), t.length);
        // The word (key or scalar) that starts there, else one character.
        const word = /^[^\s:#,[\]{}]+/.exec(t.slice(from));
        const to = Math.min(t.length, from + (word ? word[0].length : 1));
        const severity = SEVERITIES.includes(d.severity) ? d.severity : "info";
        if (!marks.has(line)) marks.set(line, []);
        marks.get(line).push([from, Math.max(to, from), severity, String(d.message ?? "")]);
      }
      for (const m of marks.values()) m.sort((a, b) => a[0] - b[0]);
      drawn = "";
      drawSoon();
      caret();
    },

    undo,
    redo,

    focusAt(line, column) {
      const i = Math.min(Math.max(1, line | 0), lineCount()) - 1;
      const offset = starts[i] + Math.min(Math.max(0, (column | 0) - 1), lineText(i).length);
      area.focus();
      area.setSelectionRange(offset, offset);
      const y = i * lineHeight;
      if (y < area.scrollTop || y + lineHeight > area.scrollTop + area.clientHeight) area.scrollTop = Math.max(0, y - area.clientHeight / 3);
      scrollTop = area.scrollTop;
      scrollLeft = area.scrollLeft;
      root.scrollIntoView({ block: "nearest" });
      caret();
      draw();
    },

    destroy() {
      for (const [target, type, fn] of listeners) target.removeEventListener(type, fn);
      resized.disconnect();
      root.remove();
      message.remove();
    },
  };
}

globalThis.ecplayEditor = Object.freeze({ create });
// The page loads this script `async`: an app that is up before it waits for this event.
globalThis.dispatchEvent(new Event("ecplay-editor-ready"));
