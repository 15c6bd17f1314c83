"""A class's hand-ins in one go: one PDF with every group, or a ZIP of one PDF per group."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import pypdfium2 as pdfium

from classroom.models import ClassGroup, Classroom
from core.actors import LecturerActor
from core.errors import NilaiError
from export.bundle import collect
from export.pdf.builder import build_pdf
from storage.store import Store

Progress = Callable[[float, str], None]


def _group_pdfs(
    store: Store, classroom: Classroom, language: str, progress: Progress | None
) -> list[tuple[ClassGroup, bytes]]:
    groups = store.class_groups.for_class(classroom.id)
    lecturer = LecturerActor(class_id=classroom.id)  # the caller got `classroom` from the lecturer's link
    out = []
    for index, group in enumerate(groups):
        if progress is not None:
            progress(index / max(1, len(groups)), group.name)
        try:
            bundle = collect(store, lecturer, group.project_id)
        except NilaiError:  # a purged or trashed project must not stop the other groups' export
            continue
        out.append((group, build_pdf(bundle, language=language)))
    if progress is not None:
        progress(1.0, "")
    return out


def _file_name(name: str) -> str:
    cleaned = re.sub(r"[^\w\- ]+", "", name, flags=re.UNICODE).strip().replace(" ", "_")
    return (cleaned or "group")[:60]


def class_zip(store: Store, classroom: Classroom, *, language: str, progress: Progress | None = None) -> bytes:
    buffer = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for group, data in _group_pdfs(store, classroom, language, progress):
            base = _file_name(group.name)
            name, n = f"{base}.pdf", 2
            while name in used:
                name, n = f"{base}_{n}.pdf", n + 1
            used.add(name)
            archive.writestr(name, data)
    return buffer.getvalue()


def class_pdf(store: Store, classroom: Classroom, *, language: str, progress: Progress | None = None) -> bytes:
    merged = pdfium.PdfDocument.new()
    for _, data in _group_pdfs(store, classroom, language, progress):
        part = pdfium.PdfDocument(data)
        merged.import_pages(part)
        part.close()
    buffer = io.BytesIO()
    merged.save(buffer)
    merged.close()
    return buffer.getvalue()


def export_name(classroom: Classroom, extension: str) -> str:
    return f"{_file_name(classroom.name)}.{extension}"
