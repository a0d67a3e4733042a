from __future__ import annotations

import copy
import json

import pytest

from jixiao.core.templates import TemplateError, system_from_json, system_to_json, validate_system
from jixiao.importers import template_library


def test_builtin_templates_validate_cleanly() -> None:
    for entry in template_library.builtin_templates():
        system = template_library.resolve(entry.name)
        assert validate_system(system) == [], entry.name
        assert len(system.leaves()) >= 9


def test_seed_template_has_21_indicators_and_the_seed_weights() -> None:
    system = template_library.resolve("nanjing-2021")
    assert len(system.leaves()) == 21
    assert [(r.code, str(r.weight)) for r in system.roots] == [
        ("A", "11"),
        ("B", "19"),
        ("C", "30"),
        ("D", "40"),
    ]
    assert "上述五项各占 20%权重分" in system.find("A11").criteria


def test_json_round_trip_is_lossless() -> None:
    data = system_to_json(template_library.resolve("nanjing-2021"))
    assert system_to_json(system_from_json(copy.deepcopy(data))) == data


def test_weight_mismatch_is_a_warning_naming_the_code() -> None:
    data = system_to_json(template_library.resolve("nanjing-2021"))
    data["indicators"][0]["children"][0]["children"][0]["weight"] = "3"  # A11: 2 -> 3
    problems = validate_system(system_from_json(data))
    messages = [str(p) for p in problems]
    assert any("A1" in m and "不等于下级指标权重之和" in m for m in messages)
    assert not any(p.fatal for p in problems)


def test_duplicate_codes_are_fatal_and_checklist_points_checked() -> None:
    data = system_to_json(template_library.resolve("nanjing-2021"))
    a1 = data["indicators"][0]["children"][0]["children"]
    a1[1]["code"] = "A11"
    a1[0]["rule"]["items"][0]["points"] = "0.5"
    problems = validate_system(system_from_json(data))
    assert any(p.fatal and p.code == "A11" and "重复" in p.message for p in problems)
    assert any("分值之和 2.1 不等于权重 2" in p.message for p in problems)


def test_band_points_above_weight_warned() -> None:
    data = system_to_json(template_library.resolve("nanjing-2021"))
    d41 = data["indicators"][3]["children"][3]["children"][0]
    d41["rule"]["bands"][0]["points"] = "8"
    assert any(
        p.code == "D41" and "超过权重" in p.message for p in validate_system(system_from_json(data))
    )


def test_unknown_rule_kind_is_a_clear_error() -> None:
    data = system_to_json(template_library.resolve("nanjing-2021"))
    data["indicators"][0]["children"][0]["children"][0]["rule"] = {"kind": "magic"}
    with pytest.raises(TemplateError, match=r"A11.*未知的规则类型"):
        system_from_json(json.loads(json.dumps(data)))
