"""Dump every finding zwlint reports on every text we have, and compare with a saved dump.

Used to prove that a refactoring changes no behaviour: save a baseline from the code before
the change, run again after it, and the two dumps must be byte-identical.

    python tools/compare_findings.py --save /tmp/findings-before.jsonl
    python tools/compare_findings.py --compare /tmp/findings-before.jsonl

Texts (one post each unless said otherwise):
- ../shared/seeds/*.txt (plain files);
- samples/posts/* and samples/audit/*.jsonl (read as `zwlint check` reads them);
- ../shared/data/sighan/*.txt, ecspell/*.test (the source column, one post per sentence);
- ../shared/data/clean/xxqg_clean_sentences.json (one post per sentence);
- ../shared/data/corpora/*.jsonl (one post per record, title and content, published
  1 July of the record's year when it has one);
- the seeds and SIGHAN 2015 again under a config that sets every typo and date option
  to a non-default value (the option-reading paths);
- `zwlint audit` of samples/audit (the JSON report, with run times removed).

Every field of every finding is written (Finding.to_dict() plus fix_safe), one JSON line per
post. The shared data is read from --data (default: ../shared next to the project root).
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lint.config import Config  # noqa: E402
from lint.engine import Linter  # noqa: E402
from lint.model import Post  # noqa: E402
from lint.text.readers import read_file  # noqa: E402

# Non-default values for the options rules read, to exercise the option paths (names as the
# rules read them before options were declared; - and _ are both accepted now).
OPTIONS = {
    "ZW202": {"min-score": 3.5},
    "ZW203": {"min-score": 5, "warn-score": 9.0},
    "ZW207": {"min-score": 7, "warn-score": 9.0, "covered-min-score": 9, "agreed-min-score": 5},
    "ZW301": {"threshold": 1.5, "title_weight": 3, "title_question": 0.5},
    "ZW401": {"threshold": 1.5, "title_weight": 1.0},
    "ZW703": {"years_before": 5, "years_after": 3, "period_years": 1},
    "ZW806": {"min_count": 1},
}


def _tsv_sources(path: Path) -> Iterator[tuple[str, Post]]:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        parts = line.split("\t")
        if len(parts) >= 2:
            yield f"{path.name}:{i}", Post(content=parts[1])


def texts(data: Path) -> Iterator[tuple[str, str, Post]]:
    """(set name, post key, post) for every text, in a fixed order."""
    for path in sorted((data / "seeds").glob("*.txt")):
        yield "seeds", path.name, Post(content=path.read_text(encoding="utf-8"), path=str(path))
    sample_files = sorted((ROOT / "samples" / "posts").iterdir()) + sorted((ROOT / "samples" / "audit").glob("*.jsonl"))
    for path in sample_files:
        source, errors = read_file(path)
        for err in errors:
            yield "samples", f"{path.name}:error", Post(content=f"{err.record} {err.message}")
        for i, post in enumerate(source.posts if source else []):
            post.path = None
            yield "samples", f"{path.name}:{post.id or i}", post
    for path in sorted((data / "data" / "sighan").glob("*.txt")):
        for key, post in _tsv_sources(path):
            yield "sighan", key, post
    for path in sorted((data / "data" / "ecspell").glob("*.test")):
        for key, post in _tsv_sources(path):
            yield "ecspell", key, post
    clean = json.loads((data / "data" / "clean" / "xxqg_clean_sentences.json").read_text(encoding="utf-8"))
    for i, rec in enumerate(clean, 1):
        yield "clean", f"xxqg:{i}", Post(content=rec["original_text"])
    for path in sorted((data / "data" / "corpora").glob("*.jsonl")):
        for i, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            year = rec.get("year")
            published = date(int(year), 7, 1) if isinstance(year, int) or (isinstance(year, str) and year.isdigit()) else None
            yield "corpora", f"{path.name}:{i}", Post(content=rec["content"], title=rec.get("title"),
                                                      id=f"{path.name}:{i}", published=published)


def option_texts(data: Path) -> Iterator[tuple[str, str, Post]]:
    for path in sorted((data / "seeds").glob("*.txt")):
        yield "options-seeds", path.name, Post(content=path.read_text(encoding="utf-8"), published=date(2026, 7, 1))
    for key, post in _tsv_sources(data / "data" / "sighan" / "test2015.txt"):
        yield "options-sighan", key, post


def finding_line(set_name: str, key: str, findings) -> str:
    rows = [dict(f.to_dict(), fix_safe=f.fix_safe) for f in findings]
    return json.dumps({"set": set_name, "post": key, "findings": rows}, ensure_ascii=False, sort_keys=True)


def audit_report() -> str:
    """`zwlint audit` of samples/audit as JSON, without the fields that change per run."""
    with tempfile.TemporaryDirectory() as tmp:
        samples = Path("samples", "audit")  # relative: the report names the input path
        cmd = [sys.executable, "-m", "lint.cli", "audit", str(samples / "posts.jsonl"),
               "--registry", str(samples / "registry.tsv"), "--interactions", str(samples / "interactions.tsv"),
               "--as-of", "2026-09-30", "--out", tmp, "--format", "json", "--jobs", "1",
               "--show-personal-data"]  # the findings as found (reports mask personal data by default)
        env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
        env.update({k: v for k, v in os.environ.items() if k in ("HOME", "XDG_CACHE_HOME", "ZWLINT_CACHE_DIR")})
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT)
        report = json.loads((Path(tmp) / "report.json").read_text(encoding="utf-8"))

    def scrub(obj):
        if isinstance(obj, dict):
            return {k: scrub(v) for k, v in obj.items()
                    if k not in ("generated", "generated_at", "run", "elapsed", "seconds", "store", "out")}
        if isinstance(obj, list):
            return [scrub(v) for v in obj]
        if isinstance(obj, str):
            return obj.replace(tmp, "<out>")
        return obj

    return json.dumps({"set": "audit", "exit": proc.returncode, "report": scrub(report)},
                      ensure_ascii=False, sort_keys=True)


def dump(data: Path) -> Iterator[str]:
    linter = Linter(Config())
    for set_name, key, post in texts(data):
        yield finding_line(set_name, key, linter.check_post(post))
    optioned = Linter(Config(options={k: dict(v) for k, v in OPTIONS.items()}))
    for set_name, key, post in option_texts(data):
        yield finding_line(set_name, key, optioned.check_post(post))
    yield audit_report()


def summary(lines: list[str]) -> dict[str, tuple[int, int]]:
    out: dict[str, list[int]] = {}
    for line in lines:
        rec = json.loads(line)
        posts_findings = out.setdefault(rec["set"], [0, 0])
        posts_findings[0] += 1
        posts_findings[1] += len(rec.get("findings", rec.get("report", {}).get("findings", [])))
    return {k: (v[0], v[1]) for k, v in out.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared", help="folder holding seeds/ and data/")
    group = ap.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", type=Path, help="write the dump here")
    group.add_argument("--compare", type=Path, help="compare with this saved dump")
    args = ap.parse_args(argv)
    data = args.data if (args.data / "seeds").is_dir() else Path("/work/shared")
    lines = list(dump(data))
    for set_name, (posts, findings) in summary(lines).items():
        print(f"{set_name:16} {posts:6} posts {findings:7} findings")
    if args.save:
        args.save.write_text("\n".join(lines) + "\n", encoding="utf-8")
        print(f"saved {len(lines)} lines to {args.save}")
        return 0
    before = args.compare.read_text(encoding="utf-8").split("\n")[:-1]
    if before == lines:
        print(f"identical: {len(lines)} lines, byte for byte, to {args.compare}")
        return 0
    differing = [i for i, (a, b) in enumerate(zip(before, lines)) if a != b]
    print(f"DIFFERENT: {len(before)} lines before, {len(lines)} now, {len(differing)} differ")
    for i in differing[:5]:
        print(f"- {before[i][:400]}\n+ {lines[i][:400]}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
