"""Benchmark: reading NIBRS flat files (run with `make bench`; prints figures, asserts no timings).

Figures to watch: segments read per second from the Honolulu monthly file (23,853 segments),
and the peak memory of reading ten concatenated copies against one copy (the reader streams,
so the two should be close). The validator built on this reader must reach 40,000 segments/s
and at most 20% more memory for ten copies.
"""

from __future__ import annotations

import gc
import subprocess
import sys
import time
import tracemalloc
from datetime import date

from testpaths import REPO, shared_path
from desktop.nibrs.flatfile import FlatFileReader, write_flat

HONOLULU = ("nibrs", "samples", "flat", "realistic-unverified", "honolulupdNIBRSReport-2019-05.txt")

# Peak resident memory (KiB) of a fresh process that reads a file to the end: VmHWM from
# /proc (ru_maxrss would include the memory of the forking pytest process), else ru_maxrss.
_CHILD = """
import resource, sys
from datetime import date
from desktop.nibrs.flatfile import FlatFileReader
reader = FlatFileReader(sys.argv[1], today=date(2030, 1, 1))
for _ in reader:
    pass
try:
    with open("/proc/self/status") as fh:
        peak = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
except OSError:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(reader.segments, peak)
"""


def _read_all(path) -> int:
    reader = FlatFileReader(path, today=date(2030, 1, 1))
    for _ in reader:
        pass
    return reader.segments


def _traced_peak(path) -> int:
    gc.collect()
    tracemalloc.start()
    try:
        _read_all(path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _process_peak(path) -> tuple[int, int]:
    out = subprocess.run([sys.executable, "-c", _CHILD, str(path)], capture_output=True, text=True, cwd=REPO,
                         timeout=600, check=True)
    segments, kib = out.stdout.split()
    return int(segments), int(kib)


def test_flat_read_speed_and_memory(tmp_path):
    path = shared_path(*HONOLULU)
    segments = _read_all(path)  # warm up: dictionary, layouts, generated parsers
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        _read_all(path)
        best = min(best, time.perf_counter() - start)
    print(f"\nflat read: {segments} segments in {best * 1000:.0f} ms = {segments / best:,.0f} segments/s")

    data = path.read_bytes()
    ten = tmp_path / "ten.txt"
    ten.write_bytes(data * 10)
    two = tmp_path / "two.txt"
    two.write_bytes(data * 2)
    one_seg, one_kib = _process_peak(path)
    ten_seg, ten_kib = _process_peak(ten)
    assert ten_seg == 10 * one_seg
    print(f"flat read peak process memory: one copy {one_kib:,} KiB, ten copies ({ten_seg:,} segments) "
          f"{ten_kib:,} KiB ({(ten_kib / one_kib - 1) * 100:+.1f}%)")
    one_peak, two_peak = _traced_peak(path), _traced_peak(two)
    print(f"flat read peak Python allocations (tracemalloc): one copy {one_peak / 1024:,.0f} KiB, two copies "
          f"{two_peak / 1024:,.0f} KiB")

    subs = list(FlatFileReader(path, today=date(2030, 1, 1)))
    start = time.perf_counter()
    written = write_flat(subs, tmp_path / "out.txt")
    elapsed = time.perf_counter() - start
    print(f"flat write: {written} segments in {elapsed * 1000:.0f} ms = {written / elapsed:,.0f} segments/s")
    assert written == segments
