"""What the browser reads about the whole document: its language, its title, its icon,
and the screen-reader labels that Streamlit's own controls carry in English.

`<html lang>` and those labels live outside anything a Streamlit element renders, so a
small inline component (v2: no iframe, it runs in the page itself) sets them. It keeps
watching, because Streamlit re-renders its controls and would put the English back. What
it can't reach (texts drawn inside a canvas, tooltips built on hover) is listed in the
README's accessibility section.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from i18n import catalog
from ui.common.i18n import current_language, t

FAVICON = Path(__file__).resolve().parent.parent / "assets" / "favicon.png"
LABEL_PREFIX = "a11y.streamlit."

# Runs in the page: the language on <html>, then Streamlit's English labels in the user's language.
_JS = """
export default function ({ data }) {
  if (!data) return;
  const root = document.documentElement;
  if (root.lang !== data.lang) root.lang = data.lang;
  const state = (window.__nilaiDocument = window.__nilaiDocument || {});
  state.labels = data.labels;
  state.helpFor = data.help_for;
  state.help = data.help;
  const english = (state.english = state.english || new WeakMap());
  const say = (value) => {
    if (!value) return null;
    if (value in state.labels) return state.labels[value];
    if (value === "Help") return state.help;
    if (value.startsWith("Help for ")) return state.helpFor.replace("{label}", value.slice(9));
    const colon = value.indexOf(": ");
    if (colon > 0 && value.slice(0, colon) in state.labels) {
      return state.labels[value.slice(0, colon)] + value.slice(colon);
    }
    return null;
  };
  const translate = (element, attribute) => {
    const known = english.get(element) || {};
    const now = element.getAttribute(attribute);
    // Keep the English original: a change of language translates from it again.
    const source = now === known[attribute + ":said"] ? known[attribute] : now;
    const said = say(source);
    if (said === null || said === now) return;
    known[attribute] = source;
    known[attribute + ":said"] = said;
    english.set(element, known);
    element.setAttribute(attribute, said);
  };
  const sweep = () => {
    if (document.documentElement.lang !== state.lang) document.documentElement.lang = state.lang;
    document.querySelectorAll("[aria-label]").forEach((el) => translate(el, "aria-label"));
    document.querySelectorAll("[title]").forEach((el) => translate(el, "title"));
    document.querySelectorAll("a[href^='#'], [data-testid=stSkipLink]").forEach((el) => {
      const said = say(el.textContent);
      if (said !== null && el.childElementCount === 0) el.textContent = said;
    });
  };
  state.lang = data.lang;
  if (!state.observer) {
    let queued = false;
    state.observer = new MutationObserver(() => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => { queued = false; sweep(); });
    });
    state.observer.observe(document.body, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label", "title", "lang"],
    });
    new MutationObserver(() => {
      if (document.documentElement.lang !== state.lang) document.documentElement.lang = state.lang;
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  }
  sweep();
}
"""
_component = st.components.v2.component("nilai_document", html="", js=_JS)


@st.cache_resource(max_entries=4, show_spinner=False)
def streamlit_labels(language: str) -> dict[str, str]:
    """Streamlit's English label -> the user's language, from the a11y catalog (worked out
    once per language: every page run sends it)."""
    return {
        key.removeprefix(LABEL_PREFIX): text
        for key, text in catalog(language).items()
        if key.startswith(LABEL_PREFIX) and key not in (LABEL_PREFIX + "help_for", LABEL_PREFIX + "help")
    }


def set_page(title: str | None) -> None:
    """Title the browser tab after the page (screen readers announce it on arrival)."""
    name = t("app.title")
    st.set_page_config(page_title=f"{title} · {name}" if title and title != name else name, page_icon=str(FAVICON))


def sync_document() -> None:
    language = current_language()
    _component(
        data={
            "lang": language,
            "labels": streamlit_labels(language),
            "help_for": t(LABEL_PREFIX + "help_for", label="{label}"),
            "help": t(LABEL_PREFIX + "help"),
        },
        key="ui.document",
        height=0,
    )
