"""Which font the PDF embeds: an installed 仿宋/宋体 first, else the bundled one."""

from __future__ import annotations

import shutil
from pathlib import Path

from jixiao.export.pdf_fonts import (
    BUNDLED_FONT_FILE,
    bundled_font,
    find_font,
    missing_characters,
    register,
)
from jixiao.paths import fonts_dir


def test_no_official_font_falls_back_to_the_bundled_one(tmp_path: Path) -> None:
    choice = find_font([tmp_path])
    assert choice == bundled_font()
    assert choice.path.name == BUNDLED_FONT_FILE and choice.subfont_index == 0


def test_installed_official_fonts_are_preferred_in_order(tmp_path: Path) -> None:
    # The bundled collection stands in for simsun.ttc (both are TrueType collections).
    shutil.copy(fonts_dir() / BUNDLED_FONT_FILE, tmp_path / "SimSun.ttc")
    choice = find_font([tmp_path])
    assert (
        choice.label == "宋体" and choice.path.name == "SimSun.ttc"
    )  # Windows names are case-insensitive
    fang = tmp_path / "other"
    fang.mkdir()
    shutil.copy(fonts_dir() / BUNDLED_FONT_FILE, fang / "simfang.ttf")
    assert find_font([tmp_path, fang]).label == "仿宋"  # 仿宋 wins wherever it is


def test_a_damaged_font_file_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "simfang.ttf").write_bytes(b"not a font")
    assert find_font([tmp_path]) == bundled_font()


def test_prefer_official_false_always_uses_the_bundled_font(tmp_path: Path) -> None:
    shutil.copy(fonts_dir() / BUNDLED_FONT_FILE, tmp_path / "simsun.ttc")
    assert find_font([tmp_path], prefer_official=False) == bundled_font()


def test_register_is_idempotent_and_coverage_check_finds_gaps() -> None:
    choice = bundled_font()
    assert register(choice) == register(choice)
    assert missing_characters("综合得分 90.23 分，等级为“优”①≥×", choice) == []
    assert missing_characters("签名☐", choice) == ["☐"]
