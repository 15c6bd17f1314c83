"""Join page wiring for co-creation: choosing "customer" where customers are not welcome is
explained in the user's language; where they are, the participant is told they joined as a
customer and may write only in the areas the facilitator gave customers."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from canvas import canvases
from core.settings import Settings
from examples.seeding import open_store
from i18n import translate
from projects.service import create_project
from tests.actors import WORKSPACE
from tests.conftest import ROOT
from workshop import facilitation, joining


@pytest.fixture
def room(app_env):
    store = open_store(Settings(data_dir=app_env, database_url=None, seed_sample=False))
    project = create_project(store, WORKSPACE, "Co-creation page", "", "en")
    canvas = canvases.create_canvas(store, WORKSPACE, project.id, "Students")
    opened = joining.open_workshop(store, WORKSPACE, canvas.id, facilitator_name="Dewi")
    return store, opened


def _join_as_customer(lang: str, code: str, name: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/join.py").run()
    at.text_input(key="join.code").set_value(code)
    at.text_input(key="join.name").set_value(name)
    at.radio(key="join.role").set_value("customer")
    next(b for b in at.button if b.label == translate(lang, "workshop.join.submit")).click()
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("lang", ["en", "id"])
def test_customers_not_welcome_are_told_so(room, lang):
    _, opened = room
    at = _join_as_customer(lang, opened.workshop.join_code, "Ani")
    assert [e.value for e in at.error] == [translate(lang, "cocreation.error.not_welcome")]


def test_a_welcome_customer_writes_in_their_own_step(room):
    store, opened = room
    facilitation.welcome_customers(store, opened.facilitator_token, True)
    facilitation.set_step(store, opened.facilitator_token, "products")
    facilitation.set_customer_step(store, opened.facilitator_token, "profile")
    at = _join_as_customer("en", opened.workshop.join_code, "Ani")
    assert translate("en", "cocreation.join.you_are_customer") in [c.value for c in at.caption]
    # The note box is the live board's own (its writes go to the action endpoint): the page
    # gives it only the customer profile's areas.
    [board] = [e.proto for e in at.get("bidi_component") if e.proto.component_name.endswith("nilai_live_board")]
    assert json.loads(board.json)["areas"] == ["jobs", "pains", "gains"]
