"""Themes in customers' comments, found offline and explained by the words that placed them.

Detractors' comments (0-6) are grouped into themes proposed as pains; promoters' (9-10)
into gains. The other answers of the survey are the background a theme must stand out
against. The method (feedback/wording.py reads the words):

1. Each comment becomes a set of terms. In a pain, a clause that only praises ("the food was
   fine, but ...") is left out; in a gain, one that only complains.
2. Some terms never start a theme: a term in more than PRODUCT_SHARE of ten or more comments
   that the other answers use about as often names the product or the survey; a word
   mostly written with a capital inside a sentence is a name (a brand, a model, a branch); a
   term often said with a demonstrative ("this place", "mobil ini") is the thing reviewed.
3. Repeatedly, the term with the most comments not yet in a theme, weighed by how much more
   often detractors (or promoters) use it than the other answers do, starts a theme. A term
   whose comments are mostly (JOIN_SHARE) in the theme's first comments, far more than
   chance would put there (JOIN_LIFT), joins it with its comments: words that travel
   together ("boros", "bensin") make one theme. It stops at
   MAX_THEMES, or when no term has MIN_SUPPORT comments left.
4. Themes that share most of their comments merge, and so do themes whose label names the
   other's subject ("harga nya mahal" found from "harga" and from "mahal"); up to CANDIDATES
   are found so that MAX_THEMES remain. A comment may sit in several themes: one about a
   broken AC and a rude desk counts in both.
5. A comment no term placed joins the theme whose comments its wording is closest to
   (TF-IDF cosine, at least NEAR), so few comments are left out.
6. The label is the phrase, in the comments' own words, that most of the theme's comments
   share around its terms ("air panas tidak berfungsi"); quotes are the comments that carry
   most of its terms, at a readable length.

Comments are sorted by text before anything is counted, and every tie is broken by text:
the same comments in any order give the same themes, members, labels and quotes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from feedback.wording import NEGATION, WORD, Reader, Token, complaint_part, one_wifi, reader_for

MIN_SUPPORT = 2
SUPPORT_SHARE = 0.01  # on big surveys, a theme needs this share of the comments to start
PRODUCT_SHARE = 0.5
PRODUCT_DISTINCT = 0.6  # below this, a term is not used much more here than elsewhere (lift < 1.5)
NAME_SHARE = 0.15  # common words are rarely capitalised mid-sentence; names (models, brands) often are
JOIN_SHARE = 0.75
JOIN_LIFT = 2.0  # ... and at least this many times the theme's share of all comments
BACKGROUND_SHARE = 0.2  # fewer other answers than this share of the group tell nothing about the product
MERGE_SHARE = 0.6  # two themes sharing this share of the smaller one's comments are one
NEAR = 0.05
COORDINATION = frozenset(("and", "or", "dan", "atau", "serta"))
# Demonstratives, English before the word and Indonesian after it (general grammar).
POINT_BEFORE = frozenset(("this", "that", "these", "those"))
POINT_AFTER = frozenset(("ini", "itu", "tersebut"))
POINT_MIN = 3
# Share of a term's uses beside one. Reviews write "mobil ini" less often than "this place";
# set on the benchmark's two sets, where no subject of a complaint comes near either share.
POINT_SHARE = {"en": 0.1, "id": 0.05}
MAX_THEMES = 12
CANDIDATES = 2 * MAX_THEMES  # found before themes saying the same complaint merge
QUOTES = 3
QUOTE_LENGTH = 90  # characters a quote reads best at
LABEL_WORDS = 4
EXTEND_SHARE = 0.4  # a longer phrase said by this share of the comments that say the short one
WHY_WORDS = 5
DISPLAY = {"wifi": "Wi-Fi"}  # the one spelling the reader folds, shown the usual way


@dataclass(frozen=True)
class Comment:
    id: str
    text: str


@dataclass(frozen=True)
class Theme:
    key: str  # the term that started it: stable while the data is
    label: str  # a phrase from the comments' own words
    terms: tuple[str, ...]  # the words that placed comments here, most used first
    member_ids: tuple[str, ...]  # sorted
    quotes: tuple[str, ...]

    @property
    def count(self) -> int:
        return len(self.member_ids)


@dataclass(frozen=True)
class _Read:
    """One comment as the grouping sees it."""

    text: str
    tokens: tuple[Token, ...]
    terms: frozenset[str]


def find_themes(
    comments: Iterable[Comment], background: Iterable[str] = (), tone: str = "pain", reader: Reader | None = None
) -> list[Theme]:
    """Themes of these comments, biggest first (see the module docstring). A survey's pains
    and gains may share one `reader` (feedback.wording.reader_for all its comments)."""
    texts: dict[str, str] = {}
    for comment in comments:
        text = comment.text.strip()
        if text:
            texts[comment.id] = text
    if not texts:
        return []
    ordered = sorted(texts, key=lambda cid: (texts[cid], cid))
    reader = reader or reader_for([texts[cid] for cid in ordered])
    by_text: dict[str, _Read] = {}  # a comment said many times is read once
    for cid in ordered:
        if texts[cid] not in by_text:
            by_text[texts[cid]] = _read(reader, texts[cid], tone)
    read = {cid: by_text[texts[cid]] for cid in ordered}
    others = [text.strip() for text in background if text and text.strip()]
    groups = _merged(_groups(read, ordered, others, reader, CANDIDATES))
    spelled = _spellings(read)
    groups = _said_together(groups, read, spelled)[:MAX_THEMES]
    groups = _filled(groups, read, ordered, others, reader)
    keys = {key for key, _, _ in groups}
    themes = [_theme(key, terms, members, read, spelled, keys - set(terms)) for key, terms, members in groups]
    return sorted(themes, key=lambda theme: (-theme.count, theme.key))


def _read(reader: Reader, text: str, tone: str) -> _Read:
    tokens = tuple(reader.tokens(complaint_part(text, tone)))
    return _Read(text, tokens, frozenset(token.term for token in tokens if token.term))


def _groups(
    read: dict[str, _Read], ordered: list[str], others: list[str], reader: Reader, limit: int
) -> list[tuple[str, list[str], set[str]]]:
    n = len(ordered)
    holders, distinct, product, names = vocabulary(read, ordered, others, reader)
    support = max(MIN_SUPPORT, round(n * SUPPORT_SHARE))

    starters = sorted(term for term, ids in holders.items() if len(ids) >= support and term not in product | names)
    joiners = sorted(term for term, ids in holders.items() if len(ids) >= MIN_SUPPORT and term not in product)
    used: set[str] = set()
    covered: set[str] = set()
    groups: list[tuple[str, list[str], set[str]]] = []
    while len(groups) < limit:
        open_starters = [term for term in starters if term not in used]
        if not open_starters:
            break
        best = min(
            open_starters,
            key=lambda term: (-len(holders[term] - covered) * distinct(term), -len(holders[term]), term),
        )
        if len(holders[best] - covered) < support:
            break
        seed = holders[best]
        terms = [best]
        members = set(seed)
        for term in joiners:
            if term in used or term == best:
                continue
            inside = len(holders[term] & seed)
            # Mostly inside, and far more than a big theme would hold by chance.
            share = inside / len(holders[term])
            if inside >= MIN_SUPPORT and share >= max(JOIN_SHARE, min(1.0, JOIN_LIFT * len(seed) / n)):
                terms.append(term)
                members |= holders[term]
        used.update(terms)
        covered |= members
        groups.append((best, terms, members))
    return groups


def vocabulary(
    read: dict[str, _Read], ordered: list[str], others: list[str], reader: Reader
) -> tuple[dict[str, set[str]], Callable[[str], float], set[str], set[str]]:
    """The comments holding each term; how distinctive a term is (0.5: used as much in the
    other answers); the terms that name the product or the thing reviewed; the names."""
    n = len(ordered)
    holders: dict[str, set[str]] = {}
    for cid in ordered:
        for term in read[cid].terms:
            holders.setdefault(term, set()).add(cid)
    elsewhere = Counter(term for text in others for term in reader.terms(text))

    def distinct(term: str) -> float:
        if not others:
            return 1.0
        lift = ((len(holders[term]) + 1) / (n + 2)) / ((elsewhere[term] + 1) / (len(others) + 2))
        return lift / (1 + lift)

    # In most comments, and not much rarer in the other answers (when there are enough of them
    # to tell): the product itself.
    few_others = len(others) < BACKGROUND_SHARE * n
    product = {
        term
        for term, ids in holders.items()
        if n >= 10 and len(ids) > PRODUCT_SHARE * n and (few_others or distinct(term) < PRODUCT_DISTINCT)
    }
    names = reader.names_in([read[cid].text for cid in ordered] + others, _names)
    product |= _pointed_at([read[cid].text for cid in ordered] + others, reader)
    return holders, distinct, product, names


def _pointed_at(texts: list[str], reader: Reader) -> set[str]:
    """Terms often said with a demonstrative ("this place", "mobil ini"): the thing the answers
    are about (the product, the venue, the model), not something said about it."""
    pointed: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text in dict.fromkeys(texts):
        tokens = reader.tokens(text)
        for index, token in enumerate(tokens):
            if not token.term:
                continue
            seen[token.term] += 1
            before = tokens[index - 1].word if index else ""
            after = tokens[index + 1].word if index + 1 < len(tokens) else ""
            pointed[token.term] += before in POINT_BEFORE or after in POINT_AFTER
    return {term for term, n in pointed.items() if n >= POINT_MIN and n > POINT_SHARE[reader.language] * seen[term]}


def _names(texts: list[str], reader: Reader) -> set[str]:
    """Terms mostly written with a capital inside a sentence (not all capitals: AC, TV)."""
    capital: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text in dict.fromkeys(one_wifi(text) for text in texts):  # "WiFi" is no name
        for match in WORD.finditer(text):
            surface = match.group()
            before = text[max(0, match.start() - 3) : match.start()].rstrip()
            if not before or before[-1] in ".!?":  # a sentence's first word has its capital anyway
                continue
            term = reader.token(surface, reader.language).term
            if term:
                seen[term] += 1
                capital[term] += surface[:1].isupper() and not surface.isupper()
    return {term for term, n in seen.items() if capital[term] > NAME_SHARE * n}


def _merged(groups: list[tuple[str, list[str], set[str]]]) -> list[tuple[str, list[str], set[str]]]:
    """Themes that share most of the smaller one's comments become one (the bigger one's key)."""
    out: list[tuple[str, list[str], set[str]]] = []
    for key, terms, members in groups:  # biggest starters first, so the bigger one leads
        for index, (other_key, other_terms, other_members) in enumerate(out):
            if len(members & other_members) >= MERGE_SHARE * min(len(members), len(other_members)):
                out[index] = (other_key, other_terms + terms, other_members | members)
                break
        else:
            out.append((key, list(terms), set(members)))
    return out


def _said_together(
    groups: list[tuple[str, list[str], set[str]]], read: dict[str, _Read], spelled: dict[str, str]
) -> list[tuple[str, list[str], set[str]]]:
    """A theme whose label names another theme's subject says the same complaint ("harga nya
    mahal" from "harga" and from "mahal"; "not worth the prices" from "price" and "worth"):
    the one found later joins the earlier."""
    keys = {key for key, _, _ in groups}
    said = {
        key: set(_label(key, set(terms), sorted(members), read, spelled, keys - set(terms)).casefold().split())
        for key, terms, members in groups
    }
    out: list[tuple[str, list[str], set[str]]] = []
    for key, terms, members in groups:
        subject = spelled.get(key, key).casefold()
        for index, (other, other_terms, other_members) in enumerate(out):
            if subject in said[other] or spelled.get(other, other).casefold() in said[key]:
                out[index] = (other, other_terms + terms, other_members | members)
                break
        else:
            out.append((key, list(terms), set(members)))
    return out


def _filled(
    groups: list[tuple[str, list[str], set[str]]],
    read: dict[str, _Read],
    ordered: list[str],
    others: list[str],
    reader: Reader,
) -> list[tuple[str, list[str], set[str]]]:
    """Comments no term placed join the theme whose wording is closest, if any is near."""
    covered = set().union(*(members for _, _, members in groups)) if groups else set()
    left = [cid for cid in ordered if cid not in covered and read[cid].terms]
    if not groups or not left:
        return groups
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    vectorizer = TfidfVectorizer(analyzer=sorted, sublinear_tf=True)
    vectorizer.fit([read[cid].terms for cid in ordered] + [reader.terms(text) for text in others])
    row = {cid: index for index, cid in enumerate(ordered)}
    matrix = normalize(vectorizer.transform([read[cid].terms for cid in ordered]))
    centres = normalize(
        np.vstack([np.asarray(matrix[sorted(row[cid] for cid in members)].mean(axis=0)) for _, _, members in groups])
    )
    closeness = np.asarray(matrix[[row[cid] for cid in left]] @ centres.T)
    out = [(key, terms, set(members)) for key, terms, members in groups]
    for cid, scores in zip(left, closeness, strict=True):
        best = int(scores.argmax())  # the first of equals: groups come in a fixed order
        if scores[best] >= NEAR:
            out[best][2].add(cid)
    return out


def _theme(
    key: str, terms: list[str], members: set[str], read: dict[str, _Read], spelled: dict[str, str], elsewhere: set[str]
) -> Theme:
    ids = sorted(members)
    placing = Counter(term for cid in ids for term in read[cid].terms if term in terms)
    why = tuple(spelled[term] for term, _ in sorted(placing.items(), key=lambda e: (-e[1], e[0])))
    return Theme(
        key=key,
        label=_label(key, set(terms), ids, read, spelled, elsewhere),
        terms=why[:WHY_WORDS],
        member_ids=tuple(ids),
        quotes=pick_quotes(ids, read, set(terms)),
    )


def _spellings(read: dict[str, _Read]) -> dict[str, str]:
    """Each term as the comments most often write it: "AC" stays in capitals, "kmr" reads "kamar"."""
    spelled: dict[str, Counter[str]] = {}
    for comment in read.values():
        for token in comment.tokens:
            if token.term:
                if token.term not in spelled:
                    spelled[token.term] = Counter()
                spelled[token.term][_shown(token)] += 1
    return {term: min(counts.items(), key=lambda e: (-e[1], e[0]))[0] for term, counts in spelled.items()}


def _shown(token: Token) -> str:
    if token.word in DISPLAY:
        return DISPLAY[token.word]
    if token.surface.isupper() and len(token.surface) <= 4 and token.surface.casefold() == token.word:
        return token.surface  # an abbreviation: AC, TV, WC
    return token.word


def _label(
    key: str, terms: set[str], ids: list[str], read: dict[str, _Read], spelled: dict[str, str], elsewhere: set[str]
) -> str:
    """The phrase the theme's comments share most around its terms (times said × words): it
    starts on a content word or a negation (never just after one), ends on a content word,
    holds a theme term, lists no other theme's subject with "and", and is said in two
    different comments or more. `elsewhere`: the other themes' keys."""
    phrases: Counter[tuple[str, ...]] = Counter()
    for tokens in {read[cid].text: read[cid].tokens for cid in ids}.values():  # a repeated comment counts once
        said: set[tuple[str, ...]] = set()
        for start in range(len(tokens)):
            for size in range(2, LABEL_WORDS + 1):
                span = tokens[start : start + size]
                opens = span[0].term or span[0].word in NEGATION  # "not impressed with the food"
                if len(span) < size or not opens or not span[-1].term:
                    continue
                words = {token.word for token in span}
                if words & COORDINATION and any(token.term in elsewhere for token in span):
                    continue  # "food and service" lists another theme's subject beside this one
                if start and tokens[start - 1].word in NEGATION:  # "(not) impressed with the food"
                    continue
                if any(token.term in terms for token in span):
                    said.add(tuple(_shown(token) for token in span))
        phrases.update(said)
    fitting = [(phrase, n) for phrase, n in phrases.items() if n >= MIN_SUPPORT]
    subject = spelled.get(key, key)
    if not fitting:
        return subject
    # A phrase that names the theme's subject first; else the subject, then what is said of it.
    phrase, support = min(fitting, key=lambda e: (subject not in e[0], -e[1] * len(e[0]), -len(e[0]), e[0]))
    # "air panas" → "air panas tidak berfungsi", when enough of the same comments say it all.
    longer = [(p, n) for p, n in fitting if len(p) > len(phrase) and n >= EXTEND_SHARE * support and _holds(p, phrase)]
    if longer:
        phrase, _ = min(longer, key=lambda e: (-e[1], -len(e[0]), e[0]))
    return " ".join(phrase) if subject in phrase else f"{subject} {' '.join(phrase)}"


def _holds(phrase: tuple[str, ...], part: tuple[str, ...]) -> bool:
    return any(phrase[start : start + len(part)] == part for start in range(len(phrase) - len(part) + 1))


def pick_quotes(ids: Iterable[str], read: dict[str, _Read], terms: set[str]) -> tuple[str, ...]:
    """Up to QUOTES distinct comments that carry the most of the theme's terms, readable length first."""
    texts = {read[cid].text: read[cid].terms for cid in ids}
    ranked = sorted(texts, key=lambda text: (-len(terms & texts[text]), abs(len(text) - QUOTE_LENGTH), text))
    return tuple(ranked[:QUOTES])
