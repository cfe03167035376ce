"""The server's memory under sustained load: it must stay flat.

Runs the app in this process (Starlette's test client, real rules) and sends rounds of mixed
requests: posts to /api/v1/check, .docx/.txt/.jsonl uploads to /api/v1/check-file and
/api/v1/extract, and hostile uploads that must be refused (a .docx of 600,000 empty
paragraphs, a .docx unpacking to 60 MB, text/plain bodies). Prints the resident memory after
each round; exits 1 if it grew by more than --max-growth MB from the end of the first round
to the end of the last (the first round loads the rules and warms the caches).

    nice python benchmarks/bench_server_memory.py --rounds 10
"""
from __future__ import annotations

import argparse
import io
import json
import os
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from docx_samples import docx_bytes  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1048576


def inflated_docx(body: bytes) -> bytes:
    """A small valid .docx whose document.xml body is replaced (for hostile uploads)."""
    good = zipfile.ZipFile(io.BytesIO(docx_bytes(["x"])))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for name in good.namelist():
            data = good.read(name)
            if name == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + body)
            out.writestr(name, data)
    return buf.getvalue()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--max-growth", type=float, default=40.0, help="MB allowed from round 1 to the last")
    args = ap.parse_args()

    from starlette.testclient import TestClient

    from lint.server.app import create_app

    seeds = sorted((ROOT.parent / "shared" / "seeds").glob("*.txt"))
    text = "\n".join(p.read_text(encoding="utf-8") for p in seeds) or ("各单位：现将有关事项通知如下。" * 2000)
    text = text[:20000] + "\n联系电话13907554321。"
    normal_docx = docx_bytes(text.split("\n")[:300])
    records = "\n".join(json.dumps({"id": i, "content": text[i * 500:(i + 1) * 500]}, ensure_ascii=False)
                        for i in range(30)).encode()
    empty_paragraphs = inflated_docx(b"<w:p/>" * 600_000)
    unpacks_big = inflated_docx(b"<w:p><w:r><w:t>" + b"a" * 60_000_000 + b"</w:t></w:r></w:p>")

    client = TestClient(create_app())
    expected = {"check": 200, "docx": 200, "jsonl": 200, "extract": 200, "paragraphs": 422, "unpacked": 413,
                "plain": 415}
    t0 = time.perf_counter()
    first = None
    for round_no in range(1, args.rounds + 1):
        got = {}
        for _ in range(5):
            got["check"] = client.post("/api/v1/check", json={"title": "通知", "content": text}).status_code
        got["docx"] = client.post("/api/v1/check-file", files={"file": ("a.docx", normal_docx)}).status_code
        got["jsonl"] = client.post("/api/v1/check-file", files={"file": ("a.jsonl", records)}).status_code
        got["extract"] = client.post("/api/v1/extract", files={"file": ("a.docx", normal_docx)}).status_code
        got["paragraphs"] = client.post("/api/v1/check-file", files={"file": ("b.docx", empty_paragraphs)}).status_code
        got["unpacked"] = client.post("/api/v1/check-file", files={"file": ("c.docx", unpacks_big)}).status_code
        got["plain"] = client.post("/api/v1/check", content=b"content=x",
                                   headers={"content-type": "text/plain"}).status_code
        if got != expected:
            print(f"unexpected answers: {got}", file=sys.stderr)
            return 1
        rss = rss_mb()
        first = first if first is not None else rss
        print(f"round {round_no:3d}: {rss:7.1f} MB resident ({time.perf_counter() - t0:5.1f} s)")
    growth = rss - first
    print(f"growth from round 1 to round {args.rounds}: {growth:+.1f} MB (limit {args.max_growth:.0f} MB)")
    return 0 if growth <= args.max_growth else 1


if __name__ == "__main__":
    sys.exit(main())
