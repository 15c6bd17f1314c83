"""Print-grade PDF of a project, drawn with reportlab (vector charts, bundled fonts)."""

from export.pdf.builder import SECTIONS, build_pdf, page_count, plan_pages

__all__ = ["SECTIONS", "build_pdf", "page_count", "plan_pages"]
