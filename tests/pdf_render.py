"""Render PDF pages to PNG for tests: poppler's pdftoppm (Debian poppler-utils, installed by
.ci/run) when present, else pypdfium2 from the test extra, so the README's test command also
passes on a machine without poppler."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path


def render_pages(
    pdf: Path,
    out_dir: Path,
    dpi: int = 50,
    first: int | None = None,
    last: int | None = None,
    prefix: str = "page",
) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    if shutil.which("pdftoppm"):
        args = ["pdftoppm", "-png", "-r", str(dpi)]
        if first:
            args += ["-f", str(first)]
        if last:
            args += ["-l", str(last)]
        subprocess.run(
            [*args, str(pdf), str(out_dir / prefix)], check=True, capture_output=True, timeout=120
        )
        return sorted(out_dir.glob(f"{prefix}-*.png"))
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        start, end = (first or 1) - 1, (last or len(document))
        paths = []
        for index in range(start, end):
            path = out_dir / f"{prefix}-{index + 1:03d}.png"
            document[index].render(scale=dpi / 72).to_pil().save(path)
            paths.append(path)
        return paths
    finally:
        document.close()
