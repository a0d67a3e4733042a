"""Windows version resource for Jixiao.exe / jixiao-cli.exe, built from jixiao.__version__.

Imported by jixiao.spec (only when building on Windows); Explorer shows these fields under
Properties → Details, and AppLocker publisher rules can match the product name.
"""

from __future__ import annotations

import re
from pathlib import Path

PRODUCT_NAME = "绩效自评工作台 (Jixiao)"
COMPANY_NAME = "Jixiao"
COPYRIGHT = "© Jixiao"


def read_version(root: Path) -> str:
    """The package version, read from src/jixiao/__init__.py without importing the package."""
    text = (root / "src" / "jixiao" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if not match:
        raise ValueError("__version__ not found in src/jixiao/__init__.py")
    return match.group(1)


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0); pre-release suffixes such as '0.2.0rc1' keep their numbers only."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:4]]
    return tuple([*numbers, 0, 0, 0, 0][:4])  # type: ignore[return-value]


def make_version_info(version: str, internal_name: str, description: str):  # -> VSVersionInfo
    from PyInstaller.utils.win32.versioninfo import (
        FixedFileInfo,
        StringFileInfo,
        StringStruct,
        StringTable,
        VarFileInfo,
        VarStruct,
        VSVersionInfo,
    )

    numbers = version_tuple(version)
    strings = [
        StringStruct("CompanyName", COMPANY_NAME),
        StringStruct("FileDescription", description),
        StringStruct("FileVersion", version),
        StringStruct("InternalName", internal_name),
        StringStruct("LegalCopyright", COPYRIGHT),
        StringStruct("OriginalFilename", f"{internal_name}.exe"),
        StringStruct("ProductName", PRODUCT_NAME),
        StringStruct("ProductVersion", version),
    ]
    return VSVersionInfo(
        ffi=FixedFileInfo(
            filevers=numbers,
            prodvers=numbers,
            mask=0x3F,
            flags=0x0,
            OS=0x40004,
            fileType=0x1,
            subtype=0x0,
            date=(0, 0),
        ),
        # 0804 = zh-CN, 04B0 = UTF-16 (1200): Explorer shows the Chinese strings as they are.
        kids=[
            StringFileInfo([StringTable("080404B0", strings)]),
            VarFileInfo([VarStruct("Translation", [0x0804, 1200])]),
        ],
    )
