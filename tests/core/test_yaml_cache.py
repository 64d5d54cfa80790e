"""The dictionary's YAML files parsed once per content, kept in the user's cache folder (desktop.nibrs.yamlcache):
invalidated when the file changes, a damaged or foreign cache file ignored (never a crash)."""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
from datetime import date

import pytest
import yaml

from testpaths import REPO
from desktop.nibrs import yamlcache
from desktop.nibrs.dictionary import load_dictionary

CODES = REPO / "resources" / "dictionary" / "codes.yaml"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("NIBRS_DESK_CACHE_DIR", str(folder))
    return folder / "yaml"


@pytest.fixture
def parses(monkeypatch):
    """The files YAML parsed (not read from the cache)."""
    seen = []
    real = yaml.load
    monkeypatch.setattr(yamlcache.yaml, "load",
                        lambda stream, Loader: seen.append(getattr(stream, "name", "?")) or real(stream, Loader))
    return seen


def test_parsed_once_then_read_from_the_cache_with_the_same_data(tmp_path, cache, parses):
    f = tmp_path / "codes.yaml"
    shutil.copy(CODES, f)
    first = yamlcache.load_yaml(f)
    assert len(parses) == 1 and len(list(cache.glob("*.pickle"))) == 1
    again = yamlcache.load_yaml(f)
    assert len(parses) == 1 and again == first == yaml.load(CODES.read_text(), Loader=yaml.SafeLoader)
    again["offense_code"]["codes"].clear()  # each load is a fresh copy: changing one changes no other
    assert yamlcache.load_yaml(f) == first


def test_a_changed_file_is_parsed_again(tmp_path, cache, parses):
    f = tmp_path / "x.yaml"
    f.write_text("a: 1\nday: 2021-01-01\n")
    assert yamlcache.load_yaml(f) == {"a": 1, "day": date(2021, 1, 1)}
    f.write_text("a: 2\nday: 2021-01-01\n")
    assert yamlcache.load_yaml(f) == {"a": 2, "day": date(2021, 1, 1)} and len(parses) == 2
    assert yamlcache.load_yaml(f)["a"] == 2 and len(parses) == 2


def _payload_file(payload: bytes) -> bytes:
    return yamlcache.MAGIC + hashlib.sha256(payload).digest() + payload


class _Boom:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


@pytest.mark.parametrize("damage", [
    lambda blob: b"",  # empty
    lambda blob: blob[: len(blob) // 2],  # truncated
    lambda blob: blob[:-1] + bytes([blob[-1] ^ 0xFF]),  # a flipped byte: its checksum fails
    lambda blob: b"garbage" * 100,  # not a cache file
    lambda blob: _payload_file(b"\x80\x05not a pickle"),  # checksum right, not a pickle
    lambda blob: _payload_file(pickle.dumps(_Boom())),  # checksum right, names a function: refused
])
def test_a_damaged_or_foreign_cache_file_is_ignored_and_written_again(tmp_path, cache, parses, damage):
    f = tmp_path / "x.yaml"
    f.write_text("a: [1, 2]\n")
    assert yamlcache.load_yaml(f) == {"a": [1, 2]}
    (kept,) = cache.glob("*.pickle")
    kept.write_bytes(damage(kept.read_bytes()))
    assert yamlcache.load_yaml(f) == {"a": [1, 2]} and len(parses) == 2  # parsed again, no crash
    assert yamlcache.load_yaml(f) == {"a": [1, 2]} and len(parses) == 2  # and the cache written again


def test_no_cache_when_the_folder_cannot_be_written(tmp_path, monkeypatch, parses):
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    monkeypatch.setenv("NIBRS_DESK_CACHE_DIR", str(blocked))
    f = tmp_path / "x.yaml"
    f.write_text("a: 1\n")
    assert yamlcache.load_yaml(f) == {"a": 1} and yamlcache.load_yaml(f) == {"a": 1} and len(parses) == 2


def test_the_dictionary_from_the_cache_is_the_dictionary(cache, parses):
    first = load_dictionary()
    parsed = len(parses)
    second = load_dictionary()
    assert parsed >= 2 and len(parses) == parsed  # codes, elements, specs: all from the cache the second time
    assert first.elements == second.elements and first.code_lists == second.code_lists
    assert first.segments == second.segments and first.groups == second.groups


def test_a_yaml_error_names_the_file_and_line(tmp_path, cache, parses):
    f = tmp_path / "broken.yaml"
    f.write_text("a: 1\nb: [1, 2\nc: 3\n")
    with pytest.raises(yaml.YAMLError) as caught:
        yamlcache.load_yaml(f)
    assert str(f) in str(caught.value) and "line 3" in str(caught.value), str(caught.value)
    assert parses == [str(f)] and not list(cache.glob("*.pickle"))  # nothing cached for a file that failed
