"""Themes found in comments: the words that count, the groups, the labels, and the same
themes whatever the row order."""

from __future__ import annotations

import random

from feedback.themes import Comment, Theme, find_themes
from feedback.wording import complaint_part, reader_for

HOTEL = [
    "AC kmr gk dingin",
    "ac tdk dingin bgt",
    "AC mati, kamar panas",
    "Wi-Fi lemah di kamar",
    "wifi lelet bgt",
    "wi fi lemah di kamar atas",
    "air panas tidak berfungsi",
    "air panas gak keluar",
    "air panas tidak berfungsi sama sekali",
    "kebersihan kurang",
    "kamar kotor dan tidak dibersihkan",
    "tidak bersih",
    "AC bocor dan air panas mati",
]
PRAISE = ["kamar bagus", "kamar luas dan sarapan enak", "staf ramah", "kamar nyaman"]


def _comments(texts: list[str]) -> list[Comment]:
    return [Comment(f"r{n:03d}", text) for n, text in enumerate(texts)]


def _by_word(themes: list[Theme]) -> dict[str, Theme]:
    return {word: theme for theme in themes for word in theme.terms}


def _terms(text: str, survey: list[str] = HOTEL) -> frozenset[str]:
    return reader_for(survey).terms(text)


def test_two_letter_topics_and_wifi_spellings_are_kept_as_one_term() -> None:
    assert {"ac", "tv", "wc"} <= _terms("AC mati, TV rusak, WC mampet")
    assert _terms("Wi-Fi lemah") == _terms("wifi lemah") == _terms("wi fi lemah") == _terms("WiFi lemah")


def test_informal_spellings_fold_onto_the_standard_word() -> None:
    reader = reader_for(HOTEL)
    # "gk", "tdk" and "gak" are "tidak" (a stop word); "bgt" is "banget" (says how, not what)
    assert reader.terms("AC kmr gk dingin bgt") == reader.terms("AC kamar tidak dingin") == {"ac", "kamar", "dingin"}
    assert reader.terms("wifi lelet") == reader.terms("wifi lambat")
    assert [token.word for token in reader.tokens("ac tdk dingin")] == ["ac", "tidak", "dingin"]


def test_a_vowel_less_abbreviation_is_read_as_the_surveys_own_word() -> None:
    survey = ["kamar mandi kotor", "kamar sempit", "kmr bau"]
    assert _terms("kmr bau", survey) == _terms("kamar bau", survey)
    assert "kmr" in _terms("kmr bau", ["kmr bau"])  # no word it could stand for: kept as written


def test_affixed_forms_fold_onto_one_stem() -> None:
    assert _terms("kebersihan") == _terms("bersih") == _terms("dibersihkan") == {"bersih"}
    assert _terms("pelayanannya lambat") == _terms("layanan lambat")
    assert _terms("The seats are always taken", ["The seats are taken"]) == {"seat", "taken"}


def test_themes_name_what_customers_complain_about() -> None:
    themes = _by_word(find_themes(_comments(HOTEL), PRAISE))
    assert themes["AC"].count == 4 and themes["AC"].label.startswith("AC")
    assert themes["Wi-Fi"].label == "Wi-Fi lemah di kamar" and themes["Wi-Fi"].count == 3
    assert themes["panas"].label == "air panas tidak berfungsi"
    assert themes["bersih"].count == 3  # kebersihan, dibersihkan, bersih
    assert "kamar" not in themes  # the product: said as often in the praise


def test_a_comment_naming_two_problems_counts_in_both_themes() -> None:
    themes = _by_word(find_themes(_comments(HOTEL), PRAISE))
    both = "r012"  # "AC bocor dan air panas mati"
    assert both in themes["AC"].member_ids and both in themes["panas"].member_ids


def test_quotes_show_the_theme_and_are_the_customers_words() -> None:
    for theme in find_themes(_comments(HOTEL), PRAISE):
        assert 2 <= len(theme.quotes) <= 3
        assert all(quote in HOTEL for quote in theme.quotes)
    wifi = _by_word(find_themes(_comments(HOTEL), PRAISE))["Wi-Fi"]
    assert all("wi" in quote.casefold() for quote in wifi.quotes)


def test_a_word_in_most_comments_never_makes_a_theme_on_its_own() -> None:
    survey = [f"aplikasi {problem}" for problem in ["lambat", "lambat sekali", "sering error", "error terus"] * 3]
    themes = find_themes(_comments(survey))
    assert themes and all(theme.key != "aplikasi" for theme in themes)
    assert {theme.key for theme in themes} == {"lambat", "error"}


def test_a_name_written_with_a_capital_does_not_start_a_theme() -> None:
    survey = ["Harga di Cabang Margonda mahal", "Di Margonda antre lama", "Kasir di Margonda lambat", "harga mahal"]
    assert "margonda" not in {theme.key for theme in find_themes(_comments(survey))}


def test_a_topic_written_in_camel_case_is_not_taken_for_a_name() -> None:
    # "WiFi" inside a sentence starts with a capital, as names do; it is still the Wi-Fi topic,
    # and a model name written the same way is still a name.
    survey = ["Sinyal WiFi lemah", "Di lobi WiFi putus", "kamar wifi lemah"]
    survey += ["Mobil Avanza mogok", "Kemarin Avanza mogok"]
    keys = {theme.key for theme in find_themes(_comments(survey))}
    assert "wifi" in keys and "avanza" not in keys


def test_what_the_answers_point_at_with_this_does_not_start_a_theme() -> None:
    # "this place", "mobil ini": the thing reviewed, however often it is named.
    english = ["This place is too loud", "Never again at this place", "this place has slow service"]
    english += ["The service was slow", "Loud music all night", "slow service", "the place was loud"]
    assert "place" not in {theme.key for theme in find_themes(_comments(english))}
    indonesian = ["Mobil ini boros", "mobil ini boros bensin", "Mobil itu remnya blong", "rem blong", "mobil boros"]
    assert "mobil" not in {theme.key for theme in find_themes(_comments(indonesian))}


def test_a_label_names_its_own_subject_and_keeps_its_negation() -> None:
    survey = ["The food and service were awful", "food and service were bad", "food and service: meh"]
    survey += ["the service was slow", "service slow tonight", "rude service at the bar", "slow service"]
    survey += ["service slow again", "the food was cold", "cold food again", "bland food", "parking is hard"]
    survey += ["no parking", "parking full", "music too loud", "loud music", "the staff was not impressed with us"]
    survey += ["not impressed with the dessert at all", "I was not impressed with the dessert"]
    labels = {theme.key: theme.label for theme in find_themes(_comments(survey))}
    # "food and service" names the food theme's subject too; "impressed with ..." would praise.
    assert labels["service"] == "service slow" and "and" not in labels["food"]
    assert labels["impressed"] == "not impressed"


def test_themes_that_say_the_same_complaint_merge() -> None:
    # Found once from "harga" and once from "mahal", both say "harga nya mahal": one theme.
    survey = ["harga nya mahal", "harga nya mahal sekali", "harga naik terus", "harga naik lagi"]
    survey += ["harga tidak sesuai", "terlalu mahal", "mahal untuk porsi kecil", "kemahalan", "mahal sekali"]
    survey += ["antre lama", "antre lama sekali", "antre panjang", "parkir sempit", "parkir penuh", "parkir susah"]
    themes = find_themes(_comments(survey))
    price = [theme for theme in themes if "harga" in theme.terms or "mahal" in theme.terms]
    assert len(price) == 1 and price[0].count == 9 and price[0].label == "harga nya mahal"
    assert {theme.key for theme in themes} >= {"antre", "parkir"}


def test_praise_before_but_does_not_place_a_complaint() -> None:
    assert complaint_part("The food was great, but the service was slow", "pain").strip() == "the service was slow"
    assert complaint_part("Makanan enak tapi pelayanan lambat", "pain").strip() == "pelayanan lambat"
    assert complaint_part("Staff not friendly", "pain") == "Staff not friendly"


def test_the_same_comments_in_any_order_give_the_same_themes() -> None:
    comments = _comments(HOTEL * 2 + ["The wifi keeps dropping", "No hot water in the room"])
    expected = find_themes(comments, PRAISE)
    assert len(expected) >= 3
    for seed in range(10):
        shuffled = comments[:]
        random.Random(seed).shuffle(shuffled)
        background = PRAISE[:]
        random.Random(seed).shuffle(background)
        assert find_themes(shuffled, background) == expected


def test_nothing_shared_gives_no_theme() -> None:
    assert find_themes(_comments(["Wifi", "Parkir"])) == []
    assert find_themes([]) == []
    assert find_themes(_comments(["", "   "])) == []
