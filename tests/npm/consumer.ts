// A consumer of every function the package exports, type-checked by `tsc --noEmit` against
// the installed package (tests/npm/package.test.mjs): the types are what a TypeScript user
// gets. It is compiled, never run.
import {
  check, decodeLink, exportAs, importCommand, redact, shareLink, version,
  type CheckOptions, type CheckResult, type Diagnostic, type ExportResult, type Format, type Redaction, type ShareLink,
  type ImportResult, type SharedState, type Tab,
} from "ecplay";

declare const pod: string;
declare const container: string;

const options: CheckOptions = { mode: "append", kubeVersion: "1.30", allowPrivileged: false, fieldValidation: "strict", podSecurity: "enforce=baseline" };
const result: CheckResult = check(pod, container, options);
const first: Diagnostic | undefined = result.diagnostics[0];
const where: string = first ? `${first.source ?? "?"}:${first.line ?? 0}:${first.column ?? 0} ${first.severity} ${first.code}` : "";
const valid: boolean = result.valid && !result.unusable;
const said: string[] = [result.summary, ...result.notes];

const formats: Format[] = ["kubectl-patch", "kubectl-debug", "strategic-patch"];
const exported: ExportResult = exportAs(formats[0], pod, container, { shell: "powershell", kubectlVersion: "1.31", customFile: "c.json" });
const files: string[] = exported.files.map((f) => `${f.path}: ${f.contents.length}`);
const blocker: string | null = exported.blocker;

const redacted: Redaction = redact(pod);
const tab: Tab = "kubectl-debug";
const link: ShareLink = shareLink({ base: "https://ecplay.example/", pod, container, redact: true, embed: false, shell: "posix", kubectlVersion: "1.37", tab });
const clustered: boolean = decodeLink(shareLink({ base: "https://ecplay.example/", pod, container, kubeVersion: "1.30", allowPrivileged: false, podSecurity: "enforce=restricted" }).url).allowPrivileged;
const labels: Record<string, string> = decodeLink("").labels;
const embedded: string = shareLink({ base: "https://ecplay.example/", pod, container, embed: { show: ["composer", "verdict", "export"], pod: "hidden", density: "compact", theme: "auto", readonly: "pod" } }).url;
const removed: string[] = link.redaction?.removed ?? redacted.removed;
const state: SharedState = decodeLink(link.url);
const shown: Tab = state.tab;
const samplePod: string | null = state.sample ?? state.pod;
const v: string = version();

const imported: ImportResult = importCommand(pod, "kubectl debug -it app --image=busybox --custom=c.json", { kubectlVersion: "1.35", files: { "c.json": "{}" } });
let fromCommand: string;
switch (imported.kind) {
  case "imported": fromCommand = imported.yaml + imported.containers.length + imported.generatedNames.join() + (imported.list?.length ?? 0) + check(pod, imported.yaml, { fieldValidation: imported.fieldValidation }).valid; break;
  case "refused": fromCommand = `${imported.line}:${imported.column} ${imported.message} ${imported.more ?? ""} ${imported.server}`; break;
  case "needFile": fromCommand = `${imported.path} (${imported.what})`; break;
  case "unreadable": fromCommand = imported.message; break;
}

export const all = { clustered, labels, embedded, fromCommand, where, valid, said, files, blocker, removed, shown, samplePod, v, long: link.long };
