"""Surveys in the evaluation file: the sample's D41, the band following the rate, raw responses,
removal, combination, and nothing stored when an import is refused."""

from __future__ import annotations

import csv
import json
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core import survey as core
from jixiao.core.projects import SOURCE_SATISFACTION
from jixiao.importers.survey import load_survey
from jixiao.storage import surveys as store
from jixiao.storage.evaluation_file import EvaluationFile

META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]


def export(path: Path, satisfied: int, other: int, *, skipped: int = 0, fairly: int = 0) -> Path:
    answers = ["满意"] * satisfied + ["一般"] * other + ["(跳过)"] * skipped + ["比较满意"] * fairly
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow([*META, "1、您对项目的满意程度"])
        for i, answer in enumerate(answers, start=1):
            writer.writerow(
                [
                    i,
                    "2021/12/1 10:00:00",
                    "60秒",
                    "微信",
                    "直接访问",
                    f"10.0.{i // 256}.{i % 256}",
                    answer,
                ]
            )
    return path


def d41(ef: EvaluationFile):
    return next(s for s in ef.score_sheet().indicators if s.code == "D41")


def test_sample_survey_gives_87_58_and_six_points(sample_file: EvaluationFile) -> None:
    [survey] = store.list_surveys(sample_file)
    assert survey.format == core.FORMAT_WJX
    assert (survey.result.valid, survey.result.satisfied, survey.result.rate_text) == (
        5000,
        4379,
        "87.58%",
    )
    assert survey.result.excluded > 0  # the sample has skipped, blank and 不了解 answers too
    assert sample_file.derived_inputs()[SOURCE_SATISFACTION] == {
        "numerator": "4379",
        "denominator": "5000",
    }
    assert d41(sample_file).score == Decimal("6.00")
    assert sample_file.score_sheet().total == Decimal("90.23")


def test_raw_responses_are_stored_and_rederive_the_figure(sample_file: EvaluationFile) -> None:
    [survey] = store.list_surveys(sample_file)
    responses = store.load_responses(sample_file, survey.id)
    assert len(responses) == survey.result.rows == 5036
    assert responses[0][0] == 2  # file row 2, under the header
    assert store.rederive(sample_file, survey.id) == survey.result


@pytest.mark.parametrize(("satisfied", "points"), [(9000, "7.00"), (8999, "6.00")])
def test_band_follows_the_rate(
    sample_file: EvaluationFile, tmp_path: Path, satisfied: int, points: str
) -> None:
    [sample] = store.list_surveys(sample_file)
    store.delete_survey(sample_file, sample.id)
    parsed = load_survey(export(tmp_path / "wjx.csv", satisfied, 10_000 - satisfied, skipped=7))
    store.add_survey(sample_file, parsed, "社会公众", parsed.default_config())

    assert sample_file.derived_inputs()[SOURCE_SATISFACTION] == {
        "numerator": str(satisfied),
        "denominator": "10000",
    }
    assert d41(sample_file).score == Decimal(points)  # 90.00% → 7, 89.99% → 6
    assert sample_file.score_sheet().total == Decimal("90.23") + Decimal(points) - 6


def test_removing_the_last_survey_clears_the_indicator(sample_file: EvaluationFile) -> None:
    [survey] = store.list_surveys(sample_file)
    snapshot = store.delete_survey(sample_file, survey.id)
    assert store.list_surveys(sample_file) == []
    assert SOURCE_SATISFACTION not in sample_file.derived_inputs()
    assert d41(sample_file).score == Decimal("0.00")
    assert sample_file.db.execute("SELECT COUNT(*) FROM survey_responses").fetchone()[0] == 0

    store.restore_survey(sample_file, snapshot)
    assert store.rederive(sample_file, survey.id).rate_text == "87.58%"
    assert d41(sample_file).score == Decimal("6.00")


def test_two_surveys_combine_by_count_or_by_weights(
    sample_file: EvaluationFile, tmp_path: Path
) -> None:
    parsed = load_survey(export(tmp_path / "beneficiaries.csv", 95, 5))
    other = store.add_survey(sample_file, parsed, "受益对象", parsed.default_config())
    assert sample_file.derived_inputs()[SOURCE_SATISFACTION] == {
        "numerator": "4474",
        "denominator": "5100",
    }

    [public] = [s for s in store.list_surveys(sample_file) if s.id != other]
    store.update_survey(sample_file, public.id, weight=Decimal("0.5"))
    store.update_survey(sample_file, other, weight=Decimal("0.5"))
    store.set_combine_mode(sample_file, core.COMBINE_WEIGHTS)
    # (87.58% + 95%) / 2 = 91.29%
    assert sample_file.derived_inputs()[SOURCE_SATISFACTION] == {"value": "0.9129"}
    assert d41(sample_file).score == Decimal("7.00")
    actions = [e.action for e in sample_file.audit_log(6)]
    assert "derived.set" in actions and "survey.update" in actions


def test_changing_the_rule_recounts_from_the_stored_responses(sample_file: EvaluationFile) -> None:
    [survey] = store.list_surveys(sample_file)
    rule = survey.config.questions[0]
    wider = core.SurveyConfig(
        survey.config.header_row,
        (
            core.QuestionRule(
                rule.column, satisfied=("非常满意", "满意", "比较满意"), excluded=rule.excluded
            ),
        ),
        survey.config.duplicates,
    )
    store.update_survey(sample_file, survey.id, config=wider)
    updated = store.get_survey(sample_file, survey.id)
    assert (updated.result.satisfied, updated.result.rate_text) == (4768, "95.36%")
    assert d41(sample_file).score == Decimal("7.00")


def test_survey_without_valid_answers_changes_nothing(
    sample_file: EvaluationFile, tmp_path: Path
) -> None:
    before = (len(sample_file.audit_log()), sample_file.derived_inputs()[SOURCE_SATISFACTION])
    parsed = load_survey(export(tmp_path / "skipped.csv", 0, 0, skipped=20))
    with pytest.raises(core.SurveyError, match=r"skipped.csv.*没有有效答案"):
        store.add_survey(sample_file, parsed, "全部跳过", parsed.default_config())
    assert len(store.list_surveys(sample_file)) == 1
    assert (
        len(sample_file.audit_log()),
        sample_file.derived_inputs()[SOURCE_SATISFACTION],
    ) == before


def test_failure_while_publishing_rolls_the_import_back(
    sample_file: EvaluationFile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parsed = load_survey(export(tmp_path / "wjx.csv", 10, 1))

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(sample_file, "set_derived", broken)
    with pytest.raises(OSError):
        store.add_survey(sample_file, parsed, "半途失败", parsed.default_config())
    monkeypatch.undo()
    assert [s.name for s in store.list_surveys(sample_file)] == ["社会公众满意度调查"]
    count = sample_file.db.execute("SELECT COUNT(*) FROM survey_responses").fetchone()[0]
    assert count == 5036


def test_survey_survives_reopening(sample_path: Path) -> None:
    with EvaluationFile.open(sample_path) as ef:
        [survey] = store.list_surveys(ef)
        assert json.loads(ef.db["surveys"].get(survey.id)["columns_json"])[0] == "序号"
        assert survey.source_sha256 and len(survey.source_sha256) == 64


def test_weights_mode_without_weights_pools_and_warns(
    sample_file: EvaluationFile, tmp_path: Path
) -> None:
    parsed = load_survey(export(tmp_path / "b.csv", 95, 5))
    store.add_survey(
        sample_file, parsed, "受益对象", parsed.default_config(), weight=Decimal("0.3")
    )
    store.set_combine_mode(sample_file, core.COMBINE_WEIGHTS)
    combined, warning = store.combined_with_warning(sample_file)
    assert "权重" in warning and combined is not None
    assert sample_file.derived_inputs()[SOURCE_SATISFACTION] == {
        "numerator": "4474",
        "denominator": "5100",
    }


def test_the_same_file_cannot_be_counted_twice(tmp_path) -> None:
    import pytest

    from jixiao import paths
    from jixiao.core import survey as core
    from jixiao.importers.sample import create_sample
    from jixiao.importers.survey import load_survey
    from jixiao.storage import surveys as store

    ef = create_sample(tmp_path / "s.jixiao")
    try:
        before = len(store.list_surveys(ef))
        with pytest.raises(core.SurveyError, match="内容完全相同"):
            parsed = load_survey(paths.sample_dir() / "wjx-satisfaction-2021.csv")
            store.add_survey(ef, parsed, "再次导入", parsed.default_config())
        assert len(store.list_surveys(ef)) == before
        assert f"{ef.score_sheet().total:.2f}" == "90.23"
    finally:
        ef.close()
