"""Themes measured on real, human-labelled reviews nobody in the project wrote (issue 24).

Data (bench/data/, with SOURCE.md and licences): Indonesian car reviews (CASA, IndoNLU) and
English restaurant reviews (SemEval-2014 Task 4). A review with a negative aspect is a
detractor comment whose truth is its set of negative aspects; the data set's other reviews
are the survey's other answers (the background a theme must stand out against).

* themes_aspects_found_ratio: the share of aspects with 15+ comments for which some theme has
  purity >= 0.6 and holds >= 30 % of that aspect's comments.
* themes_purity: the mean, weighted by theme size, of the share of a theme's comments that
  carry its most common aspect.
* themes_coverage: the share of comments in at least one theme.
Each is reported per language (_id, _en); the name without a suffix is the worse language.
The same metrics for the plain baseline (TF-IDF with Sastrawi stems and stopwordsiso stop
words, then NMF with as many topics as the app shows themes, each comment in its strongest
topic) come from the same run, as themes_baseline_*.
* themes_10k_s: the Themes tab's work on 10,000 answers (their comments are the real reviews,
  repeated), through the service: reading the comments and finding pain and gain themes.
  Median of 3; themes_10k_cpu_s is the same runs' CPU time (this process), which a busy
  shared machine inflates less.
"""

from __future__ import annotations

import csv
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
MIN_ASPECT = 15
FOUND_PURITY = 0.6
FOUND_SHARE = 0.3
ANSWERS = 10_000


@dataclass(frozen=True)
class Review:
    id: str
    text: str
    negative: frozenset[str]  # the aspects labelled negative (empty: not a detractor)


def indonlu_aspects(folder: Path, negative_label: str) -> list[Review]:
    """An IndoNLU aspect-labelled set (CASA's cars, HoASA's hotels): a CSV per split, the
    review then one column per aspect, each cell its sentiment."""
    reviews: list[Review] = []
    for split in ("train_preprocess", "valid_preprocess", "test_preprocess"):
        with open(folder / f"{split}.csv", encoding="utf-8", newline="") as handle:
            rows = csv.reader(handle)
            aspects = next(rows)[1:]
            for number, row in enumerate(rows):
                negative = frozenset(a for a, label in zip(aspects, row[1:], strict=True) if label == negative_label)
                reviews.append(Review(f"{split}-{number}", row[0], negative))
    return reviews


def casa() -> list[Review]:
    return indonlu_aspects(DATA / "casa", "negative")


def restaurants() -> list[Review]:
    path = DATA / "semeval2014_restaurants" / "sentences.csv"
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            Review(row["id"], row["text"], frozenset(filter(None, row["negative_categories"].split(";"))))
            for row in csv.DictReader(handle)
        ]


def score(reviews: list[Review], themes: list[list[str]]) -> dict[str, float]:
    truth = {review.id: review.negative for review in reviews if review.negative}
    per_aspect = Counter(aspect for aspects in truth.values() for aspect in aspects)
    big = [aspect for aspect, n in per_aspect.items() if n >= MIN_ASPECT]
    held = [Counter(aspect for cid in members for aspect in truth[cid]) for members in themes]
    found = sum(
        any(
            counts[aspect] >= FOUND_PURITY * len(members) and counts[aspect] >= FOUND_SHARE * per_aspect[aspect]
            for members, counts in zip(themes, held, strict=True)
            if members
        )
        for aspect in big
    )
    sizes = sum(len(members) for members in themes)
    top = sum(max(counts.values(), default=0) for counts in held)
    covered = set().union(*map(set, themes)) if themes else set()
    return {
        "themes_aspects_found_ratio": round(found / len(big), 3) if big else 0.0,
        "themes_purity": round(top / sizes, 3) if sizes else 0.0,
        "themes_coverage": round(len(covered) / len(truth), 3),
    }


def nilai_themes(reviews: list[Review]) -> list[list[str]]:
    from feedback.themes import Comment, find_themes

    detractors = [Comment(r.id, r.text) for r in reviews if r.negative]
    others = [r.text for r in reviews if not r.negative]
    return [list(theme.member_ids) for theme in find_themes(detractors, others, tone="pain")]


def baseline_themes(reviews: list[Review], language: str) -> list[list[str]]:
    """The plain library approach: TF-IDF (Sastrawi stems for Indonesian, stopwordsiso stop
    words), NMF with as many topics as the app shows, each comment in its strongest topic."""
    import stopwordsiso
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    from feedback.themes import MAX_THEMES

    stop = stopwordsiso.stopwords(language)
    stemmer = StemmerFactory().create_stemmer()

    def words(text: str) -> list[str]:
        kept = [w for w in re.findall(r"[^\W\d_]{2,}", text.casefold()) if w not in stop]
        return [stemmer.stem(w) for w in kept] if language == "id" else kept

    detractors = [r for r in reviews if r.negative]
    matrix = TfidfVectorizer(analyzer=words, min_df=2).fit_transform([r.text for r in detractors])
    weights = NMF(n_components=MAX_THEMES, init="nndsvd", random_state=0, max_iter=400).fit_transform(matrix)
    topics: list[list[str]] = [[] for _ in range(MAX_THEMES)]
    for review, row in zip(detractors, weights, strict=True):
        if row.max() > 0:
            topics[int(row.argmax())].append(review.id)
    return [topic for topic in topics if topic]


def quality() -> dict[str, float]:
    metrics: dict[str, float] = {}
    for language, reviews in (("id", casa()), ("en", restaurants())):
        for prefix, themes in (
            ("themes", nilai_themes(reviews)),
            ("themes_baseline", baseline_themes(reviews, language)),
        ):
            for name, value in score(reviews, themes).items():
                metrics[f"{name.replace('themes', prefix, 1)}_{language}"] = value
    for prefix in ("themes", "themes_baseline"):
        for name in ("aspects_found_ratio", "purity", "coverage"):
            metrics[f"{prefix}_{name}"] = min(metrics[f"{prefix}_{name}_id"], metrics[f"{prefix}_{name}_en"])
    return metrics


def survey_csv(rows: int = ANSWERS) -> bytes:
    """10,000 answers whose comments are the real reviews, in turn: detractors' scores for
    the negative ones, promoters' or passives' for the rest."""
    reviews = casa() + restaurants()
    lines = ["skor;komentar"]
    for n in range(rows):
        review = reviews[n % len(reviews)]
        grade = n % 7 if review.negative else 7 + n % 4
        comment = review.text.replace(";", ",").replace('"', "'").replace("\n", " ")
        lines.append(f'{grade};"{comment}"')
    return "\n".join(lines).encode()


def speed() -> dict[str, float]:
    from bench.actors import WORKSPACE
    from bench.harness import private_app_store
    from feedback import service as feedback
    from projects import service as projects

    with private_app_store("nilai-bench-themes-") as store:
        project = projects.create_project(store, WORKSPACE, "Reviews", language="id")
        preview = feedback.read_file(store, WORKSPACE, project.id, survey_csv(), "reviews.csv")
        feedback.import_responses(store, WORKSPACE, project.id, preview, skip_bad_rows=True)
        timings, cpu = [], []
        for _ in range(3):
            started, cpu_started = time.perf_counter(), time.process_time()
            board = feedback.theme_board(store, WORKSPACE, project.id)
            timings.append(time.perf_counter() - started)
            cpu.append(time.process_time() - cpu_started)
        assert board.of_kind("pain"), "no pain themes in 10,000 reviews"
        store.db.engine.dispose()
    return {"themes_10k_s": round(statistics.median(timings), 3), "themes_10k_cpu_s": round(statistics.median(cpu), 3)}


def run() -> dict[str, float]:
    return {**quality(), **speed()}


if __name__ == "__main__":
    print(run())
