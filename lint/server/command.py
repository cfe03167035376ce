"""`zwlint serve`: start the editors' page and the JSON API on this computer."""
from __future__ import annotations

import ipaddress
from pathlib import Path
from typing import Optional

import typer

from lint.commands import fail
from lint.server import DEFAULT_MAX_BYTES


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on. Keep 127.0.0.1 unless colleagues must reach it."),
    port: int = typer.Option(8765, "--port", "-p", help="Port to listen on."),
    config: Optional[Path] = typer.Option(None, "--config", help="zwlint.toml or pyproject.toml (default: searched upwards from the current folder)."),
    max_bytes: int = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Largest request (pasted text or uploaded file) accepted; larger ones get 413."),
    open_browser: bool = typer.Option(False, "--open", help="Open the page in the default browser."),
):
    """Start the editors' web page and the JSON API (POST /api/v1/check)."""
    from lint.config import config_for
    from lint.engine import Linter

    try:
        linter = Linter(config_for(config, Path.cwd())[0])
    except ValueError as exc:  # ConfigError or a malformed word list
        fail(str(exc))

    import uvicorn

    from lint.server.app import create_app

    allowed = None
    if _is_loopback(host):
        allowed = ["127.0.0.1", "localhost", "[::1]", host]
    else:
        typer.echo(f"zwlint: warning: listening on {host}: anyone who can reach this computer can use the checker", err=True)
    app = create_app(linter=linter, max_bytes=max_bytes, allowed_hosts=allowed)
    # Warm up: rules that load something on first use (segmentation, models) do it now,
    # once, rather than in the first editor's request or in several threads at once.
    from lint.model import Post

    linter.check_post(Post(content="各单位：现将有关事项通知如下。请于2024年5月20日前报送。", title="关于开展检查的通知"))
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    typer.echo(f"zwlint serve: {url}  （{len(linter.rules)} 条规则；按 Ctrl+C 停止）", err=True)
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
