"""Which machine wrote a transfer file: each machine's signing key, and the machines paired with an office.

Every machine has an Ed25519 key pair of its own, made the first time it is needed (when a transfer file is
written or this machine's pairing code is shown) and kept in the data folder (``machine-key.pem``, mode
0600). A transfer file is signed with it. The office reads a transfer file only from a machine an
administrator has *paired*: its public key (the pairing code, shown on the laptop) registered with the
office user the laptop belongs to. That user — not any name the file carries — is the file's author:
what the file may change is what that user could change at the office.

The signature says which machine wrote the file and that nothing in it changed since; it does not make the
file's content trustworthy (whoever holds the laptop's data folder holds its key), which is why every
record is still checked against its author's rights (``desktop.store.transfer``).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from desktop import paths
from desktop.store import audit, users

KEY_FILE = "machine-key.pem"
PAIRED_KEY = "paired_machines"  # setting: fingerprint -> {public_key, owner, name, paired_at, paired_by}
SIGNATURE, PUBLIC_KEY = "signature", "public_key"  # meta rows of a transfer file
_DOMAIN = b"nibrs-desk-transfer-signature/1\n"


class PairingError(RuntimeError):
    pass


# ------------------------------------------------------------------------------------ this machine's key
def key_path(store) -> Path:
    folder = getattr(store.db, "data_dir", None)
    return Path(folder if folder is not None else paths.data_dir()) / KEY_FILE


def machine_key(store) -> Ed25519PrivateKey:
    """This machine's signing key, made (0600, in the data folder) the first time it is needed."""
    path = key_path(store)
    if path.exists():
        try:
            key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        except (ValueError, TypeError) as exc:
            raise PairingError(f"{path}: this machine's signing key cannot be read ({exc}); move the file away "
                               "to make a new key, and pair this machine with the office again") from None
        if not isinstance(key, Ed25519PrivateKey):
            raise PairingError(f"{path}: not an Ed25519 key")
        return key
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
    partial = path.with_name(path.name + ".part")
    fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, pem)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.chmod(partial, 0o600)
    os.replace(partial, path)
    return key


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def pairing_code(store) -> str:
    """This machine's public key as text: what the administrator types or pastes at the office to pair it."""
    return base64.b64encode(public_bytes(machine_key(store).public_key())).decode("ascii")


def fingerprint(code: str) -> str:
    """A short name for a machine's key (16 hex digits in groups of four), shown on both sides when pairing."""
    raw = _decode(code)
    digest = hashlib.sha256(raw).hexdigest()[:16]
    return "-".join(digest[i:i + 4] for i in range(0, 16, 4))


def _decode(code: str) -> bytes:
    try:
        raw = base64.b64decode((code or "").strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != 32:
        raise PairingError("not a pairing code: run `nibrs-desk transfer machine` (or open Tools > Paired "
                           "machines) on the laptop and copy the code it shows")
    return raw


# ------------------------------------------------------------------------------------ the office's paired machines
def paired_machines(store) -> dict[str, dict[str, Any]]:
    value = store.get_setting(PAIRED_KEY)
    return dict(value) if isinstance(value, dict) else {}


PERSON, OFFICE = "person", "office"  # whose machine: a person's (their proposals) or the office's (its decisions)


def pair(store, code: str, owner: str, name: str = "", *, office: bool = False) -> str:
    """Register a machine's public key here, for the office user ``owner`` (an administrator's act).

    ``office=True`` pairs the office's own machine with a laptop: its files carry the office's decisions
    (statuses and authors as the office recorded them), so that only the laptop's administrator pairs it."""
    store.require(users.SETTINGS, "pair machines with the office")
    fp = fingerprint(code)
    owner = (owner or "").strip()
    if office:
        owner = owner or "office"
    elif store.has_users():
        known = {u["username"]: u for u in store.list_users()}
        if owner not in known:
            raise PairingError(f"there is no user {owner!r} at this office: name the person the machine belongs to")
        if not known[owner]["active"]:
            raise PairingError(f"{owner}'s account is disabled: a disabled account cannot own a paired machine")
    elif not owner:
        raise PairingError("name the person the machine belongs to")
    machines = paired_machines(store)
    entry = {PUBLIC_KEY: base64.b64encode(_decode(code)).decode("ascii"), "owner": owner,
             "name": (name or "").strip()[:80], "paired_at": datetime.now().replace(microsecond=0).isoformat(),
             "paired_by": store.user, "kind": OFFICE if office else PERSON}
    machines[fp] = entry
    _save(store, machines, {"paired": fp, "owner": owner, "name": entry["name"], "kind": entry["kind"]})
    return fp


def unpair(store, fp: str) -> None:
    store.require(users.SETTINGS, "pair machines with the office")
    machines = paired_machines(store)
    if fp not in machines:
        raise PairingError(f"no machine {fp} is paired with this office")
    gone = machines.pop(fp)
    _save(store, machines, {"unpaired": fp, "owner": gone.get("owner", "")})


def _save(store, machines: dict[str, Any], detail: dict[str, Any]) -> None:
    from desktop.store import schema as s

    with store.unit(users.SETTINGS, "pair machines with the office") as u:
        row = u.session.get(s.Setting, PAIRED_KEY)
        if row is None:
            u.session.add(s.Setting(key=PAIRED_KEY, value=machines))
        else:
            row.value = machines
        u.audit(audit.SETTINGS, detail={"setting": PAIRED_KEY, **detail})


# ------------------------------------------------------------------------------------ signing a transfer file
def content_digest(con: sqlite3.Connection) -> bytes:
    """SHA-256 over every table of a transfer file — its definition and every row, in order — except the
    signature itself. Any table or column added later (a record's local extras) is covered without a change
    here."""
    h = hashlib.sha256(_DOMAIN)
    tables = [r[0] for r in con.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
    for table in tables:
        sql = con.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)).fetchone()[0]
        h.update(json.dumps(["table", table, sql]).encode() + b"\n")
        quoted = '"' + table.replace('"', '""') + '"'
        for row in con.execute(f"SELECT * FROM {quoted} ORDER BY rowid"):  # noqa: S608 (names from the file itself)
            if table == "meta" and row and row[0] == SIGNATURE:
                continue
            h.update(json.dumps([_plain(v) for v in row]).encode() + b"\n")
    return h.digest()


def _plain(value: Any) -> Any:
    return {"bytes": bytes(value).hex()} if isinstance(value, (bytes, bytearray, memoryview)) else value


def sign(store, con: sqlite3.Connection) -> None:
    """Sign a written transfer file (its meta must already hold this machine's ``public_key``)."""
    signature = machine_key(store).sign(content_digest(con))
    con.execute("INSERT INTO meta VALUES (?, ?)", (SIGNATURE, signature.hex()))


def check_signature(store, con: sqlite3.Connection, meta: dict[str, str], where: str) -> dict[str, Any]:
    """The paired machine that signed this file (its registry entry, with ``fingerprint``), or PairingError."""
    code, signature = meta.get(PUBLIC_KEY), meta.get(SIGNATURE)
    if not code or not signature:
        raise PairingError(f"{where}: the transfer file is not signed, so nothing says which machine wrote it or "
                           "that it was not changed since: refused (write it again with this version of NIBRS Desk "
                           "on a paired machine)")
    try:
        fp = fingerprint(code)
    except PairingError:
        raise PairingError(f"{where}: the transfer file's machine key is damaged: refused") from None
    entry = paired_machines(store).get(fp)
    if entry is None:
        raise PairingError(f"{where}: written by machine {fp}, which is not paired with this office: refused "
                           "(an administrator pairs it first: `nibrs-desk transfer pair`, or Tools > Paired machines)")
    try:
        Ed25519PublicKey.from_public_bytes(_decode(entry[PUBLIC_KEY])).verify(bytes.fromhex(signature),
                                                                             content_digest(con))
    except (InvalidSignature, ValueError):
        raise PairingError(f"{where}: the signature does not match the content: the file was changed after machine "
                           f"{fp} wrote it, refused") from None
    return {**entry, "fingerprint": fp}
