"""Both languages, always: identical catalogs, no missing keys, no bare UI strings."""

from __future__ import annotations

import ast
import json
import re
import string
from pathlib import Path

import pytest

from i18n import LANGUAGES, LOCALES_DIR, catalog, normalize_language, translate
from i18n.format import relative_time
from tests.conftest import ROOT

SKIP_DIRS = {".venv", "tests", "bench", ".git", "node_modules", "__pycache__"}
# Modules that render UI: a literal label there is a string only English (or only Indonesian) readers get.
UI_FILES = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py")])

# Streamlit calls whose first positional argument (or `label=`) is text shown to the user.
LABELLED = {
    "button",
    "download_button",
    "link_button",
    "page_link",
    "form_submit_button",
    "checkbox",
    "toggle",
    "radio",
    "selectbox",
    "multiselect",
    "slider",
    "select_slider",
    "text_input",
    "text_area",
    "number_input",
    "date_input",
    "time_input",
    "datetime_input",
    "file_uploader",
    "camera_input",
    "audio_input",
    "color_picker",
    "segmented_control",
    "pills",
    "popover",
    "expander",
    "metric",
    "title",
    "header",
    "subheader",
    "caption",
    "info",
    "warning",
    "error",
    "success",
    "toast",
    "chat_input",
    "status",
    "spinner",
    "progress",
    "data_editor",
    "Page",
}
# Keyword arguments that are shown to the user on any Streamlit call.
TEXT_KEYWORDS = {"label", "help", "placeholder", "title", "text"}
# Receivers that are not Streamlit even though they have .error()/.warning() etc.
NOT_STREAMLIT = re.compile(r"log|logger|logging|warnings", re.IGNORECASE)
# An icon (":material/add:"), emoji, digits or punctuation carry no language.
NEUTRAL = re.compile(r"^(\s|:material/[a-z0-9_]+:|[^\w]|\d)*$")


def _python_files() -> list[Path]:
    return sorted(path for path in ROOT.rglob("*.py") if not (set(path.relative_to(ROOT).parts[:-1]) & SKIP_DIRS))


def _catalog_files(language: str) -> dict[str, dict[str, str]]:
    return {
        path.name: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((LOCALES_DIR / language).glob("*.json"))
    }


def test_both_languages_have_the_same_catalog_files() -> None:
    assert set(_catalog_files("en")) == set(_catalog_files("id"))


def test_both_languages_have_identical_keys() -> None:
    en, id_ = set(catalog("en")), set(catalog("id"))
    assert sorted(en - id_) == [], "keys only in English"
    assert sorted(id_ - en) == [], "keys only in Bahasa Indonesia"


def test_each_area_file_holds_the_same_keys_in_both_languages() -> None:
    en, id_ = _catalog_files("en"), _catalog_files("id")
    for name in en:
        assert set(en[name]) == set(id_.get(name, {})), name


def _placeholders(text: str) -> set[str]:
    return {field for _, field, _, _ in string.Formatter().parse(text) if field}


def test_translations_use_the_same_placeholders() -> None:
    en, id_ = catalog("en"), catalog("id")
    for key in en:
        # An intentionally empty text (e.g. "age unknown" shows nothing) is empty in both.
        assert bool(en[key].strip()) == bool(id_[key].strip()), f"empty in one language only: {key}"
        assert _placeholders(en[key]) == _placeholders(id_[key]), key


def _literal_keys() -> list[tuple[str, int, str]]:
    """Every literal key handed to t("...") or translate(language, "...") in the app."""
    found: list[tuple[str, int, str]] = []
    for path in _python_files():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            index = {"t": 0, "translate": 1}.get(name)
            if index is None or len(node.args) <= index:
                continue
            arg = node.args[index]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((str(path.relative_to(ROOT)), node.lineno, arg.value))
    return found


def test_the_scan_finds_keys() -> None:
    keys = {key for _, _, key in _literal_keys()}
    assert {"home.title", "nav.home", "lang.label"} <= keys


def test_every_literal_key_in_the_code_exists_in_the_catalogs() -> None:
    known = set(catalog("en"))
    missing = [f"{path}:{line} {key}" for path, line, key in _literal_keys() if key not in known]
    assert missing == []


def _has_words(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return not NEUTRAL.match(node.value)
    if isinstance(node, ast.JoinedStr):
        return any(_has_words(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, (ast.List, ast.Tuple)):
        return any(_has_words(element) for element in node.elts)
    return False


def _receiver_name(func: ast.Attribute) -> str:
    value = func.value
    while isinstance(value, (ast.Attribute, ast.Call, ast.Subscript)):
        value = value.func if isinstance(value, ast.Call) else value.value
    return value.id if isinstance(value, ast.Name) else ""


def bare_labels(source: str, filename: str = "<string>") -> list[str]:
    """Calls in `source` that show a literal, language-bound string to the user."""
    problems: list[str] = []
    for node in ast.walk(ast.parse(source, filename)):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        if NOT_STREAMLIT.search(_receiver_name(node.func)):
            continue
        name = node.func.attr
        suspects: list[ast.expr] = []
        # st.Page and st.page_link take a file path first; their text comes as title=/label=.
        if name in LABELLED and node.args and name not in {"Page", "page_link"}:
            suspects.append(node.args[0])
        if name == "tabs" and node.args:
            suspects.append(node.args[0])
        if name in LABELLED or name == "tabs" or _receiver_name(node.func) == "st":
            suspects += [kw.value for kw in node.keywords if kw.arg in TEXT_KEYWORDS]
        for suspect in suspects:
            if _has_words(suspect):
                problems.append(f"{filename}:{node.lineno} {name}({ast.unparse(suspect)[:60]})")
    return problems


@pytest.mark.parametrize(
    ("source", "bad"),
    [
        ('st.button("Save")', True),
        ('col.button(label="Save")', True),
        ('st.text_input(t("field.name"), placeholder="Type here")', True),
        ('st.tabs(["Canvas", t("nav.home")])', True),
        ('st.expander(f"Trash ({n})")', True),
        ('st.Page("pages/home.py", title="Home")', True),
        ('st.page_link("pages/home.py", label="Home")', True),
        ('st.page_link("pages/home.py", label=t("nav.home"))', False),
        ('st.button(t("common.save"))', False),
        ('st.popover("", icon=":material/more_horiz:")', False),
        ('st.button("✕")', False),
        ('st.button(":material/close:")', False),
        ('st.caption(" · ")', False),
        ('log.error("page failed")', False),
        ('st.Page("pages/home.py", title=t("nav.home"))', False),
    ],
)
def test_the_bare_label_scan_itself(source: str, bad: bool) -> None:
    assert bool(bare_labels(source)) is bad


def test_no_page_or_ui_module_passes_a_bare_string_as_a_label() -> None:
    problems: list[str] = []
    for path in UI_FILES:
        problems += bare_labels(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    assert problems == []


@pytest.mark.parametrize(
    ("browser", "expected"),
    [("id-ID", "id"), ("id", "id"), ("in", "id"), ("en-US", "en"), ("en_GB", "en"), ("fr-FR", "id"), (None, "id")],
)
def test_browser_locales_map_to_our_languages(browser: str | None, expected: str) -> None:
    assert normalize_language(browser, "id") == expected


def test_missing_keys_and_bad_params_never_crash() -> None:
    assert translate("id", "no.such.key") == "no.such.key"
    assert translate("en", "home.created") == catalog("en")["home.created"]  # a missing param keeps the text
    for language in LANGUAGES:
        assert relative_time(language, None) == ""
