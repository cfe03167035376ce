"""Build the typo model into the cache and print what it holds (lint/rules/typo/build.py).

    PYTHONPATH=. python tools/build_typo_model.py     # same as python -m lint.rules.typo.build
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lint.rules.typo.build import main  # noqa: E402

if __name__ == "__main__":
    main()
