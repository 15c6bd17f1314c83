"""Fonts and text fitting for the PDF.

Fonts: DejaVu Sans (regular and bold) ships in export/fonts/ under its free licence, so a
fresh machine renders Indonesian and every other Latin text the same way. Chinese,
Japanese and Korean characters, which DejaVu lacks, are drawn character by character in
WenQuanYi Micro Hei (Apache 2.0, TrueType outlines, about 21,000 hanzi/kanji, kana and
hangul), which the `paperang-p2-fonts-cjk` package ships: `FallbackCanvas` switches font
for each run of text, and `Measure` measures runs the same way.

Emoji: neither font has colour emoji, and reportlab can't draw them, so every character
no font can draw (emoji, pictographs, variation selectors, zero-width joiners) is left
out cleanly, and the spaces around it collapse. `unprintable` names such characters, so
the export can say which texts lost some (export.pdf.unprintable); the JSON, Markdown and
spreadsheet exports keep the text exactly as typed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
REGULAR = "NilaiSans"
BOLD = "NilaiSans-Bold"
FALLBACK = "NilaiCJK"
FALLBACK_PACKAGE, FALLBACK_FILE = "paperang_p2_fonts_cjk", "fonts/wqy-microhei.ttc"
_SPACES = re.compile(r"[ \t]+")
# Letters, digits, punctuation and symbols: what a reader misses when it is left out
# (unlike joiners, variation selectors and other invisible characters).
_VISIBLE_CATEGORIES = ("L", "N", "P", "S")


@dataclass(frozen=True)
class Coverage:
    """The code points each font draws: the bundled pair (both weights), and the fallback."""

    primary: frozenset[int]
    fallback: frozenset[int]

    def drawable(self, ch: str) -> bool:
        code = ord(ch)
        return code in self.primary or code in self.fallback


def _fallback_font() -> TTFont | None:
    """The CJK font from its package; None where the package is missing (the export then
    says which characters it left out, as for emoji)."""
    try:
        path = resources.files(FALLBACK_PACKAGE).joinpath(FALLBACK_FILE)
    except ModuleNotFoundError:
        return None
    if not path.is_file():
        return None
    return TTFont(FALLBACK, str(path), subfontIndex=0)


@cache
def register_fonts() -> Coverage:
    """Register the fonts once per process; return the code points they cover.

    Also switches off reportlab's ASCII85 wrapping of compressed streams (a process-wide
    constant setting, no user data): binary streams are 20% smaller and a quarter faster
    to write, and every PDF reader accepts them.
    """
    rl_config.useA85 = 0
    regular = TTFont(REGULAR, str(FONT_DIR / "DejaVuSans.ttf"))
    bold = TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdfmetrics.registerFont(regular)
    pdfmetrics.registerFont(bold)
    pdfmetrics.registerFontFamily(REGULAR, normal=REGULAR, bold=BOLD, italic=REGULAR, boldItalic=BOLD)
    primary = frozenset(regular.face.charToGlyph) & frozenset(bold.face.charToGlyph)
    fallback = _fallback_font()
    if fallback is None:
        return Coverage(primary, frozenset())
    pdfmetrics.registerFont(fallback)
    return Coverage(primary, frozenset(fallback.face.charToGlyph) - primary)


def clean(text: str | None) -> str:
    """Text the fonts can draw: undrawable characters (emoji) removed, spaces tidied."""
    if not text:
        return ""
    coverage = register_fonts()
    text = unicodedata.normalize("NFC", text)
    kept = "".join(ch for ch in text if ch in "\n\t" or coverage.drawable(ch))
    lines = [_SPACES.sub(" ", line).strip() for line in kept.replace("\r", "").split("\n")]
    return "\n".join(line for line in lines if line)


def unprintable(text: str | None) -> str:
    """The visible characters of `text` that `clean` leaves out, each once, in order."""
    if not text:
        return ""
    coverage = register_fonts()
    missing = (
        ch
        for ch in unicodedata.normalize("NFC", text)
        if unicodedata.category(ch).startswith(_VISIBLE_CATEGORIES) and not coverage.drawable(ch)
    )
    return "".join(dict.fromkeys(missing))


def font_runs(text: str, font: str) -> list[tuple[str, str]]:
    """`text` split into (font, run) pieces: `font` where it has the glyph, else the fallback."""
    if text.isascii():
        return [(font, text)]
    fallback = register_fonts().fallback
    runs: list[tuple[str, str]] = []
    for ch in text:
        wanted = FALLBACK if ord(ch) in fallback else font
        if runs and runs[-1][0] == wanted:
            runs[-1] = (wanted, runs[-1][1] + ch)
        else:
            runs.append((wanted, ch))
    return runs


def text_width(text: str, font: str, size: float) -> float:
    """Width of `text` as FallbackCanvas draws it, run by run."""
    return sum(pdfmetrics.stringWidth(run, run_font, size) for run_font, run in font_runs(text, font))


class FallbackText(PDFTextObject):
    """A text object that draws each run of text in the font that has its glyphs.
    (drawString, drawCentredString and drawRightString all draw through one.)"""

    def _runs(self, text: str) -> list[tuple[str, str]] | None:
        runs = font_runs(text, self._fontname)
        return None if len(runs) == 1 and runs[0][0] == self._fontname else runs

    def _out_in_runs(self, runs: list[tuple[str, str]]) -> None:
        font, size, leading = self._fontname, self._fontsize, self._leading
        for run_font, run in runs:
            self.setFont(run_font, size, leading)
            super().textOut(run)
        self.setFont(font, size, leading)

    def textOut(self, text: str) -> None:  # noqa: N802 (reportlab's name)
        runs = self._runs(text)
        if runs is None:
            super().textOut(text)
        else:
            self._out_in_runs(runs)

    def textLine(self, text: str = "") -> None:  # noqa: N802 (reportlab's name)
        runs = self._runs(text) if text else None
        if runs is None:
            super().textLine(text)
        else:
            self._out_in_runs(runs)
            super().textLine("")


class FallbackCanvas(Canvas):
    """A reportlab canvas whose strings and text objects fall back to the CJK font per
    character, and whose string widths (and so centred and right-aligned text) agree."""

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> FallbackText:  # noqa: N802 (reportlab's name)
        return FallbackText(self, x, y, direction=direction)

    def stringWidth(self, text: str, fontName: str | None = None, fontSize: float | None = None) -> float:  # noqa: N802, N803 (reportlab's names)
        return text_width(text, fontName or self._fontname, self._fontsize if fontSize is None else fontSize)

    def drawCentredString(self, x: float, y: float, text: str, **options: Any) -> None:  # noqa: N802 (reportlab's name)
        self.drawString(x - self.stringWidth(text) / 2, y, text, **options)

    def drawRightString(self, x: float, y: float, text: str, **options: Any) -> None:  # noqa: N802 (reportlab's name)
        self.drawString(x - self.stringWidth(text), y, text, **options)


@dataclass
class Measure:
    """Word widths, cached for one export (a 300-note canvas measures each word once)."""

    cache: dict[tuple[str, str, float], float] = field(default_factory=dict)

    def width(self, text: str, font: str, size: float) -> float:
        key = (text, font, size)
        value = self.cache.get(key)
        if value is None:
            value = text_width(text, font, size)
            self.cache[key] = value
        return value

    def wrap(self, text: str, font: str, size: float, width: float) -> list[str]:
        """Greedy word wrap; a word longer than the line is broken, never cut off."""
        lines: list[str] = []
        space = self.width(" ", font, size)
        for paragraph in text.split("\n"):
            line, line_width = "", 0.0
            for word in paragraph.split(" "):
                if not word:
                    continue
                word_width = self.width(word, font, size)
                if word_width > width:
                    if line:
                        lines.append(line)
                    pieces = self._break_word(word, font, size, width)
                    lines.extend(pieces[:-1])
                    line, line_width = pieces[-1], self.width(pieces[-1], font, size)
                    continue
                if line and line_width + space + word_width <= width:
                    line += " " + word
                    line_width += space + word_width
                elif line:
                    lines.append(line)
                    line, line_width = word, word_width
                else:
                    line, line_width = word, word_width
            if line:
                lines.append(line)
        return lines or [""]

    def _break_word(self, word: str, font: str, size: float, width: float) -> list[str]:
        pieces, current = [], ""
        for ch in word:
            if current and text_width(current + ch, font, size) > width:
                pieces.append(current)
                current = ch
            else:
                current += ch
        pieces.append(current)
        return pieces

    def fit(
        self, text: str, font: str, width: float, height: float, sizes: tuple[float, ...], leading: float = 1.22
    ) -> tuple[float, list[str]] | None:
        """The largest size at which the text fits the box, with its lines; None if none does."""
        for size in sizes:
            lines = self.wrap(text, font, size, width)
            if len(lines) * size * leading <= height:
                return size, lines
        return None

    def ellipsize(self, text: str, font: str, size: float, width: float) -> str:
        if self.width(text, font, size) <= width:
            return text
        while text and self.width(text + "…", font, size) > width:
            text = text[:-1]
        return text.rstrip() + "…"
