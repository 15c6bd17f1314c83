// The assumptions map (ui/experiments/amap/map.js) in jsdom: where notes sit, the keyboard
// (arrows move, Shift moves further, Enter selects, R resets), the settled report, and
// the payload's revision. Dragging needs real pixels: tests/e2e.
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import assert from "node:assert/strict";

import { installDom, mountPoint, press, recorder } from "./dom.js";

installDom();
const { default: mountMap } = await import("../../ui/experiments/amap/map.js");

const LABELS = {
  title: "Assumptions map", help: "Arrow keys move a note", important: "Important", unimportant: "Unimportant",
  evidence: "Evidence", no_evidence: "No evidence",
  quadrants: { safe: "Safe", test_first: "Test first", defer: "Defer", later: "Later" },
};

function point(id, code, extra = {}) {
  return {
    id, code, text: `${code} text · rank · Assumption`, short: `${code} text`, area: "pains",
    evidence_level: "assumption", importance: 0.5, evidence: 0.5, quadrant: "test_first", placed: false,
    placement_version: null, selected: false, proposed: false, label: `${code}, test first`, ...extra,
  };
}

function mount(points = [point("a", "P1", { importance: 0.8, evidence: 0.25, placement_version: 3 }), point("b", "P2")]) {
  const shadow = mountPoint("am-host");
  const record = recorder();
  const render = (data) => mountMap({ data, parentElement: shadow, setTriggerValue: record.setTriggerValue });
  render({ rev: "1:en:", points, labels: LABELS });
  const chip = (id) => shadow.querySelector(`[data-item-id='${id}']`);
  return { shadow, render, chip, ...record };
}

beforeEach(() => {
  document.body.replaceChildren();
  mock.timers.enable({ apis: ["setTimeout"] });
});
afterEach(() => mock.timers.reset());

describe("assumptions map", () => {
  it("places each note by importance (up) and evidence (left = strong)", () => {
    const map = mount();
    const chip = map.chip("a");
    assert.equal(chip.style.left, "75%");
    assert.equal(chip.style.top, "20%");
    assert.equal(chip.querySelector(".am-code").textContent, "P1");
    assert.equal(chip.getAttribute("aria-label"), "P1, test first");
    assert.equal(map.shadow.querySelector(".am-quad-safe .am-quad-title").textContent, "Safe");
  });

  it("user text stays text", () => {
    const map = mount([point("a", "P1", { short: "<b>bold</b>", text: "<script>x</script>" })]);
    assert.equal(map.chip("a").querySelector(".am-text").textContent, "<b>bold</b>");
    assert.equal(map.shadow.querySelector("b, script"), null);
  });

  it("arrow keys move a note and report it once, after it settles", () => {
    const map = mount();
    press(map.chip("a"), "ArrowUp");
    press(map.chip("a"), "ArrowLeft", { shiftKey: true });
    assert.deepEqual(map.sent, [], "nothing is sent while the keys are still moving it");
    assert.equal(map.shadow.querySelector(".am-status").textContent, "P1 85 / 45");
    mock.timers.tick(450);
    assert.equal(map.sent.length, 1);
    const [action] = map.sent;
    const { nonce, ...value } = action;
    assert.ok(nonce);
    assert.deepEqual(value, { name: "action", op: "place", item_id: "a", version: 3, importance: 0.85, evidence: 0.45 });
  });

  it("a note stops at the map's edge", () => {
    const map = mount([point("a", "P1", { importance: 0.9, evidence: 0.1 })]);
    press(map.chip("a"), "ArrowUp", { shiftKey: true });
    press(map.chip("a"), "ArrowRight", { shiftKey: true });
    mock.timers.tick(450);
    assert.equal(map.sent[0].importance, 1);
    assert.equal(map.sent[0].evidence, 0);
  });

  it("Enter selects a note for a test card and R resets its place", () => {
    const map = mount();
    press(map.chip("b"), "Enter");
    press(map.chip("b"), "r");
    assert.deepEqual(map.sent.map(({ op, item_id }) => [op, item_id]), [["select", "b"], ["reset", "b"]]);
  });

  it("a new revision moves notes, drops removed ones, and keeps a note the user is moving", () => {
    const map = mount();
    press(map.chip("a"), "ArrowDown");
    map.render({ rev: "2:en:", points: [point("a", "P1", { importance: 0.1, evidence: 0.9 })], labels: LABELS });
    assert.equal(map.chip("b"), null, "a note gone from the payload leaves the map");
    assert.equal(map.chip("a").dataset.importance, "0.750", "not yanked back while its move is pending");
    mock.timers.tick(450);
    map.render({ rev: "3:en:", points: [point("a", "P1", { importance: 0.1, evidence: 0.9 })], labels: LABELS });
    assert.equal(map.chip("a").dataset.importance, "0.100");
  });

  it("the same revision does not redraw", () => {
    const map = mount();
    map.render({ rev: "1:en:", points: [point("a", "P1", { importance: 0.1 })], labels: LABELS });
    assert.equal(map.chip("a").dataset.importance, "0.800");
    assert.ok(map.chip("b"));
  });
});
