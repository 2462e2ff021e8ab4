"""Outputs that never hurt: what ``export`` and ``report`` do with the ``-o`` they are given,
checked on real files, links, folders, a FIFO, /dev/null, /dev/full and real processes."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import storyline
from storyline.cli import app
from storyline.errors import OutputExists, OutputIsInput
from storyline.outputs import output_file, output_folder

pytestmark = pytest.mark.slow

runner = CliRunner()
SRC = Path(storyline.__file__).parents[1]


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def one_line_error(stderr: str) -> str:
    lines = [ln for ln in stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: ")
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def listing(folder: Path) -> list[str]:
    """Every path under ``folder``, relative (temporary files start with a dot)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


@pytest.fixture
def db(empty_db: Path, tmp_path: Path) -> Path:
    """A private copy of the empty database in ``tmp_path/work``."""
    work = tmp_path / "work"
    work.mkdir()
    copy = work / "s.db"
    copy.write_bytes(empty_db.read_bytes())
    return copy


def process(
    *args: str, cwd: Path | None = None, stdout: Any = subprocess.PIPE
) -> subprocess.CompletedProcess[bytes]:
    """The CLI in a process of its own (this worktree's code first on the path)."""
    path = os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")])
    return subprocess.run(
        [sys.executable, "-m", "storyline.cli", *args],
        env={**os.environ, "PYTHONPATH": path},
        cwd=cwd,
        stdout=stdout,
        stderr=subprocess.PIPE,
        check=False,
        timeout=120,
    )


# ------------------------------------------------------------------ existing files


def test_an_existing_file_is_refused_without_force_and_replaced_with_it(db: Path) -> None:
    target = db.parent / "story.json"
    target.write_text("mine\n", encoding="utf-8")
    target.chmod(0o640)
    code, _, err = run("export", "--db", str(db), "-o", str(target))
    assert code == 2
    line = one_line_error(err)
    assert "story.json" in line and "exists" in line and "--force" in line
    assert target.read_text(encoding="utf-8") == "mine\n"

    code, out, _ = run("export", "--db", str(db), "-o", str(target), "--force")
    assert code == 0 and "wrote" in out
    assert json.loads(target.read_text(encoding="utf-8"))["schema"].startswith("storyline.")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # the replaced file keeps its mode
    assert not [name for name in listing(db.parent) if name.startswith(".")]


def test_report_refuses_an_existing_file_without_force(db: Path) -> None:
    target = db.parent / "report.html"
    target.write_text("keep me", encoding="utf-8")
    code, _, err = run("report", "--db", str(db), "-o", str(target))
    assert code == 2 and "--force" in one_line_error(err)
    assert target.read_text(encoding="utf-8") == "keep me"
    code, _, _ = run("report", "--db", str(db), "-o", str(target), "--force")
    assert code == 0 and target.read_text(encoding="utf-8").lower().startswith("<!doctype html>")


def test_a_folder_named_for_a_file_format_is_refused(db: Path) -> None:
    folder = db.parent / "out"
    folder.mkdir()
    code, _, err = run("export", "--db", str(db), "-o", str(folder), "--force")
    assert code == 2 and "is a folder" in one_line_error(err)
    assert listing(folder) == []


# ------------------------------------------------------------------ the database


@pytest.mark.parametrize("command", ["report", "export"])
def test_the_database_is_never_written_over(db: Path, command: str) -> None:
    before = digest(db)
    (db.parent / "link.db").symlink_to(db)
    os.link(db, db.parent / "hard.db")
    names = [
        str(db),
        str(db.parent / "." / "s.db"),  # another spelling of the same path
        str(db.parent / "link.db"),  # a symbolic link to it
        str(db.parent / "hard.db"),  # a hard link to it
        str(db) + "-wal",
        str(db) + "-shm",
    ]
    for name in names:
        code, _, err = run(command, "--db", str(db), "-o", name, "--force")
        assert code == 2, name
        line = one_line_error(err)
        assert "database being read" in line and "not even with --force" in line, line
    assert digest(db) == before
    assert (db.parent / "link.db").is_symlink()


def test_report_db_onto_itself_from_the_issue(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(db.parent)
    before = digest(db)
    for extra in ([], ["--force"]):
        code, _, err = run("report", "--db", "s.db", "-o", "s.db", *extra)
        assert code == 2 and "database being read" in one_line_error(err)
    assert digest(db) == before
    code, out, _ = run("info", "--db", "s.db")
    assert code == 0 and "documents 0" in out


def test_standard_output_appended_to_the_database_is_refused(db: Path) -> None:
    before = digest(db)
    for target in ("-", "/dev/stdout"):
        with db.open("ab") as fh:  # as in: storyline report -o - >> s.db
            done = process("report", "--db", str(db), "-o", target, stdout=fh)
        assert done.returncode == 2 and b"database being read" in done.stderr, target
    assert digest(db) == before


def test_a_folder_export_never_writes_over_the_database_through_a_link(db: Path) -> None:
    folder = db.parent / "tables"
    folder.mkdir()
    (folder / "documents.csv").symlink_to(db)
    before = digest(db)
    code, _, err = run("export", "--db", str(db), "-f", "csv", "-o", str(folder), "--force")
    assert code == 2 and "database being read" in one_line_error(err)
    assert digest(db) == before
    assert listing(folder) == ["documents.csv"]  # nothing moved in, no temporary folder left


# ------------------------------------------------------------------ folders


def test_a_non_empty_folder_is_refused_and_force_keeps_every_other_file(db: Path) -> None:
    folder = db.parent / "tables"
    (folder / "sub").mkdir(parents=True)
    (folder / "notes.txt").write_text("my notes", encoding="utf-8")
    (folder / "sub" / "deep.txt").write_text("deeper", encoding="utf-8")
    (folder / "documents.csv").write_text("old", encoding="utf-8")
    code, _, err = run("export", "--db", str(db), "-f", "csv", "-o", str(folder))
    assert code == 2
    line = one_line_error(err)
    assert "not empty" in line and "--force" in line
    assert (folder / "documents.csv").read_text(encoding="utf-8") == "old"

    code, _, _ = run("export", "--db", str(db), "-f", "csv", "-o", str(folder), "--force")
    assert code == 0
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "my notes"
    assert (folder / "sub" / "deep.txt").read_text(encoding="utf-8") == "deeper"
    assert (folder / "documents.csv").read_text(encoding="utf-8").startswith("id,")
    assert (folder / "quotes.csv").exists()
    assert not [name for name in listing(folder) if name.startswith(".")]


def test_an_empty_or_new_folder_needs_no_force(db: Path) -> None:
    empty = db.parent / "empty"
    empty.mkdir()
    code, _, _ = run("export", "--db", str(db), "-f", "csv", "-o", str(empty))
    assert code == 0 and (empty / "documents.csv").exists()
    new = db.parent / "new" / "tables"
    code, _, _ = run("export", "--db", str(db), "-f", "parquet", "-o", str(new))
    assert code == 0 and (new / "documents.parquet").exists()
    assert [p.name for p in new.parent.iterdir()] == ["tables"]  # the build folder is gone


def test_a_folder_format_refuses_standard_output(db: Path) -> None:
    for fmt in ("csv", "parquet"):
        code, out, err = run("export", "--db", str(db), "-f", fmt, "-o", "-")
        assert code == 2 and out == ""
        line = one_line_error(err)
        assert "standard output" in line and "folder" in line


# ------------------------------------------------------------------ links


def test_a_symlink_is_kept_and_force_writes_what_it_points_to(db: Path) -> None:
    real = db.parent / "real.json"
    real.write_text("old", encoding="utf-8")
    link = db.parent / "link.json"
    link.symlink_to(real)
    code, _, err = run("export", "--db", str(db), "-o", str(link))
    assert code == 2 and "symbolic link" in one_line_error(err)
    assert real.read_text(encoding="utf-8") == "old"

    code, _, _ = run("export", "--db", str(db), "-o", str(link), "--force")
    assert code == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert json.loads(real.read_text(encoding="utf-8"))["documents"] == []


def test_a_symlink_inside_a_forced_folder_is_kept(db: Path) -> None:
    folder = db.parent / "tables"
    folder.mkdir()
    elsewhere = db.parent / "elsewhere.csv"
    elsewhere.write_text("old", encoding="utf-8")
    (folder / "documents.csv").symlink_to(elsewhere)
    code, _, _ = run("export", "--db", str(db), "-f", "csv", "-o", str(folder), "--force")
    assert code == 0
    assert (folder / "documents.csv").is_symlink()
    assert elsewhere.read_text(encoding="utf-8").startswith("id,")


# ------------------------------------------------------------------ standard output, devices


def test_dash_writes_standard_output_and_no_file_named_dash(db: Path) -> None:
    done = process("export", "--db", str(db), "-o", "-", cwd=db.parent)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["documents"] == []
    assert b"standard output" in done.stderr
    assert not (db.parent / "-").exists()
    code, out, err = run("report", "--db", str(db), "-o", "-")
    assert code == 0 and out.lower().startswith("<!doctype html>") and "standard output" in err


def test_dev_stdout_redirected_to_a_file_is_written_not_replaced(db: Path) -> None:
    target = db.parent / "redirected.json"
    with target.open("wb") as fh:
        done = process("export", "--db", str(db), "-o", "/dev/stdout", stdout=fh)
    assert done.returncode == 0, done.stderr
    assert json.loads(target.read_text(encoding="utf-8"))["documents"] == []  # note went to stderr
    assert os.path.islink("/dev/stdout")


def test_a_fifo_is_written_and_stays_a_fifo(db: Path) -> None:
    fifo = db.parent / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()
    code, _, _ = run("export", "--db", str(db), "-f", "timelinejs", "-o", str(fifo))
    reader.join(timeout=30)
    assert code == 0
    assert json.loads(received[0])["events"] == []
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_dev_null_is_written_and_stays_a_device(db: Path) -> None:
    code, _, _ = run("export", "--db", str(db), "-o", "/dev/null")
    assert code == 0
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_device_is_one_clear_error(db: Path) -> None:
    code, _, err = run("export", "--db", str(db), "-o", "/dev/full")
    assert code == 2
    line = one_line_error(err)
    assert "/dev/full" in line and "space" in line.lower()


# ------------------------------------------------------------------ errors leave nothing behind


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "story.json"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(RuntimeError), output_file(target, force=True) as fh:
        fh.write(b"half of the new")
        raise RuntimeError("the writer failed")
    assert target.read_text(encoding="utf-8") == "old"
    assert listing(tmp_path) == ["story.json"]
    with pytest.raises(RuntimeError), output_file(tmp_path / "new.json") as fh:
        fh.write(b"half")
        raise RuntimeError("the writer failed")
    assert listing(tmp_path) == ["story.json"]


def test_a_failed_folder_export_leaves_no_temporary_folder(tmp_path: Path) -> None:
    existing = tmp_path / "existing"
    existing.mkdir()
    (existing / "documents.csv").write_text("old", encoding="utf-8")
    for target, force in ((tmp_path / "new", False), (existing, True)):
        with pytest.raises(RuntimeError), output_folder(target, what="test", force=force) as f:
            (f / "documents.csv").write_text("half", encoding="utf-8")
            raise RuntimeError("the writer failed")
    assert listing(tmp_path) == ["existing", "existing/documents.csv"]
    assert (existing / "documents.csv").read_text(encoding="utf-8") == "old"


def test_refusals_are_output_errors(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("x", encoding="utf-8")
    with pytest.raises(OutputExists), output_file(tmp_path / "a"):
        pass
    with pytest.raises(OutputIsInput), output_file(tmp_path / "a", protect=[tmp_path / "a"]):
        pass
    assert (tmp_path / "a").read_text(encoding="utf-8") == "x"
