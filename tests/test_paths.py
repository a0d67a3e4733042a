"""Bundled files are found through the package, whichever way it is installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao import paths


def test_resources_and_translations_are_found_through_the_package() -> None:
    assert (paths.fonts_dir() / "wqy-microhei.ttc").is_file()
    assert (paths.sample_dir() / "nanjing-2021.json").is_file()
    assert {p.stem for p in paths.templates_dir().glob("*.json")} >= {"nanjing-2021"}
    assert any(paths.i18n_dir().glob("*_zh_CN.qm"))


def test_an_outdated_editable_install_is_told_what_to_do(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # An editable install made before resources/ was mapped into the package: jixiao has no
    # resources folder and jixiao.resources cannot be imported.
    def files(package: str) -> Path:
        if package == "jixiao":
            return tmp_path
        raise ModuleNotFoundError(package)

    monkeypatch.setattr(paths.resources, "files", files)
    with pytest.raises(RuntimeError, match="pip install -e"):
        paths.resources_dir()
