"""Helpers for the file-validation tests: run the checker on files, summarise findings, build flat files."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from datetime import date
from pathlib import Path

from testpaths import REPO
from desktop.nibrs import model as m
from desktop.nibrs.filecheck import FileChecker, inputs
from desktop.nibrs.flatfile import segment_lines

TODAY = date(2026, 1, 1)


def check(*paths, **kw) -> tuple[list, FileChecker]:
    """Every finding of the inputs (as the command reads them) and the checker (for its tally)."""
    kw.setdefault("today", TODAY)
    checker = FileChecker(**kw)
    found = []
    for item in inputs([str(p) for p in paths]):
        for result in checker.check(item):
            found += result.findings
    return found, checker


def summary(findings) -> list[tuple[str, int, str]]:
    """(error, record, path) of each finding, sorted: what the sample tests predict."""
    return sorted((f.error, f.record, f.path) for f in findings)


def numbers(findings) -> Counter:
    return Counter(f.error for f in findings)


def lines_of(report, action: str = "I", year: int = 2025, month: int = 3) -> list[str]:
    return segment_lines(m.Submission(report=report, action=action, year=year, month=month))


def write(path: Path, *groups: list[str], newline: str = "\r\n") -> Path:
    path.write_bytes("".join(line + newline for group in groups for line in group).encode("ascii"))
    return path


def put(line: str, position: int, value: str) -> str:
    """``line`` with ``value`` written at 1-based ``position``."""
    return line[:position - 1] + value + line[position - 1 + len(value):]


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """``nibrs-desk ARGS`` in a child process (as a user runs it)."""
    return subprocess.run([sys.executable, "-m", "desktop", *args], capture_output=True, text=True, cwd=REPO,
                          timeout=timeout)


def cli_json(*args: str) -> tuple[int, list[dict], str]:
    proc = run_cli("validate", "--format", "json", "--today", TODAY.isoformat(), *args)
    return proc.returncode, json.loads(proc.stdout) if proc.stdout.strip() else [], proc.stderr
