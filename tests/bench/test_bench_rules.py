"""Benchmark: live validation of one changed field, and a whole incident (``make bench`` prints figures).

Target: the live check of one field on an incident with 10 victims stays under 10 ms at the 95th
percentile, so the wizard can check while the deputy types. No timing is asserted here; the figures
are printed for the person running the benchmark.
"""

from __future__ import annotations

import gc
import statistics
import time

from nibrs_samples import simple_incident
from desktop.nibrs.model import Offender, Relationship, Victim
from desktop.nibrs.rules import REGISTRY, Context, validate, validate_field

TARGET_MS = 10.0
PATHS = ("victims[3].age", "victims[7].relationships[1].relationship", "offenses[0].weapons[0]",
         "offenses[0].offense_code", "incident_date", "offenders[1].sex", "victims[3]")


def incident_with_ten_victims():
    inc = simple_incident()
    inc.offenders.append(Offender(sequence_number=2, age="30", sex="M", race="W", ethnicity="N"))
    inc.victims[0].relationships.append(Relationship(offender_number=2, relationship="ST"))
    for i in range(2, 11):
        inc.victims.append(Victim(
            sequence_number=i, offense_codes=["13B"], victim_type="I", age=str(20 + i), sex="M", race="W",
            ethnicity="N", resident_status="R", injuries=["M"],
            relationships=[Relationship(offender_number=1, relationship="ST"),
                           Relationship(offender_number=2, relationship="AQ")]))
    return inc


def _times(func, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t = time.perf_counter()
        func()
        out.append((time.perf_counter() - t) * 1000)
    return sorted(out)


def _p95(ms: list[float]) -> float:
    return ms[int(len(ms) * 0.95) - 1]


def test_bench_live_check_of_one_field():
    REGISTRY.load()
    inc = incident_with_ten_victims()
    ctx = Context()
    assert validate(inc, ctx) == []
    inc.victims[3].age = "3025"  # a range written backwards: the live check finds 410
    assert [f.error for f in validate_field(inc, "victims[3].age", ctx)] == ["410"]
    gc.collect()
    print(f"\nrules: {len(REGISTRY.rules)} rules, {len(REGISTRY.numbers())} FBI numbers")
    print(f"live check of one field, incident with {len(inc.victims)} victims (1000 runs each; target p95 < "
          f"{TARGET_MS:.0f} ms):")
    worst = 0.0
    for path in PATHS:
        ms = _times(lambda: validate_field(inc, path, ctx), 1000)
        worst = max(worst, _p95(ms))
        print(f"  {path:<45} median {statistics.median(ms):6.2f} ms   p95 {_p95(ms):6.2f} ms   max {ms[-1]:6.2f} ms")
    print(f"  worst p95 {worst:.2f} ms ({'within' if worst < TARGET_MS else 'OVER'} the {TARGET_MS:.0f} ms target)")


def test_bench_full_incident_validation():
    REGISTRY.load()
    inc = incident_with_ten_victims()
    ctx = Context()
    gc.collect()
    ms = _times(lambda: validate(inc, ctx), 300)
    print(f"\nfull validation, incident with {len(inc.victims)} victims (300 runs): median "
          f"{statistics.median(ms):.2f} ms, p95 {_p95(ms):.2f} ms, max {ms[-1]:.2f} ms")
    big = incident_with_ten_victims()
    for i in range(11, 100):
        big.victims.append(Victim(sequence_number=i, offense_codes=["13B"], victim_type="I", age="40", sex="F",
                                  race="B", injuries=["N"],
                                  relationships=[Relationship(offender_number=1, relationship="ST"),
                                                 Relationship(offender_number=2, relationship="ST")]))
    ms = _times(lambda: validate(big, ctx), 50)
    print(f"full validation, incident with {len(big.victims)} victims (50 runs): median "
          f"{statistics.median(ms):.2f} ms, p95 {_p95(ms):.2f} ms")


def test_bench_store_save_with_findings(data_dir):
    from desktop.store.service import AgencySettings, Store

    store = Store.open(data_dir)
    store.save_agency(AgencySettings(ori="WVNDX0100", name="Bench County"))
    inc = incident_with_ten_victims()
    ms = []
    for i in range(50):
        inc.incident_number = f"25-{i:06d}"
        t = time.perf_counter()
        store.create(inc)
        ms.append((time.perf_counter() - t) * 1000)
    ms.sort()
    store.close()
    print(f"\nstore.create with the default validator (findings recorded), 10 victims (50 saves): median "
          f"{statistics.median(ms):.2f} ms, p95 {_p95(ms):.2f} ms")
