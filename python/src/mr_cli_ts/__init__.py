"""Run mr-cli from Python and get plain Python objects back.

    from mr_cli_ts import mr_cli, MrCliError
    models = mr_cli("list", "models")      # a Table (a list of dicts) shown as HTML in Jupyter

The logic is mr-cli's (TypeScript): this module only launches it with `-o json` and parses what it prints.
"""

from __future__ import annotations

import html
import json
import os
import signal
import subprocess
import warnings
from importlib import metadata
from typing import Any, Mapping, Optional

from ._launcher import command

__all__ = ["mr_cli", "MrCliError", "Table"]
try:
    __version__ = metadata.version("mr-cli-ts")
except metadata.PackageNotFoundError:  # run from a source checkout
    __version__ = "0.0.0"

#: Rows a Table shows in Jupyter; the rest are counted ("… and N more"), as the SDK's notebook tables do.
DISPLAY_ROWS = 50
#: Seconds mr-cli gets to clean up (abort its multipart uploads, release its claim) after an interrupt.
CLEANUP_SECONDS = 60


class MrCliError(Exception):
    """mr-cli exited with a non-zero code. `exit_code` is its code (see mr-cli's exit codes in docs/cli.md: 2 usage
    or setting, 3 not found, 4 conflict, 5 authentication, 6 unreachable, 7 upload or integrity, 130 interrupted);
    `message` its error line; `stderr` all it printed there (never a secret: mr-cli scrubs them)."""

    def __init__(self, exit_code: int, message: str, stderr: str = "") -> None:
        super().__init__(f"mr-cli exited {exit_code}: {message}")
        self.exit_code = exit_code
        self.message = message
        self.stderr = stderr


class Table(list):
    """A listing: a list of dicts that Jupyter shows as an HTML table (the first DISPLAY_ROWS rows)."""

    def columns(self) -> list[str]:
        seen: dict[str, None] = {}
        for row in self:
            if isinstance(row, Mapping):
                for key in row:
                    seen.setdefault(key, None)
        return list(seen)

    def _repr_html_(self) -> str:
        if not self:
            return "<p><em>no rows</em></p>"
        cols = self.columns()
        head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
        shown = [row for row in self[:DISPLAY_ROWS] if isinstance(row, Mapping)]
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell(row.get(c)))}</td>" for c in cols) + "</tr>" for row in shown
        )
        more = len(self) - len(shown)
        tail = f"<p>… and {more} more</p>" if more > 0 else ""
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{tail}"

    def to_pandas(self):
        """A pandas DataFrame of the rows (needs pandas, which this package does not require)."""
        try:
            import pandas
        except ImportError as error:
            raise ImportError("to_pandas() needs pandas: pip install pandas") from error
        return pandas.DataFrame(list(self), columns=self.columns())


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value)
    return str(value)


def _run(argv: list[str], env: Optional[Mapping[str, str]], timeout: Optional[float]) -> tuple[int, str, str]:
    """Runs mr-cli in its own session, so that a terminal's Ctrl-C reaches only Python; on an interrupt or a timeout
    it gets one SIGINT and time to clean up, as mr-cli does on Ctrl-C in a terminal."""
    process = subprocess.Popen(
        command(argv),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=None if env is None else dict(env),
        start_new_session=os.name != "nt",
    )
    try:
        stdout, stderr = process.communicate(timeout=timeout)
    except (KeyboardInterrupt, subprocess.TimeoutExpired) as stop:
        if os.name != "nt":
            process.send_signal(signal.SIGINT)
        try:
            stdout, stderr = process.communicate(timeout=CLEANUP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            stdout, stderr = process.communicate()
        if isinstance(stop, KeyboardInterrupt):
            raise
        raise MrCliError(process.returncode, f"timed out after {timeout} s; mr-cli was interrupted", stderr) from None
    return process.returncode, stdout, stderr


def _warning(line: str) -> Optional[str]:
    """The message of a warning line on mr-cli's stderr: `mr-cli: warning: …`, or with JSON output an event line
    `{"type": "warning", "message": …}`."""
    if line.startswith("mr-cli: warning: "):
        return line.removeprefix("mr-cli: warning: ")
    if line.startswith("{"):
        try:
            event = json.loads(line)
        except json.JSONDecodeError:
            return None
        if isinstance(event, dict) and event.get("type") == "warning":
            return str(event.get("message", ""))
    return None


def mr_cli(*args: Any, env: Optional[Mapping[str, str]] = None, timeout: Optional[float] = None) -> Any:
    """Runs `mr-cli -o json <args>` and returns what it printed: a Table for a listing, a dict for one entity or
    result, None when it printed nothing, and the text itself when it is not JSON (`--help`, `--version`, or an
    output format of your own: `-o yaml`). Arguments may be str, numbers or paths. `env` replaces the environment
    (default: this process's). `timeout` (seconds) interrupts mr-cli as Ctrl-C would and raises MrCliError.
    mr-cli's warnings (say, an API deprecation) become Python warnings. Raises MrCliError with mr-cli's exit code and
    message when it fails; an interrupt (KeyboardInterrupt) lets mr-cli clean up first."""
    argv = ["-o", "json", *(os.fspath(a) if isinstance(a, os.PathLike) else str(a) for a in args)]
    code, stdout, stderr = _run(argv, env, timeout)
    lines = [line for line in stderr.splitlines() if line.strip()]
    if code != 0:
        errors = [line for line in lines if line.startswith("mr-cli:") and not line.startswith("mr-cli: warning:")]
        message = (errors or lines or [f"exit code {code}"])[-1]
        raise MrCliError(code, message.removeprefix("mr-cli: ").removeprefix("error: "), stderr)
    for line in lines:
        warning = _warning(line)
        if warning:
            warnings.warn(warning, stacklevel=2)
    text = stdout.strip()
    if not text:
        return None
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return stdout
    return Table(value) if isinstance(value, list) else value
