// The assumptions map (ui/experiments/amap/map.js) in jsdom: where notes sit, the keyboard
// (arrows move a slot, Shift a quadrant, Enter selects, R resets), the settled report,
// the full text on focus, and the payload's revision. Dragging needs real pixels: tests/e2e.
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
    id, code, text: `${code} text`, detail: "rank · Assumption", area: "pains",
    evidence_level: "assumption", slot: [0, 0], quadrant: "test_first", placed: false,
    placement_version: null, selected: false, proposed: false, label: `${code}, test first`, ...extra,
  };
}

const GRID = { cols: 2, rows: 5, gap: 0.04 };

function mount(points = [point("a", "P1", { slot: [1, 2], placement_version: 3 }), point("b", "P2", { slot: [1, 3] })]) {
  const shadow = mountPoint("am-host");
  const record = recorder();
  const render = (data) => mountMap({ data, parentElement: shadow, setTriggerValue: record.setTriggerValue });
  render({ rev: "1:en:", grid: GRID, points, labels: LABELS });
  const chip = (id) => shadow.querySelector(`[data-item-id='${id}']`);
  return { shadow, render, chip, ...record };
}

beforeEach(() => {
  document.body.replaceChildren();
  mock.timers.enable({ apis: ["setTimeout"] });
});
afterEach(() => mock.timers.reset());

describe("assumptions map", () => {
  it("puts each note in its own slot of its quadrant, below the quadrant's title", () => {
    const map = mount();
    const chip = map.chip("a");
    assert.equal(chip.parentElement, map.shadow.querySelector(".am-quad-test_first .am-cells"));
    assert.equal(chip.style.left, "52%");
    assert.equal(chip.style.top, "40.8%");
    assert.equal(chip.style.width, "46%");
    assert.equal(chip.style.height, "18.4%");
    assert.equal(chip.querySelector(".am-code").textContent, "P1");
    assert.equal(chip.getAttribute("aria-label"), "P1, test first");
    assert.equal(map.shadow.querySelector(".am-quad-safe .am-quad-title").textContent, "Safe");
  });

  it("user text stays text, whole, and shows on focus", () => {
    const map = mount([point("a", "P1", { text: "<script>x</script> and a long tail of words" })]);
    assert.equal(map.chip("a").querySelector(".am-text").textContent, "<script>x</script> and a long tail of words");
    assert.equal(map.shadow.querySelector("b, script"), null);
    const tip = map.shadow.querySelector(".am-tip");
    assert.ok(tip.hidden);
    map.chip("a").dispatchEvent(new FocusEvent("focus"));
    assert.ok(!tip.hidden);
    assert.equal(tip.textContent, "P1 <script>x</script> and a long tail of wordsrank · Assumption");
    assert.equal(map.chip("a").getAttribute("aria-describedby"), tip.id);
  });

  it("arrow keys move a note a slot, skip a taken one, and report the slot once it settles", () => {
    const map = mount();
    press(map.chip("a"), "ArrowDown"); // (1, 3) is P2's: it goes on to (1, 4)
    assert.equal(map.chip("a").dataset.slot, "test_first:1:4");
    press(map.chip("a"), "ArrowLeft");
    assert.deepEqual(map.sent, [], "nothing is sent while the keys are still moving it");
    mock.timers.tick(450);
    assert.equal(map.sent.length, 1);
    const { nonce, ...value } = map.sent[0];
    assert.ok(nonce);
    assert.deepEqual(value, {
      name: "action", op: "place", item_id: "a", version: 3,
      slot: { quadrant: "test_first", col: 0, row: 4, cols: 2, rows: 5 },
    });
  });

  it("a note crosses into the next quadrant, Shift jumps a quadrant, and it stops at the edge", () => {
    const map = mount([point("a", "P1", { slot: [0, 0] })]);
    press(map.chip("a"), "ArrowLeft");
    assert.equal(map.chip("a").dataset.slot, "safe:1:0");
    assert.equal(map.chip("a").parentElement, map.shadow.querySelector(".am-quad-safe .am-cells"));
    press(map.chip("a"), "ArrowDown", { shiftKey: true });
    assert.equal(map.chip("a").dataset.slot, "defer:1:0");
    press(map.chip("a"), "ArrowDown", { shiftKey: true });
    assert.equal(map.chip("a").dataset.slot, "defer:1:0", "no slot below the map");
  });

  it("Enter selects a note for a test card and R resets its place", () => {
    const map = mount();
    press(map.chip("b"), "Enter");
    press(map.chip("b"), "r");
    assert.deepEqual(map.sent.map(({ op, item_id }) => [op, item_id]), [["select", "b"], ["reset", "b"]]);
  });

  it("a new revision moves notes, drops removed ones, and keeps a note the user is moving", () => {
    const map = mount();
    press(map.chip("a"), "ArrowUp");
    map.render({ rev: "2:en:", grid: GRID, points: [point("a", "P1", { slot: [0, 4], quadrant: "later" })], labels: LABELS });
    assert.equal(map.chip("b"), null, "a note gone from the payload leaves the map");
    assert.equal(map.chip("a").dataset.slot, "test_first:1:1", "not yanked back while its move is pending");
    mock.timers.tick(450);
    map.render({ rev: "3:en:", grid: GRID, points: [point("a", "P1", { slot: [0, 4], quadrant: "later" })], labels: LABELS });
    assert.equal(map.chip("a").dataset.slot, "later:0:4");
  });

  it("the same revision does not redraw", () => {
    const map = mount();
    map.render({ rev: "1:en:", grid: GRID, points: [point("a", "P1", { slot: [0, 0] })], labels: LABELS });
    assert.equal(map.chip("a").dataset.slot, "test_first:1:2");
    assert.ok(map.chip("b"));
  });
});
