"""Parsing a NIBRS XML document safely: no DTD, no entities, no network, no DOCTYPE."""

from __future__ import annotations

import io
import os
from typing import IO

from lxml import etree


class XmlReadError(ValueError):
    """A document cannot be read as NIBRS XML; the message names the file (and line when known)."""


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, dtd_validation=False,
                           huge_tree=False, remove_comments=True, remove_pis=True)


MAX_DOCUMENT_BYTES = 64 * 1024 * 1024  # one report per document: far below this


def _has_doctype(data: bytes) -> bool:
    """True if the prolog (before the root element) holds a DOCTYPE declaration."""
    i, n = 0, len(data)
    if data.startswith(b"\xef\xbb\xbf"):
        i = 3
    while i < n:
        while i < n and data[i:i + 1].isspace():
            i += 1
        if data.startswith(b"<?", i):
            end = data.find(b"?>", i)
        elif data.startswith(b"<!--", i):
            end = data.find(b"-->", i)
        else:
            return data.startswith(b"<!DOCTYPE", i)
        if end < 0:
            return False
        i = end + 2
    return False


def parse_document(source: str | os.PathLike | bytes | IO[bytes], name: str | None = None) -> etree._ElementTree:
    """Parse an XML document safely; raises :class:`XmlReadError` naming the file.

    No DTD is loaded, no entity expanded, nothing fetched from the network; a document that
    declares a DOCTYPE is refused before parsing (and again after, should the prolog be in an
    encoding the first check cannot see), so external entities and entity bombs never load.
    """
    if name is None:
        name = os.fspath(source) if isinstance(source, (str, os.PathLike)) else getattr(source, "name", "<xml>")
    refused = (f"{name}: the document carries a DOCTYPE declaration; NIBRS XML has none, and documents with "
               "one are refused so that no entity or external file is ever loaded")
    try:
        if isinstance(source, bytes):
            data = source
        elif isinstance(source, (str, os.PathLike)):
            with open(source, "rb") as fh:
                data = fh.read(MAX_DOCUMENT_BYTES + 1)
        else:
            data = source.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as exc:
        raise XmlReadError(f"{name}: cannot be read: {exc.strerror or exc}") from None
    if len(data) > MAX_DOCUMENT_BYTES:
        raise XmlReadError(f"{name}: larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MB; a NIBRS XML document "
                           "holds one report")
    if _has_doctype(data):
        raise XmlReadError(refused)
    try:
        tree = etree.parse(io.BytesIO(data), safe_parser())
    except etree.XMLSyntaxError as exc:
        line = f", line {exc.lineno}" if getattr(exc, "lineno", None) else ""
        raise XmlReadError(f"{name}{line}: not well-formed XML: {exc.msg}") from None
    info = tree.docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise XmlReadError(refused)
    return tree
