"""Export the score sheet as PDF in the chosen layout: the entry point above the shared parts
(pdf_common) and the two layouts (pdf_seed, pdf_national), so that none of them imports
another one's caller."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from jixiao.export import pdf_national, pdf_seed
from jixiao.export.pdf_common import (
    LAYOUT_NATIONAL,
    LAYOUT_SEED,
    ExportOptions,
    RenderedPdf,
    ReportData,
    StoryBuilder,
    collect,
    render_story,
    write_bytes,
)

STORIES: dict[str, StoryBuilder] = {
    LAYOUT_SEED: pdf_seed.story,
    LAYOUT_NATIONAL: pdf_national.story,
}


def render(data: ReportData, options: ExportOptions | None = None) -> RenderedPdf:
    """Lay out the PDF and return its bytes (no file, no database access)."""
    options = options or ExportOptions()
    return render_story(data, options, STORIES[options.layout])  # ExportOptions checks it


def export_pdf(
    ef: Any, out: str | Path, options: ExportOptions | None = None, *, today: date | None = None
) -> RenderedPdf:
    """Collect, render and write ``out`` (via a temporary file, so a failure leaves no half PDF)."""
    rendered = render(collect(ef, today=today), options)
    write_bytes(Path(out), rendered.data)
    return rendered
