"""Per-user program settings (language, 评价人 name, recent files, window geometry)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from jixiao import paths
from jixiao.ui.i18n import DEFAULT_LANGUAGE, LANGUAGES

MAX_RECENT = 8


class AppSettings:
    def __init__(self, path: Path | None = None):
        path = path or paths.user_config_dir() / "jixiao.ini"
        self._q = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def language(self) -> str:
        value = str(self._q.value("ui/language", DEFAULT_LANGUAGE))
        return value if value in LANGUAGES else DEFAULT_LANGUAGE

    @language.setter
    def language(self, value: str) -> None:
        self._q.setValue("ui/language", value)

    @property
    def user_name(self) -> str:
        return str(self._q.value("user/name", "") or "")

    @user_name.setter
    def user_name(self, value: str) -> None:
        self._q.setValue("user/name", value.strip())

    def recent_files(self) -> list[str]:
        value = self._q.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])]

    def add_recent(self, path: str | Path) -> None:
        text = str(Path(path).resolve())
        items = [p for p in self.recent_files() if p != text]
        self._q.setValue("files/recent", [text, *items][:MAX_RECENT])
        self._q.setValue("files/last", text)

    def remove_recent(self, path: str) -> None:
        self._q.setValue("files/recent", [p for p in self.recent_files() if p != path])

    @property
    def last_file(self) -> str:
        return str(self._q.value("files/last", "") or "")

    def geometry(self) -> QByteArray | None:
        value = self._q.value("window/geometry")
        return value if isinstance(value, QByteArray) else None

    def save_geometry(self, data: QByteArray) -> None:
        self._q.setValue("window/geometry", data)

    def sync(self) -> None:
        self._q.sync()

    # UKey signing: the vendor's PKCS#11 module and the certificate last used (its SHA-256
    # fingerprint, which is public). The PIN is never stored.
    @property
    def pkcs11_module(self) -> str:
        return str(self._q.value("signing/pkcs11_module", "") or "")

    @pkcs11_module.setter
    def pkcs11_module(self, value: str) -> None:
        self._q.setValue("signing/pkcs11_module", value)

    @property
    def pkcs11_certificate(self) -> str:
        return str(self._q.value("signing/pkcs11_certificate", "") or "")

    @pkcs11_certificate.setter
    def pkcs11_certificate(self, value: str) -> None:
        self._q.setValue("signing/pkcs11_certificate", value)
