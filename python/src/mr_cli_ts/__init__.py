"""Run mr-cli from Python and get plain Python objects back.

    from mr_cli_ts import mr_cli, MrCliError
    models = mr_cli("list", "models")      # a Table (a list of dicts) shown as HTML in Jupyter

The logic is mr-cli's (TypeScript): this module only launches it with `-o json` and parses what it prints.
"""

from __future__ import annotations

import html
import json
import subprocess
from typing import Any, Mapping, Optional

from ._launcher import command

__all__ = ["mr_cli", "MrCliError", "Table"]
__version__ = "0.1.0"

_OUTPUT_FLAGS = {"-o", "--output", "--json"}


class MrCliError(Exception):
    """mr-cli exited with a non-zero code. `exit_code` is its code (see mr-cli's README: 2 usage or setting, 3 not
    found, 4 conflict, 5 authentication, 6 unreachable, 7 upload or integrity); `message` its error line."""

    def __init__(self, exit_code: int, message: str, stderr: str = "") -> None:
        super().__init__(f"mr-cli exited {exit_code}: {message}")
        self.exit_code = exit_code
        self.message = message
        self.stderr = stderr


class Table(list):
    """A listing: a list of dicts that Jupyter shows as an HTML table."""

    def columns(self) -> list[str]:
        seen: dict[str, None] = {}
        for row in self:
            if isinstance(row, Mapping):
                for key in row:
                    seen.setdefault(key, None)
        return list(seen)

    def _repr_html_(self) -> str:
        cols = self.columns()
        head = "".join(f"<th>{html.escape(c)}</th>" for c in cols)
        rows = "".join(
            "<tr>" + "".join(f"<td>{html.escape(_cell(row.get(c)))}</td>" for c in cols) + "</tr>"
            for row in self
            if isinstance(row, Mapping)
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"

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


def mr_cli(*args: str, env: Optional[Mapping[str, str]] = None, timeout: Optional[float] = None) -> Any:
    """Runs `mr-cli <args> -o json` and returns what it printed, parsed: a Table for a listing, a dict for one
    entity or result, None when it printed nothing. `env` replaces the environment (default: this process's).
    Raises MrCliError with mr-cli's exit code and message when it fails. Nothing secret is printed by mr-cli, so
    nothing secret is in the error."""
    argv = list(args)
    if not any(a in _OUTPUT_FLAGS or a.startswith("--output=") for a in argv):
        argv += ["-o", "json"]
    done = subprocess.run(command(argv), capture_output=True, text=True, env=env, timeout=timeout)
    if done.returncode != 0:
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("mr-cli:") and "warning:" not in line]
        message = (errors or lines or [""])[-1].removeprefix("mr-cli: ").removeprefix("error: ")
        raise MrCliError(done.returncode, message, done.stderr)
    text = done.stdout.strip()
    if not text:
        return None
    value = json.loads(text)
    return Table(value) if isinstance(value, list) else value
