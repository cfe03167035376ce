"""What `zwlint check --annotate / --review-sheet` writes for each checked file: the annotated
.docx (lint/report/docx_annotate.py) and the 审校意见单 (lint/report/review_sheet.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from lint.report import FileResult
from lint.report.docx_annotate import DocxError, annotate_docx, annotate_output_path, edits_for
from lint.report.mask import mask_finding
from lint.report.review_sheet import html_to_pdf, review_sheet_html
from lint.text.readers import InputError


def sheet_output_path(path: Path) -> Path:
    """article.docx -> article.审校意见单.html (the default of --review-sheet)."""
    return path.with_name(path.stem + ".审校意见单.html")


def write_reviews(results: list[FileResult], annotate: str | None, fix_mode: str, sheet: str | None,
                  say: Callable[[str], None], show_personal_data: bool = False) -> list[InputError]:
    """Write the annotated copies (`annotate`: None = no, "" = next to each input, else the
    output path) and the sheets (same convention); one InputError per file that failed."""
    errors: list[InputError] = []
    files = [r for r in results if r.path != "-"]
    docx_files = [r for r in files if Path(r.path).suffix.lower() == ".docx"]
    if annotate and len(docx_files) > 1:
        return [InputError(annotate, "--annotate OUT.docx names one output; with several .docx inputs give --annotate alone")]
    if sheet and len(files) > 1:
        return [InputError(sheet, "--review-sheet OUT names one output; with several inputs give --review-sheet alone")]
    if annotate is not None and not docx_files:
        say("zwlint: --annotate: no .docx among the inputs; nothing annotated")
    annotated: dict[str, Path] = {}
    for r in docx_files if annotate is not None else []:
        out = Path(annotate) if annotate else annotate_output_path(Path(r.path))
        if out.resolve() == Path(r.path).resolve():
            errors.append(InputError(r.path, "--annotate would overwrite the input; name another file"))
            continue
        try:
            on_text = [f for f in r.findings if f.image is None]  # findings in embedded images have no runs
            result = annotate_docx(Path(r.path), on_text, edits_for(on_text, fix_mode))
            out.write_bytes(result.data)
        except (DocxError, ValueError, OSError) as exc:
            errors.append(InputError(r.path, f"cannot write the annotated copy ({exc})"))
            continue
        annotated[r.path] = out
        untracked = f"，{len(result.untracked)} 处修改跨段落或域、只写入批注" if result.untracked else ""
        say(f"已写入批注版 {out}：{result.comments} 条批注，{len(result.revisions)} 处修订{untracked}")
    for r in files if sheet is not None else []:
        out = Path(sheet) if sheet else sheet_output_path(Path(r.path))
        findings = r.findings if show_personal_data else [mask_finding(f) for f in r.findings]
        page = review_sheet_html(Path(r.path).name, findings,
                                 annotated=annotated[r.path].name if r.path in annotated else None)
        try:
            if out.suffix.lower() == ".pdf":
                html_to_pdf(page, out)
            else:
                out.write_text(page, encoding="utf-8")
        except (RuntimeError, OSError) as exc:
            errors.append(InputError(r.path, f"cannot write the review sheet ({exc})"))
            continue
        say(f"已写入审校意见单 {out}")
    return errors
