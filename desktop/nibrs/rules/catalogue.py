"""Every FBI error and warning number, and what NIBRS Desk does with it.

The numbers are those of the FBI NIBRS Technical Specification 2019.1 (section 5.2, its data
quality checks 5.2.10 and the legacy time-window errors of Appendix F), those the SEARCH
validator catalogues (older or later wordings), and the later numbers (2019.2) for federal
agencies. Each has a status:

``implemented``       a registered rule checks it on a report (the rules are listed);
``file``              checked when reading a flat or XML file: the check needs the file itself
                      (segment order and length, header fields shared by a whole submission);
                      the readers raise it;
``not offline``       the FBI checks it against its own reference data (ORI status, inactive
                      dates, covered-by status, what it holds outside the two-year window);
``legacy``            time-window submissions (action W), not honoured since 2021-01-01; we never
                      write them;
``renumbered``        an older number the FBI replaced (``see``), as the 2019.1 declaration lists them
                      (resources/dictionary/specs/2019.1.yaml);
``not in the spec``   a number of SEARCH's or of an old spec with no 2019.1 counterpart; the
                      note says what covers the case;
``not implemented``   could be checked but is not; the note says why.

Each number also says, per spec version (``versions``), whether it applies, at which severity, and where
that statement comes from (the FBI document, or a version known only by name), as the versions'
declarations say (resources/dictionary/specs/, ``desktop.nibrs.specs``).

The command ``nibrs-desk rules`` prints this catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from desktop.nibrs.dictionary import dictionary as fbi_dictionary
from desktop.nibrs.findings import ERROR, WARNING
from desktop.nibrs.rules.engine import REGISTRY, Rule
from desktop.nibrs.specs import VersionOfEdit

IMPLEMENTED = "implemented"
FILE = "file"
NOT_OFFLINE = "not offline"
LEGACY = "legacy"
RENUMBERED = "renumbered"
NOT_IN_SPEC = "not in the spec"
NOT_IMPLEMENTED = "not implemented"
STATUSES = (IMPLEMENTED, FILE, NOT_OFFLINE, LEGACY, RENUMBERED, NOT_IN_SPEC, NOT_IMPLEMENTED)
STATUS_WORDS = {
    IMPLEMENTED: "implemented",
    FILE: "checked when reading a file",
    NOT_OFFLINE: "not checkable offline",
    LEGACY: "legacy time-window edit",
    RENUMBERED: "renumbered",
    NOT_IN_SPEC: "not an FBI 2019.1 edit",
    NOT_IMPLEMENTED: "not implemented",
}

_FILE_WHY = "needs the file itself; raised when a file is read (`nibrs-desk validate`: the readers and desktop.nibrs.filecheck)"
_ORI_DATA = "needs the FBI's ORI reference data"
_WINDOW = "time-window (W) submissions only; the FBI stopped honouring them on 2021-01-01 and NIBRS Desk never writes them"

# Numbers that are not (or not only) checked by a rule on a report: status, title, why.
_OTHER: dict[str, tuple[str, str, str]] = {
    # structure, read from the file
    "050": (FILE, "SEGMENT LEVELS ARE OUT OF NUMERICAL ORDER FOR THIS INCIDENT", _FILE_WHY),
    "051": (FILE, "INVALID RECORD LEVEL ON SUBMISSION", _FILE_WHY),
    "055": (FILE, "CANNOT HAVE A GROUP A INCIDENT REPORT WITHOUT LEVEL 1 SEGMENT", _FILE_WHY),
    "058": (FILE, "ALL SEGMENTS IN A SUBMISSION MUST HAVE SAME MONTH AND YEAR OF SUBMISSION", _FILE_WHY),
    "059": (FILE, "ALL SEGMENTS IN SUBMISSION MUST BE FROM SAME STATE", _FILE_WHY),
    "060": (FILE, "PROCESSING DATE PRECEDES MONTH AND YEAR OF SUBMISSION",
            "the month of submission is a header field of the file; " + _FILE_WHY),
    "159": (FILE, "POSITIONS 58-87 MUST BE BLANK FOR GROUP A INCIDENT REPORT",
            "the old window clearance fields are not stored; " + _FILE_WHY),
    "178": (FILE, "THIS ADMINISTRATIVE SEGMENT HAS A CONFLICTING LENGTH", "segment length; " + _FILE_WHY),
    "284": (FILE, "THIS OFFENSE SEGMENT HAS A CONFLICTING LENGTH", "segment length; " + _FILE_WHY),
    "484": (FILE, "THIS VICTIM SEGMENT HAS A CONFLICTING LENGTH", "segment length; " + _FILE_WHY),
    "584": (FILE, "THIS OFFENDER SEGMENT HAS A CONFLICTING LENGTH", "segment length; " + _FILE_WHY),
    "623": (FILE, "CLEARANCE INDICATOR AND CLEARANCE OFFENSE CODES MUST BE BLANK",
            "SEARCH's number for the arrestee's old window fields (not stored); " + _FILE_WHY),
    "671": (FILE, "GROUP B OFFENSE CODES CANNOT BE ENTERED IN POSITIONS 81-110 ON SEGMENT 6",
            "the arrestee's old window fields are not stored; " + _FILE_WHY),
    "751": (FILE, "ARRESTEE SEQUENCE NUMBER ALREADY EXISTS",
            "two Group B arrest segments with the same transaction and arrestee number in one file (the later one; "
            "desktop.nibrs.filecheck); a stored Group B arrest holds one arrestee, and one already on file is 759"),
    # FBI reference data and FBI history beyond ours
    "096": (NOT_OFFLINE, "ZERO REPORT MONTH & ZERO REPORT YEAR CANNOT BE ON OR AFTER DATE AGENCY IS PLACED ON "
                         "COVERED-BY STATUS", "needs the FBI's covered-by status of the agency"),
    "118": (NOT_OFFLINE, "DATE CANNOT BE ON OR AFTER THE INACTIVE DATE OF THE ORI", _ORI_DATA + " (inactive date)"),
    "618": (NOT_OFFLINE, "ARREST DATE CANNOT BE ON OR AFTER THE INACTIVE DATE OF THE ORI",
            _ORI_DATA + " (inactive date)"),
    "718": (NOT_OFFLINE, "ARREST DATE CANNOT BE ON OR AFTER THE INACTIVE DATE OF THE ORI",
            _ORI_DATA + " (inactive date)"),
    "930": (NOT_OFFLINE, "INVALID ORI – ORI MARKED FOR HISTORICAL REFERENCE", _ORI_DATA),
    "931": (NOT_OFFLINE, "INVALID ORI – ORI MARKED FOR HISTORICAL REFERENCE", _ORI_DATA),
    "932": (NOT_OFFLINE, "INVALID ORI - THE ORI INFORMATION IS DUPLICATED IN THE REFERENCE DATA", _ORI_DATA),
    "933": (NOT_OFFLINE, "INVALID ORI - THE ORI IS COVERED BY ANOTHER AGENCY", _ORI_DATA),
    "934": (NOT_OFFLINE, "INVALID ORI - THE ORI WAS NOT FOUND IN THE REFERENCE DATA", _ORI_DATA),
    "198": (NOT_OFFLINE, "MISSING INCIDENT DATE FOR DELETE - INCIDENT NUMBER MATCHES GROUP A INCIDENT REPORTS WITH "
                         "INCIDENT DATE OUTSIDE TWO YEAR WINDOW",
            "depends on what the FBI holds; the missing date itself is 197"),
    "199": (NOT_OFFLINE, "MISSING INCIDENT DATE FOR DELETE - INCIDENT NUMBER MATCHES MULTIPLE GROUP A INCIDENT "
                         "REPORTS", "depends on what the FBI holds; the missing date itself is 197"),
    "798": (NOT_OFFLINE, "MISSING ARREST DATE FOR DELETE-ARREST TRANSACTION NUMBER MATCHES GROUP B ARREST REPORT "
                         "WITH ARREST DATE OUTSIDE TWO YEAR WINDOW",
            "depends on what the FBI holds; the missing date itself is 797"),
    "799": (NOT_OFFLINE, "MISSING ARREST DATE FOR DELETE-ARREST TRANSACTION NUMBER MATCHES MULTIPLE GROUP B ARREST "
                         "REPORTS", "depends on what the FBI holds; the missing date itself is 797"),
    # not a 2019.1 edit
    "099": (NOT_IN_SPEC, "GROUP B ARREST REPORT CAN HAVE ONLY ONE ARRESTEE",
            "SEARCH's own check; a Group B arrest record holds exactly one arrestee"),
    "553": (NOT_IN_SPEC, "SEX OF VICTIM AND OFFENDER DOES NOT REFLECT THE RELATIONSHIP",
            "spec 2.1 only; not in 2019.1"),
    "572": (NOT_IN_SPEC, "UNKNOWN OFFENDER REQUIRES RELATIONSHIP RU",
            "SEARCH's twin of 472, which is implemented"),
    "761": (NOT_IN_SPEC, "RUNAWAY ARRESTEE MUST BE UNDER 18",
            "90I (runaway) was retired before 2019.1; using it is 704"),
    # not implemented
    "461": (NOT_IMPLEMENTED, "VICTIM TYPE MUST BE G FOR THIS FEDERAL OFFENSE",
            "spec 2019.2 rule for federal/tribal-only offenses; the list of offenses it names is not in our "
            "references (the FBI 2019.2/2025.0 specifications are not available to us)"),
}
for _n in ("053", "057", "064", "087", "089", "095", "120", "121", "154", "157", "158", "160", "161", "162", "163",
           "164", "165", "166", "167", "168", "169", "171", "174", "176", "177", "320", "321", "369", "370", "371",
           "377", "378", "379", "380", "381", "393", "620", "621", "657", "658", "659", "660", "662", "663", "668",
           "762"):
    _OTHER[_n] = (LEGACY, "", _WINDOW + (
        "; a recovery date before the incident date is 305" if _n == "320" else ""))

# What NIBRS Desk decided where the spec leaves room, per implemented number.
NOTES: dict[str, str] = {
    "001": "zero report mandatory fields; the readers also raise it for segments they cannot read",
    "015": "from the zero report's line in a file (the app always writes twelve zeros)",
    "016": "from the zero report's line in a file",
    "017": "from the zero report's line in a file",
    "092": "from the zero report's line in a file",
    "028": "against this database: an incident dated in the month",
    "029": "against this database: a Group B arrest made in the month",
    "030": "against this database, for a zero report being deleted",
    "031": "against this database, for a zero report being deleted",
    "056": "against this database; a stored record is not its own duplicate",
    "088": "against this database: an incident with arrests (its number and its arrestees' transaction numbers) "
           "and the Group B arrests of the ORI",
    "759": "against this database; a stored record is not its own duplicate",
    "173": "against the agency's NIBRS start date (settings), by month; an exceptional clearance since the start "
           "date lets an older incident through",
    "093": "against the agency's NIBRS start date (settings), by month",
    "720": "against the agency's NIBRS start date (settings), by month",
    "258": "A on a weapon code that is not a firearm gets 258 alone, not 204 as well: both parts are valid values "
           "(spec 2019.1, Table 3-24, DE 13 automatic indicator)",
    "265": "a firearm with 13B gets 269 as well (spec 2019.1, Table 3-23 lists both for DE 13 and names no "
           "precedence)",
    "250": "agencies that are not federal; where the code is not in the version's table at all, 204",
    "650": "agencies that are not federal; where the code is not in the version's table at all, 604",
    "750": "agencies that are not federal; where the code is not in the version's table at all, 704",
    "269": "reported with 265 (spec 2019.1, Table 3-23 lists both for DE 13 and names no precedence)",
    "251": "a value other than A or C gets 251 alone: the spec's DE 7 table (spec 2019.1, Table 3-16) gives 251 "
           "and no 204",
    "667": "a sex other than M or F gets 667 alone: the spec's DE 48 table (spec 2019.1, Table 3-65) gives "
           "667/758 and no 604/704",
    "758": "a sex other than M or F gets 758 alone: the spec's DE 48 table (spec 2019.1, Table 3-65) gives "
           "667/758 and no 604/704",
    "402": "a circumstance that is not two digits gets 402 alone: the spec's DE 31 table (spec 2019.1, Table 3-46) "
           "gives 402 'must contain numeric entry' for that; 404 is for two-digit codes not in the table",
    "151": "reported with 104 (spec 2019.1, Table 3-11 lists both for the report-date indicator, no precedence)",
    "255": "reported with 204 (spec 2019.1, Table 3-24 lists both for the automatic indicator, no precedence)",
    "654": "reported with 604 (spec 2019.1, Table 3-63 lists both for the automatic indicator, no precedence)",
    "754": "reported with 704 (spec 2019.1, Table 3-63 lists both for the automatic indicator, no precedence)",
    "104": "also codes retired or not yet introduced (see 704), and an exceptional clearance date "
           "before 1991 (spec 2019.1, Table 3-14: Data Values 1991-current; the date's parts are 105)",
    "105": "the incident and exceptional clearance dates: not a real date, a year not 19xx/20xx, or after today "
           "(spec 2019.1, Tables 3-10 and 3-14); reported with 172 for an incident year before 1991 "
           "(Table 3-10 lists both, no precedence)",
    "172": "with 105 as well when the year is not 19xx/20xx (spec 2019.1, Table 3-10 lists both, no precedence)",
    "305": "not a real date, before 1991, in the future, after the month of submission or before the incident "
           "date (spec 2019.1, Table 3-29 gives 305 for all)",
    "605": "not a real date, before 1991, in the future or after the month of submission (spec 2019.1, Table "
           "3-58 gives 605 for all)",
    "705": "not a real date, before 1991, in the future or after the month of submission (spec 2019.1, Table "
           "3-58 gives 705 for all)",
    "204": "also codes a later spec version adds (the federal and tribal offense codes under 2019.1)",
    "604": "also retired codes, and codes a later spec version adds",
    "704": "also retired codes: 90I (retired by 2017) and 90A/90E/90H (retired with the Summary system on "
           "2021-01-01, which three is unverified; declared by 2023.0) from the day of their retirement, in "
           "whatever version is checked, and in 2023.0 and later",
    "059": "the ORI's first two characters must be one of the NCIC state codes the FBI's ORIs begin with "
           "(resources/fbi/ori-state-codes.csv, from the FBI agency list; spec 2019.1, Table 3-7), for every "
           "agency; every segment of a file from the same state is checked when reading a file (not for federal "
           "agencies)",
    "952": "format only (nine capital letters and digits); membership in the FBI's ORI file is not checkable offline",
    "077": "when every property offense was attempted and no property record has loss type 1 or 8",
    "078": "for each completed property offense without a property record whose loss type fits it",
    "080": "more than one victim with only crimes against society; a single victim of another type is 465",
    "085": "two or more offenders (spec 2019.1), victims of a crime against a person or robbery",
    "122": "not for an Administrative segment read in the short form (0087, agency not reporting cargo theft)",
    "372": "all property elements blank (375 is reported as well: spec 2019.1, Table 5-5 lists both for a property "
           "segment without a description, no precedence)",
    "375": "no property description with a loss type 2-7, whether or not anything else is entered (with 372 when "
           "nothing is)",
    "459": "follows section 3.3 (Table 3-49): relationships are allowed for victims of crimes against persons or "
           "property (the FBI's sample Flatfile-XML_Test_1 has one for a burglary); an error for crimes against "
           "society only",
    "462": "circumstance invalid for the aggravated assault and every other connected offense (with 477)",
    "463": "circumstance other than 20 or 21 for a justifiable homicide (with 477 when no connected offense takes it)",
    "477": "circumstance fitting none of the connected offenses; reported with 463/462 when they apply too "
           "(spec 2019.1, Table 3-46 lists the three for DE 31 and names no precedence)",
    "480": "an error when the incident has one offense and one victim",
    "482": "an officer victim needs at least one of 09A, 13A, 13B, 13C among the connected offenses",
    "652": "an exact age under 18 or a range wholly under 18; ranges reaching 18 with an average under 18 get 1640",
    "752": "an exact age under 18 or a range wholly under 18; ranges reaching 18 with an average under 18 get 1740",
    "1222": "bias other than 88, as the spec words it (99 too)",
    "1314": "35B with criminal activity P and a property record with loss type 1",
    "1307": "code 99 is not in the 2019.1 table, so 304 is reported as well",
    "1601": "follows the title: under 3",
}
for _n, _x in (("115", "incident number"), ("215", "its offense line"), ("315", "its property line"),
               ("415", "its victim line"), ("515", "its offender line"), ("615", "its arrestee line and the ATN"),
               ("715", "arrest transaction number")):
    for _k in range(3):
        NOTES[_n[:2] + str(5 + _k)] = (
            "the copy of the incident number in " + _x + " (a file line)" if _n in ("215", "315", "415", "515")
            else "the " + _x + "; from the file line when read from a file")


@dataclass(frozen=True)
class Entry:
    number: str
    status: str
    title: str  # the FBI's message text
    severity: str = ""  # "error", "warning", or e.g. "error; warning in 2025.0"
    messages: tuple[str, ...] = ()  # plain-words messages of the rules ("…" where a finding fills in details)
    fixes: tuple[str, ...] = ()  # how to fix it, per rule
    rules: tuple[str, ...] = ()  # rule function names
    specs: tuple[str, ...] = ()  # spec versions where it applies
    note: str = ""
    see: str = ""  # the new number of a renumbered edit
    segments: tuple[str, ...] = field(default=())
    versions: tuple[VersionOfEdit, ...] = ()  # per spec version: applies, severity, the statement's source

    @property
    def status_words(self) -> str:
        return STATUS_WORDS[self.status]

    def to_dict(self) -> dict:
        d = {"number": self.number, "status": self.status, "status_words": self.status_words,
             "fbi_message": self.title}
        if self.severity:
            d["severity"] = self.severity
        if self.messages:
            d["messages"] = list(self.messages)
        if self.fixes:
            d["fixes"] = list(self.fixes)
        if self.rules:
            d["rules"] = list(self.rules)
            d["segments"] = list(self.segments)
        d["spec_versions"] = list(self.specs)
        d["versions"] = [{"version": v.version, "applies": v.applies, "severity": v.severity,
                          "source": v.statement.source, "known_by_name": v.statement.known_by_name,
                          "change": v.change} for v in self.versions]
        if self.note:
            d["note"] = self.note
        if self.see:
            d["see"] = self.see
        return d


def _sort_key(number: str) -> tuple[int, str]:
    return (len(number) > 3, number)


def _severity(rules: list[Rule], versions: tuple[VersionOfEdit, ...]) -> str:
    base = {r.severity for r in rules}
    words = "/".join(sorted(base))
    for v in versions:
        if v.applies and v.severity not in base:
            words += f"; {v.severity} in {v.version}"
            base = {v.severity}
    return words


def _versions(number: str, declared: str) -> tuple[VersionOfEdit, ...]:
    return tuple(fbi_dictionary().specs.edit_history(number, declared))


def _plain(message: str) -> str:
    return message.replace("{detail}", "…").replace("{value!r}", "…").replace("{value}", "…")


def _informative(message: str) -> bool:
    """The message says something before its details are filled in."""
    return len(message.replace("…", "").replace(".", "").strip()) > 10


def _implemented(number: str, rules: list[Rule]) -> Entry:
    versions = _versions(number, ERROR if any(r.severity == ERROR for r in rules) else WARNING)
    specs = [v.version for v in versions if v.applies]
    title = next((r.fbi_message for r in rules if r.fbi_message), "")
    return Entry(number=number, status=IMPLEMENTED, title=title, severity=_severity(rules, versions),
                 messages=tuple(m for m in dict.fromkeys(_plain(r.message) for r in rules) if _informative(m)),
                 fixes=tuple(dict.fromkeys(r.fix for r in rules)),
                 rules=tuple(r.name for r in rules), specs=tuple(specs), note=NOTES.get(number, ""),
                 segments=tuple(dict.fromkeys(r.segment for r in rules)), versions=versions)


def entries() -> list[Entry]:
    """Every number with its status, in number order (3-digit errors first, then 4-digit warnings)."""
    REGISTRY.load()
    by_number: dict[str, list[Rule]] = {}
    for r in REGISTRY.rules:
        if r.number.isdigit():  # FBI numbers; a state profile's edits ("MO-501") come with the profile
            by_number.setdefault(r.number, []).append(r)
    out: dict[str, Entry] = {n: _implemented(n, rules) for n, rules in by_number.items()}
    specs = fbi_dictionary().specs
    for change in specs.renumbered():
        n = change.number
        versions = tuple(VersionOfEdit(v.version, False, "", change.statement if v.version == change.version else
                                       v.statement, "renumbered" if v.version == change.version else "")
                         for v in specs)
        out.setdefault(n, Entry(number=n, status=RENUMBERED, title=change.title, see=change.to,
                                note=f"now {change.to}" + (" (implemented)" if change.to in by_number else ""),
                                versions=versions))
    for n, (status, title, why) in _OTHER.items():
        if n in out:
            continue
        declared = WARNING if len(n) > 3 else ERROR
        versions = _versions(n, declared) if status not in (NOT_IN_SPEC,) else ()
        out[n] = Entry(number=n, status=status, title=title, note=why, versions=versions,
                       specs=tuple(v.version for v in versions if v.applies),
                       severity=declared if status in (FILE,) else "")
    return [out[n] for n in sorted(out, key=_sort_key)]


def entry(number: str) -> Entry | None:
    return next((e for e in entries() if e.number == number), None)


def numbers(statuses: Iterable[str] | None = None) -> set[str]:
    wanted = set(statuses) if statuses is not None else set(STATUSES)
    return {e.number for e in entries() if e.status in wanted}


def counts() -> dict[str, int]:
    out = {s: 0 for s in STATUSES}
    for e in entries():
        out[e.status] += 1
    return out


__all__ = ["Entry", "entries", "entry", "numbers", "counts", "STATUSES", "STATUS_WORDS", "IMPLEMENTED", "FILE",
           "NOT_OFFLINE", "LEGACY", "RENUMBERED", "NOT_IN_SPEC", "NOT_IMPLEMENTED", "ERROR", "WARNING"]
