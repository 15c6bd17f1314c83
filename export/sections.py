"""The PDF's sections, in order: a constant every page that offers an export needs, kept
apart from the PDF builder so that showing the export buttons doesn't import reportlab."""

from __future__ import annotations

SECTIONS: tuple[str, ...] = ("cover", "canvas", "personas", "portfolio", "fit", "competitors", "testing", "voice")
