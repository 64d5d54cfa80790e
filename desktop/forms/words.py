"""Words that find the right code: what a deputy types in a code picker, matched and ranked. No Qt here.

Each code is known by its code, its plain label, the FBI's description, the FBI's other wordings
(``also``) and the everyday words people use for it (``words`` in resources/dictionary/codes.yaml, and
those a state profile adds). Typed text is matched against them and the codes are ranked by how they
matched (:data:`TIERS`), best first:

    exact code        "13B"
    exact words       "dui", "drunk driving", "simple assault": a whole wording of the code
    whole words       "assault": every typed word is a word of one wording
    prefix            "13", "burg", "aggr ass": the code, or the words, start with what was typed
    substring         "lift" (shoplifting): what was typed is inside a word

Within a tier the common codes (``usual: true`` in codes.yaml) come first, then the codes this person
used recently, then those with the fewest words left untyped, then the list's own order. Enter (or
Tab) takes the top row only when the ranking names one clear :func:`winner`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from desktop.nibrs.dictionary import Code

EXACT_CODE, EXACT_WORDS, WHOLE_WORDS, PREFIX, SUBSTRING = range(5)
TIERS = ("exact code", "exact words", "whole words", "prefix", "substring")
_SUBSTRING_MIN = 3  # shorter text inside a word finds too much ("ar" in "car", "bar", "arson"...)


def words_of(text: str) -> tuple[str, ...]:
    """Lower-case words and numbers of a text: "Breaking & Entering" -> ("breaking", "entering")."""
    return tuple(w for w in re.split(r"[^0-9a-z]+", text.lower().replace("'", "")) if w)


_WORDINGS: dict[int, tuple[Code, tuple]] = {}  # id(code) -> (the code, its wordings): read once per code


def wordings(code: Code) -> tuple[tuple[str, ...], ...]:
    """Every way of naming a code, as words: its label, description, the FBI's other wordings, everyday words."""
    kept = _WORDINGS.get(id(code))
    if kept is not None and kept[0] is code:
        return kept[1]
    if len(_WORDINGS) > 50000:
        _WORDINGS.clear()
    found = _wordings(code)
    _WORDINGS[id(code)] = (code, found)
    return found


def _wordings(code: Code) -> tuple[tuple[str, ...], ...]:
    texts = [code.label or "", code.description, *(code.get("also") or ()), *(code.get("words") or ())]
    out: list[tuple[str, ...]] = []
    for t in texts:
        w = words_of(str(t))
        if w and w not in out:
            out.append(w)
    return tuple(out)


def usual(code: Code) -> bool:
    """A code people use often (``usual: true`` in codes.yaml): it ranks above rare codes sharing a word."""
    return bool(code.get("usual"))


@dataclass(frozen=True)
class Match:
    code: Code
    tier: int  # index into TIERS
    extra: int = 0  # words of the best wording that were not typed
    recent: int = 1 << 16  # position among this person's recent codes (lower: more recent)
    position: int = 0  # place in the list offered
    by_code: bool = False  # matched by the start of its code ("13" -> 13A), not by words

    @property
    def usual(self) -> bool:
        return usual(self.code)

    def key(self) -> tuple:
        return (self.tier, self.by_code, not self.usual and not self.by_code, self.recent, self.extra, self.position)


_COMMON: dict[tuple[int, ...], tuple[Sequence[Code], frozenset[str]]] = {}


def _common(codes: Sequence[Code]) -> frozenset[str]:
    """Words most codes of a list share ("victim", "was"): they say nothing about which code is meant."""
    if len(codes) < 4:
        return frozenset()
    key = tuple(id(c) for c in codes)
    kept = _COMMON.get(key)
    if kept is not None and all(a is b for a, b in zip(kept[0], codes)):
        return kept[1]
    if len(_COMMON) > 256:
        _COMMON.clear()
    found = _shared(codes)
    _COMMON[key] = (list(codes), found)
    return found


def _shared(codes: Sequence[Code]) -> frozenset[str]:
    counts: dict[str, int] = {}
    for c in codes:
        for w in {w for wording in wordings(c) for w in wording}:
            counts[w] = counts.get(w, 0) + 1
    return frozenset(w for w, n in counts.items() if n > len(codes) / 2)


def _match(typed: str, query: tuple[str, ...], code: Code, common: frozenset[str]) -> tuple[int, int] | None:
    """(tier, words left untyped) of one code for what was typed, or None; a match by the start of the code
    alone has a negative count of what is left (``-1``)."""
    upper = typed.upper()
    if code.code.upper() == upper:
        return EXACT_CODE, 0
    best: tuple[int, int] | None = None
    compact = "".join(query)
    for wording in wordings(code):
        key = [w for w in wording if w not in common] or list(wording)
        if query == wording or query == tuple(key) or (compact and compact in ("".join(wording), "".join(key))):
            found = (EXACT_WORDS, 0)  # "dui", "simple assault", "spouse" (Victim Was Spouse), "break in" = "breakin"
        elif query and all(q in wording for q in query):
            found = (WHOLE_WORDS, len([w for w in key if w not in query]))
        elif query and all(any(w.startswith(q) for w in wording) for q in query):
            found = (PREFIX, len([w for w in key if not any(w.startswith(q) for q in query)]))
        elif len(compact) >= _SUBSTRING_MIN and any(compact in w for w in wording):
            found = (SUBSTRING, len(key))
        else:
            continue
        if best is None or found < best:
            best = found
    if best is None and typed.isalnum() and code.code.upper().startswith(upper):
        best = (PREFIX, -1)  # "13" -> 13A, 13B, 13C
    return best


def rank(text: str, codes: Iterable[Code], *, recent: Sequence[str] = ()) -> list[Match]:
    """The codes matching what was typed, best first (all of them, recent first, when nothing is typed)."""
    pool = list(codes)
    typed = text.strip()
    order = {code: i for i, code in enumerate(recent)}
    never = 1 << 16
    if not typed:
        every = [Match(c, PREFIX, recent=order.get(c.code, never), position=i) for i, c in enumerate(pool)]
        return sorted(every, key=lambda m: (m.recent, m.position))
    query = words_of(typed)
    common = _common(pool)
    out = []
    for i, c in enumerate(pool):
        found = _match(typed, query, c, common)
        if found is not None:
            out.append(Match(c, found[0], max(found[1], 0), order.get(c.code, never), i, by_code=found[1] < 0))
    return sorted(out, key=Match.key)


def winner(matches: Sequence[Match]) -> Code | None:
    """The top code when the ranking gives one clear winner, else None (the list stays open).

    Clear: the only match; a better tier than every other match; in the same tier, the only common code
    (``usual``, not when the start of a code was typed: "13" is not a word); or a code all of whose words were typed ("spouse": Victim Was Spouse) where the others of
    its kind have words left ("common-law spouse", "ex-spouse"). Recent use orders the list but decides nothing:
    when it puts another code on top, there is no clear winner.
    """
    if not matches:
        return None
    top = matches[0]
    rivals = [m for m in matches[1:] if m.tier == top.tier]
    if not rivals:
        return top.code
    if top.usual and not top.by_code and not any(m.usual for m in rivals):
        return top.code
    same = [m for m in rivals if m.usual == top.usual]
    if top.tier <= WHOLE_WORDS and top.extra == 0 and all(m.extra > 0 for m in same):
        return top.code
    return None


__all__ = ["EXACT_CODE", "EXACT_WORDS", "WHOLE_WORDS", "PREFIX", "SUBSTRING", "TIERS", "Match", "rank",
           "usual", "winner", "wordings", "words_of"]
