"""The key of an encrypted database derived early, in a thread, while the start imports the storage layer
(desktop.store.prekey): the store's first connection is that one, and only for the same file and passphrase."""

from __future__ import annotations

import pytest

from nibrs_samples import simple_incident
from desktop.store import crypto, prekey
from desktop.store.db import WrongPassphrase, open_database
from desktop.store.service import Store

PASSPHRASE = "an early passphrase"


@pytest.fixture
def encrypted(data_dir):
    store = Store.open(data_dir, passphrase=PASSPHRASE)
    store.create(simple_incident("25-000777"))
    store.close()
    yield data_dir / "nibrs-desk.sqlite3"
    prekey.discard()


@pytest.fixture
def connects(monkeypatch):
    """Every SQLCipher connection opened, by the thread it was opened in."""
    import threading

    made = []
    real = crypto.connect

    def counting(path, passphrase, **kw):
        made.append(threading.current_thread().name)
        return real(path, passphrase, **kw)

    monkeypatch.setattr(crypto, "connect", counting)
    return made


def test_the_store_takes_the_connection_whose_key_was_derived_early(encrypted, connects):
    prekey.start(encrypted, PASSPHRASE)
    store = Store(open_database(encrypted.parent, passphrase=PASSPHRASE))
    try:
        assert [s.number for s in store.search()] == ["25-000777"]
        assert connects == ["nibrs-desk key derivation"]  # the key derived once, in the thread
        assert prekey.take(encrypted, PASSPHRASE) is None  # taken: nothing left
    finally:
        store.close()


def test_another_passphrase_is_not_taken_and_a_wrong_one_is_still_refused(encrypted, connects):
    prekey.start(encrypted, "not the passphrase")
    with pytest.raises(WrongPassphrase):
        open_database(encrypted.parent, passphrase="not the passphrase")  # nothing opened early to take
    prekey.start(encrypted, PASSPHRASE)
    assert prekey.take(encrypted.parent / "other.sqlite3", PASSPHRASE) is None
    assert prekey.take(encrypted, "another") is None
    con = prekey.take(encrypted, PASSPHRASE)
    assert con is not None and con.execute("SELECT count(*) FROM incident").fetchone()[0] == 1
    con.close()


def test_a_connection_nobody_takes_is_closed(encrypted):
    prekey.start(encrypted, PASSPHRASE)
    job = prekey._pending
    prekey.discard()
    assert prekey._pending is None and job["con"] is not None
    with pytest.raises(Exception, match="closed"):
        job["con"].execute("SELECT 1")
