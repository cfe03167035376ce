"""zwlint: a content-quality linter for Chinese government new-media posts."""
from lint.engine import Linter, check_text
from lint.model import Finding, Post

__version__ = "0.1.0"
__all__ = ["Linter", "check_text", "Finding", "Post", "__version__"]
