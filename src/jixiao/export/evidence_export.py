"""Export the evidence checklist to xlsx, and every attachment into a folder tree.

The folder tree is ``<dir>/<code> <indicator>/<item>/<file>``, e.g.
``A12 立项程序规范性/项目申报书/申报书.pdf``; names are made safe for Windows and clashes
get `` (2)``. Content is streamed from the evaluation file chunk by chunk.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from jixiao.core import evidence as core
from jixiao.core.evidence import STATUS_MISSING, EvidenceError
from jixiao.storage import evidence as store
from jixiao.storage.evaluation_file import EvaluationFile

HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
MISSING_FILL = PatternFill("solid", fgColor="FCE4D6")
THIN = Side(style="thin", color="A6A6A6")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CHECKLIST_COLUMNS = [
    ("指标编码", 9),
    ("指标名称", 24),
    ("佐证材料", 26),
    ("关联项目", 24),
    ("状态", 8),
    ("不适用理由", 22),
    ("备注", 24),
    ("文件名", 34),
    ("大小（字节）", 13),
    ("SHA-256", 30),
    ("上传人", 10),
    ("上传时间", 20),
]


@dataclass(frozen=True)
class AttachmentExport:
    directory: Path
    files: list[Path]


def _text(value: str) -> str:
    # A file or item name such as "=HYPERLINK(...)" must stay text in Excel / WPS.
    return "'" + value if value.startswith(DANGEROUS_PREFIXES) else value


def export_checklist_xlsx(ef: EvaluationFile, target: str | Path) -> Path:
    target = Path(target)
    system = ef.system()
    nodes = system.by_code()
    all_items = store.items(ef)
    per_node = core.coverage_by_node(system, all_items)
    overall = store.overall_coverage(ef)

    wb = Workbook()
    ws = wb.active
    ws.title = "佐证材料清单"
    ws.append([name for name, _ in CHECKLIST_COLUMNS])
    for it in all_items:
        node = nodes.get(it.code)
        base = [
            it.code,
            node.name if node else "（已删除的指标）",
            _text(it.name),
            _text(it.project_name),
            it.status_label,
            _text(it.na_reason),
            _text(it.note),
        ]
        rows = [
            [_text(f.original_name), f.size, f.sha256, f.attached_by, f.attached_at]
            for f in it.files
        ]
        for extra in rows or [["", None, "", "", ""]]:
            ws.append(base + extra)
            if it.status == STATUS_MISSING:
                for cell in ws[ws.max_row]:
                    cell.fill = MISSING_FILL
    _format_sheet(ws, CHECKLIST_COLUMNS)

    ws2 = wb.create_sheet("完整率")
    cols = [
        ("指标编码", 9),
        ("指标名称", 28),
        ("已提供", 9),
        ("应提供", 9),
        ("不适用", 9),
        ("佐证完整率", 12),
    ]
    ws2.append([name for name, _ in cols])
    for level, node, _ in system.walk():
        cov = per_node.get(node.code, core.Coverage())
        ws2.append(
            [
                node.code,
                "　" * (level - 1) + node.name,
                cov.provided,
                cov.required,
                cov.na,
                float(cov.rate) if cov.rate is not None else "—",
            ]
        )
        ws2.cell(ws2.max_row, 6).number_format = "0.00%"
        if level < 3:
            for cell in ws2[ws2.max_row]:
                cell.font = Font(bold=True)
    ws2.append(
        [
            "合计",
            "佐证完整率",
            overall.provided,
            overall.required,
            overall.na,
            float(overall.rate) if overall.rate is not None else "—",
        ]
    )
    ws2.cell(ws2.max_row, 6).number_format = "0.00%"
    for cell in ws2[ws2.max_row]:
        cell.font = Font(bold=True)
    _format_sheet(ws2, cols)
    ws2.append([])
    ws2.append([f"佐证完整率 {overall.text()}（不适用项不计入分母）"])

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".part")
        wb.save(tmp)
        tmp.replace(target)
    except OSError as exc:
        raise EvidenceError(
            f"无法写入 {target.name}：{exc.strerror or exc}（文件是否正在 Excel 中打开？）"
        ) from None
    return target


def _format_sheet(ws, columns: list[tuple[str, int]]) -> None:  # type: ignore[no-untyped-def]
    for index, (_, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row, max_col=len(columns)):
        for cell in row:
            cell.border = BORDER
    ws.freeze_panes = "A2"


@dataclass(frozen=True)
class PlannedFile:
    blob_id: int
    size: int
    original_name: str
    target: Path


def plan_attachments(ef: EvaluationFile, directory: str | Path) -> list[PlannedFile]:
    """Where each attachment goes under ``directory`` (indicator / item / file name). Reads the
    file on the GUI thread; the copying (``write_attachments``) can then run on a worker."""
    directory = Path(directory)
    nodes = ef.system().by_code()
    plan: list[PlannedFile] = []
    taken_items: dict[Path, set[str]] = {}
    taken_files: dict[Path, set[str]] = {}
    for it in (it for it in store.items(ef) if it.files):
        node = nodes.get(it.code)
        code_dir = directory / core.safe_file_name(f"{it.code} {node.name}" if node else it.code)
        siblings = taken_items.setdefault(code_dir, set())
        item_name = core.unique_name(core.safe_file_name(it.name), siblings)
        siblings.add(item_name)
        item_dir = code_dir / item_name
        names = taken_files.setdefault(item_dir, _existing_names(item_dir))
        for f in it.files:
            name = core.unique_name(core.safe_file_name(f.original_name, f"附件{f.id}"), names)
            names.add(name)
            plan.append(PlannedFile(f.blob_id, f.size, f.original_name, item_dir / name))
    return plan


def _existing_names(directory: Path) -> set[str]:
    try:
        return {p.name for p in directory.iterdir()}
    except OSError:
        return set()


def write_attachments(
    source: str | Path,
    directory: str | Path,
    plan: list[PlannedFile],
    progress: Callable[[int, int], None] | None = None,
) -> AttachmentExport:
    """Copy the planned attachments out of the evaluation file at ``source`` through a
    read-only connection of its own (safe on a worker thread)."""
    directory = Path(directory)
    total = sum(p.size for p in plan)
    done = 0
    written: list[Path] = []
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with store.read_only(source) as db:
            for planned in plan:
                planned.target.parent.mkdir(parents=True, exist_ok=True)
                base = done

                def step(n: int, _size: int, base: int = base) -> None:
                    if progress:
                        progress(base + n, total)

                written.append(
                    store.extract_blob(
                        db,
                        planned.blob_id,
                        planned.size,
                        planned.original_name,
                        planned.target,
                        step,
                    )
                )
                done += planned.size
    except OSError as exc:
        raise EvidenceError(f"无法导出附件到 {directory}：{exc.strerror or exc}") from None
    return AttachmentExport(directory, written)


def export_attachments(
    ef: EvaluationFile, directory: str | Path, progress: Callable[[int, int], None] | None = None
) -> AttachmentExport:
    """Write every attachment under ``directory``; returns the written files."""
    return write_attachments(ef.path, directory, plan_attachments(ef, directory), progress)


def export_all(ef: EvaluationFile, directory: str | Path) -> tuple[Path, AttachmentExport]:
    """The checklist (``佐证材料清单.xlsx``) and the attachment tree, side by side."""
    directory = Path(directory)
    result = export_attachments(ef, directory)
    checklist = export_checklist_xlsx(ef, directory / "佐证材料清单.xlsx")
    return checklist, result


__all__ = ["AttachmentExport", "export_all", "export_attachments", "export_checklist_xlsx"]
