// A consumer of every function the package exports, type-checked by `tsc --noEmit` against
// the installed package (tests/npm/package.test.mjs): the types are what a TypeScript user
// gets. It is compiled, never run.
import {
  check, decodeLink, exportAs, redact, shareLink, version,
  type CheckOptions, type CheckResult, type Diagnostic, type ExportResult, type Format, type Redaction, type ShareLink,
  type SharedState, type Tab,
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
const removed: string[] = link.redaction?.removed ?? redacted.removed;
const state: SharedState = decodeLink(link.url);
const shown: Tab = state.tab;
const samplePod: string | null = state.sample ?? state.pod;
const v: string = version();

export const all = { where, valid, said, files, blocker, removed, shown, samplePod, v, long: link.long };
