"""Beside the board: the fit analysis, the hints, and the fit matrix."""

from __future__ import annotations

import contextlib

import streamlit as st
from streamlit.errors import StreamlitAPIException

from canvas.fit import FitReport, whole_percent
from canvas.hints import Hint
from canvas.models import PROFILE_AREAS, VALUE_MAP_AREAS, Area
from ui.canvas.data import Bundle
from ui.common.i18n import t
from ui.common.text import md_escape, shorten
from ui.feedback.cocreation import customer_share

SHOWN_HINTS = 6
MORE_HINTS = 40
VERDICT_ICON = {
    "fit.verdict.fit": ":material/verified:",
    "fit.verdict.fit_on_paper": ":material/science:",
    "fit.verdict.close": ":material/trending_up:",
    "fit.verdict.far": ":material/warning:",
}


def _param(value: object) -> object:
    return md_escape(shorten(value, 60)) if isinstance(value, str) and not value.replace(".", "").isdigit() else value


def _say(key: str, params: dict) -> str:
    """A catalog sentence whose parameters may hold user text: escape those for Markdown."""
    safe = {name: _param(value) if name in {"text", "name"} else value for name, value in params.items()}
    if "area" in safe:
        safe["area"] = t(f"canvas.area.{safe['area']}")
    return t(key, **safe)


def fit_panel(bundle: Bundle) -> None:
    report: FitReport = bundle.report
    with st.container(border=True, key="canvas-fit"):
        st.subheader(t("canvas.fit.title"), anchor=False, help=t("canvas.board.codes_help"))
        st.metric(t("canvas.fit.overall"), f"{report.overall_percent}%", help=t("canvas.fit.overall_help"))
        for area in (Area.PAINS, Area.GAINS, Area.JOBS):
            cov = report.coverage[str(area)]
            st.progress(
                min(1.0, cov.percent / 100),
                text=t(
                    "canvas.fit.coverage_line",
                    area=t(f"canvas.fit.coverage.{area}"),
                    percent=whole_percent(cov.percent),
                    addressed=cov.addressed,
                    total=cov.total,
                ),
            )
        _evidence_split(report)
        icon = VERDICT_ICON.get(report.verdict, ":material/info:")
        st.markdown(f"{icon} **{t(report.verdict, **report.verdict_params)}**")
        if report.reasons:
            st.markdown("\n".join(f"- {_say(reason.key, reason.params)}" for reason in report.reasons))
        _item_list(t("canvas.fit.unaddressed"), report.unaddressed_top, bundle.codes, with_area=True)
        _item_list(t("canvas.fit.idle"), report.idle, bundle.codes)
        ev = report.evidence
        st.caption(
            t(
                "canvas.fit.evidence_counts",
                total=sum(ev.values()),
                assumption=ev["assumption"],
                observed=ev["observed"],
                validated=ev["validated"],
                refuted=ev["refuted"],
            )
        )
        customer_share(bundle.voices)


def _evidence_split(report: FitReport) -> None:
    """Validated coverage apart from the coverage that still rests on assumptions (experiments/)."""
    split = report.coverage_by_evidence
    st.progress(
        min(1.0, report.validated_coverage / 100),
        text=t("experiments.fit.validated", percent=whole_percent(report.validated_coverage)),
    )
    st.caption(
        t(
            "experiments.fit.split",
            overall=report.overall_percent,
            validated=whole_percent(split.get("validated", 0)),
            observed=whole_percent(split.get("observed", 0)),
            assumed=whole_percent(report.assumed_coverage),
        )
    )
    if report.evidence.get("refuted"):
        st.caption(":material/report: " + t("experiments.fit.refuted", count=report.evidence["refuted"]))
    with contextlib.suppress(StreamlitAPIException):  # a navigation without the Testing page: no link
        st.page_link(
            "pages/testing.py",
            label=t("experiments.fit.go_test"),
            icon=":material/science:",
            help=t("experiments.fit.go_test_help"),
        )


def _item_list(title: str, items: list, codes: dict[str, str], *, with_area: bool = False, limit: int = 6) -> None:
    if not items:
        return
    lines = []
    for item in items[:limit]:
        line = f"- {codes.get(item.id, '')} {md_escape(shorten(item.text, 70))}"
        if with_area:
            line += f" · *{t(f'canvas.area.{item.area}')}*"
        lines.append(line)
    st.markdown(f"**{title}**\n\n" + "\n".join(lines))
    if len(items) > limit:
        st.caption(t("canvas.fit.more", count=len(items) - limit))


def hints_panel(hints: list[Hint], codes: dict[str, str]) -> None:
    with st.container(border=True, key="canvas-hints"):
        st.subheader(t("canvas.hints.title"), anchor=False, help=t("canvas.board.codes_help"))
        if not hints:
            st.caption(t("canvas.hints.none"))
            return
        shown = hints[:SHOWN_HINTS]
        for hint in shown:
            icon = ":material/priority_high:" if hint.severity == "warning" else ":material/lightbulb:"
            refs = " ".join(codes.get(i, "") for i in hint.item_ids[:4])
            text = _say(hint.key, hint.params)
            st.markdown(f"{icon} {text}" + (f" `{refs}`" if refs.strip() else ""))
        rest = hints[len(shown) :]
        if rest:
            with st.expander(t("canvas.hints.more", count=len(rest))):
                # one Markdown block, not one element per hint: a big canvas can have dozens
                st.markdown("\n".join(f"- {_say(hint.key, hint.params)}" for hint in rest[:MORE_HINTS]))
                if len(rest) > MORE_HINTS:
                    st.caption(t("canvas.fit.more", count=len(rest) - MORE_HINTS))


def fit_matrix(bundle: Bundle) -> None:
    """Value-map notes (rows) against the profile notes they may address (columns)."""
    board = bundle.board
    if not board.links:
        st.caption(t("canvas.matrix.empty"))
        return
    import pandas as pd

    codes = bundle.codes
    linked_targets = {link.target_id for link in board.links}
    linked_sources = {link.source_id for link in board.links}
    columns = [i for area in PROFILE_AREAS for i in board.items if i.area == area and i.id in linked_targets]
    rows = [i for area in VALUE_MAP_AREAS for i in board.items if i.area == area and i.id in linked_sources]
    marks = {(link.source_id, link.target_id): ("●" if link.strength == "full" else "◐") for link in board.links}
    col_names = [f"{codes[c.id]} {shorten(c.text, 24)}" for c in columns]
    data = [[marks.get((r.id, c.id), "") for c in columns] for r in rows]
    frame = pd.DataFrame(data, columns=col_names, index=[f"{codes[r.id]} {shorten(r.text, 40)}" for r in rows])
    st.dataframe(frame, width="stretch", height=min(600, 38 + 35 * len(rows)))
    st.caption(t("canvas.matrix.legend"))
