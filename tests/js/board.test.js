// The canvas board (ui/canvas/board/board.js) in jsdom: payload handling, the keyboard
// model, link mode and the two layouts. What needs real pixels (drag, fonts, the circle's
// shape) stays with the Playwright tests in tests/e2e.
import { afterEach, beforeEach, describe, it } from "node:test";
import assert from "node:assert/strict";

import { installDom, mountPoint, press, recorder } from "./dom.js";
import { LABELS, note, samplePayload } from "./board-payload.js";

const window = installDom();
const { default: mountBoard, Board, Follower } = await import("../../ui/canvas/board/board.js");

// Geometry jsdom does not compute: the component's width, and boxes for the layout tests.
const geometry = { width: 0, zoneHead: 40, noteHeight: 60, listHeight: 0, shapeWidth: 300 };
Object.defineProperty(window.Element.prototype, "clientWidth", {
  configurable: true,
  get() {
    return this.classList.contains("nb") ? geometry.width : 0;
  },
});
Object.defineProperty(window.Element.prototype, "clientHeight", {
  configurable: true,
  get() {
    return this.classList.contains("nb-list") ? geometry.listHeight : 0;
  },
});
Object.defineProperty(window.Element.prototype, "scrollHeight", {
  configurable: true,
  get() {
    return this.classList.contains("nb-list") ? this.querySelectorAll(".nb-note").length * geometry.noteHeight : 0;
  },
});
window.Element.prototype.getBoundingClientRect = function box() {
  const rect = (top, height, width = 0) => ({ top, bottom: top + height, height, left: 0, right: width, width });
  if (this.classList.contains("nb-note")) {
    const index = [...this.parentElement.children].indexOf(this);
    return rect(index * geometry.noteHeight, geometry.noteHeight);
  }
  if (this.classList.contains("nb-list")) return rect(0, geometry.listHeight);
  if (this.classList.contains("nb-zone")) return rect(0, geometry.zoneHead + geometry.listHeight);
  if (this.classList.contains("nb-square-grid") || this.classList.contains("nb-disc")) {
    return rect(0, geometry.shapeWidth, geometry.shapeWidth);
  }
  return rect(0, 0);
};

function mount(payload = samplePayload(), { width = 0 } = {}) {
  geometry.width = width;
  const shadow = mountPoint("nb-host");
  const record = recorder();
  mountBoard({ data: payload, parentElement: shadow, setTriggerValue: record.setTriggerValue });
  const noteOf = (code) => [...shadow.querySelectorAll(".nb-note")].find((n) => n.querySelector(".nb-code").textContent === code);
  const zone = (area) => shadow.querySelector(`.nb-zone-${area}`);
  const input = (area) => zone(area).querySelector(".nb-add");
  const rerender = (data) => mountBoard({ data, parentElement: shadow, setTriggerValue: record.setTriggerValue });
  return { shadow, ...record, noteOf, zone, input, rerender, status: () => shadow.querySelector(".nb-status").textContent };
}

const codesIn = (zone) => [...zone.querySelectorAll(".nb-note .nb-code")].map((code) => code.textContent);
const tabStops = (shadow) => [...shadow.querySelectorAll(".nb-surface [tabindex='0']")];

beforeEach(() => {
  document.body.replaceChildren();
  geometry.listHeight = 0;
});

describe("payload handling", () => {
  it("draws each note in its area, highest rank first, with counts", () => {
    const board = mount();
    assert.deepEqual(codesIn(board.zone("pains")), ["P1", "P2"]);
    assert.equal(board.zone("pains").querySelector(".nb-count").textContent, "2");
    assert.deepEqual(codesIn(board.zone("jobs")), ["J1"]);
    assert.equal(board.shadow.querySelectorAll(".nb-note").length, 7);
  });

  it("keeps the payload's order when it does not sort by rank", () => {
    const board = mount(samplePayload({ sort_by_rank: false, items: [
      note("pains", "P1", "low", { rank: 1 }), note("pains", "P2", "high", { rank: 5 }),
    ], links: [] }));
    assert.deepEqual(codesIn(board.zone("pains")), ["P1", "P2"]);
  });

  it("shows user text as text, never as markup", () => {
    const hostile = '<img src=x onerror="window.hacked=1">';
    const board = mount(samplePayload({ items: [note("gains", "G1", hostile)], links: [] }));
    const text = board.noteOf("G1").querySelector(".nb-text");
    assert.equal(text.textContent, hostile);
    assert.equal(board.shadow.querySelector("img"), null);
  });

  it("shows an empty zone's hint and a link chip on both ends of a link", () => {
    const payload = samplePayload();
    const board = mount({ ...payload, items: payload.items.filter((item) => item.area !== "gains") });
    assert.equal(board.zone("gains").querySelector(".nb-empty").textContent, "No gains yet");
    assert.equal(board.noteOf("PR1").querySelector(".nb-linkchip").textContent, "→P1");
    assert.equal(board.noteOf("P1").querySelector(".nb-linkchip").textContent, "←PR1");
  });

  it("redraws only when the revision or the language moved", () => {
    const payload = samplePayload();
    const board = mount(payload);
    const before = board.noteOf("J1");
    board.rerender({ ...payload });
    assert.equal(board.noteOf("J1"), before, "same revision: the same note element stays");
    board.rerender({ ...payload, rev: 2, items: payload.items.map((i) => (i.code === "J1" ? { ...i, text: "Study late" } : i)) });
    assert.notEqual(board.noteOf("J1"), before);
    assert.equal(board.noteOf("J1").querySelector(".nb-text").textContent, "Study late");
  });

  it("holds an update back while a note is being edited, and applies it after", () => {
    const payload = samplePayload();
    const board = mount(payload);
    press(board.noteOf("G1"), "Enter");
    const editor = board.shadow.querySelector(".nb-editor");
    assert.ok(editor, "Enter on a note opens its editor");
    board.rerender({ ...payload, rev: 2, items: [...payload.items, note("gains", "G2", "Coffee corner")] });
    assert.equal(board.noteOf("G2"), undefined, "the typist's note is not redrawn under them");
    press(editor, "Escape");
    assert.ok(board.noteOf("G2"), "the held update lands once the edit ends");
  });

  it("draws badges with a safe kind and a known tone only", () => {
    const item = note("gains", "G1", "x", { badges: [
      { kind: "cust<omer>", text: "Customer", tone: "good" },
      { kind: "diff", text: "New", tone: "purple" },
      { kind: "empty", text: "" },
    ] });
    const board = mount(samplePayload({ items: [item], links: [] }));
    const badges = [...board.noteOf("G1").querySelectorAll(".nb-badge")];
    assert.deepEqual(badges.map((b) => b.className), [
      "nb-chip nb-badge nb-badge-customer nb-tone-good",
      "nb-chip nb-badge nb-badge-diff nb-tone-neutral",
    ]);
  });

  it("a read-only board has no add fields in its Tab order and sends nothing", () => {
    const board = mount(samplePayload({ read_only: true }));
    assert.ok(board.shadow.querySelector(".nb").classList.contains("nb-readonly"));
    press(board.noteOf("P1"), "Delete");
    press(board.noteOf("P1"), "4");
    press(board.noteOf("PR1"), "l");
    assert.deepEqual(board.sent, []);
    assert.ok(tabStops(board.shadow).every((node) => node.classList.contains("nb-note")));
  });

  it("shows the Undo bar the payload asks for, and Ctrl+Z sends undo", () => {
    const board = mount(samplePayload({ undo: { id: "u1", message: "P2 deleted", undo: "Undo", close: "Close" } }));
    const bar = board.shadow.querySelector(".nb-undo");
    assert.equal(bar.hidden, false);
    assert.equal(bar.querySelector(".nb-undo-text").textContent, "P2 deleted");
    press(board.noteOf("P1"), "z", { ctrlKey: true });
    assert.deepEqual(board.ops(), ["undo"]);
    assert.equal(bar.hidden, true);
  });

  it("every action carries a fresh nonce, so the server handles it once", () => {
    const board = mount();
    press(board.noteOf("P1"), "1");
    press(board.noteOf("P2"), "5");
    const [first, second] = board.sent;
    assert.match(first.nonce, /^\d+-[a-z0-9]+$/);
    assert.notEqual(first.nonce, second.nonce);
  });

  it("one controller per mount point: a second render reuses the board", () => {
    const board = mount();
    board.rerender({ ...samplePayload(), rev: 5 });
    assert.equal(board.shadow.querySelectorAll(".nb").length, 1);
  });
});

describe("keyboard model", () => {
  it("the notes and add fields are one Tab stop, starting on the first note", () => {
    const board = mount();
    const stops = tabStops(board.shadow);
    assert.equal(stops.length, 1);
    assert.equal(stops[0], board.noteOf("PS1"), "the board reads value map first: products");
  });

  it("arrow keys walk a zone down to its add field, and across areas in board order", () => {
    const board = mount();
    press(board.noteOf("PS1"), "ArrowRight");
    assert.equal(board.shadow.activeElement, board.noteOf("GC1"), "products → creators");
    press(board.noteOf("GC1"), "ArrowDown");
    assert.equal(board.shadow.activeElement, board.input("creators"));
    assert.deepEqual(tabStops(board.shadow), [board.input("creators")]);
    press(board.input("creators"), "ArrowUp");
    assert.equal(board.shadow.activeElement, board.noteOf("GC1"));
    press(board.noteOf("PS1"), "ArrowLeft");
    assert.equal(board.shadow.activeElement, board.noteOf("J1"), "left of the first area wraps to the last");
  });

  it("Home and End jump within a zone", () => {
    const board = mount();
    press(board.noteOf("P1"), "End");
    assert.equal(board.shadow.activeElement, board.input("pains"));
    press(board.noteOf("P2"), "Home");
    assert.equal(board.shadow.activeElement, board.noteOf("P1"));
  });

  it("1–5 rank a note; its own rank sends nothing", () => {
    const board = mount();
    press(board.noteOf("P1"), "5");
    press(board.noteOf("P1"), "2");
    press(board.noteOf("P1"), "2", { ctrlKey: true });
    assert.equal(board.sent.length, 1);
    const [action] = board.sent;
    assert.equal(action.op, "update");
    assert.equal(action.rank, 2);
    assert.equal(action.version, 1);
  });

  it("Delete removes a note, says so, and hands the Tab stop to the next one", () => {
    const board = mount();
    press(board.noteOf("P1"), "Delete");
    const [action] = board.sent;
    assert.equal(action.op, "delete");
    assert.equal(action.id, board.noteOf("P1").dataset.id);
    assert.equal(board.status(), "P1 deleted");
    assert.deepEqual(tabStops(board.shadow), [board.noteOf("P2")]);
  });

  it("Shift+arrow moves a note to the neighbouring area", () => {
    const board = mount();
    press(board.noteOf("PS1"), "ArrowRight", { shiftKey: true });
    assert.equal(board.sent[0].op, "move");
    assert.equal(board.sent[0].area, "creators");
    assert.equal(board.status(), "PS1 moved to Gain creators");
  });

  it("Enter in an add field sends the note; blank text is refused with a message", () => {
    const board = mount();
    const field = board.input("gains");
    field.value = "   ";
    press(field, "Enter");
    assert.deepEqual(board.sent, []);
    assert.equal(board.status(), "A note needs some text");
    field.value = "Open until midnight";
    press(field, "Enter");
    assert.equal(board.sent[0].op, "add");
    assert.equal(board.sent[0].area, "gains");
    assert.equal(board.sent[0].text, "Open until midnight");
    assert.equal(field.value, "", "the field is ready for the next note");
  });

  it("Enter edits in place: Enter saves a changed text, Escape keeps the old one", () => {
    const board = mount();
    press(board.noteOf("J1"), "F2");
    let editor = board.shadow.querySelector(".nb-editor");
    editor.value = "Find a seat with a plug";
    press(editor, "Enter");
    assert.deepEqual(board.sent.map(({ op, text }) => [op, text]), [["edit", "Find a seat with a plug"]]);
    press(board.noteOf("J1"), "Enter");
    editor = board.shadow.querySelector(".nb-editor");
    editor.value = "discarded";
    press(editor, "Escape");
    assert.equal(board.sent.length, 1);
    assert.equal(board.shadow.querySelector(".nb-editor"), null);
  });
});

describe("link mode", () => {
  it("L on a reliever picks it as the source and marks the pains as targets", () => {
    const board = mount();
    press(board.noteOf("PR1"), "l");
    assert.ok(board.shadow.querySelector(".nb").classList.contains("nb-linking"));
    assert.equal(board.shadow.querySelector(".nb-link-btn").getAttribute("aria-pressed"), "true");
    assert.ok(board.noteOf("PR1").classList.contains("nb-source"));
    const targets = [...board.shadow.querySelectorAll(".nb-target .nb-code")].map((code) => code.textContent);
    assert.deepEqual(targets.sort(), ["P1", "P2"]);
    assert.equal(board.status(), "Now pick the pain it relieves");
  });

  it("follows the link targets the payload sends, not a copy of its own", () => {
    const board = mount(samplePayload({ link_targets: { relievers: "gains" } }));
    press(board.noteOf("PR1"), "l");
    const targets = [...board.shadow.querySelectorAll(".nb-target .nb-code")].map((code) => code.textContent);
    assert.deepEqual(targets, ["G1"]);
  });

  it("picking a target sends a link with the chosen strength", () => {
    const board = mount();
    board.shadow.querySelector(".nb-seg-btn[data-strength='partial']").click();
    press(board.noteOf("PR1"), "l");
    press(board.noteOf("P2"), "Enter");
    const [action] = board.sent;
    assert.deepEqual({ op: action.op, source: action.source, target: action.target, strength: action.strength }, {
      op: "link", source: board.noteOf("PR1").dataset.id, target: board.noteOf("P2").dataset.id, strength: "partial",
    });
    assert.equal(board.status(), "PR1 linked to P2");
    assert.equal(board.shadow.querySelectorAll(".nb-source, .nb-target").length, 0);
  });

  it("picking an existing link again with the same strength removes it", () => {
    const board = mount();
    press(board.noteOf("PR1"), "l");
    press(board.noteOf("P1"), "Enter");
    assert.equal(board.sent[0].op, "unlink");
    assert.equal(board.sent[0].link_id, "link-1");
  });

  it("a target from the wrong area, or a source that links nothing, is refused with a hint", () => {
    const board = mount();
    press(board.noteOf("P1"), "l");
    assert.equal(board.status(), "Pick a reliever, creator or product");
    press(board.noteOf("PR1"), "Enter");
    press(board.noteOf("G1"), "Enter");
    assert.equal(board.status(), "Now pick the pain it relieves");
    assert.deepEqual(board.sent, []);
  });

  it("Escape leaves link mode", () => {
    const board = mount();
    press(board.noteOf("PR1"), "l");
    press(board.noteOf("PR1"), "Escape");
    assert.ok(!board.shadow.querySelector(".nb").classList.contains("nb-linking"));
    assert.equal(board.shadow.querySelectorAll(".nb-source, .nb-target").length, 0);
  });
});

describe("layout", () => {
  it("a narrow board becomes lists, customer profile first, and arrows follow that order", () => {
    const board = mount(samplePayload(), { width: 390 });
    assert.ok(board.shadow.querySelector(".nb").classList.contains("nb-narrow"));
    const order = [...board.shadow.querySelectorAll(".nb-stack .nb-zone")].map((zone) => zone.dataset.area);
    assert.deepEqual(order, ["jobs", "pains", "gains", "products", "relievers", "creators"]);
    assert.equal(board.shadow.querySelector(".nb-help").textContent, LABELS.shortcuts_touch);
    assert.deepEqual(tabStops(board.shadow), [board.noteOf("J1")]);
    press(board.noteOf("J1"), "ArrowRight");
    assert.equal(board.shadow.activeElement, board.noteOf("P1"));
  });

  it("a redraw keeps a note's touch menu open, and drops it with its note", () => {
    const payload = samplePayload();
    const board = mount(payload, { width: 390 });
    board.noteOf("P1").querySelector(".nb-menu-btn").click();
    assert.ok(board.noteOf("P1").querySelector(".nb-actions"));
    // A colleague renames another note: the board redraws, the open menu stays where it was.
    board.rerender({ ...payload, rev: 2, items: payload.items.map((i) => (i.code === "J1" ? { ...i, text: "Study late" } : i)) });
    assert.ok(board.noteOf("P1").querySelector(".nb-actions"), "the menu is open after the redraw");
    assert.equal(board.noteOf("P1").querySelector(".nb-menu-btn").getAttribute("aria-expanded"), "true");
    assert.equal(board.shadow.querySelectorAll(".nb-actions").length, 1);
    board.rerender({ ...payload, rev: 3, items: payload.items.filter((i) => i.code !== "P1") });
    assert.equal(board.shadow.querySelectorAll(".nb-actions").length, 0, "its note is gone: so is the menu");
  });

  it("a rank or area chosen in the touch menu closes it and sends the change", () => {
    const board = mount(samplePayload(), { width: 390 });
    board.noteOf("P2").querySelector(".nb-menu-btn").click();
    const rank = board.noteOf("P2").querySelector("select.nb-rank-select");
    rank.value = "5";
    rank.dispatchEvent(new window.Event("change"));
    assert.equal(board.noteOf("P2").querySelector(".nb-actions"), null);
    assert.deepEqual(board.ops(), ["update"]);
    assert.equal(board.sent[0].rank, 5);
  });

  it("a wide board puts the value map in the square and the profile in the circle", () => {
    const board = mount(samplePayload(), { width: 1200 });
    const square = [...board.shadow.querySelectorAll(".nb-square-grid .nb-zone")].map((zone) => zone.dataset.area);
    const circle = [...board.shadow.querySelectorAll(".nb-circle-grid .nb-zone")].map((zone) => zone.dataset.area);
    assert.deepEqual(square, ["products", "creators", "relievers"]);
    assert.deepEqual(circle, ["gains", "pains", "jobs"]);
    assert.equal(board.shadow.querySelector(".nb-help").textContent, LABELS.shortcuts);
  });

  it("the square grows until its notes fit, up to 3.2 times its width", () => {
    const products = (count) => Array.from({ length: count }, (_, index) => note("products", `PS${index + 1}`, "x"));
    const square = (count) => {
      const board = mount(samplePayload({ items: products(count), links: [] }), { width: 1200 });
      return board.shadow.querySelector(".nb-square-grid").style.height;
    };
    // A zone needs its head (40) + its notes (60 each) + 2; the frame adds 4.
    assert.equal(square(3), "300px", "three notes fit in the square");
    assert.equal(square(6), `${40 + 6 * 60 + 2 + 4}px`);
    assert.equal(square(20), `${300 * 3.2}px`, "past the limit the zone scrolls instead");
  });

  it("a zone that can't show every note says how many are below the fold", () => {
    geometry.listHeight = 200;
    const items = Array.from({ length: 6 }, (_, index) => note("pains", `P${index + 1}`, "x"));
    const board = mount(samplePayload({ items, links: [] }), { width: 1200 });
    const more = board.zone("pains").querySelector(".nb-more");
    assert.equal(more.hidden, false);
    assert.equal(more.textContent, "+3 more");
    assert.equal(board.zone("pains").querySelector(".nb-list").getAttribute("aria-label"), "Pains, +3 more");
    assert.ok(board.zone("pains").classList.contains("nb-scrolls"));
  });

  it("Board can be built on any host (the shim the tests use)", () => {
    const host = document.createElement("div");
    document.body.appendChild(host);
    const board = new Board(host);
    board.update(samplePayload());
    assert.equal(host.querySelectorAll(".nb-note").length, 7);
  });
});

describe("following the canvas feed", () => {
  // A stand-in for the feed: each call takes the next answer; the last one repeats. "hang"
  // holds the request open until the follower aborts it, as a long poll does.
  function stubFeed(answers) {
    const calls = [];
    globalThis.fetch = (url, options) => {
      calls.push({ url: String(url), auth: options.headers.Authorization });
      const answer = answers.length > 1 ? answers.shift() : answers[0];
      if (answer === "hang") {
        return new Promise((resolve, reject) => {
          options.signal.addEventListener("abort", () => reject(Object.assign(new Error("aborted"), { name: "AbortError" })));
        });
      }
      if (answer === "offline") return Promise.reject(new TypeError("Failed to fetch"));
      return Promise.resolve({ status: answer.status, json: () => Promise.resolve(answer.body) });
    };
    return calls;
  }
  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
  const live = (revision) => ({ url: "/api/live/canvas", credential: "cf1.pass", revision });
  let follower;

  afterEach(() => {
    follower?.stop();
    delete globalThis.fetch;
  });

  it("asks the page for one run when someone else moves the revision past the drawn one", async () => {
    const calls = stubFeed([{ status: 200, body: { revision: 6 } }, "hang"]);
    let runs = 0;
    follower = new Follower(() => (runs += 1));
    follower.update(live(5));
    await wait(400);
    assert.equal(runs, 1);
    assert.match(calls[0].url, /since=5&wait=1/);
    assert.equal(calls[0].auth, "Bearer cf1.pass");
    assert.match(calls[1].url, /since=6/); // the next long poll waits past what it was told
    follower.update(live(6)); // the page ran and drew it
    await wait(400);
    assert.equal(runs, 1);
  });

  it("asks for nothing when the page's own run already drew the revision", async () => {
    stubFeed([{ status: 200, body: { revision: 6 } }, "hang"]);
    let runs = 0;
    follower = new Follower(() => (runs += 1));
    follower.update(live(5));
    await wait(20);
    follower.update(live(6)); // this user's own write, drawn by the run it caused
    await wait(400);
    assert.equal(runs, 0);
  });

  it("on a 304 asks again, offline it retries, and a refused pass asks for a run", async () => {
    const calls = stubFeed([{ status: 304 }, "offline", { status: 403 }]);
    let runs = 0;
    follower = new Follower(() => (runs += 1));
    follower.update(live(5));
    await wait(1400); // one back-off after the failure
    assert.equal(calls.length, 3); // then it waits FOLLOW_REFUSED_MS for the page's run
    assert.equal(runs, 1);
  });

  it("does nothing without a pass (a board drawn without the feed)", () => {
    const calls = stubFeed(["hang"]);
    follower = new Follower(() => assert.fail("no run"));
    follower.update(undefined);
    assert.equal(calls.length, 0);
  });
});
