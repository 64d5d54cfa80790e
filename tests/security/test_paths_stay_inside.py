"""Every path from a file stays inside its folder: zip members named to escape (``../x``, ``/abs``, ``...xml``,
``..``, ``a/../../b``, ``CON.xml``, a symbolic link) fed to every command that reads files; nothing is written
or removed outside ``--out`` (the data folder aside, for the commands that keep reports), and an output folder
is only ever emptied of what this program wrote there."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from testpaths import DATA
from desktop.cli import main
from desktop.fileio import NotWrittenHere, remove_written_folder, safe_base_name

HOSTILE = ["../x.xml", "../x", "/abs.xml", "...xml", "..", "a/../../b.xml", "CON.xml", "nul", "sub/../../../c.xml"]
SAMPLE = (DATA / "xml" / "nibrs_GroupAIncident_Sample.xml").read_bytes()


def hostile_zip(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as z:
        for name in HOSTILE:
            z.writestr(zipfile.ZipInfo(name), SAMPLE)
        link = zipfile.ZipInfo("link.xml")  # a symbolic link member pointing out of any folder
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        z.writestr(link, "../../../outside.xml")
    return path


def snapshot(root: Path, skip: tuple[Path, ...]) -> dict[str, tuple[int, int]]:
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        if any(here == s or s in here.parents for s in skip):
            continue
        out[str(here)] = (0, 0)
        for f in filenames:
            p = here / f
            st = p.lstat()
            out[str(p)] = (st.st_size, st.st_mtime_ns)
    return out


@pytest.fixture
def world(tmp_path, monkeypatch):
    root = tmp_path / "world"
    exports = root / "exports"
    (exports / "2025-02").mkdir(parents=True)
    (exports / "2025-02" / "WVNDX0100_20250301_NIBRS_001.txt").write_text("last month's file\n")
    (root / "canary.txt").write_text("must stay\n")
    work = root / "deep" / "er" / "cwd"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)  # relative member names would land here
    data = root / "data"
    monkeypatch.setenv("NIBRS_DESK_DATA_DIR", str(data))
    zpath = hostile_zip(root / "inputs.zip")
    return root, exports, data, zpath


COMMANDS = {
    "validate": lambda z, out: ["validate", str(z), "--format", "eds", "--out", str(out / "month.eds")],
    "convert-xml": lambda z, out: ["convert", str(z), "--to", "xml", "--out", str(out), "--overwrite"],
    "convert-flat": lambda z, out: ["convert", str(z), "--to", "flat", "--out", str(out), "--overwrite"],
    "import": lambda z, out: ["import", str(z)],
    "feedback": lambda z, out: ["feedback", str(z)],
    "transfer-import": lambda z, out: ["transfer", "import", str(z)],
    "restore": lambda z, out: ["restore", str(z)],
}


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_hostile_zip_members_write_and_remove_nothing_outside_out(world, command, monkeypatch, capsys):
    root, exports, data, zpath = world
    monkeypatch.setenv("NIBRS_DESK_TRANSFER_PASSPHRASE", "transfer-pass")
    out = exports / "2025-03"
    out.mkdir()
    (out / "notes.txt").write_text("a file of the person's own in --out\n")  # --overwrite must not remove it
    from desktop.store.service import Store

    Store.open(data).close()
    before = snapshot(root, skip=(out, data))
    status = main(COMMANDS[command](zpath, out))
    printed = capsys.readouterr()
    assert status in ((0, 1, 2, 3) if command == "validate" else (0, 1, 2)), printed  # validate: 3 = unreadable
    assert "Traceback" not in printed.err + printed.out
    assert snapshot(root, skip=(out, data)) == before, f"{command} wrote or removed outside --out"
    assert (exports / "2025-02" / "WVNDX0100_20250301_NIBRS_001.txt").exists()
    assert (out / "notes.txt").read_text() == "a file of the person's own in --out\n"
    for p in out.rglob("*"):  # whatever was written is inside --out, under safe names
        assert out in p.resolve().parents and not p.is_symlink()
        assert safe_base_name(p.name) == p.name or p.name.startswith(".")
    if command == "convert-xml":
        assert status == 2 and "link.xml" in printed.err  # the link member is no XML document: named, skipped
        folders = sorted(p.name for p in out.iterdir() if p.is_dir())
        assert len(folders) == len([n for n in HOSTILE if n.endswith(".xml")])
        assert all(".." not in f and "/" not in f for f in folders)
        # again, with --overwrite: only what the first run wrote is replaced
        assert main(COMMANDS[command](zpath, out)) == 2
        assert (out / "notes.txt").exists() and snapshot(root, skip=(out, data)) == before


def test_the_case_that_removed_the_parent_of_out(world, capsys):
    """`convert month.zip --to xml --out exports/2025-03 --overwrite` with a member named `...xml`."""
    root, exports, _data, _zpath = world
    month = root / "month.zip"
    with zipfile.ZipFile(month, "w") as z:
        z.writestr("...xml", SAMPLE)
    out = exports / "2025-03"
    assert main(["convert", str(month), "--to", "xml", "--out", str(out), "--overwrite"]) == 0
    assert (exports / "2025-02" / "WVNDX0100_20250301_NIBRS_001.txt").exists()
    assert [p.name for p in out.iterdir()] == ["xml"]  # `...xml` reduced to a safe name inside --out


def test_out_that_is_not_empty_needs_overwrite(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("x")
    assert main(["convert", str(DATA / "xml" / "nibrs_GroupAIncident_Sample.xml"), "--to", "flat", "--out",
                 str(out)]) == 2
    assert "is not empty" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["mine.txt"]


def test_a_folder_is_only_emptied_of_what_its_manifest_lists(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.xml").write_text("a")
    with pytest.raises(NotWrittenHere, match="no manifest.csv"):
        remove_written_folder(folder)
    (folder / "manifest.csv").write_text("file,report\r\na.xml,x\r\n")
    (folder / "mine.txt").write_text("not ours")
    with pytest.raises(NotWrittenHere, match="mine.txt"):
        remove_written_folder(folder)
    assert sorted(p.name for p in folder.iterdir()) == ["a.xml", "manifest.csv", "mine.txt"]
    (folder / "mine.txt").unlink()
    remove_written_folder(folder)
    assert not folder.exists() and tmp_path.exists()


@pytest.mark.parametrize("name, safe", [("../x", "x"), ("/abs", "abs"), ("...xml", "xml"), ("..", "document"),
                                        ("a/../../b", "b"), ("CON.xml", "document.xml"), ("a\\..\\..\\b.xml", "b.xml"),
                                        ("nul", "document"), ("COM1.txt", "document.txt"), ("ok.xml", "ok.xml")])
def test_safe_base_names(name, safe):
    assert safe_base_name(name) == safe
