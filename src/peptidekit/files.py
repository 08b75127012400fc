"""Reading and writing the files a person names, safely.

A write goes to a temporary file beside the target, then takes its place, so a
crash leaves either the old file or the whole new one. An existing file is
replaced only when asked, keeps its mode and owner, and the temporary file is
removed on every failure. A bad path (empty, a NUL byte, a name over 255 bytes,
a folder that does not exist, bytes that are not UTF-8) is an input error naming
the path. Reads stop at a stated limit.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from pathlib import Path

from peptidekit.errors import InputError, RefusedError

NAME_MAX_BYTES = 255
"""The longest file name (one path component) Linux file systems accept."""


def shown(path: Path | str) -> str:
    """The path as a message shows it: quoted, undecodable bytes as escapes."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "'" + "".join(c if c.isprintable() else repr(c)[1:-1] for c in text) + "'"


def _bad(path: Path | str, problem: str, expected: str) -> InputError:
    return InputError(f"the path {shown(path)} {problem}", input=shown(path), expected=expected)


def check_path(path: Path | str) -> Path:
    """``path`` if it can name a file at all; an input error naming it otherwise."""
    text = str(path)
    if not text:
        raise _bad(path, "is empty", "a file name")
    if "\0" in text:
        raise _bad(path, "contains a NUL byte", "a file name without NUL bytes")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise _bad(path, "is not valid UTF-8 text", "a file name in UTF-8") from None
    for part in Path(text).parts:
        if len(part.encode()) > NAME_MAX_BYTES:
            raise _bad(
                path,
                f"has a name of {len(part.encode())} bytes, over the {NAME_MAX_BYTES} allowed",
                f"names of at most {NAME_MAX_BYTES} bytes",
            )
    return Path(text)


def _os_error(path: Path | str, error: OSError, doing: str) -> InputError:
    reason = error.strerror or type(error).__name__
    return _bad(path, f"cannot be {doing}: {reason}", "a path that can be " + doing)


def check_output(path: Path | str, *, replace: bool) -> Path:
    """A path a new file can be written to: its folder exists, it is not a folder, and an
    existing file is refused unless ``replace``."""
    target = check_path(path)
    folder = target.parent
    try:
        if not folder.is_dir():
            raise _bad(path, f"is in a folder that does not exist ({shown(folder)})", "a folder")
        if target.is_dir():
            raise _bad(path, "is a folder", "a file name")
        if (target.exists() or target.is_symlink()) and not replace:
            raise _exists(path)
    except OSError as error:
        raise _os_error(path, error, "written") from error
    return target


def _exists(path: Path | str) -> RefusedError:
    error = RefusedError(
        f"the file {shown(path)} already exists and was left as it is; "
        "choose another name, or replace it on purpose",
        input=shown(path),
        expected="a new file, or replacing it on purpose",
    )
    error.field = "force"
    return error


def _keep_mode_and_owner(tmp: int, existing: os.stat_result, path: Path) -> None:
    os.fchmod(tmp, stat.S_IMODE(existing.st_mode))
    if (existing.st_uid, existing.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(tmp, existing.st_uid, existing.st_gid)
        except PermissionError:
            raise _bad(
                path,
                "belongs to another user; replacing it would change its owner",
                "a file of your own",
            ) from None


def write_atomically(path: Path | str, data: bytes, *, replace: bool = True) -> None:
    """Write ``data`` to ``path`` all at once. An existing file is refused unless
    ``replace``; a replaced file keeps its mode and owner (a symbolic link stays, and
    the file it points to is replaced); a new file is readable by its owner only."""
    target = check_output(path, replace=replace)
    if target.is_symlink():
        target = target.resolve()
    try:
        existing: os.stat_result | None = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as error:
        raise _os_error(path, error, "written") from error
    try:
        fd, tmp = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name[:200]}.", suffix=".tmp"
        )
    except OSError as error:
        raise _os_error(path, error, "written") from error
    try:
        with os.fdopen(fd, "wb") as out:
            if existing is not None:
                _keep_mode_and_owner(out.fileno(), existing, Path(path))
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        _put_in_place(tmp, target, replace)
    except BaseException as error:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _os_error(path, error, "written") from error
        raise


def _put_in_place(tmp: str, target: Path, replace: bool) -> None:
    if replace:
        os.replace(tmp, target)
        return
    try:  # no-clobber: a file created meanwhile by someone else is not replaced
        os.link(tmp, target)
    except FileExistsError:
        raise _exists(target) from None
    except OSError as error:
        if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP):
            raise
        os.replace(tmp, target)  # a file system without hard links
        return
    os.unlink(tmp)


def read_limited(path: Path | str, limit: int, what: str) -> bytes:
    """The bytes of ``path``, refused with the limit named when there are more than ``limit``
    (read in chunks: a huge file or a device such as /dev/zero never fills memory)."""
    source = check_path(path)
    try:
        with open(source, "rb") as f:
            data = f.read(limit + 1)
    except FileNotFoundError:
        raise _bad(path, "does not exist", "an existing file") from None
    except IsADirectoryError:
        raise _bad(path, "is a folder", "a file") from None
    except OSError as error:
        raise _os_error(path, error, "read") from error
    if len(data) > limit:
        raise _bad(
            path,
            f"is larger than {limit >> 20} MiB, the limit of {what}",
            f"{what} of at most {limit >> 20} MiB",
        )
    return data
