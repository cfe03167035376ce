"""The `zwlint` command line."""
from __future__ import annotations

import gc
import os
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer
import typer.core

from lint import __version__
from lint.commands import fail, parse_day, split_values

app = typer.Typer(
    help="zwlint：政务新媒体内容检查（严重表述错误、错别字、娱乐化、隐私、日期……）。",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    text = "text"
    json = "json"
    sarif = "sarif"
    github = "github"


class AnnotateFixes(str, Enum):
    safe = "safe"
    all = "all"
    none = "none"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def _version(value: bool):
    if value:
        typer.echo(f"zwlint {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                      help="Show the version and exit.")):
    """zwlint：政务新媒体内容检查。"""


class _OptionalValueCommand(typer.core.TyperCommand):
    """`--annotate` and `--review-sheet` take an optional value: alone (last, or followed by
    another option) they mean "next to each input" (the value "")."""

    OPTIONAL_VALUE = ("--annotate", "--review-sheet")

    def parse_args(self, ctx, args):
        args = list(args)
        for i, arg in enumerate(args):
            if arg in self.OPTIONAL_VALUE and (i + 1 == len(args) or args[i + 1].startswith("-") and args[i + 1] != "-"):
                args[i] = arg + "="
        return super().parse_args(ctx, args)


@app.command(cls=_OptionalValueCommand)
def check(
    ctx: typer.Context,
    paths: List[str] = typer.Argument(..., help="Files or folders (.txt .md .html .docx .jsonl .json .csv; with zwlint[ocr] also images .png .jpg .webp .bmp .gif and .pdf, and the images inside or referenced by the others); - reads stdin."),
    format: Format = typer.Option(Format.text, "--format", "-f", help="Output format."),
    fail_on: Optional[FailOn] = typer.Option(None, "--fail-on", help="Exit 1 when a finding is at or above this severity [default: error]."),
    published: Optional[str] = typer.Option(None, "--published", help="Publication date YYYY-MM-DD for plain files (records carry their own)."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Only these rules: codes, prefixes (ZW1) or categories (typo); comma-separated."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Skip these rules: codes, prefixes or categories."),
    config: Optional[Path] = typer.Option(None, "--config", help="zwlint.toml or pyproject.toml to use instead of searching upwards."),
    fix: bool = typer.Option(False, "--fix", help="Apply the fixes marked safe and report what changed."),
    diff: bool = typer.Option(False, "--diff", help="Show the safe fixes as a unified diff without writing."),
    stdin_name: str = typer.Option("stdin.txt", "--stdin-name", help="Name (and so the kind) of the text read from -."),
    max_bytes: int = typer.Option(50 * 1024 * 1024, "--max-bytes", help="Refuse files larger than this."),
    color: Optional[bool] = typer.Option(None, "--color/--no-color", help="Colour the text output [default: on a terminal]."),
    annotate: Optional[str] = typer.Option(None, "--annotate", metavar="[OUT.docx]",
                                           help="Write a copy of each .docx with every finding as a Word comment (批注) "
                                                "and fixes as tracked changes (修订) [default: X.zwlint.docx]. Put it after the inputs."),
    annotate_fixes: AnnotateFixes = typer.Option(AnnotateFixes.safe, "--annotate-fixes",
                                                 help="Which fixes --annotate writes as tracked changes: the safe ones, every first suggestion, or none."),
    review_sheet: Optional[str] = typer.Option(None, "--review-sheet", metavar="[OUT.html|OUT.pdf]",
                                               help="Write a one-page 审校意见单 of each input [default: X.审校意见单.html]; .pdf needs LibreOffice."),
    show_personal_data: bool = typer.Option(False, "--show-personal-data", help="Show identity card and phone numbers in full in the output (default: masked, 1101**********002X)."),
):
    """Check posts and print every finding."""
    # Start-up builds millions of long-lived objects (the cached automaton, the typo model):
    # the cyclic collector would walk them again and again and free nothing, about a fifth of
    # a pre-commit run (benchmarks/bench_startup.py). Off until the first input is linted;
    # back on when the command ends, however it ends.
    gc_paused = gc.isenabled()
    if gc_paused:
        gc.disable()
        ctx.call_on_close(gc.enable)
    day = parse_day(published, "--published")
    linter = _check_linter(config, paths, select, ignore)
    threshold = (fail_on.value if fail_on else None) or linter.config.fail_on or "error"
    show_progress = format == Format.text and sys.stderr.isatty()
    results, errors = _lint_inputs(linter, paths, day, stdin_name, max_bytes, show_progress,
                                   on_linted=gc.enable if gc_paused else None)
    if fix or diff:
        errors.extend(_apply_fixes(results, write=fix, show_diff=diff))
    if annotate is not None or review_sheet is not None:
        from lint.report.review import write_reviews

        errors.extend(write_reviews(results, annotate, annotate_fixes.value, review_sheet,
                                    say=lambda m: typer.echo(m, err=True), show_personal_data=show_personal_data))

    from lint.report import render
    from lint.report.mask import mask_results

    use_color = color if color is not None else (sys.stdout.isatty() and "NO_COLOR" not in os.environ)
    output = render(format.value, results if show_personal_data else mask_results(results), color=use_color)
    if output:
        typer.echo(output)
    for err in errors:
        typer.echo(f"zwlint: error: {err}", err=True)
    raise typer.Exit(_exit_code(results, errors, threshold))


def _check_linter(config: Optional[Path], paths: List[str], select, ignore):
    """The Linter of the configuration (--config, or the nearest one above the first input)
    with --select/--ignore added; fails on a bad configuration or word list."""
    from lint.config import config_for
    from lint.engine import Linter

    try:
        cfg, _ = config_for(config, Path(next((p for p in paths if p != "-"), ".")))
        return Linter(cfg.merged(select=split_values(select), ignore=split_values(ignore)))
    except ValueError as exc:  # ConfigError or a malformed word list
        fail(str(exc))


def _lint_inputs(linter, paths: List[str], day, stdin_name: str, max_bytes: int, show_progress: bool,
                 on_linted=None):
    """Read every input (stdin for -, files, the known kinds of files under folders) and lint
    its posts: (FileResult per input, InputError per unreadable input or record).
    `on_linted` is called after each input is linted."""
    from lint.ocr.inputs import add_image_posts
    from lint.report import FileResult
    from lint.text.readers import InputError, ReadError, decode_bytes, expand_paths, read_file, read_text

    errors: list[InputError] = []
    results: list[FileResult] = []

    from lint.windows import check_post

    def lint_source(src) -> None:
        findings = []
        per_post = []
        for post in src.posts:
            found = check_post(linter, post)  # in windows if it is very long
            per_post.append((post, found))
            findings.extend(found)
        if on_linted:
            on_linted()
        results.append(FileResult(path=src.path, findings=findings, source=src.text if src.kind != "records" else None,
                                  posts=src.posts, per_post=per_post))

    file_paths, missing = expand_paths([p for p in paths if p != "-"], images=True)
    errors.extend(missing)
    if "-" in paths:
        data = sys.stdin.buffer.read()
        try:
            text = decode_bytes(data)
            if not text.strip():
                raise ReadError("empty input")
            src, errs = read_text("-", text, Path(stdin_name).suffix.lower() or ".txt", day)
            errors.extend(errs)
            if src:
                lint_source(src)
        except ReadError as exc:
            errors.append(InputError("-", str(exc)))

    show_progress = show_progress and len(file_paths) > 20
    total = len(file_paths)
    for i, fp in enumerate(file_paths, 1):
        if show_progress:
            sys.stderr.write(f"\r[{i}/{total}] {fp}"[:100].ljust(100))
            sys.stderr.flush()
        src, errs = read_file(fp, published=day, max_bytes=max_bytes, images=True)
        errors.extend(errs)
        if src is not None:
            errors.extend(add_image_posts(src))
            lint_source(src)
    if show_progress:
        sys.stderr.write("\r" + " " * 100 + "\r")
    return results, errors


def _apply_fixes(results, write: bool, show_diff: bool) -> list:
    """--fix / --diff: the safe fixes of each input written back (and their findings dropped
    from `results`) and/or shown as a unified diff; an InputError for each file that could
    not be fixed (the others are)."""
    from lint.fix import FixError, plan_fix, unified_diff, write_atomically
    from lint.text.readers import OCR_EXTS, InputError

    errors = []
    for r in results:
        ext = Path(r.path).suffix.lower()
        if r.path == "-" or ext == ".docx" or ext in OCR_EXTS:
            if any(f.fix_safe and f.suggestions for f in r.findings):
                typer.echo(f"zwlint: {r.path}: fixes cannot be written back to this input", err=True)
            continue
        try:
            planned = plan_fix(r.path, r.per_post)
            if planned is None:
                continue
            if show_diff:
                typer.echo(unified_diff(r.path, planned.before, planned.after), nl=False)
            if write:
                write_atomically(r.path, planned.data)
        except FixError as exc:
            errors.append(InputError(r.path, f"--fix: {exc}"))
            continue
        if write:
            for f in planned.applied:
                where = f"{r.path}[{f.record}].{f.field}" if f.record is not None else r.path
                typer.echo(f"已修复 {where}:{f.line}:{f.column} {f.rule} “{f.text}” → “{f.suggestions[0]}”", err=True)
            applied_ids = {id(f) for f in planned.applied}
            r.findings = [f for f in r.findings if id(f) not in applied_ids]
    return errors


def _exit_code(results, errors, threshold: str) -> int:
    """2 when an input could not be read, 1 when a finding reaches --fail-on, else 0."""
    from lint.model import SEVERITY_RANK

    if errors:
        return 2
    if threshold != "never":
        limit = SEVERITY_RANK[threshold]
        if any(SEVERITY_RANK[f.severity] >= limit for r in results for f in r.findings):
            return 1
    return 0


@app.command()
def rules(code: Optional[str] = typer.Argument(None, help="A rule code such as ZW101: show its documentation."),
          markdown: bool = typer.Option(False, "--markdown", help="Print the full rule reference as Markdown (docs/rules.md).")):
    """List the rules, or explain one."""
    from lint.model import CATEGORIES
    from lint.rules import all_rules, get_rule

    if markdown:
        typer.echo(rules_markdown(), nl=False)
        return
    if code:
        rule = get_rule(code)
        if rule is None:
            fail(f"no rule {code!r}; `zwlint rules` lists them")
        typer.echo(f"{rule.code} {rule.name}")
        typer.echo(f"类别: {rule.category}（{CATEGORIES[rule.category]}）  默认级别: {rule.severity}  "
                   f"自动修复: {'安全' if rule.fix_safe else '否'}")
        if rule.summary:
            typer.echo(f"\n{rule.summary}")
        if rule.doc:
            typer.echo(f"\n{rule.doc.strip()}")
        if rule.options:
            typer.echo(f"\n选项（[tool.zwlint.rules.{rule.code}]）：")
            for o in rule.options:
                typer.echo(f"  {o.name} = {_option_default(o)}  {o.doc}")
        return
    for r in all_rules().values():
        typer.echo(f"{r.code}  {r.name:<28} {r.category:<13} {r.severity:<8} {r.summary}")


def rules_markdown(rules=None) -> str:
    """The rule reference, generated from the registry (docs/rules.md): every rule's summary,
    doc and declared options. `rules`: these instead of every registered rule."""
    from lint.model import CATEGORIES
    from lint.rules import all_rules

    rules = list(all_rules().values()) if rules is None else list(rules)
    out = ["# zwlint 规则", "", "由 `zwlint rules --markdown` 生成；`zwlint rules CODE` 显示一条规则。",
           "规则的选项写在配置的 `[tool.zwlint.rules.CODE]` 中（`min-score` 也可写作 `min_score`）。", "",
           "| code | name | category | severity | safe fix | summary |", "|---|---|---|---|---|---|"]
    for r in rules:
        out.append(f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.category} | {r.severity} | "
                   f"{'yes' if r.fix_safe else 'no'} | {r.summary} |")
    for r in rules:
        out += ["", f"## {r.code}", "", f"**{r.name}** · {r.category}（{CATEGORIES[r.category]}）· {r.severity}"
                f" · safe fix: {'yes' if r.fix_safe else 'no'}", "", r.summary, "", (r.doc or "").strip()]
        if r.options:
            out += ["", f"选项（`[tool.zwlint.rules.{r.code}]`）：", "", "| 选项 | 类型 | 默认值 | 说明 |",
                    "|---|---|---|---|"]
            out += [f"| `{o.name}` | {o.type.__name__} | {_option_default(o)} | {o.doc} |" for o in r.options]
    return "\n".join(out) + "\n"


def _option_default(option) -> str:
    if option.default is None:
        return "（不设置）"
    if isinstance(option.default, bool):
        return "true" if option.default else "false"
    if isinstance(option.default, str):
        return f'"{option.default}"'
    return f"{option.default:g}" if isinstance(option.default, float) else str(option.default)


# ---------------------------------------------------------------- audit (lint/audit)
# The audit command is registered here.
from lint.audit.command import audit as _audit  # noqa: E402

app.command(name="audit")(_audit)


# ---------------------------------------------------------------- serve (lint/server)
# The serve command is registered here.
from lint.server.command import serve as _serve  # noqa: E402
app.command(name="serve")(_serve)


def main() -> None:
    """The console script. After `zwlint check` the process ends without tearing down the
    typo model's millions of objects (0.15 s of a pre-commit hook's run); the other commands,
    which write files and databases, exit normally."""
    try:
        app()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if len(sys.argv) > 1 and sys.argv[1] == "check":
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code if isinstance(code, int) else 0 if code is None else 1)
    sys.exit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
