"""Child process for the kill test: writes and rewrites incidents until it is killed.

The shape of each incident follows from its number and its hour (0 = as created,
1 = after an update), so the parent can tell a complete incident from a half-written one.
"""

import sys
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from desktop.nibrs.model import (  # noqa: E402
    Arrestee, GroupAIncident, Offender, Offense, Property, PropertyItem, Relationship, Victim,
)
from desktop.store.service import Store  # noqa: E402

OFFENSES = ["13A", "13B", "23H"]


def shape(n: int, hour: int) -> dict:
    return {"offenses": n % 3 + 1, "victims": (n + hour) % 4 + 1, "arrestees": (n + hour) % 2,
            "items": (n + hour) % 5 + 1}


def build(n: int, hour: int) -> GroupAIncident:
    sh = shape(n, hour)
    codes = OFFENSES[: sh["offenses"]]
    return GroupAIncident(
        ori="WVNDX0100", incident_number=f"K-{n}", incident_date=date(2025, 1, 1), incident_hour=hour,
        cleared_exceptionally="N",
        offenses=[Offense(offense_code=c, attempted_completed="C", suspected_using=["N"], bias_motivations=["88"],
                          location_type="20") for c in codes],
        properties=[Property(loss_type="7", items=[PropertyItem(description="20", value=10 + i)
                                                   for i in range(sh["items"])])],
        victims=[Victim(sequence_number=v + 1, offense_codes=list(codes), victim_type="I", age="30", sex="F",
                        race="W", injuries=["N"], relationships=[Relationship(offender_number=1, relationship="ST")])
                 for v in range(sh["victims"])],
        offenders=[Offender(sequence_number=1, age="30", sex="M", race="W")],
        arrestees=[Arrestee(sequence_number=1, arrest_transaction_number=f"A{n}", arrest_date=date(2025, 1, 2),
                            arrest_type="O", multiple_arrestee="N", arrest_offense_code=codes[0],
                            armed_with=["01"], age="30", sex="M", race="W")] * sh["arrestees"],
    )


def main() -> None:
    store = Store.open(sys.argv[1])
    n = int(sys.argv[2])
    record = store.create(build(n, 0))  # one whole incident before the parent may kill
    print("ready", flush=True)
    while True:
        store.update("incident", record.id, build(n, 1))
        n += 1
        record = store.create(build(n, 0))


if __name__ == "__main__":
    main()
