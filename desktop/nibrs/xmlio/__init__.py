"""NIBRS XML (FBI IEPD 2019.1): one report per ``nibrs:Submission`` document, read and written.

Where each data element lives comes from the data dictionary (``xml`` of each placement, relative
to ``nibrs:Report``): its first step names the entity that holds it (``j:Offense``,
``nc:Person``, ``nc:Item`` ...), the rest the path inside that entity. XML code values come from
the code lists (flat code <-> XML value, e.g. relationship AQ <-> Acquaintance, bias 88 <->
NONE, loss type 7 <-> STOLEN, age NN <-> NEONATAL, booleans). What this module knows itself is
the IEPD's structure around the elements: entities linked by ``s:id``/``s:ref`` through
``nc:RoleOfPerson`` and the association elements, and the element order, which it takes from the
schema set shipped in ``resources/fbi/xsd-iepd-2019.1``.

Property: the XML has one ``nc:Item`` (or ``nc:Substance`` for drugs) per property description
with its status. Reading groups them into property segments by loss type, in document order;
the drugs of a segment become its drug rows (two measurements of one drug type stay two rows),
and the value of the drugs' own property description is the sum of the substances' values.
DE 18/19 are the ``nc:ItemQuantity`` of the stolen/recovered motor-vehicle items.

Every document written is validated against the schema first (loaded once); an invalid one is
refused with the schema's message. Reading parses safely: no DTD, no entities, no network, and
a document that carries a DOCTYPE is refused, so external entities and entity bombs never load.

The package's modules: ``schema`` (namespaces, envelope tags, the schema and its element order),
``paths`` (where each element lives; values as XML text), ``safe`` (safe parsing), ``reader``,
``writer`` and ``month`` (a month of documents with its manifest). Import from here.
"""

from desktop.nibrs.xmlio.month import (  # noqa: F401
    MANIFEST_COLUMNS, MANIFEST_NAME, ManifestEntry, MonthResult, manifest_bytes, read_manifest, write_manifest,
    write_xml_month,
)
from desktop.nibrs.xmlio.reader import (  # noqa: F401
    IEPD_42_NAMESPACES, IEPD_42_VALUES, is_iepd_42, read_xml, upgrade_iepd_42,
)
from desktop.nibrs.xmlio.safe import MAX_DOCUMENT_BYTES, XmlReadError, parse_document  # noqa: F401
from desktop.nibrs.xmlio.schema import (  # noqa: F401
    IEPD_VERSION, NS, S_ID, S_REF, SCHEMA_ENTRY, SCHEMA_FOLDER, T, schema, schema_errors,
)
from desktop.nibrs.xmlio.writer import XmlWriteError, build_document, describe, to_xml, write_xml  # noqa: F401
