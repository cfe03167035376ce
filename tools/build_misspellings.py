"""Write sensitive_terms/misspellings.tsv.xz: the generated misspellings of every correct form
of the shipped lists (lint/rules/serious/spelling.py), so that the linter does not spend ~20 s
generating them on first use.

    python tools/build_misspellings.py          # write the table
    python tools/build_misspellings.py --check  # exit 1 when the table differs from a fresh generation

Run it after changing a correct form in sensitive_terms/, corpus_forms.txt or the generation
code (tests/test_misspelling_table.py fails until then).
"""
from __future__ import annotations

import argparse
import lzma
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.rules import all_rules  # noqa: E402
from lint.rules.serious import spelling  # noqa: E402
from lint.rules.serious.base import SeriousTermRule  # noqa: E402
from lint.terms.lists import default_list_dirs, load_lists  # noqa: E402


def fresh_rows() -> list:
    """Every shipped correct form's misspellings, generated now (the table is not read)."""
    lists = load_lists()
    spelling.USE_TABLE = False
    try:
        return [row for rule in all_rules().values() if isinstance(rule, SeriousTermRule)
                for row in rule.misspelling_forms(lists)]
    finally:
        spelling.USE_TABLE = True


def table_path() -> Path:
    return next(d for d in default_list_dirs() if d.name == "sensitive_terms") / spelling.TABLE_FILE


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with a fresh generation instead of writing")
    args = ap.parse_args(argv)
    rows = fresh_rows()
    path = table_path()
    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            fresh = Path(tmp) / spelling.TABLE_FILE
            spelling.write_table(rows, fresh)
            # the text, not the bytes: another liblzma may compress the same text differently
            same = path.is_file() and lzma.decompress(fresh.read_bytes()) == lzma.decompress(path.read_bytes())
        print(f"{path.name}: {'up to date' if same else 'OUT OF DATE: run python tools/build_misspellings.py'}")
        return 0 if same else 1
    n = spelling.write_table(rows, path)
    print(f"wrote {path} ({len(rows):,} correct forms, {n:,} misspellings, {path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
