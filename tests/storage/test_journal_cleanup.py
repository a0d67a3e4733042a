"""After the program closes, the folder holds NAME.jixiao only: no journal, no lock record."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

from jixiao.storage import lockfile
from jixiao.storage.evaluation_file import EvaluationFile


def _folder_with_sample(tmp_path: Path, sample_path: Path) -> Path:
    folder = tmp_path / "绩效"
    folder.mkdir()
    return Path(shutil.copy2(sample_path, folder / "评价.jixiao"))


def test_closing_after_edits_leaves_only_the_evaluation_file(
    tmp_path: Path, sample_path: Path
) -> None:
    path = _folder_with_sample(tmp_path, sample_path)
    ef = EvaluationFile.open(path, user="测试员", lock=True)
    ef.set_meta(unit="南京市大数据管理局（改）")
    ef.set_meta(unit="南京市大数据管理局")
    # Even while open, after each completed action: the file and our lock record, no journal.
    assert sorted(os.listdir(path.parent)) == sorted([path.name, lockfile.lock_path(path).name])
    ef.close()
    assert sorted(os.listdir(path.parent)) == ["评价.jixiao"]
    with EvaluationFile.open(path) as again:  # and the edits are in it
        assert again.meta().unit == "南京市大数据管理局"


def test_an_empty_journal_left_by_an_older_version_goes_with_the_next_edit(
    tmp_path: Path, sample_path: Path
) -> None:
    path = _folder_with_sample(tmp_path, sample_path)
    journal = path.with_name(path.name + "-journal")
    journal.write_bytes(b"")  # what a TRUNCATE-mode session left behind
    with EvaluationFile.open(path, user="测试员") as ef:
        ef.set_meta(unit="甲")
    assert sorted(os.listdir(path.parent)) == ["评价.jixiao"]


def test_another_writers_journal_is_left_alone(tmp_path: Path, sample_path: Path) -> None:
    path = _folder_with_sample(tmp_path, sample_path)
    ef = EvaluationFile.open(path, user="测试员")
    ef.set_meta(unit="甲")
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE evaluation SET unit = '乙'")  # its journal now holds pages
    journal = path.with_name(path.name + "-journal")
    assert journal.stat().st_size > 0
    ef.close()
    assert journal.exists() and journal.stat().st_size > 0  # the other program's, untouched
    other.execute("ROLLBACK")
    other.close()
    assert sorted(os.listdir(path.parent)) == ["评价.jixiao"]
