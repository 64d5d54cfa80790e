"""What every start does before anyone works (the window's start and every command that opens the store).

* Half-written backups a kill left in ``backups/`` (``*.part``) are removed.
* Exports a kill left pending are finished or taken back (``export.reconcile``): a file without a record
  and a record without a file cannot stay.

Both run under the data folder's lock and only when nobody else is writing (another program's ``.part``
may be live): otherwise they wait for the next start.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)


def startup_checks(store) -> list[str]:
    """Run the start's checks on an open store; returns what was done, in words (nothing: an empty list)."""
    from desktop.store import users
    from desktop.store.backup import remove_stale_parts
    from desktop.store.lock import Busy, store_lock

    done: list[str] = []
    if store.db.path is not None:
        for path in remove_stale_parts(store.db.data_dir):
            done.append(f"removed {path.name}, a backup a kill interrupted")
    try:
        with store_lock(store, "start-up check", wait=0):
            from desktop.store.submissions import pending_exports

            if pending_exports(store):
                from desktop.submission.export import reconcile  # only then: its import costs a start 0.1 s

                actor = store.actor
                if actor is None or not actor.can(users.EXPORT):  # the start acts for the export it finishes
                    store.actor = users.SYSTEM_ACTOR
                try:
                    done += reconcile(store)
                finally:
                    store.actor = actor
    except Busy:
        pass  # someone is writing (maybe that very export): the next start
    for line in done:
        log.info("%s", line)
    return done
