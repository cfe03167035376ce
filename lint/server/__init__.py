"""Local web page and JSON API for editors (`zwlint serve`)."""

DEFAULT_MAX_BYTES = 10 * 1024 * 1024  # largest request body accepted (413 above)
