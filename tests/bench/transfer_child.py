"""Child process of the import and export benchmark (tests/bench/test_bench_import_export.py): one measurement
per process, so its time and its peak memory (VmHWM) are its own. Prints one JSON line.

    transfer_child.py import DATA_DIR FILE           import_files into the (encrypted) database
    transfer_child.py floor DB_FILE ROWS_PICKLE      the floor: the same rows inserted with sqlcipher3 directly
    transfer_child.py export DATA_DIR OUT FMT YEAR MONTH   plan_export + run_export (errors allowed)
    transfer_child.py flatfloor FILE OUT              the floor: the exported flat file's bytes written, report by
                                                      report (a write per report, then fsync)
    transfer_child.py xmlfloor ZIP OUT                the floor: every exported document parsed and validated
                                                      against the XSD with lxml, and the zip written again
    transfer_child.py load DATA_DIR                   what an export cannot do without: reading the approved
                                                      reports with their segments (as the export's plan reads them)

The passphrase is NIBRS_DESK_PASSPHRASE; the key derivation (opening the database) is outside every timing.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def peak_mib() -> float:
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM")) / 1024


def do_import(data_dir: str, file: str) -> dict:
    from desktop.store.service import Store
    from desktop.submission.importing import import_files

    store = Store.open(data_dir)
    start = time.perf_counter()
    (result,), problems = import_files(store, [file], status="approved")
    took = time.perf_counter() - start
    store.close()
    assert not problems and not result.error, (problems, result.error)
    return {"seconds": took, "peak_mib": peak_mib(), "lines": len(result.lines),
            **{o: result.count(o) for o in ("imported", "updated", "deleted", "skipped")}}


def do_floor(db_file: str, rows_file: str) -> dict:
    from desktop.store import crypto

    with open(rows_file, "rb") as fh:
        tables = pickle.load(fh)
    con = crypto.connect(db_file, os.environ[crypto.ENV_PASSPHRASE], check_same_thread=False)
    con.isolation_level = None
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=10000", "synchronous=FULL"):
        con.execute(f"PRAGMA {pragma}")
    start = time.perf_counter()
    con.execute("BEGIN IMMEDIATE")
    rows = 0
    for table, columns, data in tables:
        marks = ", ".join("?" for _ in columns)
        con.executemany(f'INSERT INTO "{table}" ({", ".join(columns)}) VALUES ({marks})', data)
        rows += len(data)
    con.execute("COMMIT")
    took = time.perf_counter() - start
    con.close()
    return {"seconds": took, "peak_mib": peak_mib(), "rows": rows}


def do_export(data_dir: str, out: str, fmt: str, year: str, month: str) -> dict:
    from datetime import date, datetime

    from desktop.store.service import Store
    from desktop.submission.export import plan_export, run_export
    from desktop.submission.months import Month

    store = Store.open(data_dir)
    start = time.perf_counter()
    plan = plan_export(store, Month(int(year), int(month)), fmt=fmt, today=date(2030, 1, 1), allow_errors=True)
    planned = time.perf_counter()
    result = run_export(store, plan, out, now=datetime(2030, 1, 1))
    done = time.perf_counter()
    store.close()
    return {"seconds": done - start, "plan": planned - start, "write": done - planned, "peak_mib": peak_mib(),
            "reports": len(plan.entries), "path": str(result.path)}


def do_flat_floor(file: str, out: str) -> dict:
    data = Path(file).read_bytes()
    parts, part = [], []
    for line in data.split(b"\r\n")[:-1]:  # a write per report, as the export writes them
        if part and line[4:5] in b"017":
            parts.append(b"".join(part))
            part = []
        part.append(line + b"\r\n")
    parts.append(b"".join(part))
    start = time.perf_counter()
    with open(out, "wb") as fh:
        for p in parts:
            fh.write(p)
        fh.flush()
        os.fsync(fh.fileno())
    return {"seconds": time.perf_counter() - start, "peak_mib": peak_mib(), "bytes": len(data)}


def do_xml_floor(file: str, out: str) -> dict:
    import zipfile

    from lxml import etree

    from desktop.nibrs.xmlio import schema  # the schema, loaded once per process

    with zipfile.ZipFile(file) as z:
        members = [(info, z.read(info.filename)) for info in z.infolist()]
    xsd = schema()
    start = time.perf_counter()
    documents = 0
    for info, data in members:
        if info.filename.endswith(".xml"):
            xsd.assertValid(etree.fromstring(data))
            documents += 1
    with open(out, "wb") as raw:
        with zipfile.ZipFile(raw, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for info, data in members:
                z.writestr(info, data)
        raw.flush()
        os.fsync(raw.fileno())
    return {"seconds": time.perf_counter() - start, "peak_mib": peak_mib(), "documents": documents}


def do_load(data_dir: str) -> dict:
    from desktop.store import submissions as subs_db
    from desktop.store.service import APPROVED, Store

    store = Store.open(data_dir)
    start = time.perf_counter()
    reports = 0
    for kind in ("incident", "group_b", "zero_report"):
        cls = subs_db.KINDS[kind].row
        reports += len(subs_db.load_where(store, kind, cls.status == APPROVED, cls.deleted_at.is_(None)))
    took = time.perf_counter() - start
    store.close()
    return {"seconds": took, "peak_mib": peak_mib(), "reports": reports}


if __name__ == "__main__":
    mode, *args = sys.argv[1:]
    work = {"import": do_import, "floor": do_floor, "export": do_export, "flatfloor": do_flat_floor,
            "xmlfloor": do_xml_floor, "load": do_load}[mode]
    print(json.dumps(work(*args)), flush=True)
