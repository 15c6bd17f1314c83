"""Chart labels show user text as typed: escaped once for Plotly, so a tag stays text and a
quote stays a quote (Plotly decodes &lt; &gt; &amp; but shows &quot; literally)."""

from __future__ import annotations

from competitors.analysis import StrategyCanvas, StrategyFactor, ValueCurve
from core.text import plotly_lines
from i18n import translate
from personas import portfolio
from personas.models import Segment
from ui.competitors.chart import ChartLabels, figure_spec

NAME = 'Kopi "Enak" & <b>Murah</b>'
ESCAPED_ONCE = 'Kopi "Enak" &amp; &lt;b&gt;Murah&lt;/b&gt;'
LABELS = ChartLabels(
    title='Strategy canvas "Kopi"', x_axis="Factors", y_axis="Score", importance="{importance}/5", ours_suffix="{name}"
)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for inner in value.values() for s in _strings(inner)]
    if isinstance(value, list | tuple):
        return [s for inner in value for s in _strings(inner)]
    return []


def test_strategy_chart_labels_are_escaped_once_and_keep_their_quotes() -> None:
    data = StrategyCanvas(
        factors=(StrategyFactor("f1", NAME, 3),),
        curves=(ValueCurve("o1", NAME, "ours", (5,)), ValueCurve("o2", "Rival's", "competitor", (7,))),
    )
    spec = figure_spec(data, LABELS)
    ours, rival = spec["data"]
    assert ours["name"] == ESCAPED_ONCE and rival["name"] == "Rival's"
    assert ours["customdata"][0][0] == ESCAPED_ONCE
    assert spec["layout"]["xaxis"]["ticktext"] == ['Kopi "Enak" &amp;<br>&lt;b&gt;Murah&lt;/b&gt;']
    assert spec["layout"]["title"]["text"] == 'Strategy canvas "Kopi"'
    every = _strings(spec)
    assert not any("&quot;" in s or "&#x27;" in s or "&amp;amp;" in s or "&amp;lt;" in s for s in every)


def test_portfolio_bubble_labels_are_escaped_once_and_keep_their_quotes() -> None:
    segment = Segment(id="s", project_id="p", name='"Mahasiswa" & <i>dosen</i>', decision="target")
    figure = portfolio.bubble_chart([segment], lambda key, **p: translate("en", key, **p), language="en")
    (trace,) = figure.data
    assert list(trace.text) == ['"Mahasiswa" &amp; &lt;i&gt;dosen&lt;/i&gt;']
    assert trace.customdata[0][0] == '"Mahasiswa" &amp; &lt;i&gt;dosen&lt;/i&gt;'


def test_lines_break_at_spaces_escape_each_line_and_say_what_was_cut() -> None:
    assert plotly_lines("Opening hours and night access", 16) == "Opening hours<br>and night access"
    assert plotly_lines("<b>bold</b> & co", 12) == "&lt;b&gt;bold&lt;/b&gt;<br>&amp; co"
    assert plotly_lines("one two three four five", 3, max_lines=2) == "one<br>two…"
    assert plotly_lines("a label never cut", 5) == "a<br>label<br>never<br>cut"
