// What the types must refuse (tests/npm/package.test.mjs expects tsc to fail on each line
// marked with its error code).
import { check, exportAs, importCommand, shareLink } from "ecplay";

check("pod", "container", { kubeVerison: "1.30" }); // TS2561: an unknown option, with the one meant
check("pod", "container", { kubeVersion: 30 }); // TS2322: a number for a version
exportAs("pdf", "pod", "container"); // TS2345: no such format
shareLink({ pod: "pod", container: "c" }); // TS2741: base is required
shareLink({ base: "https://x/", pod: "p", container: "c", tab: "strategic-patch" }); // TS2322: not a tab
const n: number = check("pod", "c").valid; // TS2322: a boolean
shareLink({ base: "https://x/", pod: "p", container: "c", embed: { show: ["verdicts"] } }); // TS2820: no such part, with the one meant
const r = importCommand("pod", "kubectl debug x", { files: { a: 1 } }); // TS2322: a file is its text
const y: string = r.yaml; // TS2339: only an imported command has containers
export { n, y };
