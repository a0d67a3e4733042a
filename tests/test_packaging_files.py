"""Cheap checks of the packaging files (no PyInstaller run): the spec is executed with stand-ins
for PyInstaller's build classes, so what it would bundle, exclude and name can be asserted.
The real builds are packaging/build-linux.sh --smoke (run by .ci/run) and build-windows.sh."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any, ClassVar

import pytest

import jixiao

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
SPEC = PACKAGING / "jixiao.spec"


class Recorder:
    """Stand-in for Analysis/PYZ/EXE/COLLECT: records its arguments."""

    made: ClassVar[list[Recorder]] = []

    def __init__(self, kind: str, *args: Any, **kwargs: Any) -> None:
        self.kind, self.args, self.kwargs = kind, args, kwargs
        Recorder.made.append(self)


def fake_analysis(scripts: list[str], **kwargs: Any) -> SimpleNamespace:
    rec = Recorder("Analysis", scripts, **kwargs)
    names = [Path(s).stem for s in scripts]
    return SimpleNamespace(
        record=rec,
        pure=[],
        # What PyInstaller would put there: runtime hooks first, then the entry scripts.
        scripts=[("pyi_rth_pyside6", "x", "PYSOURCE")]
        + [(n, f"{n}.py", "PYSOURCE") for n in names],
        binaries=[(b, b, "BINARY") for b in SAMPLE_BINARIES],
        datas=[(d, d, "DATA") for d in SAMPLE_DATAS]
        + [(dest, src, "DATA") for src, dest in kwargs["datas"]],
    )


SAMPLE_BINARIES = [
    "PySide6/Qt6Core.dll",
    "PySide6/Qt6Gui.dll",
    "PySide6/Qt6Widgets.dll",
    "PySide6/Qt6Svg.dll",
    "PySide6/opengl32sw.dll",
    "PySide6/Qt6Quick.dll",
    "PySide6/Qt6Qml.dll",
    "PySide6/Qt6Pdf.dll",
    "PySide6/Qt6Network.dll",
    "PySide6/plugins/platforms/qwindows.dll",
    "PySide6/plugins/platforms/qoffscreen.dll",
    "PySide6/plugins/tls/qschannelbackend.dll",
    "PySide6/plugins/imageformats/qjpeg.dll",
    "PySide6/Qt/lib/libQt6Quick.so.6",
    "PySide6/Qt/lib/libQt6Widgets.so.6",
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    "PySide6/Qt/lib/libQt6XcbQpa.so.6",
    # libraries copied from the build machine
    "libgtk-3.so.0",
    "libcairo.so.2",
    "libX11.so.6",
]
# Link-time imports of the sample binaries (what PyInstaller's bindepend would report).
SAMPLE_IMPORTS = {
    "PySide6/Qt/plugins/platformthemes/libqgtk3.so": ["libgtk-3.so.0", "libQt6Gui.so.6"],
    "libgtk-3.so.0": ["libcairo.so.2", "libX11.so.6"],
    "libcairo.so.2": ["libX11.so.6"],
    "PySide6/Qt/lib/libQt6XcbQpa.so.6": ["libX11.so.6"],
}
SAMPLE_DATAS = [
    "PySide6/translations/qtbase_zh_CN.qm",
    "PySide6/translations/qtbase_de.qm",
    "PySide6/translations/qtdeclarative_zh_CN.qm",
    "PySide6/Qt/translations/qtbase_zh_CN.qm",
]


def fake_pyinstaller(monkeypatch: pytest.MonkeyPatch) -> None:
    """Just enough of PyInstaller for the spec's own code (whether or not it is installed)."""
    bindepend = ModuleType("PyInstaller.depend.bindepend")
    bindepend.get_imports = lambda src: {(n, None) for n in SAMPLE_IMPORTS.get(src, [])}  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "PyInstaller", ModuleType("PyInstaller"))
    monkeypatch.setitem(sys.modules, "PyInstaller.depend", ModuleType("PyInstaller.depend"))
    monkeypatch.setitem(sys.modules, "PyInstaller.depend.bindepend", bindepend)


def run_spec(monkeypatch: pytest.MonkeyPatch, onefile: bool = False) -> dict[str, Any]:
    Recorder.made = []
    fake_pyinstaller(monkeypatch)
    monkeypatch.setenv("JIXIAO_ONEFILE", "1" if onefile else "0")
    monkeypatch.setattr(sys, "argv", ["pyinstaller"])
    namespace: dict[str, Any] = {
        "SPECPATH": str(PACKAGING),
        "Analysis": fake_analysis,
        "PYZ": lambda *a, **k: Recorder("PYZ", *a, **k),
        "EXE": lambda *a, **k: Recorder("EXE", *a, **k),
        "COLLECT": lambda *a, **k: Recorder("COLLECT", *a, **k),
        "__file__": str(SPEC),
    }
    saved_path = list(sys.path)
    try:
        exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    finally:
        sys.path[:] = saved_path
    return namespace


def exes() -> dict[str, Recorder]:
    return {r.kwargs["name"]: r for r in Recorder.made if r.kind == "EXE"}


def test_two_programs_share_one_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    ns = run_spec(monkeypatch)
    programs = exes()
    assert set(programs) == {"Jixiao", "jixiao-cli"}
    assert programs["Jixiao"].kwargs["console"] is False  # windowed GUI
    assert programs["jixiao-cli"].kwargs["console"] is True
    # Each program runs the runtime hooks and only its own entry script.
    gui_scripts = [s[0] for s in programs["Jixiao"].args[1]]
    cli_scripts = [s[0] for s in programs["jixiao-cli"].args[1]]
    assert gui_scripts == ["pyi_rth_pyside6", "entry_gui"]
    assert cli_scripts == ["pyi_rth_pyside6", "entry_cli"]
    collects = [r for r in Recorder.made if r.kind == "COLLECT"]
    assert len(collects) == 1 and collects[0].kwargs["name"] == "Jixiao"
    assert not ns["ONEFILE"]


def test_onefile_option_gives_two_self_contained_programs(monkeypatch: pytest.MonkeyPatch) -> None:
    ns = run_spec(monkeypatch, onefile=True)
    assert ns["ONEFILE"]
    assert not [r for r in Recorder.made if r.kind == "COLLECT"]
    for exe in exes().values():
        assert exe.kwargs["exclude_binaries"] is False
        assert len(exe.args) > 3  # binaries and datas packed into the exe itself


def test_resources_and_translations_are_bundled(monkeypatch: pytest.MonkeyPatch) -> None:
    run_spec(monkeypatch)
    analysis = next(r for r in Recorder.made if r.kind == "Analysis")
    datas = analysis.kwargs["datas"]
    # Where a wheel has them too, so jixiao.paths finds them the same way in the bundle.
    assert (str(ROOT / "resources"), "jixiao/resources") in datas
    for qm in (ROOT / "i18n").glob("*.qm"):
        assert (str(qm), "jixiao/i18n") in datas
    entries = [Path(s).name for s in analysis.args[0]]
    assert entries == ["entry_gui.py", "entry_cli.py"]
    assert str(ROOT / "src") in analysis.kwargs["pathex"]


def test_resources_hold_what_the_bundle_needs() -> None:
    res = ROOT / "resources"
    assert (res / "fonts" / "wqy-microhei.ttc").is_file()
    assert (res / "sample" / "nanjing-2021.json").is_file()
    assert list((res / "templates").glob("*.json"))
    for name in ("jixiao.svg", "jixiao.png", "jixiao.ico"):
        assert (res / "icons" / name).is_file(), name


def test_font_licence_ships_with_the_font() -> None:
    licences = [
        p
        for p in (ROOT / "resources" / "fonts").iterdir()
        if re.search(r"licen[cs]e|copying|readme", p.name, re.IGNORECASE)
    ]
    assert licences, "resources/fonts/ must ship the font's licence"
    assert all(p.stat().st_size > 100 for p in licences)


def test_unused_qt_modules_and_dev_tools_are_excluded(monkeypatch: pytest.MonkeyPatch) -> None:
    run_spec(monkeypatch)
    excludes = set(next(r for r in Recorder.made if r.kind == "Analysis").kwargs["excludes"])
    for module in (
        "PySide6.QtWebEngineCore",
        "PySide6.QtQml",
        "PySide6.QtQuick",
        "PySide6.QtMultimedia",
        "PySide6.Qt3DCore",
        "PySide6.QtDesigner",
        "PySide6.QtHelp",
        "PySide6.QtOpenGL",
        "PySide6.QtPdf",
        "tkinter",
        "pytest",
        "hypothesis",
        "pypdf",
        "pytestqt",
    ):
        assert module in excludes, module
    uses_network = any(
        "QtNetwork" in p.read_text(encoding="utf-8")
        for p in (ROOT / "src" / "jixiao").rglob("*.py")
    )
    assert ("PySide6.QtNetwork" in excludes) is not uses_network


def test_binary_filter_drops_unused_qt_files(monkeypatch: pytest.MonkeyPatch) -> None:
    ns = run_spec(monkeypatch)
    analysis = ns["a"]
    binaries = {b[0] for b in analysis.binaries}
    datas = {d[0] for d in analysis.datas}
    for kept in (
        "PySide6/Qt6Core.dll",
        "PySide6/Qt6Widgets.dll",
        "PySide6/Qt6Svg.dll",
        "PySide6/plugins/platforms/qwindows.dll",
        "PySide6/plugins/platforms/qoffscreen.dll",
        "PySide6/plugins/imageformats/qjpeg.dll",
        "PySide6/Qt/lib/libQt6Widgets.so.6",
        "PySide6/Qt/plugins/platforms/libqxcb.so",
    ):
        assert kept in binaries, kept
    for dropped in (
        "PySide6/opengl32sw.dll",
        "PySide6/Qt6Quick.dll",
        "PySide6/Qt6Qml.dll",
        "PySide6/Qt6Pdf.dll",
        "PySide6/plugins/tls/qschannelbackend.dll",
        "PySide6/Qt/lib/libQt6Quick.so.6",
        "PySide6/Qt/plugins/platformthemes/libqgtk3.so",
    ):
        assert dropped not in binaries, dropped
    if sys.platform != "win32":
        # What only the dropped GTK3 theme needed goes too; what Qt's xcb still needs stays.
        assert "libgtk-3.so.0" not in binaries and "libcairo.so.2" not in binaries
        assert "libX11.so.6" in binaries
    assert "PySide6/translations/qtbase_zh_CN.qm" in datas  # Chinese standard buttons
    assert "PySide6/Qt/translations/qtbase_zh_CN.qm" in datas
    assert "PySide6/translations/qtbase_de.qm" not in datas
    assert "PySide6/translations/qtdeclarative_zh_CN.qm" not in datas
    assert any(d.startswith("jixiao/resources") for d in datas)


def test_version_info_follows_the_package() -> None:
    sys.path.insert(0, str(PACKAGING))
    try:
        import version_info
    finally:
        sys.path.remove(str(PACKAGING))
    assert version_info.read_version(ROOT) == jixiao.__version__
    assert version_info.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert version_info.version_tuple("1.2.3rc4") == (1, 2, 3, 4)
    assert "绩效自评工作台" in version_info.PRODUCT_NAME and "Jixiao" in version_info.PRODUCT_NAME


@pytest.mark.skipif(
    sys.platform != "win32",
    reason="PyInstaller builds version resources on Windows only (it needs win32api); "
    "build-windows.sh checks the version resource of the built exe instead",
)
def test_version_resource_names_the_product() -> None:
    sys.path.insert(0, str(PACKAGING))
    try:
        import version_info
    finally:
        sys.path.remove(str(PACKAGING))
    info = version_info.make_version_info(jixiao.__version__, "Jixiao", "绩效自评工作台")
    text = str(info)
    assert "绩效自评工作台" in text and jixiao.__version__ in text and "Jixiao.exe" in text


def test_icon_has_all_windows_sizes() -> None:
    from PIL import Image

    with Image.open(ROOT / "resources" / "icons" / "jixiao.ico") as ico:
        sizes = set(ico.info["sizes"])
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
    with Image.open(ROOT / "resources" / "icons" / "jixiao.png") as png:
        assert png.size == (256, 256) and png.mode == "RGBA"
        # Not blank: the blue square and the white character are both there.
        colours = png.convert("RGB").getcolors(1 << 16) or []
        assert any(b > 150 and r < 80 for _, (r, _g, b) in colours)
        assert any(min(c) > 240 for _, c in colours)
    svg = (ROOT / "resources" / "icons" / "jixiao.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and "<path" in svg


def test_build_scripts_are_executable_and_use_the_shared_pins() -> None:
    for name in ("build-linux.sh", "build-windows.sh"):
        script = PACKAGING / name
        assert os.access(script, os.X_OK), f"chmod +x packaging/{name} (.ci/run checks -x)"
        text = script.read_text(encoding="utf-8")
        assert "constraints.txt" in text
        assert "timeout -s KILL" in text and "--smoke-test" in text
    windows = (PACKAGING / "build-windows.sh").read_text(encoding="utf-8")
    assert "--platform win_amd64" in windows and "osslsigncode verify" in windows
    # test-only packages never go into the exe
    assert '".[test]"' not in windows and "pytest" not in windows and "hypothesis" not in windows
    pins = (ROOT / "constraints.txt").read_text(encoding="utf-8").lower()
    assert re.search(r"^pyinstaller==", pins, re.MULTILINE)


def test_install_guide_covers_what_it_staff_ask() -> None:
    text = (ROOT / "docs" / "install-windows.md").read_text(encoding="utf-8")
    for needle in (
        "%APPDATA%",
        "osslsigncode",
        "signtool",
        "1809",
        "64",
        "jixiao-cli.exe",
        "Jixiao.exe",
        ".jixiao",
    ):
        assert needle in text, needle
