#!/usr/bin/env python3
"""Pastes a text into an interactive bash on a terminal of its own, as a person does.

Usage: paste.py [--bracketed] < TEXT

bash runs with --norc --noprofile -i on a new pseudo-terminal, so its line editor (readline)
reads every character of the paste: a carriage return is Enter, a tab completes, DEL erases,
and history expansion is on. The text goes in after the prompt shows, one line at a time, each
line once bash waits for input again (its primary or continuation prompt), the way a terminal
delivers a paste to a shell that is ready for it. With --bracketed the whole text is delivered
as a bracketed paste (ESC [200~ ... ESC [201~, what terminals send when bash 5.1+ asks for it)
and then Enter. Then `exit $?`. Everything the terminal shows goes to standard output; the exit
status is bash's. Standard library only.
"""

import os
import pty
import select
import sys
import time

PROMPT = b"ECPLAY-PROMPT> "
CONTINUE = b"ECPLAY-CONTINUE> "
TIMEOUT = 100.0


def main() -> int:
    bracketed = "--bracketed" in sys.argv[1:]
    text = sys.stdin.buffer.read()
    env = dict(os.environ, PS1=PROMPT.decode(), PS2=CONTINUE.decode(), TERM="xterm", INPUTRC="/dev/null")
    pid, fd = pty.fork()
    if pid == 0:
        os.execvpe("bash", ["bash", "--norc", "--noprofile", "-i"], env)
    seen = bytearray()
    deadline = time.monotonic() + TIMEOUT

    def read_some(wait: float) -> bool:
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return True
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            return False
        if not chunk:
            return False
        seen.extend(chunk)
        sys.stdout.buffer.write(chunk)
        return True

    def wait_for_prompt(after: int) -> bool:
        while time.monotonic() < deadline:
            tail = bytes(seen[after:])
            if tail.endswith(PROMPT) or tail.endswith(CONTINUE):
                return True
            if not read_some(0.05):
                return False
        return False

    def write_all(data: bytes) -> None:
        while data:
            _, ready, _ = select.select([], [fd], [], 0.05)
            if ready:
                n = os.write(fd, data[:1024])
                data = data[n:]
            read_some(0)

    if not wait_for_prompt(0):
        print("\npaste.py: bash never showed its prompt", file=sys.stderr)
        return 125
    if bracketed:
        mark = len(seen)
        write_all(b"\x1b[200~" + text + b"\x1b[201~\r")
        wait_for_prompt(mark)
    else:
        for line in text.splitlines(keepends=True):
            mark = len(seen)
            write_all(line)
            if line.endswith(b"\n") and not wait_for_prompt(mark):
                break
    write_all(b"\rexit $?\r")
    while time.monotonic() < deadline and read_some(0.1):
        pass
    try:
        _, status = os.waitpid(pid, os.WNOHANG if time.monotonic() >= deadline else 0)
    except ChildProcessError:
        return 125
    if time.monotonic() >= deadline:
        os.kill(pid, 9)
        print("\npaste.py: timed out", file=sys.stderr)
        return 124
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
