"""YAML data files read once per content: the parsed data kept in the user's cache folder (issue 13, item 4).

The dictionary (codes.yaml, elements.yaml) and the specification versions are parsed on every start; the
parsed data is plain (mappings, lists, text, numbers, days), so it is kept as a pickle named by the SHA-256 of
the file's bytes (and of the loader: the PyYAML version), in ``desktop.paths.cache_dir()``. The cache is safe:

* a file that changed has another hash: it is parsed again (and kept under its new name);
* a cache file is checked against the SHA-256 of its own payload before it is read, and read by an unpickler
  that makes nothing but plain data and days (``_Plain``): a truncated, corrupt or foreign file is ignored and
  the YAML parsed, never a crash;
* a cache that cannot be written (read-only, full disk) is simply not written.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

import yaml

try:  # the C loader is many times faster; fall back when libyaml is absent
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

MAGIC = b"NIBRS-DESK-YAML-CACHE-1\n"
_ALLOWED = {("datetime", "date"): datetime.date, ("datetime", "datetime"): datetime.datetime}


class _Plain(pickle.Unpickler):
    """Unpickles plain data only: no class but ``datetime.date``/``datetime.datetime`` can be named."""

    def find_class(self, module: str, name: str) -> Any:
        try:
            return _ALLOWED[(module, name)]
        except KeyError:
            raise pickle.UnpicklingError(f"{module}.{name} is not plain data") from None


def cache_folder() -> Path | None:
    from desktop import paths

    try:
        return paths.cache_dir() / "yaml"
    except Exception:  # no home, no platform folder: no cache
        return None


def _read(where: Path) -> Any:
    blob = where.read_bytes()
    if not blob.startswith(MAGIC) or len(blob) < len(MAGIC) + 32:
        raise ValueError("not a cache file")
    check, payload = blob[len(MAGIC):len(MAGIC) + 32], blob[len(MAGIC) + 32:]
    if hashlib.sha256(payload).digest() != check:
        raise ValueError("damaged")
    return _Plain(io.BytesIO(payload)).load()


def _write(where: Path, value: Any) -> None:
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    where.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=where.parent, prefix=where.name, suffix=".part")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC + hashlib.sha256(payload).digest() + payload)
        os.replace(tmp, where)  # never a half-written file under the final name
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def load_yaml(path: Path) -> Any:
    """The data of a YAML file: from the cache when these very bytes were parsed before, else parsed (and kept)."""
    data = Path(path).read_bytes()
    key = hashlib.sha256(MAGIC + yaml.__version__.encode() + _Loader.__name__.encode() + b"\0" + data).hexdigest()
    folder = cache_folder()
    where = folder / f"{key}.pickle" if folder is not None else None
    if where is not None:
        with contextlib.suppress(Exception):  # missing, unreadable, damaged, foreign: parsed again below
            return _read(where)
    stream = io.StringIO(data.decode("utf-8"))
    stream.name = str(path)  # a YAML error names the file (and line), as parsing the file itself did
    value = yaml.load(stream, Loader=_Loader)
    if where is not None:
        with contextlib.suppress(Exception):  # read-only or full: no cache this time
            _write(where, value)
    return value
