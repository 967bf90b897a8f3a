"""Safe output files: never over the input, written whole or not at all — for every writer
(workbook, CSV, JSON, project, autosave and settings files).

Each result file is written to a temporary file next to the target and moved into place
with :func:`os.replace`, so a crash, a cancellation or a locked target never leaves a
half-written file behind and never spoils the file that was there before.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterable, Iterator
from pathlib import Path

from desktop.errors import OutputFileError


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
    except OSError:
        pass
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def check_target(target: Path, protected: Iterable[Path | None]) -> Path:
    """``target`` as an absolute path, or :class:`OutputFileError` if writing it is unsafe."""
    target = Path(target).expanduser()
    for path in protected:
        if path is not None and _same_file(target, Path(path).expanduser()):
            raise OutputFileError(
                f"结果文件不能覆盖输入文件，请另选文件名：{target}\n"
                f"The result file would overwrite the input file; choose another name: {target}"
            )
    if target.is_dir():
        raise OutputFileError(
            f"输出路径是一个文件夹，请指定文件名：{target}\n"
            f"The output path is a folder; give a file name: {target}"
        )
    parent = target.parent
    if not parent.is_dir():
        raise OutputFileError(
            f"输出文件夹不存在：{parent}\nThe output folder does not exist: {parent}"
        )
    return target.absolute()


def locked_error(target: Path, exc: OSError) -> OutputFileError:
    return OutputFileError(
        f"无法写入 {target}：文件可能正在 Excel 或其他程序中打开，或该文件夹不可写。"
        f"请关闭文件后重试，或另选保存位置。\n"
        f"Cannot write {target}: the file may be open in Excel or another program, or the "
        f"folder is read-only. Close the file and try again, or save elsewhere. ({exc})"
    )


def _create_temp(target: Path) -> Path:
    """An empty new file beside ``target`` (mode 0666 less the umask, like any new file)."""
    for _ in range(20):
        temp = target.with_name(f".{target.stem}.{secrets.token_hex(4)}.tmp{target.suffix}")
        try:
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except FileExistsError:
            continue
        except PermissionError as exc:
            raise locked_error(target, exc) from exc
        except OSError as exc:
            raise OutputFileError(
                f"无法在 {target.parent} 中创建文件：{exc}\n"
                f"Cannot create a file in {target.parent}: {exc}"
            ) from exc
        os.close(fd)
        return temp
    raise OutputFileError(f"无法创建临时文件 / cannot create a temporary file in {target.parent}")


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


@contextlib.contextmanager
def atomic_output(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target``, else it is removed."""
    temp = _create_temp(target)
    try:
        yield temp
        os.replace(temp, target)
    except PermissionError as exc:
        _remove(temp)
        raise locked_error(target, exc) from exc
    except OutputFileError:
        _remove(temp)
        raise
    except OSError as exc:
        _remove(temp)
        raise OutputFileError(f"写入 {target} 失败：{exc}\nWriting {target} failed: {exc}") from exc
    except BaseException:
        _remove(temp)
        raise
