"""Draw the application icon: resources/icons/jixiao.svg, .png (256 px) and .ico.

A rounded blue square with the character 绩 (from the bundled WenQuanYi Micro Hei) in white.
The SVG carries the glyph as a path (no font needed to view it); the PNG and the multi-size
ICO are drawn with Pillow from the same font, at 1024 px and scaled down, so small sizes stay
crisp. Run after changing the design:  .venv/bin/python packaging/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.ttLib import TTCollection
from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
FONT = ROOT / "resources" / "fonts" / "wqy-microhei.ttc"
OUT = ROOT / "resources" / "icons"
CHAR = "绩"
BLUE_TOP, BLUE_BOTTOM = (0x2B, 0x6C, 0xC4), (0x17, 0x4A, 0x8F)
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
# Square 256-unit canvas; the glyph fills GLYPH_BOX units of it, centred.
CANVAS, RADIUS, GLYPH_BOX = 256, 52, 176


def glyph_svg_path() -> tuple[str, tuple[float, float, float, float]]:
    font = TTCollection(str(FONT)).fonts[0]
    glyph_name = font.getBestCmap()[ord(CHAR)]
    glyphs = font.getGlyphSet()
    pen = SVGPathPen(glyphs)
    glyphs[glyph_name].draw(pen)
    bounds = BoundsPen(glyphs)
    glyphs[glyph_name].draw(bounds)
    return pen.getCommands(), bounds.bounds


def write_svg() -> None:
    path, (x0, y0, x1, y1) = glyph_svg_path()
    scale = GLYPH_BOX / max(x1 - x0, y1 - y0)
    # Font units grow upwards: flip y, then centre the glyph's bounding box.
    tx = CANVAS / 2 - (x0 + x1) / 2 * scale
    ty = CANVAS / 2 + (y0 + y1) / 2 * scale
    svg = f"""<svg xmlns="http://www.w3.org/2000/svg" width="{CANVAS}" height="{CANVAS}" \
viewBox="0 0 {CANVAS} {CANVAS}">
  <title>绩效自评工作台 Jixiao</title>
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#{"".join(f"{c:02x}" for c in BLUE_TOP)}"/>
      <stop offset="1" stop-color="#{"".join(f"{c:02x}" for c in BLUE_BOTTOM)}"/>
    </linearGradient>
  </defs>
  <rect x="8" y="8" width="{CANVAS - 16}" height="{CANVAS - 16}" rx="{RADIUS}" fill="url(#bg)"/>
  <path fill="#ffffff" \
transform="matrix({scale:.6f} 0 0 {-scale:.6f} {tx:.3f} {ty:.3f})" d="{path}"/>
</svg>
"""
    (OUT / "jixiao.svg").write_text(svg, encoding="utf-8")


def draw_master(size: int = 1024) -> Image.Image:
    k = size / CANVAS
    gradient = Image.new("RGB", (1, size))
    for y in range(size):
        t = y / (size - 1)
        gradient.putpixel(
            (0, y),
            tuple(round(a + (b - a) * t) for a, b in zip(BLUE_TOP, BLUE_BOTTOM, strict=True)),
        )
    gradient = gradient.resize((size, size))
    mask = Image.new("L", (size, size), 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (8 * k, 8 * k, size - 8 * k, size - 8 * k), radius=RADIUS * k, fill=255
    )
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    image.paste(gradient, (0, 0), mask)
    font = ImageFont.truetype(str(FONT), size=round(GLYPH_BOX * k * 1.12), index=0)
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = draw.textbbox((0, 0), CHAR, font=font)
    draw.text(
        ((size - (right - left)) / 2 - left, (size - (bottom - top)) / 2 - top),
        CHAR,
        font=font,
        fill=(255, 255, 255, 255),
    )
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    write_svg()
    master = draw_master()
    master.resize((256, 256), Image.Resampling.LANCZOS).save(OUT / "jixiao.png", optimize=True)
    master.save(OUT / "jixiao.ico", sizes=ICO_SIZES)
    print(f"wrote {OUT / 'jixiao.svg'}, jixiao.png, jixiao.ico")


if __name__ == "__main__":
    main()
