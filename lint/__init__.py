"""zwlint: a content-quality linter for Chinese government new-media posts."""
__version__ = "0.1.0"
__all__ = ["Linter", "check_text", "Finding", "Post", "__version__"]

# The public names are imported on first use, so that `zwlint --help` and the commands
# that do not lint (audit reads, serve) do not pay for the engine, the matcher and numpy.
_LAZY = {"Linter": "lint.engine", "check_text": "lint.engine", "Finding": "lint.model", "Post": "lint.model"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'lint' has no attribute {name!r}")
