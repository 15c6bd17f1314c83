"""What we know about this customer (issue 17): knowledge about, from and for the customer,
gathered on one persona's tab."""

from __future__ import annotations

import streamlit as st

from canvas.models import CanvasItem
from feedback.knowledge import CustomerKnowledge, customer_knowledge
from feedback.nps import FEW_ANSWERS
from i18n.format import format_number
from ui.common.actor import current_actor
from ui.common.i18n import current_language, t
from ui.common.state import get_store
from ui.common.text import md_escape, shorten
from ui.feedback.dashboard import interval_text, signed


def _lines(pairs: list[tuple[str, str]]) -> str:
    return "\n".join(f"- **{label}:** {md_escape(shorten(text, 300))}" for label, text in pairs if text)


def _about(knowledge: CustomerKnowledge) -> None:
    persona, segment = knowledge.persona, knowledge.segment
    st.markdown(f"##### {t('knowledge.about')}")
    st.caption(t("knowledge.about_help"))
    pairs = []
    if segment is not None:
        pairs.append((t("knowledge.segment"), segment.name))
        if segment.size:
            pairs.append((t("knowledge.segment_size"), format_number(current_language(), segment.size)))
        pairs.append((t("knowledge.segment_about"), segment.description))
    pairs += [
        (t("knowledge.occupation"), persona.occupation),
        (t("knowledge.location"), persona.location),
        (t("knowledge.goals"), "; ".join(persona.goals)),
        (t("knowledge.frustrations"), "; ".join(persona.frustrations)),
        (t("knowledge.noted"), persona.knowledge_about),
    ]
    measured = knowledge.measured
    if measured.n:
        pairs.append(
            (
                t("knowledge.nps"),
                t("knowledge.nps_value", nps=signed(measured.score), interval=interval_text(measured), n=measured.n),
            )
        )
    elif persona.nps is not None:
        pairs.append((t("knowledge.nps"), t("knowledge.nps_estimate", score=persona.nps)))
    text = _lines(pairs)
    st.markdown(text or t("knowledge.nothing"))
    if measured.n and measured.few:
        st.caption(t("feedback.nps.few", count=measured.n, minimum=FEW_ANSWERS))


def _named(item: CanvasItem, codes: dict[str, str], limit: int) -> str:
    """A note as the board names it: its code (bold), then its text."""
    code = codes.get(item.id)
    text = md_escape(shorten(item.text, limit))
    return f"**{code}** {text}" if code else text


def _from(knowledge: CustomerKnowledge, codes: dict[str, str]) -> None:
    st.markdown(f"##### {t('knowledge.from')}")
    st.caption(t("knowledge.from_help"))
    for response in knowledge.quotes:
        when = response.answered_on.isoformat() if response.answered_on else ""
        details = " · ".join(
            part for part in (t("knowledge.score", score=response.score), md_escape(response.touchpoint), when) if part
        )
        st.markdown(f"> “{md_escape(shorten(response.comment, 240))}”  \n:small[{details}]")
    if knowledge.from_customers:
        st.markdown(
            f"**{t('knowledge.customer_notes', count=len(knowledge.from_customers), total=knowledge.profile_count)}**"
        )
        st.markdown(
            "\n".join(
                f"- {_named(item, codes, 160)} · :small[{t(f'cocreation.tag.{voice}')}]"
                for item, voice in knowledge.from_customers
            )
        )
    if knowledge.persona.knowledge_from:
        st.markdown(_lines([(t("knowledge.noted"), knowledge.persona.knowledge_from)]))
    if not (knowledge.quotes or knowledge.from_customers or knowledge.persona.knowledge_from):
        st.caption(t("knowledge.from_none"))


def _for(knowledge: CustomerKnowledge, codes: dict[str, str]) -> None:
    st.markdown(f"##### {t('knowledge.for')}")
    st.caption(t("knowledge.for_help"))
    if knowledge.value_items:
        st.markdown(
            "\n".join(
                f"- {_named(value.item, codes, 120)} · :small[{t(f'canvas.area.{value.item.area}')}]  \n"
                f"  {t('knowledge.addresses')} {', '.join(_named(a, codes, 60) for a in value.addresses)}"
                for value in knowledge.value_items
            )
        )
    if knowledge.persona.knowledge_for:
        st.markdown(_lines([(t("knowledge.noted"), knowledge.persona.knowledge_for)]))
    if not (knowledge.value_items or knowledge.persona.knowledge_for):
        st.caption(t("knowledge.for_none"))


def show(persona_id: str) -> None:
    knowledge = customer_knowledge(get_store(), current_actor(), persona_id)
    codes = knowledge.codes(current_language())
    st.subheader(t("knowledge.title", name=md_escape(knowledge.persona.name)))
    about, said, offered = st.columns(3, gap="medium")
    with about, st.container(border=True, key="knowledge-about"):
        _about(knowledge)
    with said, st.container(border=True, key="knowledge-from"):
        _from(knowledge, codes)
    with offered, st.container(border=True, key="knowledge-for"):
        _for(knowledge, codes)
