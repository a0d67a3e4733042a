"""A 问卷星 "按选项序号" export as bureaus download it: 1 = 非常满意, -2/-3 skip codes,
several 满意 questions, one overall question and a free-text question."""

from __future__ import annotations

from pathlib import Path

import pytest

from importers.hostile_files import wjx_index_rows, write_csv, write_xlsx
from jixiao.cli import main
from jixiao.core import survey as core
from jixiao.importers.survey import load_survey
from jixiao.storage import surveys as store
from jixiao.storage.evaluation_file import EvaluationFile

ORDER = "非常满意,满意,一般,不满意,非常不满意"


def test_index_export_is_detected_and_the_overall_question_is_the_default(tmp_path: Path) -> None:
    parsed = load_survey(write_xlsx(tmp_path / "问卷星.xlsx", wjx_index_rows()))
    assert parsed.format == core.FORMAT_WJX_INDEX  # despite the free-text question 6
    config = parsed.default_config()
    assert [parsed.layout.columns[r.column].number for r in config.questions] == ["5"]
    with pytest.raises(core.SurveyError, match="按选项序号"):
        parsed.analyse(config)  # no order assumed: the user must say which number is which
    rule = core.with_options(config.questions[0], ORDER.split(","))
    q = parsed.analyse(core.SurveyConfig(config.header_row, (rule,))).questions[0]
    assert (q.valid, q.satisfied, q.skipped, q.rate_text) == (500, 414, 20, "82.80%")


def test_order_written_in_the_question_text_is_read(tmp_path: Path) -> None:
    rows = wjx_index_rows()
    rows[0][10] = "5、您对本项目的总体满意度（1=非常满意 2=满意 3=一般 4=不满意 5=非常不满意）"
    parsed = load_survey(write_csv(tmp_path / "wjx.csv", rows))
    q = parsed.analyse(parsed.default_config()).questions[0]
    assert q.rule.satisfied == ("非常满意", "满意") and q.rate_text == "82.80%"


def test_cli_import_then_change_the_rule_and_remove_by_name(
    sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    export = write_xlsx(tmp_path / "问卷星序号.xlsx", wjx_index_rows())
    assert main(["survey", "import", str(sample_path), str(export)]) == 1
    assert "请说明选项顺序" in capsys.readouterr().err
    args = ["survey", "import", str(sample_path), str(export), "--options", ORDER]
    assert main([*args, "--name", "公众"]) == 0
    out = capsys.readouterr().out
    assert "满意度 82.80%" in out and "选项序号 1、2" in out
    # Pool the four 满意 questions: an explicit choice, shown as such, with the score change.
    rule = ["survey", "rule", str(sample_path), "公众", "--question", "2,3,4,5"]
    assert main([*rule, "--options", ORDER]) == 0
    out = capsys.readouterr().out
    assert "合并计算 4 道题" in out and "得分变化：" in out
    with EvaluationFile.open(sample_path) as ef:
        (survey,) = [s for s in store.list_surveys(ef) if s.name == "公众"]
        assert len(survey.config.questions) == 4
    assert main(["survey", "rule", str(sample_path), "公众", "--satisfied", "非常满意"]) == 0
    assert "非常满意（选项序号 1）" in capsys.readouterr().out
    assert main(["survey", "remove", str(sample_path), "不存在的问卷"]) != 0
    assert "没有编号或名称为“不存在的问卷”的问卷" in capsys.readouterr().err
    assert main(["survey", "remove", str(sample_path), "公众"]) == 0
    assert "已删除问卷" in capsys.readouterr().out
