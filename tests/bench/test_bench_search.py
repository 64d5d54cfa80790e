"""Benchmark (make bench): the search box over 50,000 incidents with the agency's own values (issue 18): a
person's name, an address and a narrative word typed in the office window's search box, the list's first rows
shown with where each was found (target for a name < 200 ms, asserted; the others are reported: a word most
narratives hold matches two reports in three).

Every incident has a victim's and an offender's name, an address and a narrative of some thirty words, indexed
as the store indexes them (the local_text rows, kept in the full-text index by its triggers). Each figure is
also given as a ratio against a floor measured in the same run: the list's first page in its usual order, no
search at all.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "ui"))
N = 50_000
TARGET = 0.200

SYLLABLES = ("ab", "ber", "cal", "dor", "el", "fen", "gar", "hol", "in", "jas", "kel", "lin", "mor", "nash", "ov",
             "per", "quin", "ros", "sten", "tor", "ul", "van", "wes", "yor", "zan")
STREETS = ("Elm", "Oak", "Main", "Church", "Mill", "River", "Hill", "Spring", "Maple", "Cedar")
WORDS = ("deputy", "found", "the", "rear", "door", "forced", "owner", "reported", "missing", "tools", "truck",
         "parked", "driveway", "neighbor", "heard", "noise", "around", "midnight", "suspect", "fled", "north",
         "on", "foot", "window", "broken", "glass", "inside", "garage", "no", "witness")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def add_local_values(store, n: int, seed: int = 18) -> None:
    """Each incident's own values in the search index: victim and offender names, address, narrative; the
    person searched for (Quackenbush, Zebulon) in three reports of the 50,000."""
    from desktop.store import schema as s

    rng = random.Random(seed)
    rows = []
    for i in range(1, n + 1):
        victim = f"{_name(rng)}, {_name(rng)}"
        if i in (777, 25_000, 49_999):
            victim = "Quackenbush, Zebulon"
        rows += [
            {"kind": "incident", "record_id": i, "path": "victims[0]", "what": "name", "text": victim},
            {"kind": "incident", "record_id": i, "path": "offenders[0]", "what": "name",
             "text": f"{_name(rng)}, {_name(rng)} {rng.choice('ABCDEFGHJKLMNPRSTW')}"},
            {"kind": "incident", "record_id": i, "path": "", "what": "address",
             "text": f"{rng.randrange(1, 9999)} {rng.choice(STREETS)} Street, Harpers Ferry 25425"},
            {"kind": "incident", "record_id": i, "path": "", "what": "narrative",
             "text": " ".join(rng.choice(WORDS) for _ in range(30)).capitalize() + "."},
        ]
    with store.db.engine.begin() as conn:
        for k in range(0, len(rows), 20_000):
            conn.execute(s.LocalText.__table__.insert(), rows[k:k + 20_000])


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:6.0f} ms"


def test_search_by_a_name_over_fifty_thousand_reports(qtbot, store):
    from bulk_data import make_incidents
    from desktop.store.service import SearchFilter, Store
    from desktop.ui.office.main_window import MainWindow

    started = time.perf_counter()
    make_incidents(store, N)
    add_local_values(store, N)
    made = time.perf_counter() - started
    data = store.db.data_dir
    store.close()
    window = MainWindow(Store.open(data))
    qtbot.addWidget(window)
    window.show()
    assert window.store._fts(), "the full-text index (FTS5) is there"
    floors = []
    for _ in range(3):  # the floor: the list's first page in its usual order, no search
        t = time.perf_counter()
        window.model.refresh(SearchFilter())
        window.table.viewport().repaint()
        floors.append(time.perf_counter() - t)
    floor = min(floors)
    print(f"\n[bench] {N:,} incidents with names, addresses and narratives made in {made:.1f} s")
    print(f"[bench] floor: the list's first page in its usual order {_ms(floor)}")

    worst = names = 0.0
    for typed, expect in (("quackenbush zeb", 3), ("Quack", 3), ("church street", None), ("garage", None),
                          ("0123", None)):
        runs = []
        for _ in range(3):
            t = time.perf_counter()
            window.filters.number.setText(typed)  # the search box, as typed (its timer is passed by)
            window.apply_filter()
            window.table.viewport().repaint()  # the first rows painted, with where each was found
            runs.append(time.perf_counter() - t)
        took = min(runs)
        shown = window.model.rowCount()
        if expect is not None:
            assert shown == expect
            found = {window.model.found_words(r) for r in window.model.rows}
            assert found == {"Victim 1, name: Quackenbush, Zebulon"}, found
        else:
            assert shown > 0
        worst = max(worst, took)
        if expect is not None:  # a person's name
            names = max(names, took)
        print(f"[bench] search {typed!r:<18} {shown:>4} row(s) shown in {_ms(took)} ({took / floor:5.1f}x the floor; "
              f"target < 200 ms: {'met' if took < TARGET else 'MISSED'})")
    print(f"[bench] slowest search by a name {_ms(names)} ({names / floor:4.1f}x the floor; target < 200 ms: "
          f"{'met' if names < TARGET else 'MISSED'}); slowest of all {_ms(worst)}")
    assert names < TARGET, f"a search by a name took {names * 1000:.0f} ms"
    window.close()
