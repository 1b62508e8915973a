"""targets.bounded_read: only regular files inside the project are read, never past the limit, never blocking."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from targets.inputs import bounded_read
from targets.inputs.bounded_read import read_file, stat_key


def test_a_regular_file_is_read_whole_and_steady(tmp_path):
    p = tmp_path / "a.yaml"
    p.write_bytes(b"a: 1\n")
    got = read_file(p, limit=100, inside=tmp_path)
    assert (got.data, got.refusal, got.steady) == (b"a: 1\n", None, True)
    assert got.mtime == p.stat().st_mtime
    assert got.digest == read_file(p, limit=100).digest != read_file(tmp_path / "b.yaml", limit=100).digest


def _fifo(p: Path) -> None:
    os.mkfifo(p)


def _link(target: str):
    return lambda p: p.symlink_to(target)


def _dir(p: Path) -> None:
    p.mkdir()


def _big(p: Path) -> None:
    p.write_bytes(b"#" * 101)


# (how the path is made, the exact refusal)
REFUSED = {
    "missing": (lambda p: None, "file not found; check the path in config.yaml"),
    "folder": (_dir, "is a folder, not a file; check the path in config.yaml"),
    "fifo": (_fifo, "is a named pipe (FIFO), not a file; put the YAML file itself here"),
    "link-to-dev-zero": (_link("/dev/zero"), "is a link to '/dev/zero', outside the project folder; "
                                              "copy the file into the folder that holds config.yaml instead"),
    "link-outside": (_link("/etc/hostname"), "is a link to '/etc/hostname', outside the project folder; "
                                              "copy the file into the folder that holds config.yaml instead"),
    "too-big": (_big, "file is 101 bytes; the limit is 100: split it into several data files"),
}


@pytest.mark.parametrize("make, message", list(REFUSED.values()), ids=list(REFUSED))
def test_refused_paths(tmp_path, make, message):
    p = tmp_path / "x.yaml"
    make(p)
    got = read_file(p, limit=100, inside=tmp_path)
    assert got.data is None
    assert str(got.refusal) == message


def test_a_device_is_refused_even_without_a_project_folder():
    got = read_file(Path("/dev/zero"), limit=100)
    assert str(got.refusal) == "is a device, not a file; put the YAML file itself here"


def test_a_path_outside_the_project_folder_is_refused(tmp_path):
    (tmp_path / "elsewhere.yaml").write_text("a: 1\n")
    (tmp_path / "project").mkdir()
    got = read_file(tmp_path / "project" / ".." / "elsewhere.yaml", limit=100, inside=tmp_path / "project")
    assert str(got.refusal) == "is outside the project folder; keep data files in the folder that holds config.yaml (or below it)"


def test_a_link_inside_the_project_folder_is_followed(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "real.yaml").write_text("a: 1\n")
    (tmp_path / "data" / "link.yaml").symlink_to("real.yaml")
    assert read_file(tmp_path / "data" / "link.yaml", limit=100, inside=tmp_path).data == b"a: 1\n"


def test_nul_in_the_path_is_refused(tmp_path):
    got = read_file(Path(str(tmp_path / "a") + "\0.yaml"), limit=100)
    assert str(got.refusal) == "the file name is not usable (it contains a NUL character); check the path in config.yaml"


def test_a_fifo_with_no_writer_does_not_block(tmp_path):
    os.mkfifo(tmp_path / "pipe.yaml")
    done = []
    worker = threading.Thread(target=lambda: done.append(read_file(tmp_path / "pipe.yaml", limit=100)), daemon=True)
    worker.start()
    worker.join(timeout=10)  # liveness bound: the read returns at once, a blocking open would never
    assert done and done[0].data is None


def test_the_read_stops_one_byte_past_the_limit_whatever_the_file_claims(monkeypatch):
    # /dev/zero passed off as a regular file of size 0: the read itself must stop, not trust the size check.
    monkeypatch.setattr(bounded_read, "_not_a_file", lambda mode: None)
    got = read_file(Path("/dev/zero"), limit=1000)
    assert got.data is None and not got.steady
    assert str(got.refusal) == "file is 1,001 bytes; the limit is 1,000: split it into several data files"


def test_a_read_past_its_deadline_is_abandoned_as_not_steady(tmp_path):
    p = tmp_path / "a.yaml"
    p.write_bytes(b"a: 1\n")
    got = read_file(p, limit=100, deadline=time.monotonic() - 1)
    assert got.data is None and not got.steady and got.timed_out
    assert str(got.refusal) == "reading the file took too long"


def test_stat_key_sees_a_restored_mtime_through_ctime(tmp_path):
    p = tmp_path / "a.yaml"
    p.write_bytes(b"a: 1\n")
    before = stat_key(p)
    st = p.stat()
    time.sleep(0.01)  # ctime has nanosecond resolution; make the second write land on another tick
    with open(p, "r+b") as fh:
        fh.write(b"a: 2\n")
    os.utime(p, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, mtime and inode
    after = stat_key(p)
    assert after != before and after[1:3] == before[1:3]
    assert stat_key(tmp_path / "nope") is None
