"""Reading a survey file into numbered rows of text, bounded by what is read.

A hostile file can be small and still describe a huge table: an XLSX whose sheet declares
the dimension A1:XFD1048576, a shared-strings table of gigabytes packed into a few MB, a
CSV of millions of one-letter cells. What a file declares is never trusted, so every
reader here streams and counts as it goes: rows (blank ones too), cells (empty and padded
ones too), the widest row, characters in one row, the bytes a zip member unpacks to, the
shared strings, and the time spent. Past any bound the file is refused at once with
`FileRefused` naming the bound, before the rest is read, and nothing is kept.

openpyxl's own reader pads every row to the declared dimension and loads the whole
shared-strings table before the first row, so only its pieces are used here: the package,
workbook and styles parsers (which sheet is first, which number formats are dates) and its
date and coordinate helpers. The shared strings and the sheet are read by expat calling a
small target that keeps only the values: no element tree is built.
"""

from __future__ import annotations

import codecs
import csv
import io
import time
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import IO, Any
from xml.etree.ElementTree import ParseError, XMLParser

from core.errors import NilaiError
from core.limits import (
    FEEDBACK_CELLS_MAX,
    FEEDBACK_COLUMNS_MAX,
    FEEDBACK_READ_SECONDS,
    FEEDBACK_ROW_CHARS_MAX,
    FEEDBACK_ROWS_MAX,
    FEEDBACK_UNPACKED_MAX_BYTES,
    FEEDBACK_ZIP_RATIO_MAX,
)

MB = 1024 * 1024
CHUNK_BYTES = 64 * 1024
# A zip member this small may be packed as tightly as it likes: the ratio bound is for the
# members that could grow big.
RATIO_FREE_BYTES = MB
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_SI, _T, _RPH = f"{_MAIN}si", f"{_MAIN}t", f"{_MAIN}rPh"
_ROW, _C, _V, _IS = f"{_MAIN}row", f"{_MAIN}c", f"{_MAIN}v", f"{_MAIN}is"
# Elements a cell may bring along (the cell, its value, an inline string's runs).
ELEMENTS_PER_CELL = 4

Records = Iterator[tuple[int, list[str]]]


class FileRefused(NilaiError):
    """The file as a whole can't be read (too big, too many rows, not a table)."""

    key = "feedback.error.unreadable"


@dataclass
class Budget:
    """What one file may still cost: rows, cells and time, spent as they are read."""

    rows: int = 0
    cells: int = 0
    elements: int = 0
    strings: int = 0
    started: float = field(default_factory=time.monotonic)

    def row(self, cells: int) -> None:
        self.rows += 1
        self.cells += cells
        if self.rows > FEEDBACK_ROWS_MAX + 1:  # the header row is not an answer
            raise FileRefused("feedback.error.too_many_rows", max=shown_count(FEEDBACK_ROWS_MAX))
        self.cell(0)

    def cell(self, count: int = 1) -> None:
        self.cells += count
        if self.cells > FEEDBACK_CELLS_MAX:
            raise too_many_cells()

    def element(self) -> None:
        """One XML element read: a file may hold a few per cell, not millions of empty ones."""
        self.elements += 1
        if self.elements > FEEDBACK_CELLS_MAX * ELEMENTS_PER_CELL:
            raise too_many_cells()

    def string(self) -> None:
        """One shared string: a file has no use for more of them than it may have cells."""
        self.strings += 1
        if self.strings > FEEDBACK_CELLS_MAX:
            raise too_many_cells()

    def clock(self) -> None:
        if time.monotonic() - self.started > FEEDBACK_READ_SECONDS:
            raise FileRefused("feedback.error.too_slow", seconds=FEEDBACK_READ_SECONDS)


def shown_count(number: int) -> str:
    """A bound as the import page's help text shows it: 50.000 (a dot between thousands)."""
    return f"{number:,}".replace(",", ".")


def too_many_cells() -> FileRefused:
    return FileRefused("feedback.error.too_many_cells", max=shown_count(FEEDBACK_CELLS_MAX))


def too_wide(row_number: int) -> FileRefused:
    return FileRefused("feedback.error.too_wide", row=row_number, max=FEEDBACK_COLUMNS_MAX)


def trimmed(cells: list[str], row_number: int) -> list[str]:
    """The row without its empty cells at the end; a filled cell past the column bound refuses the file."""
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    if end > FEEDBACK_COLUMNS_MAX:
        raise too_wide(row_number)
    return cells[:end]


# -- CSV ------------------------------------------------------------------------------------


def csv_encoding(raw: bytes) -> tuple[str, str]:
    """(codec, errors) for a CSV file: UTF-8 (BOM or not), UTF-16 with its BOM, else Windows-1252.
    UTF-8 is checked a chunk at a time, so no second copy of the file is made."""
    if raw.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", "replace"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16", "replace"
    decoder = codecs.getincrementaldecoder("utf-8")()
    view = memoryview(raw)
    try:
        for start in range(0, len(raw), MB):
            decoder.decode(view[start : start + MB], final=start + MB >= len(raw))
    except UnicodeDecodeError:
        return "cp1252", "replace"
    return "utf-8", "strict"


def sniff_separator(line: str) -> str:
    """`;`, `,` or a tab: whichever the first non-blank line (outside quotes) holds most of."""
    outside = "".join(line.split('"')[::2])
    counts = {sep: outside.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=lambda sep: (counts[sep], sep == ","))
    return best if counts[best] else ","


def csv_records(raw: bytes, budget: Budget) -> Records:
    codec, errors = csv_encoding(raw)
    text = io.TextIOWrapper(io.BytesIO(raw), encoding=codec, errors=errors, newline="")
    first = ""
    while not first.strip():
        first = text.readline(FEEDBACK_ROW_CHARS_MAX)
        if not first:
            break
    text.seek(0)
    read = {"chars": 0, "row_start": 0}

    def lines() -> Iterator[str]:
        # csv.reader only hands over a whole record, so one record's characters (and with
        # them its cells) are bounded here, line by line, before it is built.
        while line := text.readline(FEEDBACK_ROW_CHARS_MAX + 1):
            read["chars"] += len(line)
            if read["chars"] - read["row_start"] > FEEDBACK_ROW_CHARS_MAX:
                raise FileRefused(
                    "feedback.error.row_too_long", row=reader.line_num + 1, max=shown_count(FEEDBACK_ROW_CHARS_MAX)
                )
            yield line

    reader = csv.reader(lines(), delimiter=sniff_separator(first))
    while True:
        start = reader.line_num + 1
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            raise FileRefused("feedback.error.not_a_table") from error
        read["row_start"] = read["chars"]
        budget.row(len(record))
        if budget.rows % 1024 == 0:
            budget.clock()
        yield start, trimmed(record, start)


# -- XLSX -----------------------------------------------------------------------------------


def check_archive(archive: zipfile.ZipFile) -> None:
    """Refuse a package that unpacks too big, or a member packed too tightly, from the zip's
    directory. Python's zipfile never hands out more than a member's listed size (and then
    checks its CRC), so these sizes also bound what is read later."""
    total = 0
    for member in archive.infolist():
        total += member.file_size
        if total > FEEDBACK_UNPACKED_MAX_BYTES:
            raise FileRefused("feedback.error.unpacks_too_big", mb=FEEDBACK_UNPACKED_MAX_BYTES // MB)
        if member.file_size > RATIO_FREE_BYTES and member.file_size > FEEDBACK_ZIP_RATIO_MAX * max(
            member.compress_size, 1
        ):
            raise FileRefused("feedback.error.packed_too_tightly", ratio=FEEDBACK_ZIP_RATIO_MAX)


class _Collector:
    """What both XML readers share: a parser target (expat calls it, no tree is built) that
    counts every element and keeps text only where a value is, within a length bound."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.parts: list[str] = []
        self.collected = 0
        self.collecting = False
        self.phonetic = 0  # inside a phonetic guide (rPh), whose text is not the value

    def data(self, text: str) -> None:
        if self.collecting and not self.phonetic:
            self.collected += len(text)
            if self.collected > FEEDBACK_ROW_CHARS_MAX:
                raise FileRefused("feedback.error.cell_too_long", max=shown_count(FEEDBACK_ROW_CHARS_MAX))
            self.parts.append(text)

    def taken(self) -> str:
        text = "".join(self.parts)
        self.parts, self.collected = [], 0
        return text

    def close(self) -> None:
        return None


def _feed(source: IO[bytes], target: _Collector) -> Iterator[None]:
    """Feed the part to expat a chunk at a time; after each chunk the caller takes what the
    target has finished."""
    parser = XMLParser(target=target)
    while chunk := source.read(CHUNK_BYTES):
        try:
            parser.feed(chunk)
        except ParseError as error:
            raise FileRefused("feedback.error.not_a_table") from error
        yield
        target.budget.clock()
    try:
        parser.close()
    except ParseError as error:
        raise FileRefused("feedback.error.not_a_table") from error
    yield


class _SharedStrings(_Collector):
    def __init__(self, budget: Budget) -> None:
        super().__init__(budget)
        self.strings: list[str] = []

    def start(self, tag: str, _attrib: dict[str, str]) -> None:
        self.budget.element()
        if tag == _T:
            self.collecting = True
        elif tag == _RPH:
            self.phonetic += 1

    def end(self, tag: str) -> None:
        if tag == _T:
            self.collecting = False
        elif tag == _RPH:
            self.phonetic -= 1
        elif tag == _SI:
            self.strings.append(self.taken())
            self.budget.string()


def shared_strings(source: IO[bytes], budget: Budget) -> list[str]:
    """The shared-strings table (plain and rich text, without phonetic guides), counted as it is read."""
    target = _SharedStrings(budget)
    for _ in _feed(source, target):
        pass
    return target.strings


@dataclass(frozen=True)
class SheetFormats:
    epoch: datetime
    date_styles: frozenset[int]
    duration_styles: frozenset[int]


def _cell_value(kind: str, style: int, text: str, strings: list[str], formats: SheetFormats) -> Any:
    from openpyxl.utils.datetime import from_excel, from_ISO8601

    if kind == "inlineStr" or not text:
        return text or None
    if kind == "s":
        return strings[int(text)]
    if kind == "b":
        return text.strip() not in ("0", "")
    if kind == "d":
        return from_ISO8601(text)
    if kind != "n":  # "str" (a formula's text) and "e" (an error such as #N/A)
        return text
    number = float(text) if any(mark in text for mark in ".eE") else int(text)
    if style in formats.date_styles:
        return from_excel(number, formats.epoch, timedelta=style in formats.duration_styles)
    return number


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class _Sheet(_Collector):
    """The rows as they are in the XML: only the cells it holds, never padded to a declared
    dimension; a cell's value is its <v>, or an inline string's text."""

    def __init__(self, budget: Budget, strings: list[str], formats: SheetFormats) -> None:
        super().__init__(budget)
        self.strings, self.formats = strings, formats
        self.finished: list[tuple[int, list[str]]] = []
        self.row_number = 0
        self.cells: dict[int, str] = {}
        self.cell: dict[str, str] | None = None
        self.inline = False

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.budget.element()
        if tag == _ROW:
            self.row_number = int(float(attrib.get("r") or self.row_number + 1))
            self.cells = {}
        elif tag == _C:
            self.cell, self.inline = attrib, False
            self.taken()
        elif tag == _V and self.cell is not None:
            self.collecting = True
        elif tag == _IS:
            self.inline = True
        elif tag == _T and self.inline:
            self.collecting = True
        elif tag == _RPH:
            self.phonetic += 1

    def end(self, tag: str) -> None:
        if tag in (_V, _T):
            self.collecting = False
        elif tag == _RPH:
            self.phonetic -= 1
        elif tag == _C and self.cell is not None:
            self._cell_done(self.cell)
            self.cell = None
        elif tag == _ROW:
            self.budget.row(0)
            width = max(self.cells, default=0)
            self.finished.append((self.row_number, [self.cells.get(column, "") for column in range(1, width + 1)]))

    def _cell_done(self, cell: dict[str, str]) -> None:
        from openpyxl.utils.cell import coordinate_to_tuple

        self.budget.cell()
        try:
            reference = cell.get("r")
            column = coordinate_to_tuple(reference)[1] if reference else max(self.cells, default=0) + 1
            style = int(cell.get("s") or 0)
            value = _cell_value(cell.get("t", "n"), style, self.taken(), self.strings, self.formats)
            text = cell_text(value)
        except (ValueError, IndexError, OverflowError, TypeError) as error:
            raise FileRefused("feedback.error.not_a_table") from error
        if text:
            if column > FEEDBACK_COLUMNS_MAX:
                raise too_wide(self.row_number)
            self.cells[column] = text


def sheet_records(source: IO[bytes], strings: list[str], formats: SheetFormats, budget: Budget) -> Records:
    target = _Sheet(budget, strings, formats)
    for _ in _feed(source, target):
        finished, target.finished = target.finished, []
        yield from finished


def xlsx_records(raw: bytes, budget: Budget) -> Records:
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.styles.stylesheet import apply_stylesheet
    from openpyxl.utils.exceptions import InvalidFileException
    from openpyxl.xml.constants import SHARED_STRINGS

    try:
        reader = ExcelReader(io.BytesIO(raw), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as error:
        raise FileRefused("feedback.error.not_a_table") from error
    archive = reader.archive
    try:
        check_archive(archive)
        try:
            reader.read_manifest()
            reader.read_workbook()
            apply_stylesheet(archive, reader.wb)
            first = next((rel for _sheet, rel in reader.parser.find_sheets() if "worksheet" in rel.Type), None)
            strings_part = reader.package.find(SHARED_STRINGS)
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, AttributeError, ParseError) as error:
            raise FileRefused("feedback.error.not_a_table") from error
        if first is None or first.target not in archive.namelist():
            raise FileRefused("feedback.error.not_a_table")
        strings: list[str] = []
        if strings_part is not None:
            with archive.open(strings_part.PartName[1:]) as source:
                strings = shared_strings(source, budget)
        workbook = reader.wb
        formats = SheetFormats(
            epoch=workbook.epoch,
            date_styles=frozenset(workbook._date_formats),
            duration_styles=frozenset(workbook._timedelta_formats),
        )
        with archive.open(first.target) as source:
            yield from sheet_records(source, strings, formats, budget)
    except zipfile.BadZipFile as error:
        raise FileRefused("feedback.error.not_a_table") from error
    finally:
        archive.close()
