// The live board's bookkeeping (ui/workshop/live_board/live_board.js): applying the feed's
// whole boards and deltas, and the order notes take in an area. Drawing, the long poll and
// going offline are driven in a real browser by tests/e2e/test_live_board.py.
import { describe, it } from "node:test";
import assert from "node:assert/strict";

const { applyBoard, areaOrder, ownNotesDiffer } = await import("../../ui/workshop/live_board/live_board.js");

// The feed's note: [id, version, area, text, author, hidden, votes, customer, order].
const note = (id, { version = 1, votes = null, order = 1 } = {}) => [id, version, "pains", `text ${id}`, "Ani", false, votes, false, order];

describe("applyBoard", () => {
  it("takes a whole board as it is, whatever was held", () => {
    const held = new Map([["old", note("old")]]);
    assert.equal(applyBoard(held, 3, { full: true, revision: 9, notes: [note("a"), note("b")] }), true);
    assert.deepEqual([...held.keys()], ["a", "b"]);
  });

  it("applies a delta from the revision held: changed notes replaced, removed ones gone", () => {
    const held = new Map([["a", note("a")], ["b", note("b")]]);
    const delta = { full: false, since: 4, revision: 6, changed: [note("a", { version: 2 }), note("c")], removed: ["b"] };
    assert.equal(applyBoard(held, 4, delta), true);
    assert.deepEqual([...held.keys()].sort(), ["a", "c"]);
    assert.equal(held.get("a")[1], 2);
  });

  it("refuses a delta from another revision and leaves the board untouched", () => {
    const held = new Map([["a", note("a")]]);
    const delta = { full: false, since: 5, revision: 6, changed: [note("z")], removed: ["a"] };
    assert.equal(applyBoard(held, 4, delta), false);
    assert.deepEqual([...held.keys()], ["a"]);
  });
});

describe("areaOrder", () => {
  it("keeps the canvas order until totals show, then puts the most voted first", () => {
    const notes = [note("b", { order: 2, votes: 1 }), note("a", { order: 1, votes: 0 }), note("c", { order: 3, votes: 4 })];
    assert.deepEqual(areaOrder([...notes], false).map((n) => n[0]), ["a", "b", "c"]);
    assert.deepEqual(areaOrder([...notes], true).map((n) => n[0]), ["c", "b", "a"]);
  });
});

describe("ownNotesDiffer", () => {
  const visible = new Map([["a", note("a")], ["b", note("b", { version: 2 })], ["c", note("c")]]);

  it("is false while the page lists exactly the participant's notes at their versions", () => {
    assert.equal(ownNotesDiffer({ a: 1, b: 2 }, ["a", "b"], visible), false);
  });

  it("is true for a note of theirs the page has not listed, an edit, or a note gone", () => {
    assert.equal(ownNotesDiffer({ a: 1 }, ["a", "b"], visible), true, "added from the board");
    assert.equal(ownNotesDiffer({ a: 1, b: 1 }, ["a", "b"], visible), true, "edited elsewhere");
    assert.equal(ownNotesDiffer({ a: 1, b: 2, d: 1 }, ["a", "b"], visible), true, "deleted");
  });

  it("ignores everyone else's notes", () => {
    assert.equal(ownNotesDiffer({ a: 1 }, ["a"], visible), false);
  });
});
