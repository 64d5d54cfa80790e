"""Chosen reports written to a NIBRS file (the office window's "Export the selected reports"): a copy, not a
submission. Nothing is recorded as sent and no report changes status; the file carries what an FBI file may
carry (no state-profile values), each report as an add, in the month of submission the file is written in.

The file is written under a temporary name beside the target and renamed when complete (``batch``), so a stop
or a failure leaves no file behind.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import Callable, Sequence

from desktop.nibrs import model as m
from desktop.nibrs.invalid import apply_layout, join
from desktop.store import submissions as subs_db
from desktop.store import users
from desktop.submission import batch
from desktop.submission.export import ExportError, _add_action, _fbi_view, _profile


def write_selection(store, keys: Sequence[tuple[str, int]], path: str | os.PathLike, fmt: str = batch.FLAT, *,
                    now: datetime | None = None, progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the records ``keys`` ((kind, id), in that order) to ``path`` (a .txt flat file or a .zip of XML
    documents); returns the path written."""
    store.require(users.EXPORT)
    if fmt not in (batch.FLAT, batch.XML):
        raise ExportError(f"format {fmt!r}: choose flat or xml")
    stamp = (now or datetime.now()).replace(microsecond=0)
    profile = _profile(store)
    loaded: dict[tuple[str, int], subs_db.Loaded] = {}
    for kind in {k for k, _i in keys}:
        cls = subs_db.KINDS[kind].row
        ids = [i for k, i in keys if k == kind]
        for n in range(0, len(ids), 500):
            for rec in subs_db.load_where(store, kind, cls.id.in_(ids[n:n + 500])):
                loaded[(kind, rec.id)] = rec
    subs = []
    for key in keys:
        rec = loaded.get(key)
        if rec is None or rec.kind not in ("incident", "group_b"):
            continue
        full = join(rec.report, rec.invalid, store.dictionary) if rec.invalid else rec.report
        apply_layout(full, rec.layout)
        subs.append(m.Submission(report=_fbi_view(full, profile), action=_add_action(rec.kind), year=stamp.year,
                                 month=stamp.month))
    target = Path(path)
    out_dir = target.parent
    out_dir.mkdir(parents=True, exist_ok=True)
    name = target.stem
    try:
        if fmt == batch.FLAT:
            pending = batch.write_flat(subs, out_dir, name, dictionary=store.dictionary, progress=progress)
        else:
            pending = batch.write_xml(subs, out_dir, name, timestamp=stamp, submitter=store.agency().ori,
                                      packaging=batch.ZIP, dictionary=store.dictionary, progress=progress)
    except batch.BatchWriteError as exc:
        raise ExportError("the file cannot be written:", exc.problems) from None
    pending.commit()
    return pending.final


__all__ = ["write_selection"]
