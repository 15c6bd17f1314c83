"""How a comment's words become the terms that themes are made of, in Indonesian and English.

Each comment is read in its own language (the one whose stop words it uses more; a tie goes
to the survey's language). Then:

* "Wi-Fi", "wi fi", "WiFi" are one word; two-letter words stay (AC, TV, WC carry a topic);
* informal spellings are folded: a short general table (negations, intensifiers, everyday
  chat spellings such as "gk", "tdk", "bgt", "lelet"), and a vowel-less abbreviation
  ("kmr", "tdk", "pdhl") is read as the most used word of the same survey that starts with
  its first letter, ends with its last and holds its consonants in order ("kamar");
* stop words come from stopwordsiso (Indonesian) and scikit-learn (English), plus the
  generic praise and complaint words that name no subject;
* Indonesian affixes are taken off with Sastrawi ("kebersihan", "dibersihkan" → "bersih");
  English plurals fold onto the singular.

Heavy libraries are imported here, when themes are computed, never at app start.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

# Everyday Indonesian chat spellings and their standard words. Compiled by hand from common
# informal writing (negation, intensifiers, pronouns, conjunctions, time words): nothing
# here names a product or a trade. Vowel-less abbreviations are also folded by rule (below).
SLANG_ID: dict[str, str] = {
    **dict.fromkeys(("gk", "ga", "gak", "nggak", "ngga", "enggak", "engga", "kagak", "g", "tdk", "tak"), "tidak"),
    **dict.fromkeys(("bgt", "bngt", "bener2", "beud"), "banget"),
    **dict.fromkeys(("yg", "yang2"), "yang"),
    **dict.fromkeys(("dgn", "dg", "ama"), "dengan"),
    **dict.fromkeys(("krn", "karna", "krna", "soalnya"), "karena"),
    **dict.fromkeys(("udh", "udah", "sdh", "dah"), "sudah"),
    **dict.fromkeys(("blm", "blum"), "belum"),
    **dict.fromkeys(("jg", "jga"), "juga"),
    **dict.fromkeys(("aja", "doang"), "saja"),
    **dict.fromkeys(("tp", "tpi"), "tapi"),
    **dict.fromkeys(("utk", "buat"), "untuk"),
    **dict.fromkeys(("bs", "bisa2"), "bisa"),
    **dict.fromkeys(("lg", "lgi"), "lagi"),
    **dict.fromkeys(("sy", "gue", "gw", "aku", "ane"), "saya"),
    **dict.fromkeys(("dr", "dri"), "dari"),
    **dict.fromkeys(("kalo", "klo", "kl"), "kalau"),
    **dict.fromkeys(("bener", "bnr"), "benar"),
    **dict.fromkeys(("emang", "emg"), "memang"),
    **dict.fromkeys(("kayak", "kyk", "kek"), "seperti"),
    **dict.fromkeys(("skrg", "skrang"), "sekarang"),
    **dict.fromkeys(("lelet", "lemot"), "lambat"),
    **dict.fromkeys(("mati2", "mati-mati"), "mati"),
    "org": "orang",
    "trs": "terus",
    "sm": "sama",
    "dlm": "dalam",
    "pdhl": "padahal",
    "bkn": "bukan",
    "tlg": "tolong",
}
# Praise and complaint words that say how, not what: they never name a theme on their own.
_GENERIC_ID_TEXT = """
    banget sekali sangat amat kurang bagus baik jelek buruk parah kecewa mantap mantab oke keren lumayan
    puas suka senang sayang mending dibanding daripada nya sih deh dong loh kok nih tuh ah dah ya yah
    kak gan sis bro om min admin pak bu mas mbak tolong mohon semoga moga terima kasih
    """
GENERIC_ID = frozenset(_GENERIC_ID_TEXT.split())
_GENERIC_EN_TEXT = """
    good great bad terrible awful horrible disappointing disappointed nice excellent amazing worst best
    better poor really just like don didn doesn isn wasn won ll ve got get gets make makes made
    lot lots bit way thing things did does going went come came say said recommend thanks thank please
    ok okay overall definitely absolutely pretty quite actually probably
    """
GENERIC_EN = frozenset(_GENERIC_EN_TEXT.split())
# Words that negate or praise, used to tell a complaint from a concession in one comment.
_NEGATION_TEXT = "not no never nothing without tidak bukan belum kurang tanpa"
NEGATION = frozenset(_NEGATION_TEXT.split())
_POSITIVE_TEXT = """
    good great excellent nice fine love loved best amazing awesome wonderful fantastic perfect decent
    friendly enjoyed enjoy bagus enak mantap baik oke keren nyaman ramah puas suka senang
    """
POSITIVE = frozenset(_POSITIVE_TEXT.split())
_CONTRAST = re.compile(
    r"\b(?:but|however|although|though|except|tapi|tetapi|namun|sayangnya|cuma|walau|walaupun|meski|meskipun)\b"
    r"|[;()]|,\s",
    re.IGNORECASE,
)
_WIFI = re.compile(r"\bwi[\s-]?fi\b", re.IGNORECASE)
WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_VOWELS = frozenset("aeiou")
# Words with these beginnings or endings may carry Indonesian affixes; others skip Sastrawi
# (an unknown word costs it a millisecond of search).
_AFFIX = re.compile(r"^(?:me|be|di|ke|pe|te|se)|(?:kan|an|i|nya|lah|kah|pun)$")


def _wifi(_: re.Match[str]) -> str:
    return "wifi"


def one_wifi(text: str) -> str:
    """ "Wi-Fi", "wi fi", "WiFi" written as the one word the reader counts."""
    return _WIFI.sub(_wifi, text)


@dataclass(frozen=True)
class Token:
    surface: str  # as written, "Wi-Fi" made "wifi"
    word: str  # lowercased, informal spelling folded
    term: str | None  # the stem that counts, or None for a stop word


@dataclass
class Reader:
    """Reads the comments of one survey: the informal spellings it folds depend on the
    survey's own words, and each word is stemmed once."""

    language: str  # the survey's main language, "id" or "en"
    stop_id: frozenset[str]
    stop_en: frozenset[str]
    abbreviations: dict[str, str] = field(default_factory=dict)
    # Per survey, so each text and word is read once (a survey repeats itself a lot).
    _read: dict[str, tuple[Token, ...]] = field(default_factory=dict)
    _terms: dict[str, frozenset[str]] = field(default_factory=dict)
    _words: dict[tuple[str, str], Token] = field(default_factory=dict)
    _names: dict[tuple[str, ...], set[str]] = field(default_factory=dict)
    _stemmer: object | None = None

    def tokens(self, text: str) -> tuple[Token, ...]:
        if text not in self._read:
            raw = WORD.findall(one_wifi(text))
            language = self._language_of(word.casefold() for word in raw)
            self._read[text] = tuple(self.token(surface, language) for surface in raw)
        return self._read[text]

    def names_in(self, texts: list[str], find: Callable[[list[str], Reader], set[str]]) -> set[str]:
        """The names in these texts, found once per set of texts (pains and gains share a survey)."""
        key = tuple(sorted(set(texts)))
        if key not in self._names:
            self._names[key] = find(list(key), self)
        return self._names[key]

    def token(self, surface: str, language: str) -> Token:
        key = (surface, language)
        if key not in self._words:
            self._words[key] = self._token(surface, language)
        return self._words[key]

    def terms(self, text: str) -> frozenset[str]:
        if text not in self._terms:
            self._terms[text] = frozenset(token.term for token in self.tokens(text) if token.term)
        return self._terms[text]

    def _language_of(self, words: Iterable[str]) -> str:
        score = 0
        for word in words:
            score += word in self.stop_id and word not in self.stop_en
            score -= word in self.stop_en and word not in self.stop_id
        return "id" if score > 0 else "en" if score < 0 else self.language

    def _token(self, surface: str, language: str) -> Token:
        lower = surface.casefold()
        word = SLANG_ID.get(lower, lower) if language == "id" else lower
        word = self.abbreviations.get(word, word)
        stop = self.stop_id if language == "id" else self.stop_en
        if word in stop or word in GENERIC_ID or word in GENERIC_EN:
            return Token(surface, word, None)
        term = self._stem(word, language)
        if term in stop or len(term) < 2:
            return Token(surface, word, None)
        return Token(surface, word, term)

    def _stem(self, word: str, language: str) -> str:
        return _indonesian_stem(self, word) if language == "id" else english_stem(word)


def _indonesian_stem(reader: Reader, word: str) -> str:
    if len(word) <= 4 or not _AFFIX.search(word):
        return word
    if reader._stemmer is None:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

        reader._stemmer = StemmerFactory().create_stemmer()
    return reader._stemmer.stem(word) or word  # type: ignore[attr-defined]


def english_stem(word: str) -> str:
    """Plurals onto the singular: "seats" → "seat", "batteries" → "battery"."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and len(word) > 3 and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def stop_words() -> tuple[frozenset[str], frozenset[str]]:
    import stopwordsiso
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(stopwordsiso.stopwords("id")), frozenset(ENGLISH_STOP_WORDS)


def reader_for(texts: list[str]) -> Reader:
    """A reader for this survey: its main language and its own vowel-less abbreviations."""
    stop_id, stop_en = stop_words()
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(word.casefold() for word in WORD.findall(one_wifi(text)))
    lean = sum(n for word, n in counts.items() if word in stop_id and word not in stop_en)
    lean -= sum(n for word, n in counts.items() if word in stop_en and word not in stop_id)
    language = "id" if lean >= 0 else "en"
    reader = Reader(language, stop_id, stop_en)
    reader.abbreviations = _abbreviations(counts, stop_id | stop_en)
    return reader


def _abbreviations(counts: Counter[str], stop: frozenset[str]) -> dict[str, str]:
    """ "kmr" → "kamar": a vowel-less word of 3+ letters, read as the survey's most used word
    that starts with its first letter, ends with its last and holds its consonants in order."""
    out: dict[str, str] = {}
    words = sorted((w for w in counts if set(w) & _VOWELS and len(w) >= 4), key=lambda w: (-counts[w], w))
    for short in sorted(counts):
        if len(short) < 3 or set(short) & _VOWELS or short in SLANG_ID or short in stop:
            continue
        for word in words:
            if word[0] == short[0] and word[-1] == short[-1] and _in_order(short, word):
                out[short] = word
                break
    return out


def _in_order(letters: str, word: str) -> bool:
    rest = iter(word)
    return all(letter in rest for letter in letters)


def complaint_part(text: str, tone: str) -> str:
    """The part of a comment that carries its tone: in a pain, a clause that only praises
    ("the food was great, but ...") is left out; in a gain, one that only complains."""
    parts = [part for part in _CONTRAST.split(text) if part and part.strip()]
    if len(parts) < 2:
        return text
    kept = []
    for part in parts:
        words = {word.casefold() for word in WORD.findall(part)}
        praises = bool(words & POSITIVE) and not words & NEGATION
        complains = bool(words & NEGATION) and not words & POSITIVE
        if (tone == "pain" and praises) or (tone == "gain" and complains):
            continue
        kept.append(part)
    return " ".join(kept) if kept else text
