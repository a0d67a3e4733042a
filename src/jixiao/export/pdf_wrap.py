"""Line breaking for table cells: Chinese may break between any two characters, but a number
("94.34%", "17,641.06", "≥266米"'s "≥266") or a Latin word never breaks inside itself.

reportlab's CJK wrapping cuts "like a knife" and only sometimes looks back for a better point,
so a cell could print "94.3⏎4%". The paragraph below lays out single-run text itself.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph
from reportlab.platypus import paragraph as rl_paragraph

# A number with its sign or comparison mark, thousands separators, decimals and percent sign;
# a Latin word (codes such as C11); a run of spaces; otherwise one character.
_ATOM = re.compile(
    r"[≥≤<>＞＜±+\-−~～]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)*[%％‰]?"
    r"|[A-Za-z][A-Za-z0-9_\-]*"
    r"|\s+"
    r"|."
)


def atoms(text: str) -> list[str]:
    """``text`` cut into the pieces a line may break between."""
    pieces = _ATOM.findall(text)
    # A thousands separator or a full-width comma ending a number belongs to the sentence.
    out: list[str] = []
    for piece in pieces:
        if len(piece) > 1 and piece[-1] in ",，":
            out += [piece[:-1], piece[-1]]
        else:
            out.append(piece)
    return out


def break_lines(
    text: str, max_widths: list[float], font: str, size: float
) -> list[tuple[float, str]]:
    """Greedy breaking into (spare width, line text); closing marks hang at the line end."""
    cannot_start = rl_paragraph.ALL_CANNOT_START
    lines: list[tuple[float, str]] = []
    current = ""
    used = 0.0

    def limit() -> float:
        return max_widths[min(len(lines), len(max_widths) - 1)]

    def flush() -> None:
        nonlocal current, used
        stripped = current.rstrip()
        width = stringWidth(stripped, font, size)
        lines.append((limit() - width, stripped))
        current, used = "", 0.0

    for atom in atoms(text):
        width = stringWidth(atom, font, size)
        if used + width <= limit() + 1e-6 or not current.strip():
            if atom.isspace() and not current:
                continue  # no line starts with a space
            if width > limit() and not current:
                # One number wider than the cell: nothing better than cutting it.
                for ch in atom:
                    w = stringWidth(ch, font, size)
                    if used + w > limit() + 1e-6 and current:
                        flush()
                    current += ch
                    used += w
                continue
            current += atom
            used += width
            continue
        if atom.isspace():
            flush()
            continue
        if atom in cannot_start:
            current += atom  # hangs past the line end, as reportlab does for CJK
            used += width
            flush()
            continue
        flush()
        current, used = atom, width
    if current.strip():
        flush()
    return lines or [(limit(), "")]


class CellParagraph(Paragraph):
    """A Paragraph whose plain CJK text (one style, line breaks allowed) breaks only at
    sensible points; anything richer goes to reportlab's own breaking."""

    def breakLinesCJK(self, maxWidths: Any) -> Any:
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        segments = _plain_segments(self.frags)
        if (
            segments is None
            or self.style.endDots
            or (hasattr(self, "blPara") and getattr(self, "_splitpara", 0))
        ):
            return super().breakLinesCJK(maxWidths)
        f = next(frag for frag in self.frags if not hasattr(frag, "lineBreak"))
        self.height = 0
        lines: list[tuple[float, str]] = []
        for segment in segments:
            widths = list(maxWidths[len(lines) :]) or [maxWidths[-1]]
            lines += break_lines(segment, widths, f.fontName, f.fontSize)
        wrapped = [(spare, [line]) for spare, line in lines]
        return f.clone(kind=0, lines=wrapped, ascent=f.fontSize, descent=-0.2 * f.fontSize)


def _plain_segments(frags: list[Any]) -> list[str] | None:
    """The text between explicit line breaks, or None if the fragments differ in style."""
    segments = [""]
    style = None
    for frag in frags:
        if hasattr(frag, "lineBreak"):
            segments.append("")
            continue
        if hasattr(frag, "cbDefn") or not hasattr(frag, "text"):
            return None
        key = (frag.fontName, frag.fontSize, str(frag.textColor), frag.rise)
        if style is not None and key != style:
            return None
        style = key
        segments[-1] += frag.text
    return segments if style is not None else None
