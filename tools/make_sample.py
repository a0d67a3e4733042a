"""Regenerate resources/sample/nanjing-2021.json: the projects and inputs of the sample
evaluation that reproduces the seed's score sheet (total 90.23, 优) from raw data.

The projects the seed report names keep their names; the others are clearly marked as
sample placeholders (样例占位). Budgets add up to the two batches of the seed
(宁数管〔2021〕28号 12,521.26 万元, 宁数管〔2021〕37号 6,178.74 万元) and payments to
17,641.06 万元. Run: python tools/make_sample.py
"""

from __future__ import annotations

import json
import random
from decimal import Decimal
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "resources" / "sample" / "nanjing-2021.json"
BATCH_1, BATCH_2 = "宁数管〔2021〕28号", "宁数管〔2021〕37号"

NAMED = [  # (name, unit, batch, domain)
    (
        "南京市城市运行智能化监测调度综合平台（领导驾驶舱）",
        "南京市大数据管理局",
        BATCH_1,
        "城市治理",
    ),
    ("社区网格化综合治理信息化平台", "南京市民政局", BATCH_1, "城市治理"),
    ("“我的南京”提档升级", "南京市大数据管理局", BATCH_1, "政务服务"),
    ("疫情防控重点系统建设项目", "南京市卫生健康委员会", BATCH_1, "医疗卫生"),
    ("南京市 12345 政务热线智能化建设项目", "南京市政务服务管理办公室", BATCH_1, "政务服务"),
    ("南京市“口岸业务”公共服务平台", "南京市商务局", BATCH_1, "政务服务"),
    ("“宁满意”工程建设项目", "南京市政务服务管理办公室", BATCH_1, "政务服务"),
    ("南京市公共信用信息综合管理服务平台", "南京市发展和改革委员会", BATCH_1, "政务服务"),
    ("市级视频联网平台", "南京市公安局", BATCH_1, "公共安全"),
    ("视觉 AI 中枢平台", "南京市大数据管理局", BATCH_1, "城市治理"),
    ("南京市新一代政务云建设（机房和算力扩容）", "南京市大数据管理局", BATCH_2, "基础设施"),
    ("“宁企通”惠企综合服务平台", "南京市工业和信息化局", BATCH_2, "民生福祉"),
    ("非机动车交通治理项目", "南京市交通运输局", BATCH_2, "交通运输"),
    ("失能人员照护保险信息平台", "南京市医疗保障局", BATCH_2, "民生福祉"),
    ("市委常委会无纸化文件传阅平台", "中共南京市委办公厅", BATCH_2, "行政办公"),
]
UNITS = [
    "南京市大数据管理局",
    "南京市公安局",
    "南京市交通运输局",
    "南京市水务局",
    "南京市城市管理局",
    "南京市民政局",
    "南京市医疗保障局",
    "南京市卫生健康委员会",
    "南京市消防救援支队",
    "南京市市场监督管理局",
    "中共南京市委办公厅",
    "南京市商务局",
    "南京市政务服务管理办公室",
    "南京市发展和改革委员会",
    "南京市工业和信息化局",
    "南京市人力资源和社会保障局",
]
DOMAINS = ["政务服务", "医疗卫生", "消防救援", "交通运输", "民生福祉", "食品安全", "城市治理"]


def split(total: Decimal, parts: int, rng: random.Random) -> list[Decimal]:
    """``parts`` positive amounts (0.01 万元 steps) adding up exactly to ``total``."""
    weights = [rng.uniform(0.4, 2.5) for _ in range(parts)]
    scale = sum(weights)
    amounts = [(total * Decimal(str(w / scale))).quantize(Decimal("0.01")) for w in weights]
    amounts[-1] += total - sum(amounts)
    return amounts


def main() -> None:
    rng = random.Random(2021)
    projects = []
    for name, unit, batch, domain in NAMED:
        projects.append({"name": name, "unit": unit, "batch": batch, "domain": domain, "note": ""})
    unit_cycle = [u for u in UNITS if u not in {p["unit"] for p in projects}] + UNITS
    batch_1_count = 26
    while len(projects) < 40:
        n = len(projects) + 1
        batch = BATCH_1 if sum(p["batch"] == BATCH_1 for p in projects) < batch_1_count else BATCH_2
        projects.append(
            {
                "name": f"样例占位项目 {n:02d}",
                "unit": unit_cycle[(n - 16) % len(unit_cycle)],
                "batch": batch,
                "domain": DOMAINS[n % len(DOMAINS)],
                "note": "样例占位：评价报告未列出该项目名称",
            }
        )
    assert len({p["unit"] for p in projects}) == 16, len({p["unit"] for p in projects})

    for batch, total in ((BATCH_1, Decimal("12521.26")), (BATCH_2, Decimal("6178.74"))):
        members = [p for p in projects if p["batch"] == batch]
        for p, amount in zip(members, split(total, len(members), rng), strict=True):
            p["budget"] = amount
            p["funds_in_place"] = amount
    # Payments: total 17,641.06 of 18,700.00. Unpaid remainder spread over the projects still
    # being built.
    unpaid_total = Decimal("18700.00") - Decimal("17641.06")
    building = list(range(24, 40))
    unpaid = split(unpaid_total, len(building), rng)
    for p in projects:
        p["paid"] = p["budget"]
    for i, amount in zip(building, unpaid, strict=True):
        projects[i]["paid"] = projects[i]["budget"] - amount

    # The 16 projects checked on site: 计划产出 16 / 已完成 13 (81.25%), 应验收 16 / 已验收 15
    # (93.75%), timeliness assessed for 12 of them, 7 on time (58.33%).
    sampled = list(range(16))
    for i, p in enumerate(projects):
        p.update(
            sampled=i in sampled,
            planned_output=i < 24,
            completed=i < 13 or 16 <= i < 24,
            acceptance_due=i < 24,
            accepted=(i < 24 and i != 15),
            on_time=None,
        )
        if i < 24:
            p["status"] = "试运行" if i == 15 else ("投入运行" if i % 3 == 0 else "已验收")
        else:
            p["status"] = "在建"
        p["planned_date"] = f"2021-{(i % 12) + 1:02d}-28" if i < 12 else "2022-06-30"
        if i < 12:
            p["on_time"] = i < 7
        if p["accepted"]:
            month = (i % 12) + 1 if p.get("on_time") else min(12, (i % 12) + 3)
            p["accepted_date"] = (
                f"2021-{month:02d}-{20 if p.get('on_time') else 25}" if i < 12 else "2021-12-20"
            )
        else:
            p["accepted_date"] = None
    for p in projects:
        for key in ("budget", "funds_in_place", "paid"):
            p[key] = f"{p[key]:.2f}"

    inputs = {
        "A11": {"met": [True] * 5},
        "A12": {"met": [True] * 3},
        "A21": {"met": [True] * 4},
        "A22": {"level": "部分达成", "score": "1.5", "reason": "部分绩效目标不可衡量，扣 0.5 分。"},
        "A31": {"met": [True] * 4},
        "B13": {"met": [True] * 4},
        "B21": {"count": 1, "reason": "部分项目建设单位未制定项目管理制度，扣 0.5 分。"},
        "B22": {"score": "9", "reason": "部分项目招投标、监理存在瑕疵，扣 1 分。"},
        "D11": {"count": 0},
        "D12": {"count": 0},
        "D13": {"count": 0},
        "D14": {"count": 0},
        "D15": {"value": "100%"},
        "D21": {"met": True},
        "D31": {"met": [True] * 5},
    }
    data = {
        "fund": "南京市政务信息化专项资金",
        "year": 2021,
        "unit": "南京市大数据管理局",
        "title": "2021年南京市政务信息化专项资金绩效自评价评分表",
        "template": "nanjing-2021",
        "projects": projects,
        "inputs": inputs,
        "survey": {
            "file": "wjx-satisfaction-2021.csv",
            "name": "社会公众满意度调查",
            "fallback_satisfaction": {"numerator": "4379", "denominator": "5000"},
        },
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
