"""Architecture rules that must not erode: Qt only in ui/ and app.py; complete zh_CN."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "jixiao"


def test_pyside6_imported_only_in_ui_and_app() -> None:
    offenders = []
    for path in SRC.rglob("*.py"):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith("ui/") or rel == "app.py":
            continue
        if re.search(r"^\s*(from|import)\s+PySide6", path.read_text(encoding="utf-8"), re.M):
            offenders.append(rel)
    assert offenders == []


def test_headless_modules_do_not_load_qt() -> None:
    code = (
        "import sys, jixiao.cli, jixiao.core.evaluate, jixiao.storage.evaluation_file, "
        "jixiao.importers.sample; "
        "print('PySide6' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def _messages():
    for ts in sorted((ROOT / "i18n").glob("*_zh_CN.ts")):
        for context in ET.parse(ts).getroot().iter("context"):
            for message in context.iter("message"):
                yield ts.name, context.findtext("name") or "", message


def test_zh_cn_translation_is_complete() -> None:
    problems = []
    for ts, context, message in _messages():
        source = message.findtext("source")
        translation = message.find("translation")
        if not context:
            problems.append(
                f"{ts}: {source!r} has no context "
                "(use QCoreApplication.translate with a literal context)"
            )
        texts = (
            [translation.text or ""] + [f.text or "" for f in translation.iter("numerusform")]
            if translation is not None
            else []
        )
        if (
            translation is None
            or translation.get("type") in ("unfinished", "vanished", "obsolete")
            or not any(t.strip() for t in texts)
        ):
            problems.append(f"{ts}: {context}: {source!r} is not translated")
    assert problems == []
    assert (ROOT / "i18n" / "jixiao_zh_CN.ts").exists()


def test_every_source_string_is_in_a_ts_file(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import i18n as tool
    finally:
        sys.path.pop(0)
    fresh = {}
    for ts in tool.update(ts_dir=tmp_path):
        for context in ET.parse(ts).getroot().iter("context"):
            for message in context.iter("message"):
                fresh[(ts.name, context.findtext("name"), message.findtext("source"))] = True
    shipped = {(ts, ctx, m.findtext("source")) for ts, ctx, m in _messages()}
    missing = sorted(set(fresh) - shipped)
    assert missing == [], f"run tools/i18n.py update and translate: {missing[:10]}"


def test_qm_files_are_built_from_the_ts_files() -> None:
    for ts in (ROOT / "i18n").glob("*.ts"):
        qm = ts.with_suffix(".qm")
        assert qm.exists(), f"{qm.name} missing: run tools/i18n.py release"
        assert qm.stat().st_mtime >= ts.stat().st_mtime - 2, f"{qm.name} older than {ts.name}"
