"""Write tests/fixtures/schema-v1.jixiao: the Nanjing sample in schema version 1 (before
evidence and surveys), kept to test upgrades. Generated once; never regenerate it with a
newer schema."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import sqlite_utils

from jixiao.core.projects import SOURCE_SATISFACTION
from jixiao.core.templates import system_to_json
from jixiao.importers import template_library
from jixiao.importers.sample import sample_data
from jixiao.storage.migrations import m001_base

OUT = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "schema-v1.jixiao"


def main() -> None:
    OUT.unlink(missing_ok=True)
    db = sqlite_utils.Database(sqlite3.connect(str(OUT), isolation_level=None))
    m001_base.upgrade(db)
    data = sample_data()
    system = template_library.resolve(data["template"])
    template = system_to_json(system)
    db["evaluation"].insert(
        {
            "id": 1,
            "fund": data["fund"],
            "year": data["year"],
            "unit": data["unit"],
            "title": data["title"],
            "template_name": system.name,
            "template_json": json.dumps(template, ensure_ascii=False),
            "created_at": "2026-11-28T20:00:00",
        }
    )
    meta = dict(template)
    meta.pop("indicators")
    db["settings"].insert({"key": "system_meta", "value": json.dumps(meta, ensure_ascii=False)})
    db["settings"].insert(
        {
            "key": f"derived.{SOURCE_SATISFACTION}",
            "value": json.dumps(data["survey"]["fallback_satisfaction"]),
        }
    )
    rows = []
    for level, node, ancestors in system.walk():
        siblings = ancestors[-1].children if ancestors else system.roots
        rows.append(
            {
                "code": node.code,
                "parent": ancestors[-1].code if ancestors else None,
                "level": level,
                "ord": siblings.index(node),
                "name": node.name,
                "target": node.target,
                "weight": str(node.weight),
                "criteria": node.criteria,
                "rule_json": json.dumps(node.rule.to_json(), ensure_ascii=False)
                if node.rule
                else None,
                "evidence_json": json.dumps(node.evidence, ensure_ascii=False),
            }
        )
    db["indicators"].insert_all(rows)
    for code, raw in data["inputs"].items():
        db["inputs"].insert(
            {
                "code": code,
                "input_json": json.dumps(raw, ensure_ascii=False),
                "updated_at": "2026-11-28T20:00:00",
                "updated_by": "fixture",
            }
        )
    for i, p in enumerate(data["projects"], start=1):
        db["projects"].insert(
            {
                "id": i,
                "seq": i,
                "name": p["name"],
                "unit": p["unit"],
                "batch": p["batch"],
                "domain": p["domain"],
                "budget": p["budget"],
                "funds_in_place": p["funds_in_place"],
                "paid": p["paid"],
                "status": p["status"],
                "planned_date": p["planned_date"],
                "accepted_date": p["accepted_date"],
                "sampled": int(p["sampled"]),
                "planned_output": int(p["planned_output"]),
                "completed": int(p["completed"]),
                "acceptance_due": int(p["acceptance_due"]),
                "accepted": int(p["accepted"]),
                "on_time": None if p["on_time"] is None else int(p["on_time"]),
                "note": p["note"],
                "extra_json": "{}",
            }
        )
    db["audit_log"].insert(
        {
            "at": "2026-11-28T20:00:00",
            "user": "fixture",
            "action": "evaluation.create",
            "target": data["fund"],
            "old_value": None,
            "new_value": "v1",
            "reason": "",
        }
    )
    db.execute("PRAGMA user_version = 1")
    db.execute("PRAGMA journal_mode = DELETE")
    db.conn.execute("VACUUM")
    db.close()
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
