"""Fill translations into a .ts file from a JSON object {source: translation}.

    python tools/ts_fill.py i18n/jixiao_zh_CN.ts translations.json

Entries found in the JSON get the translation and lose type="unfinished"; others are left
as they are (the completeness test lists what is still missing).
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path


def fill(ts_path: Path, mapping: dict[str, str]) -> tuple[int, list[str]]:
    tree = ET.parse(ts_path)
    filled, missing = 0, []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is None:
            translation = ET.SubElement(message, "translation")
        if source in mapping:
            translation.text = mapping[source]
            translation.attrib.pop("type", None)
            filled += 1
        elif translation.get("type") == "unfinished" or not (translation.text or "").strip():
            missing.append(source)
    tree.write(ts_path, encoding="utf-8", xml_declaration=True)
    return filled, missing


if __name__ == "__main__":
    ts, table = Path(sys.argv[1]), json.loads(Path(sys.argv[2]).read_text(encoding="utf-8"))
    count, still_missing = fill(ts, table)
    print(f"filled {count}; missing {len(still_missing)}")
    for source in still_missing:
        print("  missing:", source)
