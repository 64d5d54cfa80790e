"""Write a user's data the way version N of the app does, for the upgrade check.

    python packaging/linux/check/seed_data.py DATA_DIR SUMMARY.json

Run with the source tree of the installed version N (its Store, the only writer), against the
data folder of the installed app's user in the bare Debian. Writes the agency settings, three
Group A incidents, a Group B arrest and a zero report, and a JSON summary that
verify_data.py compares with the database after the upgrade.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(REPO))

from desktop.nibrs.model import (  # noqa: E402
    GroupAIncident, GroupBArrest, Offender, Offense, Relationship, Victim, ZeroReport,
)
from desktop.store.db import current_revision  # noqa: E402
from desktop.store.service import AgencySettings, Store  # noqa: E402

ORI = "MO0950000"


def incident(number: str, day: int, offense: str = "13B") -> GroupAIncident:
    return GroupAIncident(
        ori=ORI, incident_number=number, incident_date=date(2025, 3, day), incident_hour=21,
        cleared_exceptionally="N",
        offenses=[Offense(offense_code=offense, attempted_completed="C", suspected_using=["N"],
                          bias_motivations=["88"], location_type="20", weapons=["40"])],
        victims=[Victim(sequence_number=1, offense_codes=[offense], victim_type="I", age="34", sex="F", race="W",
                        ethnicity="N", resident_status="R", injuries=["M"],
                        relationships=[Relationship(offender_number=1, relationship="AQ")])],
        offenders=[Offender(sequence_number=1, age="36", sex="M", race="W", ethnicity="N")],
    )


def main(argv: list[str]) -> int:
    data_dir, summary = Path(argv[0]), Path(argv[1])
    store = Store.open(data_dir)
    try:
        store.save_agency(AgencySettings(ori=ORI, name="Example County Sheriff's Office",
                                         state_profile="fbi", nibrs_start_date=date(2021, 1, 1)))
        records = []
        for number, day in (("25-000101", 3), ("25-000102", 9), ("25-000103", 17)):
            stored = store.create(incident(number, day))
            records.append({"kind": "incident", "number": number, "id": stored.id})
        arrest = GroupBArrest(ori=ORI, arrest_transaction_number="25-B0001", sequence_number=1,
                              arrest_date=date(2025, 3, 20), arrest_type="O", arrest_offense_code="90Z",
                              armed_with=["01"], age="30", sex="M", race="W", ethnicity="N", resident_status="R")
        records.append({"kind": "group_b", "number": "25-B0001", "id": store.create(arrest).id})
        zero = ZeroReport(ori=ORI, year=2025, month=2)
        records.append({"kind": "zero_report", "number": "2025-02", "id": store.create(zero).id})
        revision = current_revision(store.db.engine)
    finally:
        store.close()
    summary.write_text(json.dumps({"ori": ORI, "revision": revision, "records": records}, indent=2) + "\n")
    print(f"seeded {data_dir}: agency {ORI}, {len(records)} records at schema revision {revision}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
