"""The one route for errors a user can act on.

A ``UserError`` carries a Chinese message and, where they apply, the file, row and column it
is about; the CLI prints it after "错误：" and the UI shows it in a message box. Every other
exception is an internal error: the UI logs its full traceback and says where the log is, the
CLI prints the traceback. A bare ``ValueError`` is a bug, not a message for the user.

The domain errors (InputError, ProjectError, StorageError, ...) derive from ``UserError``;
most also stay ``ValueError`` subclasses for the code that already catches them as such.
"""

from __future__ import annotations


class UserError(Exception):
    """A problem the user can fix; ``str()`` is the Chinese message with its location."""

    def __init__(
        self,
        message: str = "",
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.file, self.row, self.column = file, row, column

    def location(self) -> str:
        """“文件“x.xlsx”第 3 行“预算”列”, empty when nothing is known."""
        parts = []
        if self.file:
            parts.append(f"文件“{self.file}”")
        if self.row is not None:
            parts.append(f"第 {self.row} 行")
        if self.column:
            parts.append(f"“{self.column}”列")
        return "".join(parts)

    def __str__(self) -> str:
        message = super().__str__()
        where = self.location()
        return f"{where}：{message}" if where and where not in message else message


class OperationCancelled(Exception):
    """The user cancelled a long operation; nothing was written. Not an error."""


def describe_os_error(exc: OSError) -> str:
    """A Chinese sentence for a file that cannot be read or written, naming the file."""
    name = exc.filename or ""
    reason = exc.strerror or str(exc)
    if isinstance(exc, FileNotFoundError):
        return f"找不到文件“{name}”" if name else f"找不到文件：{reason}"
    if isinstance(exc, PermissionError):
        return f"没有权限访问文件“{name}”" if name else f"没有权限：{reason}"
    return f"无法读写文件“{name}”：{reason}" if name else f"文件读写失败：{reason}"
