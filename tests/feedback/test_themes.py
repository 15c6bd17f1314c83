"""Themes found in comments: sensible groups, and the same ones whatever the row order."""

from __future__ import annotations

import random

from feedback.themes import Comment, find_themes, terms

COMMENTS = [
    "Antrean peminjaman terlalu lama",
    "antre lama sekali di meja sirkulasi",
    "Antrean panjang waktu ujian",
    "Wifi sering putus",
    "wifi lambat sekali",
    "The wifi keeps dropping in the reading room",
    "Ruang baca panas, AC mati",
    "AC tidak dingin, ruang baca panas",
    "No seats left after 10am",
    "Could not find a seat during exams",
    "Bagus",
    "",
]


def _comments(texts: list[str]) -> list[Comment]:
    return [Comment(f"r{n:03d}", text) for n, text in enumerate(texts)]


def test_stop_words_in_both_languages_are_left_out() -> None:
    assert terms("Wifi-nya sangat lambat dan tidak stabil") == {"wifi", "lambat", "stabil"}
    assert terms("The seats are always taken") == {"seats", "taken"}


def test_themes_group_what_customers_say() -> None:
    themes = {theme.key: theme for theme in find_themes(_comments(COMMENTS))}
    assert themes["antre"].count == 3  # "antrean" and "antre" are one word
    assert themes["wifi"].count == 3  # Indonesian and English comments together
    assert themes["seat"].count == 2  # "seats" and "seat"
    assert "panas" in themes or "baca" in themes or "ruang" in themes
    assert len(themes["wifi"].quotes) == 3
    assert all(quote in COMMENTS for theme in themes.values() for quote in theme.quotes)


def test_the_same_comments_in_any_order_give_the_same_themes() -> None:
    comments = _comments(COMMENTS * 3)
    expected = find_themes(comments)
    assert expected
    for seed in range(20):
        shuffled = comments[:]
        random.Random(seed).shuffle(shuffled)
        assert find_themes(shuffled) == expected


def test_nothing_shared_gives_no_theme() -> None:
    assert find_themes(_comments(["Wifi", "Parkir"])) == []
    assert find_themes([]) == []
