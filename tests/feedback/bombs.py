"""Hostile survey files, as an attacker would build them (shared by tests and bench/security.py).

Each is small on the wire and describes something huge: an XLSX whose sheet declares the
whole sheet (A1:XFD1048576), a shared-strings table of 2.2 GB packed into a few MB, a part
packed a thousand times over, and a CSV of millions of one-letter cells.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET = "xl/worksheets/sheet1.xml"
STRINGS = "xl/sharedStrings.xml"
STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"


def _plain_workbook() -> dict[str, bytes]:
    """The parts of a one-sheet workbook as openpyxl writes it, with a shared-strings part."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Skor", "Komentar"])
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(out) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    if STRINGS not in parts:
        types = parts["[Content_Types].xml"].decode()
        parts["[Content_Types].xml"] = types.replace(
            "</Types>", f'<Override PartName="/{STRINGS}" ContentType="{STRINGS_TYPE}"/></Types>'
        ).encode()
        rels = parts[WORKBOOK_RELS].decode()
        parts[WORKBOOK_RELS] = rels.replace(
            "</Relationships>",
            '<Relationship Id="rIdStrings" Target="sharedStrings.xml" '
            'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
            "</Relationships>",
        ).encode()
    parts[STRINGS] = f'<sst xmlns="{MAIN_NS}"><si><t>Skor</t></si><si><t>Komentar</t></si></sst>'.encode()
    return parts


def _sheet(rows: str, dimension: str = "A1:B1") -> bytes:
    return (
        f'<worksheet xmlns="{MAIN_NS}"><dimension ref="{dimension}"/><sheetData>'
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        f"{rows}</sheetData></worksheet>"
    ).encode()


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


def xlsx_declared_dimension(rows: int = 6_000) -> bytes:
    """The sheet declares A1:XFD1048576 (16,384 columns); it holds `rows` short answers."""
    body = "".join(f'<row r="{n}"><c r="A{n}"><v>{n % 11}</v></c></row>' for n in range(2, rows + 2))
    return _zip({**_plain_workbook(), SHEET: _sheet(body, "A1:XFD1048576")})


def xlsx_blank_padded_rows(rows: int = 200_000) -> bytes:
    """Rows that are empty but spread to the last column: they must count as rows and cells."""
    body = "".join(f'<row r="{n}" spans="1:16384"><c r="XFD{n}"/></row>' for n in range(2, rows + 2))
    return _zip({**_plain_workbook(), SHEET: _sheet(body, "A1:XFD1048576")})


def xlsx_wide_row() -> bytes:
    """One answer whose last cell sits in column XFD."""
    body = '<row r="2"><c r="A2"><v>9</v></c><c r="XFD2"><v>1</v></c></row>'
    return _zip({**_plain_workbook(), SHEET: _sheet(body)})


def xlsx_packed_tightly(unpacked_mb: int = 16) -> bytes:
    """A sheet part that unpacks to `unpacked_mb` MB of one repeated empty cell (within the
    unpacked bound, but packed ~1000:1)."""
    row = '<row r="2"><c r="A2"><v>7</v></c></row>'
    filler = "<c/>" * (unpacked_mb * 1024 * 1024 // 4)
    body = row + f'<row r="3">{filler}</row>'
    return _zip({**_plain_workbook(), SHEET: _sheet(body)})


def xlsx_shared_strings_bomb(unpacked_bytes: int = 2_200_000_000) -> bytes:
    """A shared-strings part of 2.2 GB that travels as about 2 MB (its deflate stream is one
    compressed block repeated, so building it takes a second, not a minute)."""
    parts = _plain_workbook()
    parts[SHEET] = _sheet('<row r="2"><c r="A2"><v>5</v></c></row>')
    head = f'<sst xmlns="{MAIN_NS}">'.encode()
    block = b"<si><t>aaaaaaaa</t></si>" * 40_000
    repeats = (unpacked_bytes - len(head)) // len(block)
    tail = b"</sst>"
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    middle = compressor.compress(block) + compressor.flush(zlib.Z_FULL_FLUSH)
    last = compressor.compress(tail) + compressor.flush()
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + repeats * len(block) + len(tail)
    bomb = (first + middle * repeats + last, crc, size)
    return _raw_zip({name: data for name, data in parts.items() if name != STRINGS}, {STRINGS: bomb})


def _raw_zip(parts: dict[str, bytes], deflated: dict[str, tuple[bytes, int, int]]) -> bytes:
    """A zip written by hand, so a member can be given as an already deflated stream."""
    members = {name: (zlib.compressobj(6, zlib.DEFLATED, -15), data) for name, data in parts.items()}
    entries: dict[str, tuple[bytes, int, int]] = {
        name: (compressor.compress(data) + compressor.flush(), zlib.crc32(data), len(data))
        for name, (compressor, data) in members.items()
    }
    entries.update(deflated)
    out = io.BytesIO()
    central = io.BytesIO()
    for name, (data, crc, size) in entries.items():
        encoded = name.encode()
        offset = out.tell()
        fields = (20, 0, 8, 0, 0x21, crc, len(data), size, len(encoded), 0)
        out.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, *fields) + encoded + data)
        central.write(struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, *fields, 0, 0, 0, 0, offset) + encoded)
    directory = central.getvalue()
    out.write(directory)
    out.write(
        struct.pack(
            "<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), out.tell() - len(directory), 0
        )
    )
    return out.getvalue()


def csv_tiny_cells(cells: int = 6_000_000, per_line: int = 40) -> bytes:
    """About 19 MB of tiny cells (the issue's 6 million)."""
    line = ",".join(["ab"] * per_line).encode() + b"\n"
    return b"skor,komentar\n" + line * (cells // per_line)


def csv_one_long_line(cells: int = 6_000_000) -> bytes:
    """The same cells on one line: no line break for a line-by-line reader to stop at."""
    return b"skor,komentar\n" + b"ab," * cells + b"\n"
