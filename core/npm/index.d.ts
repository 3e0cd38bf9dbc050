// ecplay: judge a Kubernetes ephemeral container against a pod exactly as the kube-apiserver
// would. Types of the package's functions (js/api.js), written by hand: each function returns
// a plain object, and throws an Error whose message says what is wrong when there is no
// answer (bad options, input that cannot be exported, a link that cannot be read).

/** An ephemeral container text is checked as one appended to the pod's list, or as the whole new list. */
export type Mode = "append" | "replace";

/** What the request asks the server to do with a field it does not know or finds twice. */
export type FieldValidation = "strict" | "warn" | "ignore";

/** The shell the commands are written for. */
export type Shell = "posix" | "powershell";

/** The ways to apply a container, as `ecplay export --as` names them. */
export type Format =
  | "strategic-patch"
  | "kubectl-patch"
  | "json-patch"
  | "kubectl-debug"
  | "replace-raw"
  | "curl"
  | "yaml"
  | "follow-ups";

/** The playground's export tabs: every format but the bare strategic patch. */
export type Tab = Exclude<Format, "strategic-patch">;

/** The options of `ecplay check`. */
export interface CheckOptions {
  /** Default `"append"`: the containers are added after the pod's existing ephemeral containers. */
  mode?: Mode;
  /** The API server's version, `"1.25"` to `"1.37"` (default the newest). */
  kubeVersion?: string;
  /** The API server's `--allow-privileged` (default true). */
  allowPrivileged?: boolean;
  /** Default `"warn"`, what `kubectl patch` and `kubectl debug` get. */
  fieldValidation?: FieldValidation;
  /** The pod's namespace as `kubectl get ns NAME -o yaml|json` prints it: its Pod Security labels apply. */
  namespace?: string;
  /** The namespace's Pod Security policy, e.g. `"enforce=restricted:v1.30,warn=baseline"`. */
  podSecurity?: string;
}

export interface Diagnostic {
  /** `error`: the server rejects; `warning`: accepted, but it will fail or surprise at run time; `info`: a hint. */
  severity: "error" | "warning" | "info";
  /** The server's error type (`Forbidden`, `Invalid`, `Required`, …), `UnknownField`, `TypeMismatch`, `Syntax` or `Hint`. */
  type: string;
  /** The field path as the server prints it: `spec.ephemeralContainers[0].ports`. */
  field: string;
  /** The server's message. */
  message: string;
  /** A stable code: `R-xx` a server rule, `D-xx` decoding, `H-xx` a hint, `PSA-<check>` Pod Security. */
  code: string;
  /** Where it is, 1-based, in the text `source` names; null when it has no place. */
  line: number | null;
  column: number | null;
  source: "pod" | "container" | null;
  /** Why it matters and how to fix it. */
  help: string | null;
}

export interface CheckResult {
  /** Whether the server would accept the request. */
  valid: boolean;
  /** The input cannot be judged at all (not YAML or JSON, not a pod…): `diagnostics` says where. */
  unusable: boolean;
  /** Errors first, in the server's order, then warnings, then infos. */
  diagnostics: Diagnostic[];
  /** Exactly the lines kubectl would print, warnings first. */
  summary: string;
  /** What was read otherwise than written (an invalid Pod Security label of the namespace). */
  notes: string[];
}

export interface ExportOptions {
  /** Default `"posix"` (bash, zsh, sh). */
  shell?: Shell;
  /** Your kubectl's version (default the newest modelled). */
  kubectlVersion?: string;
  /** Where `kubectl debug --custom` reads its file from (default `debug-custom.json`). */
  customFile?: string;
}

export interface ExportFile {
  path: string;
  contents: string;
}

export interface ExportResult {
  format: Format;
  /** The command, body or YAML. */
  text: string;
  /** Files the text reads (the `kubectl debug --custom` file): the caller writes them. */
  files: ExportFile[];
  notes: string[];
  /** Why the chosen kubectl refuses this form, as kubectl says it, or null. */
  blocker: string | null;
  /** Whether the server would accept the container (a rejected one is still exported). */
  valid: boolean;
  /** kubectl's text for the request. */
  summary: string;
}

export interface Redaction {
  /** The pod's YAML without env values, Secret and ConfigMap names, annotations, labels, managedFields and status. */
  text: string;
  /** One line per kind of thing removed, e.g. `"3 env values"`. */
  removed: string[];
  /** What stayed on purpose, and why. */
  kept: string[];
}

/** A part of the playground an embed shows. */
export type Part = "pod" | "composer" | "yaml" | "verdict" | "diagnostics" | "export" | "holds";

/** An embed's options (README of ecplay, "Embedding it in a docs page"). */
export interface EmbedOptions {
  /** Default `["composer", "yaml", "verdict", "diagnostics", "export"]`. */
  show?: Part[];
  /** How the pod is shown when `show` names it (default `"spec"`: metadata, managedFields and status folded). */
  pod?: "full" | "spec" | "hidden";
  density?: "compact" | "normal";
  /** Default: the visitor's system's. */
  theme?: "auto" | "light" | "dark";
  /** The pod is shown, not edited. */
  readonly?: "pod";
}

/** A share link to make, as the playground's Share panel makes it for a pasted pod. */
export interface ShareRequest {
  /** The playground's address, e.g. `"https://ecplay.example/"`. */
  base: string;
  /** The pod's text, as pasted. */
  pod: string;
  /** The container's YAML, as typed. */
  container: string;
  /** Redact the pod first (default true, as the Share panel does). */
  redact?: boolean;
  /** An embed's address (`?embed=1`, an iframe's `src`) rather than a link (default false), with these options when given. */
  embed?: boolean | EmbedOptions;
  shell?: Shell;
  kubectlVersion?: string;
  /** The export shown (default `"kubectl-patch"`). */
  tab?: Tab;
  /** The cluster the playground judges against, as `check` takes it; the link carries it. */
  kubeVersion?: string;
  allowPrivileged?: boolean;
  namespace?: string;
  podSecurity?: string;
}

export interface ShareLink {
  /** Byte for byte the link the playground makes for this state. */
  url: string;
  /** Longer than 2000 characters, which many chat tools and mail clients cut. */
  long: boolean;
  /** What redaction took out, or null when the pod was not redacted. */
  redaction: Redaction | null;
}

/** What a share link holds. */
export interface SharedState {
  /** The address before its query. */
  base: string;
  /** The query, without `?` (`"embed=1"` for an embed), or `""`. */
  query: string;
  /** The sample pod the link names instead of carrying a pod, or null. */
  sample: string | null;
  /** The pod's text, or null when the link names a sample. */
  pod: string | null;
  container: string;
  shell: Shell;
  kubectlVersion: string;
  tab: Tab;
  /** The cluster the playground judges against. */
  kubeVersion: string;
  allowPrivileged: boolean;
  /** The namespace's Pod Security labels (`pod-security.kubernetes.io/enforce`: `restricted`, …). */
  labels: Record<string, string>;
}

export interface ImportOptions {
  /** The kubectl that would run the command (default the newest modelled). */
  kubectlVersion?: string;
  /** The texts of the files the command names (`--custom`, `-f`, `--patch-file`, `@file`), by the name it gives. */
  files?: Record<string, string>;
}

/** A place in the command line, 1-based. */
export interface Place {
  line: number;
  column: number;
}

export interface Imported {
  kind: "imported";
  /** Which command it was (`kubectl debug`, `kubectl patch --type=json`, …). */
  form: string;
  /** The new ephemeral containers, as the request carries them. */
  containers: Record<string, unknown>[];
  /** The whole list the request leaves, when it also changes or removes existing ephemeral containers (check it with `mode: "replace"`). */
  list: Record<string, unknown>[] | null;
  /** The indexes in `containers` whose name kubectl generates at random. */
  generatedNames: number[];
  notes: string[];
  /** What the request asks the server to do with a field it does not know or finds twice: `check`'s `fieldValidation` that judges it as sent. */
  fieldValidation: FieldValidation;
  /** The containers as YAML, for `check` and `exportAs`. */
  yaml: string;
}

export interface ImportRefused extends Place {
  kind: "refused";
  /** kubectl's first line exactly (`error: …`), or the API server's answer. */
  message: string;
  /** kubectl's further lines (`See 'kubectl debug --help' for usage.`), or null. */
  more: string | null;
  why: string;
  /** The API server refuses it, not kubectl. */
  server: boolean;
}

export interface ImportNeedsFile extends Place {
  kind: "needFile";
  /** Give its text in `files` under this name and ask again. */
  path: string;
  what: string;
}

export interface ImportUnreadable extends Place {
  kind: "unreadable";
  message: string;
}

export type ImportResult = Imported | ImportRefused | ImportNeedsFile | ImportUnreadable;

/** Judges `containersText` against the pod as the API server would, then adds hints. */
export function check(podText: string, containersText: string, options?: CheckOptions): CheckResult;

/**
 * One way to apply the containers to the pod.
 * @throws Error when the input cannot be judged or the form cannot be made (a NUL byte in a command).
 */
export function exportAs(format: Format, podText: string, containersText: string, options?: ExportOptions): ExportResult;

/**
 * The pod made shareable.
 * @throws Error when the text is not YAML.
 */
export function redact(podText: string): Redaction;

/**
 * The share link (or embed address) the playground makes for this state.
 * @throws Error on an address that is not http(s) or a pod to redact that is not YAML.
 */
export function shareLink(request: ShareRequest): ShareLink;

/**
 * What a share link holds, for review before publishing it.
 * @throws Error saying why when the link cannot be read.
 */
export function decodeLink(url: string): SharedState;

/**
 * The ephemeral containers a command line would add to the pod: `kubectl debug`, `kubectl
 * patch|apply|replace` of the subresource, `curl`, or a bare request body, read as the shell
 * and that kubectl read it.
 * @throws Error when the pod cannot be read or an option is wrong.
 */
export function importCommand(podText: string, commandLine: string, options?: ImportOptions): ImportResult;

/** The package's version. */
export function version(): string;
