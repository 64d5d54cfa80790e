"""The audit trail as the import and export tests compare it.

Issue 19 added each record's checksum to the entries naming it. Those tests compare the trail with one written
before (or with one written in other batches); ``audit verify`` checks the checksums themselves.
"""

from __future__ import annotations


def without_checksum(detail):
    """An entry's detail without the record checksum issue 19 added to it."""
    return {k: v for k, v in detail.items() if k != "checksum"} if isinstance(detail, dict) else detail
