"""Submissions in the database: exports recorded, files imported, feedback attached.

Beside the service layer (as ``transfer.py``), and like it the only code that writes these
tables: every function takes the store, and does its work in one of the store's units of work
(``Store.unit``: the signed-in person's permission checked, one transaction, its audit entries
written in that same transaction). The three concerns are modules of their own, read through
this package by ``desktop.submission``:

* ``exports``   what was sent: :func:`record_export`, :func:`export_info`, what the FBI holds
* ``imports``   the reports of one file merged: :func:`import_reports`
* ``feedback``  the state's errors attached to their records: :func:`record_feedback`, :func:`state_findings`
* ``loading``   records read in bulk with every segment (:func:`load_where`), for a month's file
"""

from desktop.store.history import MemoryHistory
from desktop.store.kinds import KINDS, describe, key_of
from desktop.store.submissions.exports import (
    FINAL, PENDING, ChangedMeanwhile, ExportEntry, ExportFileInfo, ExportInfo, ExportItemInfo, SentBefore,
    discard_export, export_info, exports, fbi_holds, finalize_export, next_series, pending_exports, record_export,
    record_pending, record_reproduction, recorded_file, revision_report, sent_before,
)
from desktop.store.submissions.feedback import (
    FEEDBACK, FeedbackTarget, StateFinding, feedback_loaded, find_record, record_exists, record_feedback,
    state_error_counts, state_findings,
)
from desktop.store.submissions.imports import ImportLine, ImportLines, Incoming, import_reports
from desktop.store.submissions.loading import Loaded, dated_in, load_where

__all__ = [
    "KINDS", "describe", "key_of", "MemoryHistory",
    "ChangedMeanwhile", "ExportEntry", "ExportFileInfo", "ExportInfo", "ExportItemInfo", "SentBefore", "export_info",
    "exports", "fbi_holds", "next_series", "record_export", "record_reproduction", "recorded_file", "revision_report",
    "sent_before", "FINAL", "PENDING", "discard_export", "finalize_export", "pending_exports", "record_pending",
    "FEEDBACK", "FeedbackTarget", "StateFinding", "feedback_loaded", "find_record", "record_exists",
    "record_feedback", "state_error_counts", "state_findings",
    "ImportLine", "ImportLines", "Incoming", "import_reports",
    "Loaded", "dated_in", "load_where",
]
