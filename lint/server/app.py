"""The editors' web page and the JSON API (`zwlint serve`).

One Linter is built when the app is created and shared by every request: check_post
never mutates it, so concurrent requests (run in the thread pool) cannot interfere.
Requests never touch the file system: the page's three static files are read into
memory at start-up, uploads are parsed in memory, and a file name is used only for its
extension. Every request body is read (up to the limit) before the handler runs, so an
oversized request gets a clear 413 without being parsed.
"""
from __future__ import annotations

import asyncio
import json
from datetime import date
from importlib import resources
from pathlib import PurePath

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from lint import __version__
from lint.config import Config
from lint.engine import Linter
from lint.model import CATEGORIES, Post
from lint.ocr import IMAGE_EXTS
from lint.ocr.inputs import ImageError, posts_from_image_bytes
from lint.server import DEFAULT_MAX_BYTES
from lint.server.annotate import DOCX_MEDIA, AnnotateRequestError, annotated_copy, attachment_headers, parse_decisions
from lint.report import FileResult
from lint.report.json_report import as_dict
from lint.report.mask import mask_results
from lint.text.readers import (DOCX_EXTS, HTML_EXTS, KNOWN_EXTS, TEXT_EXTS, DocxLimits, LimitError, ReadError,
                               check_docx_archive, decode_bytes, html_visible_text, read_docx, read_text)
from lint.text.records import lone_surrogate
from lint.windows import check_post as check_in_windows

# A .docx upload of at most the body limit (10 MB) may unpack to at most 50 MB, hold at most
# 100,000 paragraphs and take at most 10 s to read (a 94 KB file of 600,000 empty paragraphs
# took 42 s of server CPU before these limits).
UPLOAD_DOCX_LIMITS = DocxLimits(max_uncompressed=50 * 1024 * 1024, max_members=1000,
                                max_paragraphs=100_000, max_seconds=10.0)

API_PATH = "-"  # the `path` of the single file entry in a /check answer (input not from a file)

STATIC_FILES = {
    "/": ("index.html", "text/html; charset=utf-8"),
    "/static/app.css": ("app.css", "text/css; charset=utf-8"),
    "/static/app.js": ("app.js", "text/javascript; charset=utf-8"),
    "/static/favicon.svg": ("favicon.svg", "image/svg+xml"),
    "/favicon.ico": ("favicon.svg", "image/svg+xml"),
}

SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; connect-src 'self'; object-src 'none'; "
                               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}


class BadRequest(Exception):
    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status


def error(message: str, status: int = 400, **extra) -> JSONResponse:
    return JSONResponse({"error": message, **extra}, status_code=status, headers=SECURITY_HEADERS)


def _mb(n: int) -> str:
    return f"{n / 1048576:.1f}".rstrip("0").rstrip(".") + " MB"


class BodyLimitMiddleware:
    """Read the whole request body (at most `max_bytes`) before the app sees it; answer
    413 as soon as the declared or the received size goes over the limit."""

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def _too_large(self, scope, receive, send):
        response = error(f"请求内容过大：上限为 {_mb(self.max_bytes)}（request body too large）", 413,
                         limit=self.max_bytes)
        await response(scope, receive, send)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                if int(declared) > self.max_bytes:
                    await self._too_large(scope, receive, send)
                    return
            except ValueError:
                await error("Content-Length 无效（invalid Content-Length）")(scope, receive, send)
                return
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            size += len(body)
            if size > self.max_bytes:
                await self._too_large(scope, receive, send)
                return
            chunks.append(body)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay():
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)
        if size > RELEASE_AFTER:
            await run_in_threadpool(release_memory)


RELEASE_AFTER = 256 * 1024  # bytes of request body after which memory is handed back


def release_memory() -> None:
    """Give the memory freed by a large request back to the system: the C allocator keeps it
    otherwise, and a server that once parsed a big upload would stay big
    (benchmarks/bench_server_memory.py)."""
    import gc

    gc.collect()
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):  # not glibc
        pass


def _static(name: str) -> bytes:
    return resources.files("lint.server").joinpath("static", name).read_bytes()


def _parse_published(value) -> date | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise BadRequest("published 必须是 YYYY-MM-DD 格式的字符串（published must be a YYYY-MM-DD string）")
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise BadRequest(f"published 不是有效日期：{value!r}（published must be YYYY-MM-DD）") from None


def _optional_str(payload: dict, key: str) -> str | None:
    value = payload.get(key)
    if value is None:
        return None
    if not isinstance(value, str):
        raise BadRequest(f"{key} 必须是字符串（{key} must be a string）")
    return value


def _rule_dict(rule, config: Config) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "category": rule.category,
        "category_label": CATEGORIES.get(rule.category, rule.category),
        "severity": config.severity_for(rule.code, rule.severity),
        "summary": rule.summary,
        "doc": (rule.doc or "").strip(),
        "fix_safe": bool(rule.fix_safe),
    }


def _show_personal_data(request: Request) -> bool:
    """?show_personal_data=1: finding texts in full (by default ID and phone numbers are masked)."""
    return request.query_params.get("show_personal_data") in ("1", "true")


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/") and media.endswith("+json"))


def _upload_ext(filename: str) -> str:
    # The name is used for its extension only; it never reaches the file system.
    return PurePath(filename.replace("\\", "/")).suffix.lower()


def create_app(linter: Linter | None = None, config: Config | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES, allowed_hosts: list[str] | None = None,
               docx_limits: DocxLimits = UPLOAD_DOCX_LIMITS) -> Starlette:
    """The ASGI app. Pass a Linter (tests do) or a Config; by default the Linter of the
    default configuration. `allowed_hosts` restricts the Host header (DNS-rebinding guard);
    `docx_limits` bound the work a .docx upload can cause (docs/limits.md)."""
    api = _Api(linter if linter is not None else Linter(config), max_bytes, docx_limits)
    routes = [Route(path, api.page, methods=["GET"]) for path in api.static]
    routes += [
        Route("/api/v1/health", api.health, methods=["GET"]),
        Route("/api/v1/rules", api.rules, methods=["GET"]),
        Route("/api/v1/openapi.json", api.openapi_json, methods=["GET"]),
        Route("/openapi.json", api.openapi_json, methods=["GET"]),
        Route("/api/v1/check", api.check, methods=["POST"]),
        Route("/api/v1/check-file", api.check_file, methods=["POST"]),
        Route("/api/v1/extract", api.extract, methods=["POST"]),
        Route("/api/v1/annotate", api.annotate, methods=["POST"]),
    ]
    middleware = [Middleware(BodyLimitMiddleware, max_bytes=max_bytes)]
    if allowed_hosts:
        middleware.insert(0, Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    app = Starlette(routes=routes, middleware=middleware)
    app.state.linter = api.linter
    return app


class _Api:
    """The page and the API's request handlers, sharing one Linter (check_post never mutates
    it) and the static files and OpenAPI document read once at start-up."""

    def __init__(self, linter: Linter, max_bytes: int, docx_limits: DocxLimits = UPLOAD_DOCX_LIMITS):
        from lint.server.openapi import openapi_document

        self.linter = linter
        self.max_bytes = max_bytes
        self.docx_limits = docx_limits
        self.static = {route: (_static(name), media) for route, (name, media) in STATIC_FILES.items()}
        self.openapi = json.dumps(openapi_document(__version__, max_bytes), ensure_ascii=False).encode("utf-8")

    def check_posts(self, path: str, posts: list[Post], source: str | None, show_personal_data: bool = False) -> dict:
        findings = []
        for post in posts:
            findings.extend(check_in_windows(self.linter, post))
        results = [FileResult(path=path, findings=findings, source=source, posts=posts)]
        result = as_dict(results if show_personal_data else mask_results(results))
        result["_fix_safe"] = [bool(f.fix_safe and f.suggestions) for f in findings]
        return result

    async def page(self, request: Request) -> Response:
        body, media = self.static[request.url.path]
        return Response(body, media_type=media, headers=SECURITY_HEADERS)

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__}, headers=SECURITY_HEADERS)

    async def rules(self, request: Request) -> Response:
        return JSONResponse({
            "version": 1,
            "categories": dict(CATEGORIES),
            "rules": [_rule_dict(r, self.linter.config) for r in self.linter.rules],
        }, headers=SECURITY_HEADERS)

    async def openapi_json(self, request: Request) -> Response:
        return Response(self.openapi, media_type="application/json", headers=SECURITY_HEADERS)

    async def check(self, request: Request) -> Response:
        """POST /api/v1/check: {"title"?, "content", "published"?, "id"?} -> JSON contract."""
        if not _is_json(request.headers.get("content-type", "")):
            # a form or text/plain post is what another web page can make the browser send
            return error("请以 application/json 提交（Content-Type must be application/json）", 415)
        raw = await request.body()
        try:
            payload = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            return error(f"请求体不是有效的 UTF-8 JSON（invalid JSON: {exc}）")
        if not isinstance(payload, dict):
            return error("请求体必须是 JSON 对象（body must be a JSON object）")
        if lone_surrogate(payload):
            return error("请求中含有孤立的代理项转义（如 \\ud800），不是有效的 Unicode 文本"
                         "（lone surrogate escape: not valid Unicode text）", 422)
        try:
            content = payload.get("content")
            if not isinstance(content, str):
                raise BadRequest("缺少字符串字段 content（field 'content' must be a string）")
            title = _optional_str(payload, "title")
            rid = payload.get("id")
            if rid is not None and not isinstance(rid, (str, int)):
                raise BadRequest("id 必须是字符串或整数（id must be a string or an integer）")
            published = _parse_published(payload.get("published"))
        except BadRequest as exc:
            return error(exc.message, exc.status)
        # A post of the API is checked like one record of a .jsonl export: title and
        # content findings carry field "title" / "content"; `record` is the given id.
        post = Post(content=content, title=title if title is not None else "",
                    id=str(rid) if rid not in (None, "") else None, published=published)
        result = await run_in_threadpool(self.check_posts, API_PATH, [post], None, _show_personal_data(request))
        if request.query_params.get("fix_safe") in ("1", "true"):
            # For the page: which findings --fix would apply (parallel to files[0].findings).
            result["fix_safe"] = result.pop("_fix_safe")
        else:
            result.pop("_fix_safe")
        return JSONResponse(result, headers=SECURITY_HEADERS)

    async def _upload(self, request: Request) -> tuple[str, bytes, date | None, dict[str, str]]:
        ctype = request.headers.get("content-type", "")
        if not ctype.startswith("multipart/form-data"):
            raise BadRequest("请以 multipart/form-data 上传文件（use multipart/form-data with a 'file' field）", 415)
        parser = MultiPartParser(request.headers, request.stream(), max_files=1, max_fields=10,
                                 max_part_size=self.max_bytes)
        parser.spool_max_size = self.max_bytes + 1  # the upload never spills into a temporary file
        try:
            form = await parser.parse()
        except MultiPartException as exc:
            raise BadRequest(f"上传内容格式有误（{exc.message}）") from None
        try:
            upload = form.get("file")
            if upload is None or isinstance(upload, str):
                raise BadRequest("缺少文件字段 file（missing 'file' field）")
            data = await upload.read()
            filename = upload.filename or ""
            published = _parse_published(form.get("published") or None)
            fields = {k: v for k, v in form.multi_items() if isinstance(v, str)}
        finally:
            await form.close()
        return filename, data, published, fields

    def read_upload(self, filename: str, data: bytes, published: date | None, allowed: set[str]):
        ext = _upload_ext(filename)
        if ext not in allowed:
            raise BadRequest(f"不支持的文件类型“{ext or filename}”，支持：{' '.join(sorted(allowed))}", 415)
        if not data.strip():
            raise BadRequest("文件是空的（empty file）")
        if ext in DOCX_EXTS:
            text = read_docx(data, self.docx_limits)
            if not text.strip():
                raise BadRequest("文档中没有文字（empty document）")
            return ext, text, None
        text = decode_bytes(data)
        if not text.strip():
            raise BadRequest("文件是空的（empty file）")
        return ext, text, text

    async def read_in_time(self, filename: str, data: bytes, published: date | None, allowed: set[str]):
        """read_upload, answered with a 422 once docx_limits.max_seconds have passed (the
        reading itself is bounded by the size and paragraph limits)."""
        try:
            return await asyncio.wait_for(run_in_threadpool(self.read_upload, filename, data, published, allowed),
                                          timeout=self.docx_limits.max_seconds)
        except asyncio.TimeoutError:
            raise LimitError(f"reading the upload took longer than {self.docx_limits.max_seconds:g} s") from None

    async def extract(self, request: Request) -> Response:
        """POST /api/v1/extract (multipart `file`): the plain text of a .docx/.html/.txt/.md
        upload, for the page to put into its editor."""
        try:
            filename, data, _, _ = await self._upload(request)
            ext, text, _ = await self.read_in_time(filename, data, None, DOCX_EXTS | HTML_EXTS | TEXT_EXTS)
            kind = "docx" if ext in DOCX_EXTS else "html" if ext in HTML_EXTS else "text"
            if kind == "html":
                text = html_visible_text(text)[0].strip("\n")
        except BadRequest as exc:
            return error(exc.message, exc.status)
        except ReadError as exc:
            return error(f"无法读取文件：{exc}", getattr(exc, "status", 422))
        return JSONResponse({"filename": PurePath(filename.replace("\\", "/")).name, "kind": kind,
                             "content": text}, headers=SECURITY_HEADERS)

    async def check_file(self, request: Request) -> Response:
        """POST /api/v1/check-file (multipart `file`, optional `published`): the file checked
        exactly as `zwlint check FILE --format json` checks it (HTML offsets point into
        the page source; record files give one finding list per record)."""
        try:
            filename, data, published, _ = await self._upload(request)
            if _upload_ext(filename) in IMAGE_EXTS:
                return await self.check_image(filename, data, published, _show_personal_data(request))
            ext, text, decoded = await self.read_in_time(filename, data, published, KNOWN_EXTS)
        except BadRequest as exc:
            return error(exc.message, exc.status)
        except ReadError as exc:
            return error(f"无法读取文件：{exc}", getattr(exc, "status", 422))
        name = PurePath(filename.replace("\\", "/")).name
        if decoded is None:  # docx
            posts, source, errors = [Post(content=text, published=published, path=name)], None, []
        else:
            src, errors = read_text(name, decoded, ext, published)
            if src is None:
                return error(f"无法读取文件：{errors[0].reason if errors else 'unreadable'}", 422)
            posts, source = src.posts, (src.text if src.kind != "records" else None)
        result = await run_in_threadpool(self.check_posts, name, posts, source, _show_personal_data(request))
        result.pop("_fix_safe")
        if errors:
            result["errors"] = [str(e) for e in errors]
        return JSONResponse(result, headers=SECURITY_HEADERS)

    async def annotate(self, request: Request) -> Response:
        """POST /api/v1/annotate (multipart `file`, optional `published`, `accepted`, `ignored`,
        `fixes`): the .docx with its findings as comments and the accepted fixes as tracked
        changes (lint/server/annotate.py)."""
        try:
            filename, data, published, fields = await self._upload(request)
            if _upload_ext(filename) not in DOCX_EXTS:
                raise BadRequest("只能为 .docx 文件生成批注版（only a .docx can be annotated）", 415)
            edits, dismissed, mode = parse_decisions(fields.get("accepted"), fields.get("ignored"), fields.get("fixes"))
        except BadRequest as exc:
            return error(exc.message, exc.status)
        except AnnotateRequestError as exc:
            return error(str(exc))
        try:
            # the same limits as any .docx upload, before its XML is parsed
            limits = self.docx_limits
            await asyncio.wait_for(run_in_threadpool(check_docx_archive, data, limits), timeout=limits.max_seconds)
            body, comments, revisions = await asyncio.wait_for(
                run_in_threadpool(annotated_copy, self.linter, data, published, edits, dismissed, mode),
                timeout=limits.max_seconds)
        except AnnotateRequestError as exc:
            return error(str(exc), 422)
        except ReadError as exc:
            return error(f"无法读取文件：{exc}", getattr(exc, "status", 422))
        except asyncio.TimeoutError:
            return error(f"无法读取文件：reading the upload took longer than {self.docx_limits.max_seconds:g} s", 422)
        return Response(body, media_type=DOCX_MEDIA, headers={
            **SECURITY_HEADERS, **attachment_headers(filename),
            "X-Zwlint-Comments": str(comments), "X-Zwlint-Revisions": str(revisions)})

    async def check_image(self, filename: str, data: bytes, published: date | None,
                          show_personal_data: bool = False) -> Response:
        """An image upload: its recognised text checked, findings with their pixel boxes; the
        answer adds `image` (width, height, the recognised text the offsets point into)."""
        name = PurePath(filename.replace("\\", "/")).name
        try:
            posts = await run_in_threadpool(posts_from_image_bytes, data, name, published)
        except ImageError as exc:
            return error(f"无法读取图片：{exc}", 422)
        result = await run_in_threadpool(self.check_posts, name, posts, posts[0].content, show_personal_data)
        result.pop("_fix_safe")
        found = posts[0].image
        result["image"] = {"width": found.width, "height": found.height, "text": found.text}
        return JSONResponse(result, headers=SECURITY_HEADERS)
