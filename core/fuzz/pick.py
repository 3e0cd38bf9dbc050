#!/usr/bin/env python3
"""Picks the committed corpus of one fuzz target: at most MAX files that together reach as
many of libFuzzer's coverage features as a greedy choice can, small files first.

`cargo fuzz cmin` keeps every input that adds a feature, thousands of files after a long run;
the committed corpus is meant to stay a few hundred. Run a merge that writes its control file
(one line per input with its features), then pick from it:

    B=target/x86_64-unknown-linux-gnu/release
    mkdir -p target/merge/check/out
    $B/check -merge=1 -use_counters=0 -merge_control_file=target/merge/check.ctl \
        target/merge/check/out corpus-files-without-regressions/ target/corpus/check
    python3 pick.py target/merge/check.ctl target/pick/check 300

and replace the top-level files of corpus/check/ (not regressions/) with target/pick/check/.
"""

import os
import shutil
import sys


def main() -> None:
    control, out_dir, max_files = sys.argv[1], sys.argv[2], int(sys.argv[3])
    lines = open(control, errors="replace").read().split("\n")
    # The control file: the number of inputs, the number in the output corpus, the inputs'
    # paths, then for each input run `STARTED i size`, `FT i features…` and `COV i pcs…`.
    count = int(lines[0])
    paths = lines[2 : 2 + count]
    features = {}
    for line in lines[2 + count :]:
        if line.startswith("FT "):
            parts = line.split()
            features[int(parts[1])] = set(map(int, parts[2:]))
    every = set().union(*features.values()) if features else set()
    size = {i: os.path.getsize(paths[i]) for i in features}
    covered: set = set()
    chosen = []
    left = dict(features)
    while left and len(chosen) < max_files:
        # New features per byte, mildly: a 4 KB input counts as two of a few bytes.
        best = max(left, key=lambda i: (len(left[i] - covered) / (1 + size[i] / 4096), -size[i]))
        if not left[best] - covered:
            break
        chosen.append(best)
        covered |= left.pop(best)
        left = {i: f for i, f in left.items() if not f <= covered}
    os.makedirs(out_dir, exist_ok=True)
    for i in chosen:
        shutil.copy(paths[i], os.path.join(out_dir, os.path.basename(paths[i])))
    total = sum(size[i] for i in chosen)
    print(f"{len(chosen)} files, {total} bytes, {len(covered)} of {len(every)} features")


if __name__ == "__main__":
    main()
