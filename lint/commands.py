"""What the commands (check, audit, serve) share: the one-line error exit, comma-separated
option values, dates on the command line."""
from __future__ import annotations

from datetime import date
from typing import List, NoReturn, Optional

import typer


def fail(message: str) -> NoReturn:
    """Print `zwlint: message` on stderr and exit 2 (bad input or configuration)."""
    typer.echo(f"zwlint: {message}", err=True)
    raise typer.Exit(2)


def split_values(values: Optional[List[str]]) -> list[str]:
    """Repeated and comma-separated option values as one list: --select ZW1,typo --select ZW8."""
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def parse_day(value: Optional[str], flag: str) -> Optional[date]:
    """A YYYY-MM-DD option value, or fail naming the flag."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{flag} must be YYYY-MM-DD, got {value!r}")
