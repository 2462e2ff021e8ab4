"""Writing what the user names with ``-o``, so that an output never destroys anything.

Every command that writes a user-named file or folder (``export``, ``report``) goes
through :func:`output_file` or :func:`output_folder`. The rules (docs/cli.md, "Where
outputs go"):

- ``-`` is standard output (single-file formats; a folder format refuses it);
- the database being read and its ``-wal``, ``-shm`` and ``-journal`` files are never
  written, by whatever path, link or hard link they are named, even with ``force``;
- an existing file, a symbolic link, or a folder that is not empty is refused unless
  ``force``;
- a symbolic link is never replaced: with ``force`` what it points to is written;
- a regular file is written whole to a temporary file in its folder, then moved into place
  with :func:`os.replace`: a reader sees the old or the new file, never half of one, and a
  failed write leaves the old file and no temporary file behind;
- a target that is not a regular file or folder (a character device such as /dev/null, a
  FIFO), and a name of an open file descriptor (/dev/stdout, /dev/fd/N, /proc/…), is
  opened and written as it is, never replaced; nothing is overwritten there, so it needs
  no ``force`` (a regular file behind /dev/stdout is appended to);
- a folder is built in a temporary folder beside it, then renamed into place; into an
  existing folder (empty, or not empty with ``force``) only the files the export writes
  are replaced (each as above), every other file and subfolder stays.
"""

from __future__ import annotations

import io
import os
import secrets
import shutil
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO

from storyline.errors import OutputExists, OutputIsInput, OutputUnwritable

STDOUT = "-"
"""The ``-o`` value meaning standard output."""

DATABASE_FILES = ("", "-wal", "-shm", "-journal")
"""Suffixes of the files SQLite keeps for one database."""

DESCRIPTOR_PATHS = ("/dev/stdout", "/dev/stderr", "/dev/fd/", "/proc/")
"""Names of open file descriptors (``/dev/stdout`` → ``/proc/self/fd/1``): written in place."""


def is_stdout(target: Path | str) -> bool:
    return str(target) == STDOUT


def shares_stdout(target: Path | str) -> bool:
    """Whether writing ``target`` writes this process's standard output (``-``,
    /dev/stdout, the file standard output is redirected to): notes then go to stderr."""
    if is_stdout(target):
        return True
    if not os.path.exists(target):
        return False
    try:
        mine, theirs = os.fstat(1), os.stat(target)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (theirs.st_dev, theirs.st_ino)


def database_files(db: Path) -> tuple[Path, ...]:
    """The database and the files SQLite keeps beside it: what no output may replace."""
    return tuple(db.with_name(db.name + suffix) for suffix in DATABASE_FILES)


def _same(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): compare where they would be
        return os.path.realpath(a) == os.path.realpath(b)


def _refuse_input(target: Path, shown: Path, protect: tuple[Path, ...]) -> None:
    for path in protect:
        if _same(target, path):
            raise OutputIsInput(
                f"{shown}: is the database being read ({protect[0]}) or one of its files; "
                "storyline never writes over its input, not even with --force; give "
                "another -o name"
            )


def _stat(path: Path) -> os.stat_result | None:
    try:
        return os.stat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputUnwritable(
            f"{path}: cannot be examined ({exc.strerror}); check the path"
        ) from exc


def _names_a_descriptor(path: Path) -> bool:
    return str(path.absolute()).startswith(DESCRIPTOR_PATHS)


def _unwritable(path: Path, exc: OSError) -> OutputUnwritable:
    return OutputUnwritable(
        f"{path}: cannot be written ({exc.strerror or exc}); check the path, its "
        "permissions and the free space"
    )


def _temp_name(path: Path, tag: str) -> Path:
    return path.with_name(f".{path.name[:180]}.{secrets.token_hex(4)}.{tag}")


def _temp_file(beside: Path) -> tuple[Path, BinaryIO]:
    """A new empty file in ``beside``'s folder (permissions from the umask, like open())."""
    while True:
        tmp = _temp_name(beside, "tmp")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
        except FileExistsError:  # pragma: no cover - 32 random bits met an old name
            continue
        return tmp, os.fdopen(fd, "wb")


def _temp_folder(beside: Path) -> Path:
    while True:
        tmp = _temp_name(beside, "tmp")
        try:
            tmp.mkdir(0o777)
        except FileExistsError:  # pragma: no cover
            continue
        return tmp


@contextmanager
def _write_in_place(path: Path, regular: bool) -> Iterator[BinaryIO]:
    """Open a device, FIFO or /dev path as it is: no creation, no truncation, no rename
    (a regular file behind /dev/stdout, as after ``> file`` or ``>> file``, is appended to)."""
    flags = os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC | (os.O_APPEND if regular else 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "wb") as fh:
        yield fh


@contextmanager
def _write_replacing(path: Path, mode: int | None) -> Iterator[BinaryIO]:
    """Write a temporary file beside ``path``, then move it over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp, fh = _temp_file(path)
    try:
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _exists_message(target: Path, link: bool) -> str:
    if link:
        return (
            f"{target}: is a symbolic link; add --force to write the file it points to "
            "(the link stays), or give another -o name"
        )
    return f"{target}: exists; add --force to replace it, or give another -o name"


@contextmanager
def output_file(
    target: Path, *, force: bool = False, protect: Iterable[Path] = ()
) -> Iterator[BinaryIO]:
    """A binary stream to write one output into; what was written is in place on exit.

    ``protect`` names files that must never be written (see :func:`database_files`).
    Raises an :class:`~storyline.errors.OutputError` before anything is written when the
    target is refused, and one for an operating-system error while writing.
    """
    protect = tuple(protect)
    if is_stdout(target):
        if any(shares_stdout(path) for path in protect):  # as in ``-o - >> story.db``
            raise OutputIsInput(
                f"-: standard output is the database being read ({protect[0]}); storyline "
                "never writes over its input; send standard output elsewhere"
            )
        stream = sys.stdout.buffer
        try:
            yield stream
            stream.flush()
        except OSError as exc:
            raise _unwritable(Path("standard output"), exc) from exc
        return
    _refuse_input(target, target, protect)
    st = _stat(target)
    link = target.is_symlink()
    try:
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise OutputUnwritable(f"{target}: is a folder; give a file name with -o")
        if st is not None and (not stat.S_ISREG(st.st_mode) or _names_a_descriptor(target)):
            with _write_in_place(target, stat.S_ISREG(st.st_mode)) as fh:
                yield fh
            return
        if (st is not None or link) and not force:
            raise OutputExists(_exists_message(target, link))
        real = Path(os.path.realpath(target)) if link else target
        mode = stat.S_IMODE(st.st_mode) if st is not None else None
        with _write_replacing(real, mode) as fh:
            yield fh
    except OSError as exc:
        raise _unwritable(target, exc) from exc


@contextmanager
def text_stream(fh: BinaryIO) -> Iterator[TextIO]:
    """UTF-8 text on top of ``fh``, flushed and detached on exit (``fh`` stays open)."""
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="\n")
    try:
        yield text
        text.flush()
    finally:
        text.detach()


def _place(source: Path, dest: Path) -> None:
    """Move a finished file over ``dest`` in an existing folder, by the rules of
    :func:`output_file` (the caller has checked ``force`` for the folder)."""
    st = _stat(dest)
    if dest.is_symlink() or (st is not None and not stat.S_ISREG(st.st_mode)):
        with output_file(dest, force=True) as fh, source.open("rb") as src:
            shutil.copyfileobj(src, fh)
        source.unlink()
        return
    if st is not None:
        os.chmod(source, stat.S_IMODE(st.st_mode))
    os.replace(source, dest)


def _has_entries(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return next(entries, None) is not None
    except OSError as exc:
        raise _unwritable(folder, exc) from exc


@contextmanager
def output_folder(
    target: Path, *, what: str, force: bool = False, protect: Iterable[Path] = ()
) -> Iterator[Path]:
    """An empty folder to write a folder output into; its files are in place on exit.

    ``what`` names the output in messages (``the csv export``).
    """
    if is_stdout(target):
        raise OutputUnwritable(
            f"-: {what} is a folder of files and cannot go to standard output; "
            "give a folder name with -o"
        )
    protect = tuple(protect)
    _refuse_input(target, target, protect)
    st = _stat(target)
    link = target.is_symlink()
    if st is not None and not stat.S_ISDIR(st.st_mode):
        raise OutputUnwritable(
            f"{target}: is a file; {what} writes a folder; give a folder name with -o"
        )
    if not force:
        if link:
            raise OutputExists(_exists_message(target, link))
        if st is not None and _has_entries(target):
            raise OutputExists(
                f"{target}: is a folder that is not empty; give a new or empty folder, or "
                "add --force to replace the files the export writes (other files stay)"
            )
    real = Path(os.path.realpath(target)) if link else target
    try:
        if st is None:
            real.parent.mkdir(parents=True, exist_ok=True)
            build = _temp_folder(real)
        else:  # inside the folder: on its file system, so each file moves atomically
            build = _temp_folder(real / "storyline-export")
    except OSError as exc:
        raise _unwritable(target, exc) from exc
    try:
        yield build
        if st is None:
            os.rename(build, real)
            return
        names = sorted(p.name for p in build.iterdir())
        for name in names:  # every refusal before the first file moves
            _refuse_input(real / name, target / name, protect)
            dest_st = _stat(real / name)
            if dest_st is not None and stat.S_ISDIR(dest_st.st_mode):
                raise OutputUnwritable(
                    f"{target / name}: is a folder; remove it or give another -o folder"
                )
        for name in names:
            _place(build / name, real / name)
        build.rmdir()
    except OSError as exc:
        raise _unwritable(target, exc) from exc
    finally:
        shutil.rmtree(build, ignore_errors=True)
