"""Benchmark: NIBRS XML documents written (with schema validation) and read, per second (`make bench`)."""

from __future__ import annotations

import time
from datetime import date, datetime

from testpaths import shared_path
from desktop.nibrs.flatfile import FlatFileReader
from desktop.nibrs.xmlio import XmlWriteError, read_xml, schema, to_xml

HONOLULU = ("nibrs", "samples", "flat", "realistic-unverified", "honolulupdNIBRSReport-2019-05.txt")


def test_xml_write_and_read_speed():
    path = shared_path(*HONOLULU)
    subs = [s for _, s in zip(range(1000), FlatFileReader(path, today=date(2030, 1, 1)))]
    start = time.perf_counter()
    schema()
    print(f"\nschema load: {(time.perf_counter() - start) * 1000:.0f} ms (once per process)")
    start = time.perf_counter()
    documents = []
    for sub in subs:
        try:
            documents.append(to_xml(sub, message_id="bench", timestamp=datetime(2019, 8, 1)))
        except XmlWriteError:
            pass
    elapsed = time.perf_counter() - start
    print(f"xml write + validate: {len(documents)} documents in {elapsed * 1000:.0f} ms = "
          f"{len(documents) / elapsed:,.0f} documents/s")
    start = time.perf_counter()
    count = sum(len(read_xml(data, name="bench")) for data in documents)
    elapsed = time.perf_counter() - start
    print(f"xml read: {count} documents in {elapsed * 1000:.0f} ms = {count / elapsed:,.0f} documents/s")
    assert count == len(documents) > 900
