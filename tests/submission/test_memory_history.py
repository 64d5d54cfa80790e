"""The history the FBI edits ask while a month is checked or a file imported (``MemoryHistory``): read once from the
database, then kept up to date with what is added, changed and removed. It keeps an id, or a tuple of ids, per key,
by ORI then number (issue 13: a set per key, then a tuple per key, was most of a year's import memory); these are the
answers it must keep giving."""

from __future__ import annotations

import copy

from generate import group_b, incident

from desktop.nibrs import model as m
from desktop.store.history import MemoryHistory, ids_of


def test_records_on_file_added_changed_and_removed(store):
    with_arrest = incident(8)
    assert with_arrest.arrestees, "the template for n=8 has an arrestee"
    stored = store.create(with_arrest, status="approved", findings=[])
    store.create(group_b(2), status="approved", findings=[])
    zero = store.create(m.ZeroReport(ori="WVNDX0100", year=2025, month=2), status="approved", findings=[])
    h = MemoryHistory(store)
    number, atn = with_arrest.incident_number, with_arrest.arrestees[0].arrest_transaction_number
    assert h.incident_on_file("WVNDX0100", number)
    assert not h.incident_on_file("WVNDX0100", number, exclude_id=stored.id)
    assert not h.incident_on_file("WVNDX0200", number)
    assert h.group_a_atn_on_file("WVNDX0100", atn) and not h.group_a_atn_on_file("WVNDX0100", atn,
                                                                                 exclude_id=stored.id)
    assert h.group_b_atn_on_file("WVNDX0100", group_b(2).arrest_transaction_number)
    assert h.zero_report_on_file("WVNDX0100", 2025, 2) and not h.zero_report_on_file("WVNDX0100", 2025, 2,
                                                                                     exclude_id=zero.id)
    # the same number added again under another record: on file even without the first
    again = copy.deepcopy(with_arrest)
    h.add("incident", again, -1)
    assert h.incident_on_file("WVNDX0100", number, exclude_id=stored.id)
    assert ids_of(h.incidents["WVNDX0100"][number]) == (stored.id, -1)
    h.add("incident", again, -1)  # added twice: still once
    assert ids_of(h.incidents["WVNDX0100"][number]) == (stored.id, -1)
    # a change that drops the arrestee and takes another number: removed as it was, added as it is; the old keys go
    changed = copy.deepcopy(again)
    changed.arrestees, changed.incident_number = [], "NEW-1"
    h.remove("incident", -1, again)
    h.add("incident", changed, -1)
    assert ids_of(h.incidents["WVNDX0100"][number]) == (stored.id,) and h.incident_on_file("WVNDX0100", "NEW-1")
    assert ids_of(h.arrestee_atns["WVNDX0100"][atn]) == (stored.id,)
    h.remove("incident", -1, changed)
    assert not h.incident_on_file("WVNDX0100", "NEW-1")
    h.add("incident", changed, -3)
    h.remove("incident", -3)  # without its report: looked for under every key
    assert not h.incident_on_file("WVNDX0100", "NEW-1")
    # a record read from the database, removed: found wherever it was
    h.remove("incident", stored.id)
    assert not h.incident_on_file("WVNDX0100", number) and not h.group_a_atn_on_file("WVNDX0100", atn)
    h.remove("zero_report", zero.id)
    assert not h.zero_report_on_file("WVNDX0100", 2025, 2)
    h.add("group_b", group_b(3), -2)
    assert h.group_b_arrest_on_file("WVNDX0100", group_b(3).arrest_transaction_number, None)
    h.remove("group_b", -2, group_b(3))
    assert not h.group_b_atn_on_file("WVNDX0100", group_b(3).arrest_transaction_number)
    assert h.group_b_atn_on_file("WVNDX0100", group_b(2).arrest_transaction_number)  # the other stays
