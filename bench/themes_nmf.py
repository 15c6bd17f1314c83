"""Issue 24, tried and not shipped: Nilai's own terms factorised by NMF (README, "How themes
are found"). Reproduces the README's table; not one of `python -m bench`'s modules.

    python -m bench.themes_nmf                    # CASA (id) and SemEval restaurants (en)
    python -m bench.themes_nmf --hotel DIR        # also IndoNLU's HoASA, from a folder you bring

Each variant prints aspects found / purity / coverage (bench.themes.score) beside Nilai's
method and the plain baseline:

* nmf: the TF-IDF matrix of Nilai's terms (folded; product, name and demonstrative words
  out: feedback.themes.vocabulary), NMF (nndsvd, random_state 0) with k = MAX_THEMES topics;
  a comment sits in every topic whose weight is >= SHARE of its largest and >= FLOOR; topics
  sharing their lead term merge.
* seeded: NMF started from today's themes (W from their members, H from their terms), k =
  the themes found before the cut to MAX_THEMES, then today's merges.
* leftover: today's themes, with the seeded NMF instead of the cosine step for the comments
  no term placed.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from bench.themes import Review, baseline_themes, casa, indonlu_aspects, nilai_themes, restaurants, score

SHARE = 0.5
FLOOR = 0.02
SEEDED_SHARE = 0.9
SEEDED_FLOOR = 0.06


def hoasa(folder: Path) -> list[Review]:
    return indonlu_aspects(folder, "neg")


def _prepared(reviews: list[Review]) -> tuple[dict[str, Any], list[str], list[str], Any]:
    """What find_themes reads before grouping: each detractor comment's terms, in text order."""
    from feedback.themes import _read
    from feedback.wording import reader_for

    texts = {r.id: r.text.strip() for r in reviews if r.negative and r.text.strip()}
    ordered = sorted(texts, key=lambda cid: (texts[cid], cid))
    reader = reader_for([texts[cid] for cid in ordered])
    read = {cid: _read(reader, texts[cid], "pain") for cid in ordered}
    others = [r.text.strip() for r in reviews if not r.negative and r.text.strip()]
    return read, ordered, others, reader


def _todays_groups(read: dict[str, Any], ordered: list[str], others: list[str], reader: Any) -> list[Any]:
    from feedback.themes import CANDIDATES, _groups, _merged, _said_together, _spellings

    return _said_together(_merged(_groups(read, ordered, others, reader, CANDIDATES)), read, _spellings(read))


def _factorised(
    read: dict[str, Any], ordered: list[str], others: list[str], reader: Any, seeds: list[Any] | None
) -> tuple[Any, Any, list[str]]:
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.decomposition import NMF
    from sklearn.preprocessing import normalize

    from feedback.themes import MAX_THEMES, MIN_SUPPORT, vocabulary

    holders, _, product, names = vocabulary(read, ordered, others, reader)
    terms = sorted(t for t, ids in holders.items() if len(ids) >= MIN_SUPPORT and t not in product | names)
    column = {term: j for j, term in enumerate(terms)}
    cells = [(i, column[t]) for i, cid in enumerate(ordered) for t in read[cid].terms if t in column]
    rows, cols = zip(*cells, strict=True)
    n = len(ordered)
    matrix = csr_matrix((np.ones(len(cells)), (rows, cols)), shape=(n, len(terms)))
    df = np.asarray(matrix.sum(axis=0)).ravel()
    matrix = normalize(csr_matrix(matrix.multiply(np.log((1 + n) / (1 + df)) + 1)))
    if seeds is None:
        model = NMF(n_components=MAX_THEMES, init="nndsvd", random_state=0, max_iter=400)
        weights = model.fit_transform(matrix)
    else:
        place = {cid: i for i, cid in enumerate(ordered)}
        w0 = np.full((n, len(seeds)), 1e-3)
        h0 = np.full((len(seeds), len(terms)), 1e-3)
        for j, (_, words, members) in enumerate(seeds):
            h0[j, [column[t] for t in words if t in column]] = 1.0
            w0[[place[cid] for cid in members], j] = 1.0
        scale = np.sqrt(matrix.mean() / (w0 @ h0).mean())
        model = NMF(n_components=len(seeds), init="custom", random_state=0, max_iter=400)
        weights = model.fit_transform(matrix, W=w0 * scale, H=h0 * scale)
    return weights, model.components_, terms


def _members(
    weights: Any, ordered: list[str], share: float, floor: float, only: set[str] | None = None
) -> list[set[str]]:
    topics: list[set[str]] = [set() for _ in range(weights.shape[1])]
    for row, cid in zip(weights, ordered, strict=True):
        if (only is not None and cid not in only) or row.max() <= 0:
            continue
        for j, weight in enumerate(row):
            if weight >= share * row.max() and weight >= floor:
                topics[j].add(cid)
    return topics


def nmf(reviews: list[Review]) -> list[list[str]]:
    read, ordered, others, reader = _prepared(reviews)
    weights, components, terms = _factorised(read, ordered, others, reader, None)
    by_lead: dict[str, set[str]] = {}
    for j, members in enumerate(_members(weights, ordered, SHARE, FLOOR)):
        by_lead.setdefault(terms[int(components[j].argmax())], set()).update(members)
    return [sorted(members) for members in by_lead.values() if members]


def seeded(reviews: list[Review]) -> list[list[str]]:
    from feedback.themes import MAX_THEMES, _merged, _said_together, _spellings

    read, ordered, others, reader = _prepared(reviews)
    seeds = _todays_groups(read, ordered, others, reader)
    weights, components, terms = _factorised(read, ordered, others, reader, seeds)
    topics = []
    for j, members in enumerate(_members(weights, ordered, SEEDED_SHARE, SEEDED_FLOOR)):
        order = components[j].argsort()[::-1]
        words = [terms[i] for i in order[:5] if components[j, i] > 0.3 * components[j, order[0]]]
        if members:
            topics.append((words[0], words, members))
    by_lead: dict[str, tuple[str, list[str], set[str]]] = {}
    for lead, words, members in topics:
        _, known, held = by_lead.get(lead, (lead, [], set()))
        by_lead[lead] = (lead, known + [w for w in words if w not in known], held | members)
    groups = sorted(by_lead.values(), key=lambda g: (-len(g[2]), g[0]))
    groups = _said_together(_merged(groups), read, _spellings(read))[:MAX_THEMES]
    return [sorted(members) for _, _, members in groups]


def leftover(reviews: list[Review]) -> list[list[str]]:
    from feedback.themes import MAX_THEMES

    read, ordered, others, reader = _prepared(reviews)
    seeds = _todays_groups(read, ordered, others, reader)[:MAX_THEMES]
    weights, _, _ = _factorised(read, ordered, others, reader, seeds)
    placed = set().union(*(members for _, _, members in seeds))
    extra = _members(weights, ordered, SEEDED_SHARE, FLOOR, only=set(ordered) - placed)
    return [sorted(members | more) for (_, _, members), more in zip(seeds, extra, strict=True)]


def main(argv: list[str]) -> int:
    sets = [("id", casa()), ("en", restaurants())]
    if argv[:1] == ["--hotel"] and len(argv) == 2:
        sets.append(("id (hotel, held out)", hoasa(Path(argv[1]))))
    for name, reviews in sets:
        language = "en" if name == "en" else "id"
        for variant, themes in (
            ("nilai", nilai_themes(reviews)),
            ("baseline", baseline_themes(reviews, language)),
            ("nmf", nmf(reviews)),
            ("seeded", seeded(reviews)),
            ("leftover", leftover(reviews)),
        ):
            figures = score(reviews, themes)
            print(f"{name:22} {variant:9} " + " / ".join(str(value) for value in figures.values()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
