"""The NIBRS flat file (FBI Technical Specification 2019.1): a streaming reader and a writer.

A flat file holds one segment per line: levels 0 (zero report), 1-6 (a Group A incident:
administrative, offense, property, victim, offender, arrestee) and 7 (Group B arrest). Every
position, length and code comes from the data dictionary; this module only knows how the
pieces are laid side by side, and precomputes that once per segment level.

Reading (:class:`FlatFileReader`, :func:`read_flat`) is a generator of
:class:`~desktop.nibrs.model.Submission` objects and is lenient the way real files need:
short and long segment forms mixed in one file, trailing blanks trimmed, blank lines, CRLF or
LF. Values it cannot read go into the segment's ``invalid`` map (unknown codes stay in their
field for the validator). Structure problems become :class:`~desktop.nibrs.findings.Finding`
objects with the FBI's error numbers (see :data:`READER_ERRORS`). Input that is not a flat file
at all - binary bytes, a line cut off in the middle of a field - raises :class:`FlatFileError`
naming the file and line.

Writing (:func:`segment_lines`, :func:`write_flat`) always uses the long segment forms, the
month and year of submission in every header, ASCII and CRLF line ends (as the FBI samples).

The package's modules: ``layout`` (positions worked out from the dictionary), ``flatgen`` (the
parse function generated for each segment level), ``reader`` and ``writer``. Import from here.
"""

from desktop.nibrs.flatfile.reader import (  # noqa: F401
    READER_ERRORS, FlatFileError, FlatFileReader, read_flat, read_flat_text,
)
from desktop.nibrs.flatfile.writer import CRLF, FlatWriteError, dumps, segment_lines, write_flat, write_lines  # noqa: F401
