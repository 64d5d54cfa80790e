"""What the store remembers for each person: the codes they used lately in each picker (recent codes first).

Kept per user name in the ``setting`` table (``recent_codes:<user>``: element id -> codes, most recent
first). It is the person's own, not report data: anyone signed in may read and change their own, and it
is not written to the audit trail.
"""

from __future__ import annotations

from typing import Mapping, Sequence

from desktop.store import schema as s
from desktop.store import users

RECENT_MAX = 12  # codes kept per picker


class Preferences:
    """The Store's per-person preferences (a part of :class:`desktop.store.service.Store`)."""

    def _recent_key(self) -> str:
        return f"recent_codes:{self.user or 'system'}"

    def recent_codes(self) -> dict[str, list[str]]:
        """The signed-in person's recent codes: element id -> codes, most recent first."""
        with self.unit(users.READ, write=False) as u:
            row = u.session.get(s.Setting, self._recent_key())
            value = row.value if row is not None else None
        if not isinstance(value, dict):
            return {}
        return {str(k): [str(c) for c in v][:RECENT_MAX] for k, v in value.items() if isinstance(v, list)}

    def remember_codes(self, used: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
        """Put codes just used (element id -> codes, most recent first) at the front of the person's recent codes."""
        if not used:
            return self.recent_codes()
        with self.unit(users.READ) as u:
            key = self._recent_key()
            row = u.session.get(s.Setting, key)
            kept = dict(row.value) if row is not None and isinstance(row.value, dict) else {}
            for element_id, codes in used.items():
                fresh = [str(c) for c in codes]
                older = [c for c in kept.get(element_id, []) if c not in fresh]
                kept[element_id] = (fresh + older)[:RECENT_MAX]
            if row is None:
                u.session.add(s.Setting(key=key, value=kept))
            else:
                row.value = kept
        return kept
