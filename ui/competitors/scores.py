"""Competitors page, scores tab: the 0–10 score table and CSV import/export.

The table is an st.data_editor. Its edits arrive as row positions, so the callback maps
them through the factor ids and offering ids the table was drawn with (passed as the
callback's args at render time), then writes each changed cell on its own with the
version that cell had when it was drawn.

Typing across cells flows as in a spreadsheet: a saved edit keeps the same editor (its
key holds the table's shape, the factor and offering ids, and Streamlit keeps a keyed
fixed-row editor across value changes), so the cursor stays where it is. Only a change of
shape or a refused edit gives a fresh key: the grid then redraws from the database and
never replays old positional edits over rows that moved.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from competitors import scores as competitor_scores
from competitors.comparison import Comparison
from core.errors import InvalidInput, NilaiError, NotFound, StaleVersion
from export.service import download_for
from ui.common import feedback, uploads
from ui.common.actor import current_actor
from ui.common.errors import message_for, show_error
from ui.common.i18n import t
from ui.common.state import get_store
from ui.common.text import md_escape

EDITOR_KEY = "competitors.scores_editor"
NONCE_KEY = "competitors.scores_nonce"
RESULT_KEY = "competitors.scores_result"
UPLOAD_KEY = "competitors.csv_upload"
FACTOR_COL, IMPORTANCE_COL = "_factor", "_importance"


@dataclass(frozen=True)
class CellEdit:
    factor_id: str
    competitor_id: str
    value: int | None
    expected_version: int | None


class BadCell(ValueError):
    def __init__(self, factor_id: str, competitor_id: str) -> None:
        super().__init__(f"{factor_id}×{competitor_id}")
        self.factor_id, self.competitor_id = factor_id, competitor_id


def _as_score(value: Any) -> int | str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return "bad"
    return int(number) if number.is_integer() else "bad"


def cell_edits(
    edited_rows: dict[Any, dict[str, Any]],
    factor_ids: list[str],
    competitor_ids: list[str],
    shown: dict[str, int | None],
    versions: dict[str, int],
) -> tuple[list[CellEdit], list[BadCell]]:
    """Map the editor's positional edits to (factor id × offering id) writes.

    `shown` and `versions` are keyed "factor|offering" as the table was drawn. Cells
    whose value did not change are skipped; columns that are not offerings are ignored.
    """
    edits: list[CellEdit] = []
    bad: list[BadCell] = []
    for position, changes in edited_rows.items():
        row = int(position)
        if not 0 <= row < len(factor_ids):
            continue
        factor_id = factor_ids[row]
        for column, raw in changes.items():
            if column not in competitor_ids:
                continue
            cell = f"{factor_id}|{column}"
            value = _as_score(raw)
            if value == "bad":
                bad.append(BadCell(factor_id, column))
                continue
            if value == shown.get(cell):
                continue
            edits.append(CellEdit(factor_id, column, value, versions.get(cell)))  # type: ignore[arg-type]
    return edits, bad


def _save_edits(
    key: str,
    factor_ids: list[str],
    competitor_ids: list[str],
    shown: dict[str, int | None],
    versions: dict[str, int],
    names: dict[str, str],
) -> None:
    state = st.session_state.get(key) or {}
    edits, bad = cell_edits(state.get("edited_rows", {}), factor_ids, competitor_ids, shown, versions)
    store, actor = get_store(), current_actor()
    problems: list[str] = [
        t("competitors.score_invalid", factor=names[b.factor_id], offering=names[b.competitor_id]) for b in bad
    ]
    saved = 0
    for edit in edits:
        where = {"factor": names[edit.factor_id], "offering": names[edit.competitor_id]}
        try:
            competitor_scores.set_score(
                store, actor, edit.factor_id, edit.competitor_id, edit.value, edit.expected_version
            )
            saved += 1
        except StaleVersion as error:
            current = getattr(error.current, "value", None)
            if error.current is None or getattr(error.current, "deleted_at", None) is not None:
                current = None
            problems.append(
                t(
                    "competitors.score_stale",
                    **where,
                    value=t("competitors.score_empty") if current is None else current,
                )
            )
        except NotFound:
            problems.append(t("competitors.score_gone", **where))
        except InvalidInput:
            problems.append(t("competitors.score_invalid", **where))
        except NilaiError as error:
            problems.append(message_for(error))
    st.session_state[RESULT_KEY] = {"saved": saved, "problems": problems}
    if problems:  # a fresh editor: redraw from the database, never replay a refused edit
        st.session_state[NONCE_KEY] = st.session_state.get(NONCE_KEY, 0) + 1


def _result_banner() -> None:
    result = st.session_state.pop(RESULT_KEY, None)
    if not result:
        return
    if result["problems"]:
        st.warning("\n\n".join(md_escape(p) for p in result["problems"]), icon=":material/sync_problem:")
    if result["saved"]:
        st.toast(t("competitors.score_saved", count=result["saved"]), icon=":material/check:")


def score_frame(data: Comparison) -> pd.DataFrame:
    columns: dict[str, list[Any]] = {
        FACTOR_COL: [f.name for f in data.factors],
        IMPORTANCE_COL: [f.importance for f in data.factors],
    }
    for offering in data.offerings:
        columns[offering.id] = [
            float(v) if (v := data.scores.get((f.id, offering.id))) is not None else math.nan for f in data.factors
        ]
    return pd.DataFrame(columns)


def text_width(chars: int, least: int, most: int) -> int:
    """Pixels for a grid column showing `chars` characters (about 7.4 px each, plus padding)."""
    return max(least, min(most, round(7.4 * chars + 28)))


def offering_codes(data: Comparison) -> dict[str, str]:
    """A, B, C, … in the table's column order (then A1, B1, … should there be more than 26)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    return {o.id: letters[i % 26] + (str(i // 26) if i >= 26 else "") for i, o in enumerate(data.offerings)}


def scores_table(data: Comparison) -> None:
    st.header(t("competitors.scores"))
    st.caption(t("competitors.scores_help"))
    _result_banner()
    if not data.factors:
        st.info(t("competitors.scores_need"), icon=":material/tune:")
        return
    nonce = st.session_state.get(NONCE_KEY, 0)
    factor_ids = [f.id for f in data.factors]
    competitor_ids = [o.id for o in data.offerings]
    shape = hashlib.sha1("|".join([*factor_ids, "/", *competitor_ids]).encode()).hexdigest()[:12]
    key = f"{EDITOR_KEY}.{nonce}.{shape}"
    shown = {f"{fid}|{cid}": data.scores.get((fid, cid)) for fid in factor_ids for cid in competitor_ids}
    versions = {f"{fid}|{cid}": row.version for (fid, cid), row in data.score_rows.items()}
    names = {f.id: f.name for f in data.factors} | {o.id: o.name for o in data.offerings}
    # Columns as wide as their text (a grid cell never wraps, it cuts): the longest factor
    # name, the importance header in this language.
    config: dict[str, Any] = {
        FACTOR_COL: st.column_config.TextColumn(
            t("competitors.col.factor"),
            disabled=True,
            width=text_width(max(len(f.name) for f in data.factors), 140, 340),
        ),
        IMPORTANCE_COL: st.column_config.NumberColumn(
            t("competitors.col.importance"),
            disabled=True,
            format="%d/5",
            width=text_width(len(t("competitors.col.importance")) + 2, 75, 160),
        ),
    }
    # A grid's header cannot wrap and cuts a name with "…": each offering is a letter there,
    # and the legend above names it in full.
    codes = offering_codes(data)
    legend = []
    for offering in data.offerings:
        name = md_escape(offering.name)
        if offering.kind == "ours":
            name = t("competitors.chart_legend_ours", name=name)
        legend.append(f"**{codes[offering.id]}**\u00a0{name}")
    st.markdown(f"{t('competitors.scores_legend')} " + " · ".join(legend))
    for offering in data.offerings:
        config[offering.id] = st.column_config.NumberColumn(
            codes[offering.id],
            min_value=0,
            max_value=10,
            step=1,
            format="%d",
            width="small",
            help=f"{md_escape(offering.name)} · {t(f'competitors.kind.{offering.kind}')}",
        )
    st.data_editor(
        score_frame(data),
        key=key,
        hide_index=True,
        num_rows="fixed",
        column_config=config,
        column_order=[FACTOR_COL, IMPORTANCE_COL, *competitor_ids],
        on_change=_save_edits,
        args=(key, factor_ids, competitor_ids, shown, versions, names),
        width="stretch",
        placeholder="",  # an empty score cell is blank, not "None"
        alt=t("competitors.scores"),
    )


def csv_section(data: Comparison) -> None:
    with st.expander(t("competitors.csv"), icon=":material/table_view:"):
        st.caption(t("competitors.csv_help"))
        store, actor, canvas = get_store(), current_actor(), data.canvas  # bound now: made on the download thread
        st.download_button(
            t("competitors.csv_download"),
            data=lambda: download_for(store, actor, canvas.project_id, "scores_csv", canvas_id=canvas.id).data,
            file_name="scores.csv",
            mime="text/csv",
            icon=":material/download:",
            key="competitors.csv_download",
            on_click="ignore",
            disabled=not data.factors,
        )
        upload_nonce = st.session_state.get(f"{UPLOAD_KEY}.nonce", 0)
        uploaded = uploads.file_uploader(
            t("competitors.csv_upload"), type=["csv", "txt"], key=f"{UPLOAD_KEY}.{upload_nonce}"
        )
        if uploaded is not None and st.button(
            t("competitors.csv_import"), key="competitors.csv_import", icon=":material/upload:", type="primary"
        ):
            try:
                changed = competitor_scores.import_scores_csv(
                    get_store(), current_actor(), data.canvas.id, uploaded.getvalue()
                )
            except InvalidInput as error:
                lines = [t(key, **params) for _field, key, params in error.problems]
                st.error(
                    t("competitors.csv_problems") + "\n\n" + "\n".join(f"- {md_escape(line)}" for line in lines),
                    icon=":material/error:",
                )
                return
            except NilaiError as error:
                show_error(error)
                return
            st.session_state[f"{UPLOAD_KEY}.nonce"] = upload_nonce + 1
            st.session_state[NONCE_KEY] = st.session_state.get(NONCE_KEY, 0) + 1
            feedback.flash("competitors.csv_imported", count=changed)
            st.rerun()
