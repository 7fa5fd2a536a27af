"""Writing text files."""

from __future__ import annotations

from pathlib import Path

from returnbus.render.files import write_files


def test_files_are_written_byte_for_byte(tmp_path: Path) -> None:
    """Line ends and a byte-order mark are kept as given."""
    paths = write_files(tmp_path / "new", {"a.csv": "\ufeffx,y\n1,2\n", "b.toml": "k = 1\r\n"})
    assert [p.name for p in paths] == ["a.csv", "b.toml"]
    assert (tmp_path / "new" / "a.csv").read_bytes() == b"\xef\xbb\xbfx,y\n1,2\n"
    assert (tmp_path / "new" / "b.toml").read_bytes() == b"k = 1\r\n"
