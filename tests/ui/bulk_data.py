"""Many incidents, fast: bulk inserts through SQLAlchemy Core into a real database file.

For the list tests and the 50,000-incident benchmark. Each incident gets one offense row,
a status, error and warning counts, and a date, so every filter has something to find.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from desktop.store import schema as s

OFFENSES = ("13B", "23H", "290", "220", "13A", "35A", "240", "23F", "26A", "13C")
STATUSES = ("draft", "ready", "approved", "submitted", "accepted", "rejected")


def make_incidents(store, n: int, *, ori: str = "WVNDX0100", seed: int = 5, start_id: int = 1,
                   status: str | None = None, errors: bool = True, authors: tuple[str, ...] = ("bulk",)) -> None:
    """``n`` incidents; ``status`` one for all (else each status in turn), ``errors`` False for none with errors,
    ``authors`` who wrote them in turn (the one who changed them last is the next in the list)."""
    rng = random.Random(seed)
    first_day = date(2024, 1, 1)
    now = datetime(2025, 6, 1, 12, 0, 0)
    incidents, offenses = [], []
    for k in range(n):
        i = start_id + k
        day = first_day + timedelta(days=rng.randrange(540))
        error_count = rng.choice((0, 0, 0, 1, 2)) if errors else 0
        incidents.append({
            "id": i, "ori": ori, "incident_number": f"{day.year % 100:02d}-{i:06d}", "incident_date": day,
            "incident_hour": rng.randrange(24), "cleared_exceptionally": "N",
            "status": status or STATUSES[i % len(STATUSES)],
            "revision": 1, "created_at": now, "updated_at": now - timedelta(minutes=i),
            "created_by": authors[i % len(authors)], "updated_by": authors[(i + 1) % len(authors)],
            "profile": "fbi", "profile_version": "", "error_count": error_count,
            "warning_count": rng.choice((0, 1)), "findings": [], "wizard_page": None, "submitted_revision": None,
            "deleted_at": None, "extras": {}, "invalid": {},
        })
        offenses.append({"incident_id": i, "position": 0, "offense_code": OFFENSES[i % len(OFFENSES)],
                         "attempted_completed": "C", "location_type": "20", "extras": {}})
    with store.db.engine.begin() as conn:
        conn.execute(s.Incident.__table__.insert(), incidents)
        conn.execute(s.OffenseRow.__table__.insert(), offenses)
