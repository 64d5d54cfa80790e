"""Benchmark: reading NIBRS flat files (run with `make bench`; prints figures, asserts no timings).

Figures to watch: segments read per second from the Honolulu monthly file (23,853 segments),
and the peak memory of reading ten concatenated copies against one copy (the reader streams,
so the two should be close). The validator built on this reader must reach 40,000 segments/s
and at most 20% more memory for ten copies.
"""

from __future__ import annotations

import gc
import time
import tracemalloc
from datetime import date

from conftest import shared_path
from desktop.nibrs.flatfile import FlatFileReader, write_flat

HONOLULU = ("nibrs", "samples", "flat", "realistic-unverified", "honolulupdNIBRSReport-2019-05.txt")


def _read_all(path) -> int:
    reader = FlatFileReader(path, today=date(2030, 1, 1))
    for _ in reader:
        pass
    return reader.segments


def _peak(path) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        _read_all(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_flat_read_speed_and_memory(tmp_path):
    path = shared_path(*HONOLULU)
    segments = _read_all(path)  # warm up: dictionary, layouts, generated parsers
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        _read_all(path)
        best = min(best, time.perf_counter() - start)
    print(f"\nflat read: {segments} segments in {best * 1000:.0f} ms = {segments / best:,.0f} segments/s")

    ten = tmp_path / "ten.txt"
    data = path.read_bytes()
    ten.write_bytes(data * 10)
    one_peak = _peak(path)
    ten_peak = _peak(ten)
    print(f"flat read peak memory: one copy {one_peak / 1024:,.0f} KiB, ten copies {ten_peak / 1024:,.0f} KiB "
          f"({(ten_peak / one_peak - 1) * 100:+.1f}%)")

    subs = list(FlatFileReader(path, today=date(2030, 1, 1)))
    start = time.perf_counter()
    written = write_flat(subs, tmp_path / "out.txt")
    elapsed = time.perf_counter() - start
    print(f"flat write: {written} segments in {elapsed * 1000:.0f} ms = {written / elapsed:,.0f} segments/s")
    assert written == segments
