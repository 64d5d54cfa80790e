"""A writer killed with SIGKILL at random moments leaves a consistent database of whole incidents."""

from __future__ import annotations

import random
import sqlite3
import sys
from pathlib import Path

import pytest

from desktop.store.service import SearchFilter, Store

HERE = Path(__file__).resolve().parent
KILLS = 50


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_sigkill_during_writes_leaves_whole_incidents(data_dir):
    from kill_targets import write_incidents
    from kill_writer import shape
    from killing import run_and_kill

    Store.open(data_dir).close()  # create the schema once
    rng = random.Random(20261125)
    for i in range(KILLS):
        run_and_kill(write_incidents, (str(data_dir), i * 10_000), rng.uniform(0.0, 0.25))
        con = sqlite3.connect(data_dir / "nibrs-desk.sqlite3")
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok", f"after kill {i + 1}"
        con.close()

    con = sqlite3.connect(data_dir / "nibrs-desk.sqlite3")
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    # no segment without its incident
    for table, fk in (("offense", "incident_id"), ("victim", "incident_id"), ("offender", "incident_id"),
                      ("arrestee", "incident_id"), ("property", "incident_id")):
        orphans = con.execute(f"select count(*) from {table} where {fk} not in (select id from incident)").fetchone()
        assert orphans[0] == 0, table
    con.close()

    store = Store.open(data_dir)
    total = store.count(SearchFilter(kinds=("incident",)))
    assert total >= KILLS, "the writer hardly wrote anything; the test proves nothing"
    for record_id in store.ids("incident"):
        inc = store.get("incident", record_id).report
        n = int(inc.incident_number.split("-")[1])
        sh = shape(n, inc.incident_hour)
        assert len(inc.offenses) == sh["offenses"], inc.incident_number
        assert len(inc.victims) == sh["victims"], inc.incident_number
        assert len(inc.arrestees) == sh["arrestees"], inc.incident_number
        assert len(inc.properties) == 1 and len(inc.properties[0].items) == sh["items"], inc.incident_number
        assert len(inc.offenders) == 1
        for v in inc.victims:
            assert len(v.offense_codes) == sh["offenses"] and len(v.relationships) == 1
    store.close()
