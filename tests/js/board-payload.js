// A board payload shaped like ui/canvas/board/payload.py's build_payload, with English
// labels (board-labels.json: tests/ui/test_js_fixtures.py checks its keys are the payload's).
import LABELS from "./board-labels.json" with { type: "json" };
// The canvas rules the payload carries (board_rules in payload.py; test_js_fixtures.py checks them).
import RULES from "./board-rules.json" with { type: "json" };

export { LABELS };

let serial = 0;

export function note(area, code, text, extra = {}) {
  serial += 1;
  return {
    id: `${area}-${serial}`, area, code, text, rank: 3, order: serial, version: 1,
    evidence: "assumption", rank_label: "", degree: null, votes: 0, badges: [], ...extra,
  };
}

// One note in every area, and the reliever linked (full) to the first pain.
export function samplePayload(overrides = {}) {
  const items = [
    note("jobs", "J1", "Find a quiet seat"),
    note("pains", "P1", "The room is full at noon", { rank: 5 }),
    note("pains", "P2", "Wi-Fi drops", { rank: 2 }),
    note("gains", "G1", "Greeted by name"),
    note("products", "PS1", "Seat booking app"),
    note("relievers", "PR1", "Live seat map"),
    note("creators", "GC1", "Librarian knows regulars"),
  ];
  const links = [{ id: "link-1", source: items[5].id, target: items[1].id, strength: "full" }];
  return { rev: 1, labels: LABELS, ...RULES, items, links, sort_by_rank: true, read_only: false, undo: null, notice: null, ...overrides };
}
