"""The lock record beside an evaluation opened for editing: ``.~lock.NAME.jixiao#``.

SQLite's own locks protect single transactions; this record tells a colleague on another PC
(or a second copy of the program) that someone is working in the file, who and since when,
so that they get a read-only view instead of silently editing the same evaluation.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path


@dataclass(frozen=True)
class LockInfo:
    user: str
    machine: str
    pid: int
    time: str  # ISO, local time of the machine that wrote it

    @property
    def since(self) -> str:
        try:
            return datetime.fromisoformat(self.time).strftime("%H:%M")
        except ValueError:
            return self.time

    def message(self) -> str:
        when = self.time[:10]
        today = datetime.now().date().isoformat()
        day = "" if when == today else f"{when} "
        return f"文件正由 {self.user}（{self.machine}）于 {day}{self.since} 打开"

    def is_ours(self) -> bool:
        return self.machine == machine_name() and self.pid == os.getpid()

    def is_stale(self) -> bool:
        """True when the program that wrote it is gone: only knowable on the same machine."""
        return self.machine == machine_name() and not pid_alive(self.pid)


def lock_path(path: Path) -> Path:
    return Path(path).with_name(f".~lock.{Path(path).name}#")


def machine_name() -> str:
    return socket.gethostname() or "未知计算机"


def user_name() -> str:
    try:
        return getpass.getuser()
    except Exception:
        return "未知用户"


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        code = ctypes.c_ulong()
        ctypes.windll.kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        ctypes.windll.kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_lock(path: Path) -> LockInfo | None:
    target = lock_path(path)
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
        return LockInfo(
            str(data.get("user", "")) or "未知用户",
            str(data.get("machine", "")) or "未知计算机",
            int(data.get("pid", 0)),
            str(data.get("time", "")),
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, AttributeError):
        # Unreadable or half-written: someone holds it, we cannot say who.
        return LockInfo("未知用户", "未知计算机", 0, "")


def foreign_lock(path: Path) -> LockInfo | None:
    info = read_lock(path)
    if info is None or info.is_ours():
        return None
    return info


def write_lock(path: Path, user: str = "") -> LockInfo:
    info = LockInfo(
        user or user_name(),
        machine_name(),
        os.getpid(),
        datetime.now().isoformat(timespec="seconds"),
    )
    data = json.dumps(info.__dict__, ensure_ascii=False)
    target = lock_path(path)
    tmp = target.with_name(target.name + ".part")
    tmp.write_text(data, encoding="utf-8")
    tmp.replace(target)
    _hide(target)
    return info


def remove_lock(path: Path, only_ours: bool = True) -> None:
    info = read_lock(path)
    if info is None or (only_ours and not info.is_ours()):
        return
    with contextlib.suppress(OSError):
        lock_path(path).unlink()


def _hide(target: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows only
        import ctypes

        ctypes.windll.kernel32.SetFileAttributesW(str(target), 0x2)  # FILE_ATTRIBUTE_HIDDEN
