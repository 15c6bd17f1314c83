"""Reading survey files as people really save them, and checking every row.

A file is read into a plain table (headers and cells as text), whatever its form:
XLSX (first sheet), or CSV in UTF-8 with or without a BOM, UTF-16 (Excel's "Unicode
text"), or Windows-1252 from older Excel; separated by `,`, `;` (Excel where the comma is
the decimal mark) or tabs; blank lines skipped. Columns are guessed from common headers
in both languages, the user can change the guess, and each row is then checked: a bad
row keeps its row number (as the spreadsheet shows it) and the reasons, as catalog keys.

Each good row gets a content hash: the row's normalised content plus how many identical
rows came before it in the same file. Importing the same file again gives the same hashes,
and the database's unique (project, hash) constraint keeps every response once; two
identical answers in one file (two people who both gave a 10 and no comment on the same
day at the same touchpoint) remain two responses.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from core.limits import FEEDBACK_FILE_MAX_BYTES, FEEDBACK_ROWS_MAX
from core.text import from_spreadsheet_cell
from feedback import survey_files
from feedback.models import COMMENT_MAX, ResponseDraft
from feedback.survey_files import FileRefused

FIELDS = ("score", "comment", "answered_on", "stage", "touchpoint", "segment", "persona")

# Normalised header words (lowercase, accents and punctuation gone) for each field, most
# specific first. Exact matches win over a header that merely contains one of them.
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "score": (
        "skor",
        "nilai",
        "score",
        "nps",
        "skor nps",
        "nps score",
        "nilai rekomendasi",
        "rating",
        "peringkat",
        "likelihood to recommend",
        "how likely",
        "rekomendasi",
        "recommend",
        "poin",
    ),
    "comment": (
        "komentar",
        "saran",
        "comment",
        "comments",
        "feedback",
        "masukan",
        "alasan",
        "reason",
        "ulasan",
        "review",
        "pesan",
        "catatan",
        "tanggapan",
        "kritik",
        "kritik dan saran",
        "why",
        "mengapa",
        "opini",
    ),
    "answered_on": ("tanggal", "date", "tgl", "waktu", "timestamp", "submitted", "dikirim", "tanggal isi", "time"),
    "stage": ("tahap", "stage", "fase", "phase", "journey stage", "tahap pembelian", "purchase stage"),
    "touchpoint": (
        "touchpoint",
        "titik kontak",
        "titik sentuh",
        "channel",
        "kanal",
        "saluran",
        "layanan",
        "service",
        "lokasi layanan",
    ),
    "segment": ("segmen", "segment", "kelompok", "group"),
    "persona": ("persona",),
}

STAGE_WORDS: dict[str, tuple[str, ...]] = {
    "pre_purchase": (
        "pre_purchase",
        "pre purchase",
        "prepurchase",
        "pre",
        "before",
        "before purchase",
        "sebelum",
        "sebelum pembelian",
        "sebelum membeli",
        "pra pembelian",
        "prapembelian",
        "awareness",
    ),
    "purchase": (
        "purchase",
        "during",
        "during purchase",
        "saat",
        "saat pembelian",
        "selama",
        "pembelian",
        "membeli",
        "saat membeli",
        "beli",
    ),
    "post_purchase": (
        "post_purchase",
        "post purchase",
        "postpurchase",
        "post",
        "after",
        "after purchase",
        "sesudah",
        "setelah",
        "setelah pembelian",
        "sesudah pembelian",
        "purna",
        "purnajual",
        "purna jual",
        "after sales",
    ),
}
_STAGE_LOOKUP = {word: stage for stage, words in STAGE_WORDS.items() for word in words}

_NUMBER_WORD = re.compile(r"^[+-]?\d+(?:[.,]0+)?$")
_DATE_FORMATS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d/%m/%y",
    "%Y/%m/%d",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M:%S",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
)
_US_DATE_FORMATS = ("%m/%d/%Y", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M")


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (row number as the spreadsheet shows it, cells)


@dataclass(frozen=True)
class ParsedRow:
    row_number: int
    draft: ResponseDraft | None
    problems: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    content_hash: str = ""

    @property
    def ok(self) -> bool:
        return self.draft is not None


@dataclass(frozen=True)
class Preview:
    """A read file, its column guess and every row checked: what the preview shows."""

    table: Table
    mapping: dict[str, int | None]
    rows: list[ParsedRow]

    @property
    def needs_score_column(self) -> bool:
        return self.mapping.get("score") is None

    @property
    def good(self) -> list[ParsedRow]:
        return [row for row in self.rows if row.ok]

    @property
    def bad(self) -> list[ParsedRow]:
        return [row for row in self.rows if not row.ok]


# -- reading a file into a table ----------------------------------------------------------


def read_table(raw: bytes, filename: str = "") -> Table:
    """The file's header and rows, read within the bounds of feedback/survey_files.py."""
    if len(raw) > FEEDBACK_FILE_MAX_BYTES:
        raise FileRefused("feedback.error.too_big", mb=FEEDBACK_FILE_MAX_BYTES // (1024 * 1024))
    if not raw or raw.isspace():  # no stripped copy of a big file
        raise FileRefused("feedback.error.empty")
    budget = survey_files.Budget()
    if raw[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm")):
        return _table(survey_files.xlsx_records(raw, budget))
    return _table(survey_files.csv_records(raw, budget))


def _table(records: Iterable[tuple[int, list[str]]]) -> Table:
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for number, cells in records:
        if not any(cell.strip() for cell in cells):
            continue  # blank lines, and Excel's empty trailing rows
        if headers is None:
            headers = [cell.strip() for cell in cells]
            continue
        rows.append((number, cells))
        if len(rows) > FEEDBACK_ROWS_MAX:
            raise FileRefused("feedback.error.too_many_rows", max=survey_files.shown_count(FEEDBACK_ROWS_MAX))
    if headers is None:
        raise FileRefused("feedback.error.empty")
    return Table(headers=headers, rows=rows)


# -- guessing the columns -------------------------------------------------------------------


def normalize_header(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.findall(r"[a-z0-9]+", text))


def guess_mapping(headers: list[str]) -> dict[str, int | None]:
    """Which column holds which field, from its header (each column used at most once)."""
    normalized = [normalize_header(header) for header in headers]
    mapping: dict[str, int | None] = dict.fromkeys(FIELDS)
    used: set[int] = set()
    for exact in (True, False):
        for name in FIELDS:
            if mapping[name] is not None:
                continue
            for word in HEADER_WORDS[name]:
                found = next(
                    (
                        i
                        for i, header in enumerate(normalized)
                        if i not in used and (header == word if exact else _contains_words(header, word))
                    ),
                    None,
                )
                if found is not None:
                    mapping[name] = found
                    used.add(found)
                    break
    return mapping


def _contains_words(header: str, word: str) -> bool:
    return f" {word} " in f" {header} "


# -- checking the rows -------------------------------------------------------------------


def parse_score(text: str) -> tuple[int | None, tuple[str, dict[str, Any]] | None]:
    value = text.strip()
    if not value:
        return None, ("feedback.row.score_missing", {})
    if not _NUMBER_WORD.match(value):
        return None, ("feedback.row.score_not_number", {"value": value[:40]})
    number = int(value.replace(",", ".").split(".")[0])
    if not 0 <= number <= 10:
        return None, ("feedback.row.score_out_of_range", {"value": number})
    return number, None


def parse_date(text: str) -> date | None:
    """ISO dates and dd/mm/yyyy (the day first, as written in Indonesia); a date that only
    reads as month-first (03/25/2025) is taken so. Raises ValueError when none fits."""
    value = text.strip()
    for formats in (_DATE_FORMATS, _US_DATE_FORMATS):
        for pattern in formats:
            try:
                return datetime.strptime(value, pattern).date()
            except ValueError:
                continue
    raise ValueError(value)


def parse_stage(text: str) -> str | None:
    value = normalize_header(text.replace("_", " "))
    if not value:
        return None
    return _STAGE_LOOKUP.get(value) or _STAGE_LOOKUP.get(value.replace(" ", "_"))


def _cell(cells: list[str], index: int | None) -> str:
    """A cell's text; one our own CSV export guarded against formulas ("'=...") reads back as it was."""
    if index is None or index >= len(cells):
        return ""
    return from_spreadsheet_cell(cells[index])


def check_rows(table: Table, mapping: dict[str, int | None]) -> list[ParsedRow]:
    """Every row checked under `mapping`; none while no column holds the score (the user
    is asked to choose one first)."""
    if mapping.get("score") is None:
        return []
    parsed: list[ParsedRow] = []
    seen: dict[str, int] = {}
    for number, cells in table.rows:
        problems: list[tuple[str, dict[str, Any]]] = []
        score, problem = parse_score(_cell(cells, mapping["score"]))
        if problem:
            problems.append(problem)
        answered_on = None
        raw_date = _cell(cells, mapping.get("answered_on")).strip()
        if raw_date:
            try:
                answered_on = parse_date(raw_date)
            except ValueError:
                problems.append(("feedback.row.bad_date", {"value": raw_date[:40]}))
        stage = None
        raw_stage = _cell(cells, mapping.get("stage")).strip()
        if raw_stage:
            stage = parse_stage(raw_stage)
            if stage is None:
                problems.append(("feedback.row.bad_stage", {"value": raw_stage[:40]}))
        comment = _cell(cells, mapping.get("comment"))
        if len(comment) > COMMENT_MAX:
            problems.append(("feedback.row.comment_too_long", {"max": COMMENT_MAX}))
        if problems:
            parsed.append(ParsedRow(number, None, problems))
            continue
        values = {
            "score": score,
            "comment": comment,
            "answered_on": answered_on,
            "stage": stage,
            "touchpoint": _cell(cells, mapping.get("touchpoint")),
            "segment": _cell(cells, mapping.get("segment")),
            "persona": _cell(cells, mapping.get("persona")),
        }
        try:
            draft = ResponseDraft.model_validate(values)
        except ValidationError as error:
            fields = sorted({str(item["loc"][0]) for item in error.errors()})
            parsed.append(ParsedRow(number, None, [("feedback.row.too_long", {"field": f}) for f in fields]))
            continue
        content = content_key(draft)
        occurrence = seen.get(content, 0)
        seen[content] = occurrence + 1
        digest = hashlib.sha256(f"{content}\x1e{occurrence}".encode()).hexdigest()
        parsed.append(ParsedRow(number, draft, [], digest))
    return parsed


def content_key(draft: ResponseDraft) -> str:
    """A response's content, normalised so a re-saved file (other case, spaces, date form) matches."""
    parts = (
        str(draft.score),
        " ".join(draft.comment.split()).casefold(),
        draft.answered_on.isoformat() if draft.answered_on else "",
        draft.stage or "",
        draft.touchpoint.casefold(),
        draft.segment.casefold(),
        draft.persona.casefold(),
    )
    return "\x1f".join(parts)


def preview(raw: bytes, filename: str = "", mapping: dict[str, int | None] | None = None) -> Preview:
    """Read, guess (or take the user's) column mapping, and check every row."""
    table = read_table(raw, filename)
    chosen = guess_mapping(table.headers) if mapping is None else {name: mapping.get(name) for name in FIELDS}
    return Preview(table=table, mapping=chosen, rows=check_rows(table, chosen))


def stored_values(rows: Iterable[ParsedRow], persona_ids: dict[str, str]) -> list[dict[str, Any]]:
    """The good rows as storage keeps them; a persona named in the file is matched to the
    project's persona of that name (ignoring case), if there is one."""
    values: list[dict[str, Any]] = []
    for row in rows:
        draft = row.draft
        if draft is None:
            continue
        values.append(
            {
                "content_hash": row.content_hash,
                "score": draft.score,
                "comment": draft.comment,
                "answered_on": draft.answered_on,
                "month": draft.answered_on.strftime("%Y-%m") if draft.answered_on else "",
                "stage": draft.stage,
                "touchpoint": draft.touchpoint,
                "segment": draft.segment,
                "persona": draft.persona,
                "persona_id": persona_ids.get(draft.persona.casefold()) if draft.persona else None,
            }
        )
    return values
