"""FBI specification versions as data: what each version changes (``resources/dictionary/specs/*.yaml``).

One declaration per version (2019.1, 2023.0, 2025.0): the codes it adds and retires (with the date),
the edits it adds, removes, renumbers or changes in severity, and the flat-file segment lengths, each
with the source of the statement (an FBI document in this repository, or a version known only by name).
The dictionary reads them (``Dictionary.specs``; the codes' ``retired`` and ``since``), and through it
the rule engine (which rules run, at which severity), the pickers (``desktop.forms.allowed_everywhere``:
a retired code is never offered), the readers and writers (segment lengths) and the ``rules`` catalogue.
Nothing else in the program names a version.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Iterator

import yaml

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

ERROR, WARNING = "error", "warning"


class SpecError(ValueError):
    """A mistake in a specification version's declaration."""


@dataclass(frozen=True)
class Statement:
    """Where a statement about a version comes from."""

    source: str
    known_by_name: bool

    def words(self) -> str:
        return ("known by name: " if self.known_by_name and not self.source.startswith("known by name")
                else "") + self.source


@dataclass(frozen=True)
class CodeChange:
    version: str  # the version that declares it
    list: str
    code: str
    statement: Statement
    date: date | None = None  # retired: the day from which the code is no longer taken
    first_in: str = ""  # the edition that first had the change, when it is not a version held here


@dataclass(frozen=True)
class EditChange:
    version: str
    kind: str  # "added" | "removed" | "severity" | "renumbered"
    number: str
    statement: Statement
    severity: str = ""  # kind "severity"
    to: str = ""  # kind "renumbered": the number in this version
    first_in: str = ""
    title: str = ""  # kind "renumbered": the FBI message the older number had


@dataclass(frozen=True)
class SpecVersion:
    version: str
    follows: str | None
    title: str
    published: date | None
    statement: Statement
    segments: dict[str, tuple[int, ...]]  # as declared or followed
    codes: tuple[CodeChange, ...] = ()
    edits: tuple[EditChange, ...] = ()
    default: bool = False
    declares_segments: bool = False

    @property
    def known_by_name(self) -> bool:
        return self.statement.known_by_name


@dataclass(frozen=True)
class VersionOfEdit:
    """What one version says about one error number (for the catalogue)."""

    version: str
    applies: bool
    severity: str  # "" where it does not apply
    statement: Statement
    change: str = ""  # "added" | "removed" | "severity" | "" (as in the version it follows)


class SpecVersions:
    """The versions in order, and the answers the program needs from them."""

    def __init__(self, versions: Iterable[SpecVersion]):
        self.versions: tuple[SpecVersion, ...] = tuple(versions)
        self.by_name = {v.version: v for v in self.versions}
        self.names: tuple[str, ...] = tuple(v.version for v in self.versions)
        defaults = [v.version for v in self.versions if v.default]
        self.default = defaults[0] if defaults else self.names[0]
        self._index = {n: i for i, n in enumerate(self.names)}
        edits: dict[str, list[EditChange]] = {}
        for v in self.versions:
            for e in v.edits:
                edits.setdefault(e.number, []).append(e)
        self._edits = edits
        self._retired: dict[tuple[str, str], CodeChange] = {}
        self._added: dict[tuple[str, str], CodeChange] = {}
        for v in self.versions:
            for c in v.codes:
                target = self._retired if c.date is not None else self._added  # a retirement has its date
                target.setdefault((c.list, c.code), c)
        self._applies: dict[tuple[str, str], bool] = {}
        self._severity: dict[tuple[str, str, str], str] = {}

    def __iter__(self) -> Iterator[SpecVersion]:
        return iter(self.versions)

    def __getitem__(self, version: str) -> SpecVersion:
        return self.by_name[version]

    def __contains__(self, version: object) -> bool:
        return version in self.by_name

    def index(self, version: str) -> int:
        """The version's place in the order; an unknown version after the last (the newest rules)."""
        return self._index.get(version, len(self.names))

    # ------------------------------------------------------------------ edits
    def edit_applies(self, number: str, version: str) -> bool:
        """Whether the edit ``number`` exists in ``version`` (numbers no version mentions exist in all)."""
        key = (number, version)
        found = self._applies.get(key)
        if found is None:
            found = self._applies[key] = self._walk(number, version)[0]
        return found

    def severity(self, number: str, version: str, declared: str) -> str:
        """The severity of ``number`` in ``version``: ``declared`` (the rule's, as 2019.1 states it) unless a
        version up to it changed it."""
        key = (number, version, declared)
        found = self._severity.get(key)
        if found is None:
            found = self._severity[key] = self._walk(number, version, declared)[1]
        return found

    def _walk(self, number: str, version: str, declared: str = ERROR) -> tuple[bool, str]:
        changes = self._edits.get(number)
        if not changes:
            return True, declared
        exists = not any(c.kind == "added" for c in changes)
        severity = declared
        last = self.index(version)
        for c in changes:
            if self.index(c.version) > last:
                break
            if c.kind == "added":
                exists = True
            elif c.kind == "removed":
                exists = False
            elif c.kind == "severity":
                severity = c.severity
        return exists, severity

    def edit_history(self, number: str, declared: str) -> list[VersionOfEdit]:
        """Per version: does the edit apply, at which severity, and where that statement comes from."""
        out = []
        changes = self._edits.get(number) or []
        for v in self.versions:
            here = [c for c in changes if c.version == v.version and c.kind in ("added", "removed", "severity")]
            applies = self.edit_applies(number, v.version)
            if here:
                c = here[-1]
                statement, change = c.statement, c.kind
            elif v.follows is None:
                statement, change = (v.statement if applies else Statement(
                    f"not in {v.title}: added by a later version", v.statement.known_by_name)), ""
            else:
                statement = Statement(f"as in {v.follows}, no change known ({v.version}: {v.statement.source})",
                                      v.statement.known_by_name)
                change = ""
            out.append(VersionOfEdit(v.version, applies, self.severity(number, v.version, declared) if applies
                                     else "", statement, change))
        return out

    def renumbered(self) -> list[EditChange]:
        return [e for v in self.versions for e in v.edits if e.kind == "renumbered"]

    # ------------------------------------------------------------------ codes
    def retirement(self, list_id: str, code: str) -> CodeChange | None:
        return self._retired.get((list_id, code))

    def addition(self, list_id: str, code: str) -> CodeChange | None:
        return self._added.get((list_id, code))

    def code_problem(self, list_id: str, code: str, version: str, on: date | None) -> tuple[str, CodeChange] | None:
        """Why a code of a list is not valid in ``version`` checked on the day ``on``: ("retired", change) when a
        version up to ``version`` retired it or its retirement date is on or before ``on``; ("later", change) when
        a version after ``version`` added it; None when it is valid."""
        gone = self._retired.get((list_id, code))
        if gone is not None and (self.index(gone.version) <= self.index(version)
                                 or (on is not None and gone.date is not None and gone.date <= on)):
            return "retired", gone
        new = self._added.get((list_id, code))
        if new is not None and self.index(new.version) > self.index(version):
            return "later", new
        return None

    def dated(self, list_id: str) -> frozenset[str]:
        """Codes of a list with a retirement date: their validity depends on the day checked."""
        return frozenset(c for (lst, c), change in self._retired.items() if lst == list_id and change.date)

    # ------------------------------------------------------------------ segments
    def segment_lengths(self, version: str | None = None) -> dict[str, tuple[int, ...]]:
        return self.by_name[version or self.default].segments


# ---------------------------------------------------------------------- loading
def _statement(raw: Any, default: Statement | None, where: str) -> Statement:
    if raw is None:
        if default is None:
            raise SpecError(f"{where}: no statement (source, known_by_name)")
        return default
    if isinstance(raw, str):
        return Statement(" ".join(raw.split()), default.known_by_name if default else False)
    source = raw.get("source")
    if not source:
        raise SpecError(f"{where}: a statement needs its source")
    known = raw.get("known_by_name", default.known_by_name if default else None)
    if known is None:
        raise SpecError(f"{where}: say whether the statement is known_by_name")
    return Statement(" ".join(str(source).split()), bool(known))


def _day(value: Any, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise SpecError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def _own(entry: dict, version_statement: Statement, where: str) -> Statement:
    return Statement(" ".join(str(entry["source"]).split()),
                     bool(entry.get("known_by_name", version_statement.known_by_name))) \
        if entry.get("source") else version_statement


_VERSION_KEYS = {"version", "follows", "default", "title", "published", "statement", "segments", "codes", "edits"}


def _parse(raw: dict, name: str, followed: SpecVersion | None) -> SpecVersion:
    where = f"specs/{name}"
    unknown = set(raw) - _VERSION_KEYS
    if unknown:
        raise SpecError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    version = str(raw.get("version") or "")
    if not version:
        raise SpecError(f"{where}: no version")
    statement = _statement(raw.get("statement"), None, where)
    segments = raw.get("segments")
    if segments is None:
        if followed is None:
            raise SpecError(f"{where}: the first version must declare the segment lengths")
        lengths = followed.segments
    else:
        lengths = {str(k): tuple(int(x) for x in v) for k, v in segments.items()}
    codes: list[CodeChange] = []
    for kind in ("added", "retired"):
        for entry in (raw.get("codes") or {}).get(kind) or ():
            s = _own(entry, statement, where)
            day = _day(entry.get("date"), where)
            if kind == "retired" and day is None:
                raise SpecError(f"{where}: a retirement needs its date (the day from which the code is refused)")
            for code in entry.get("codes") or ():
                codes.append(CodeChange(version, str(entry["list"]), str(code), s, day if kind == "retired" else None,
                                        str(entry.get("first_in") or "")))
    edits: list[EditChange] = []
    raw_edits = raw.get("edits") or {}
    for kind in ("added", "removed", "severity"):
        for entry in raw_edits.get(kind) or ():
            s = _own(entry, statement, where)
            severity = str(entry.get("severity") or "")
            if kind == "severity" and severity not in (ERROR, WARNING):
                raise SpecError(f"{where}: severity must be error or warning, not {severity!r}")
            for number in entry.get("numbers") or ():
                edits.append(EditChange(version, kind, str(number), s, severity, "", str(entry.get("first_in") or "")))
    renumbered_source = raw_edits.get("renumbered_source")
    for entry in raw_edits.get("renumbered") or ():
        s = _own({"source": entry.get("source") or renumbered_source}, statement, where)
        edits.append(EditChange(version, "renumbered", str(entry["from"]), s, "", str(entry["to"]),
                                title=str(entry.get("title") or "")))
    return SpecVersion(version=version, follows=raw.get("follows"), title=str(raw.get("title") or version),
                       published=_day(raw.get("published"), where), statement=statement, segments=lengths,
                       codes=tuple(codes), edits=tuple(edits), default=bool(raw.get("default")),
                       declares_segments=segments is not None)


def load_specs(folder: Path) -> SpecVersions:
    """Every ``*.yaml`` of ``folder``, in the order each follows the other."""
    from desktop.nibrs.yamlcache import load_yaml

    raws = {}
    for path in sorted(folder.glob("*.yaml")):
        raws[path.name] = load_yaml(path)  # parsed once per content, then from the user's cache
    by_version = {str(r["version"]): (name, r) for name, r in raws.items()}
    firsts = [v for v, (_n, r) in by_version.items() if not r.get("follows")]
    if len(firsts) != 1:
        raise SpecError(f"specs: exactly one version must follow none (found {sorted(firsts)})")
    out: list[SpecVersion] = []
    current, followed = firsts[0], None
    while current is not None:
        name, raw = by_version[current]
        v = _parse(raw, name, followed)
        out.append(v)
        followed = v
        nxt = [k for k, (_n, r) in by_version.items() if str(r.get("follows") or "") == current]
        if len(nxt) > 1:
            raise SpecError(f"specs: several versions follow {current}: {sorted(nxt)}")
        current = nxt[0] if nxt else None
    if len(out) != len(by_version):
        missing = sorted(set(by_version) - {v.version for v in out})
        raise SpecError(f"specs: version(s) {missing} follow none of the others")
    return SpecVersions(out)


@functools.lru_cache(maxsize=4)
def specs(folder: Path | None = None) -> SpecVersions:
    from desktop.resources import resource_path

    return load_specs(folder or resource_path("dictionary", "specs"))


__all__ = ["CodeChange", "EditChange", "SpecError", "SpecVersion", "SpecVersions", "Statement", "VersionOfEdit",
           "load_specs", "specs"]
