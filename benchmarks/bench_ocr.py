"""Images per second on one core: a typical poster (1,080 x 1,440, 14 lines), a long image
(750 x 5,600, 40 lines) and a wide banner (3,600 x 260, 2 lines), OCR plus every rule, after one warm-up image (the models load once per
process: about 0.4 s, not counted). Run from the repository root (needs zwlint[ocr] and
fonts-noto-cjk):

    python benchmarks/bench_ocr.py [--repeat 3]
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

os.environ["ZWLINT_OCR_THREADS"] = "1"  # before the models load
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from ocr_images import banner, test_set  # noqa: E402

from lint.engine import Linter  # noqa: E402
from lint.ocr.inputs import image_post  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    images = test_set()
    poster = next(r for r in images if r.image.size == (1080, 1439))
    long_image = images[-1]
    linter = Linter()
    linter.check_post(image_post(images[2].image, {"path": "warm-up"}, "warm-up"))  # loads models and rules
    wide = banner([("深入学习贯彻党的二十大精神，坚持以人民为中心的发展思想，共建共治共享美好家园", 64),
                   ("主办单位：市委宣传部、市文明办；承办单位：市融媒体中心；活动时间：2024年5月20日至6月30日", 30)])
    for name, r in (("poster", poster), ("long image", long_image), ("banner", wide)):
        times = []
        for _ in range(args.repeat):
            t, cpu = time.perf_counter(), time.process_time()
            post = image_post(r.image, {"path": name}, name, published=date(2024, 6, 1))
            ocr = time.perf_counter() - t
            linter.check_post(post)
            times.append((time.perf_counter() - t, ocr, time.process_time() - cpu))
        best = min(times)
        w, h = r.image.size
        # CPU time is the figure to quote on a shared machine: wall time grows with the load
        print(f"{name} {w}x{h}, {len(r.lines)} lines: best of {args.repeat}: CPU {best[2]:.2f} s, wall {best[0]:.2f} s "
              f"(OCR {best[1]:.2f} s) = {1 / best[2]:.2f} images per CPU-second on one core; "
              f"load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
