"""Time to annotate a 20-page Word document (`zwlint check X.docx --annotate`).

    python benchmarks/bench_annotate.py [--pages 20] [--runs 5] [--pdf]

The document is built by tests/docx_samples.py:long_document: a government notice with a
heading, ten paragraphs of mixed bold/plain runs and planted problems on every page, a 3x3
table every two pages, a header and an image. Two sets of findings are annotated:

* `rules`: the default rule set (what `zwlint check` reports on it), safe fixes tracked;
* `planted`: the planted test rules of tests/serve_planted.py (many more findings, every
  first suggestion tracked), a heavier load.

Printed per set: characters, findings, comments, tracked changes, and the median wall time of
reading the .docx and writing the annotated copy (linting excluded, shown apart, warm).
--pdf also converts the 20-page document with LibreOffice and prints its page count.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from docx_samples import long_document  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.model import Post  # noqa: E402
from lint.report.docx_annotate import annotate_docx, edits_for  # noqa: E402
from lint.text.docx import read_docx_text  # noqa: E402
from serve_planted import planted_linter  # noqa: E402


def median_time(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--pdf", action="store_true", help="count the pages with LibreOffice")
    args = ap.parse_args()
    data = long_document(args.pages)
    text = read_docx_text(data).text
    print(f"document: {args.pages} pages requested, {len(text)} characters, {len(data) / 1024:.0f} KB")
    if args.pdf:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "long.docx"
            src.write_bytes(data)
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/p", "--convert-to", "pdf",
                            "--outdir", tmp, str(src)], capture_output=True, timeout=300, check=True)
            info = subprocess.run(["pdfinfo", str(Path(tmp) / "long.pdf")], capture_output=True, text=True).stdout
            print("LibreOffice:", next(line for line in info.splitlines() if line.startswith("Pages")))
    read = median_time(lambda: read_docx_text(data), args.runs)
    print(f"read the text with its map: {read * 1000:.0f} ms")
    for name, linter, mode in (("rules", Linter(), "safe"), ("planted", planted_linter(), "all")):
        findings = linter.check_post(Post(content=text))  # the first run loads models and word lists
        lint_time = median_time(lambda: linter.check_post(Post(content=text)), 1)
        edits = edits_for(findings, mode)
        result = annotate_docx(data, findings, edits)
        took = median_time(lambda: annotate_docx(data, findings, edits), args.runs)
        print(f"{name:8s} findings {len(findings):4d}  comments {result.comments:4d}  tracked {len(result.revisions):4d}"
              f"  annotate {took * 1000:6.0f} ms (median of {args.runs})  [linting {lint_time * 1000:.0f} ms, warm]")


if __name__ == "__main__":
    main()
