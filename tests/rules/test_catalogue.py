"""The catalogue covers every FBI number; every implemented number has a rule and a test case;
every rule carries its metadata."""

from __future__ import annotations

import json
import re

import pytest

from cases import CASES
from testpaths import shared_path
from desktop.cli import main
from desktop.nibrs.dictionary import dictionary
from desktop.nibrs.findings import ERROR, WARNING
from desktop.nibrs.rules import REGISTRY, SPEC_VERSIONS, catalogue

# The numbers of the reference guide (guide/nibrs-edits-reference.md) and of the 2019.1 spec,
# kept here so the check runs without ../shared; the tests below re-read both when present.
KNOWN = set("""
001 015 016 017 028 029 030 031 050 051 052 053 055 056 057 058 059 060 064 065 070 071 072 073 074 075 076 077 078
080 081 084 085 087 088 089 090 091 092 093 094 095 096 099
101 104 105 106 115 116 117 118 119 120 121 122 151 152 153 154 155 156 157 158 159 160 161 162 163 164 165 166 167
168 169 170 171 172 173 174 175 176 177 178 197 198 199
201 202 204 205 206 207 215 216 217 219 220 221 222 250 251 252 253 254 255 256 257 258 262 263 264 265 266 267 268
269 270 284
301 302 304 305 306 315 316 317 320 321 342 343 351 352 353 354 355 356 357 358 359 360 361 362 363 364 365 366 367
368 369 370 371 372 375 376 377 378 379 380 381 382 383 384 387 388 389 390 391 392 393
401 402 404 406 407 408 409 410 415 416 417 419 422 449 450 451 452 453 454 455 456 457 458 459 460 461 462 463 464
465 466 467 468 469 470 471 472 474 475 476 477 478 479 480 481 482 483 484 485 490
501 502 504 508 509 510 515 516 517 522 549 550 551 552 553 554 555 556 557 558 559 560 572 584
601 602 604 605 606 607 608 609 610 615 616 617 618 620 621 622 623 640 641 650 652 653 654 655 656 657 658 659 660
661 662 663 664 665 667 668 669 670 671
701 702 704 705 706 707 708 709 710 715 716 717 718 720 722 740 741 750 751 752 753 754 755 757 758 759 760 761 762
797 798 799 930 931 932 933 934 952
1201 1202 1203 1204 1209 1220 1221 1222 1223 1224 1225 1226 1302 1303 1304 1305 1306 1307 1308 1310 1312 1314 1316
1342 1343 1401 1402 1403 1404 1405 1407 1408 1409 1413 1427 1441 1449 1501 1508 1509 1541 1549 1601 1607 1608 1609
1640 1641 1701 1708 1740 1741
""".split())


def _catalogue_numbers() -> set[str]:
    return {e.number for e in catalogue.entries()}


def test_catalogue_covers_every_known_number():
    missing = KNOWN - _catalogue_numbers()
    assert not missing, sorted(missing)


def _expand(text: str) -> set[str]:
    """Numbers in a piece of the guide, with ranges such as 157–167 expanded."""
    out: set[str] = set()
    for a, b in re.findall(r"\b(\d{3,4})\s*[–-]\s*(\d{3,4})\b", text):
        if len(a) == len(b) and int(a) < int(b) <= int(a) + 20:
            out.update(str(n).zfill(len(a)) for n in range(int(a), int(b) + 1))
    out.update(re.findall(r"(?<![\d,$])(\d{3,4})(?![\d,])", text))
    return out


def test_catalogue_covers_the_reference_guide():
    text = shared_path("guide", "nibrs-edits-reference.md").read_text(encoding="utf-8")
    numbers = set(re.findall(r"^\| (\d{3,4}) ", text, flags=re.M))  # table rows
    section = text[text.index("#### FBI 2019.1 numbers that SEARCH does not catalogue"):
                   text.index("**Where we can beat SEARCH cheaply:**")]
    words = {"240", "280", "2019", "2020", "000"}  # offense codes and years named in that section's prose
    numbers |= _expand(section) - words
    missing = numbers - _catalogue_numbers()
    assert not missing, sorted(missing)
    assert numbers <= KNOWN, sorted(numbers - KNOWN)


def test_catalogue_covers_spec_2019_1_section_5_2_and_appendix_f():
    path = shared_path("nibrs", "docs", "text", "ucr-2019-1-nibrs-technical-specification-1.txt")
    lines = [line.lstrip("\f") for line in path.read_text(encoding="utf-8").split("\n")]
    start = next(i for i, line in enumerate(lines) if re.match(r"^5\.2\s+Error", line))
    end = next(i for i, line in enumerate(lines) if re.match(r"^6\s+RECORD\s+LAYOUTS", line))
    numbers = {m.group(1) for line in lines[start:end]
               if (m := re.match(r"^ {1,12}(\d{3,4})(?!\s*[=-])(?:\s|$)", line))}
    legacy = next(i for i, line in enumerate(lines) if "LEGACY TIME WINDOW ERRORS" in line)
    numbers |= set(re.findall(r"(?<!\d)(\d{3}):", "\n".join(lines[legacy:])))
    assert len(numbers) > 300
    missing = numbers - _catalogue_numbers()
    assert not missing, sorted(missing)
    assert numbers <= KNOWN, sorted(numbers - KNOWN)


def test_every_registered_number_is_implemented_in_the_catalogue_and_back():
    implemented = catalogue.numbers([catalogue.IMPLEMENTED])
    assert implemented == REGISTRY.fbi_numbers()
    for e in catalogue.entries():
        if e.status == catalogue.IMPLEMENTED:
            assert e.rules and set(e.rules) == {r.name for r in REGISTRY.by_number(e.number)}
        else:
            assert not REGISTRY.by_number(e.number), e.number
            assert e.note, f"{e.number} needs the reason for its status"


def test_every_implemented_number_has_a_test_case():
    tested = {c.number for c in CASES}
    fbi = REGISTRY.fbi_numbers()
    assert tested == fbi, (sorted(fbi - tested), sorted(tested - fbi))


def test_renumbered_entries_point_at_implemented_numbers():
    for e in catalogue.entries():
        if e.status == catalogue.RENUMBERED:
            assert e.see and catalogue.entry(e.see).status in (catalogue.IMPLEMENTED, catalogue.NOT_OFFLINE), e.number


def test_rules_carry_their_metadata():
    d = dictionary()
    names = set()
    for r in REGISTRY.rules:
        if r.profiles is not None:
            continue  # a state profile's own edits (desktop/nibrs/profiles.py)
        assert re.fullmatch(r"\d{3,4}", r.number), r
        assert r.severity in (ERROR, WARNING)
        assert r.message and r.fix and r.fbi_message, r.name
        assert r.elements, f"{r.number} {r.name} reads no element, so live validation would never run it"
        for e in r.elements:
            assert e in d.elements, f"{r.number} {r.name}: unknown element {e}"
        assert (r.number, r.name) not in names, f"two rules {r.number} named {r.name}"
        names.add((r.number, r.name))
        if len(r.number) == 4:
            assert r.severity == WARNING, f"data-quality check {r.number} must be a warning"
        else:
            assert r.severity == ERROR, f"{r.number} must be an error"


def test_spec_version_metadata_comes_from_the_declarations():
    assert SPEC_VERSIONS == ("2019.1", "2023.0", "2025.0")
    by = {e.number: e for e in catalogue.entries()}
    for n in ("106", "490"):
        assert by[n].specs == ("2019.1", "2023.0"), n
    for n in ("258", "265"):
        assert [(v.version, v.severity) for v in by[n].versions] == [
            ("2019.1", ERROR), ("2023.0", ERROR), ("2025.0", WARNING)], n
    for n in ("250", "650", "750", "485"):
        assert by[n].specs == ("2023.0", "2025.0"), n
    assert by["401"].specs == SPEC_VERSIONS


def test_rules_command_text(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "401   implemented [error]" in out
    assert "258   implemented [error; warning in 2025.0]" in out
    assert "178   checked when reading a file" in out
    assert "930   not checkable offline" in out
    assert "342   renumbered" in out and "now 1342" in out
    counts = catalogue.counts()
    assert f"{counts['implemented']} implemented" in out


def test_rules_command_json(capsys):
    assert main(["rules", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    by_number = {d["number"]: d for d in data}
    assert set(by_number) == _catalogue_numbers()
    assert by_number["1342"]["severity"] == "warning"
    assert by_number["106"]["spec_versions"] == ["2019.1", "2023.0"]
    assert by_number["484"]["status"] == "file"
    assert main(["rules", "056", "--format", "json"]) == 0
    one = json.loads(capsys.readouterr().out)
    assert [d["number"] for d in one] == ["056"] and "database" in one[0]["note"]


def test_rules_command_filters_and_refuses_unknown_numbers(capsys):
    assert main(["rules", "--status", "not-implemented"]) == 0
    out = capsys.readouterr().out
    assert "461" in out and "401" not in out
    assert main(["rules", "9999"]) == 2
    assert "unknown FBI error number" in capsys.readouterr().err


@pytest.mark.parametrize("number", ["104", "204", "304", "404", "504", "604", "704"])
def test_x04_rules_read_every_coded_element(number):
    d = dictionary()
    (r,) = [r for r in REGISTRY.by_number(number) if r.name.startswith("invalid_code")]
    coded = {e.id for e, _p in d.model_elements(r.segment) if e.type == "code"} - {"3_report", "7", "48"}
    assert coded <= set(r.elements)
