// Nilai's assumptions map: every note of a canvas on a 2×2 of importance (up) against
// evidence (left = strong, right = none). Notes move by drag or by keyboard (arrow keys,
// Shift for big steps); Enter selects a note for a test card, R resets it.
// User text goes through textContent / setAttribute only, never innerHTML.

const controllers = new WeakMap();
const STEP = 0.05;
const BIG_STEP = 0.2;
const SETTLE_MS = 450;

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function clamp(value) {
  return Math.min(1, Math.max(0, value));
}

class AssumptionsMap {
  constructor(root) {
    this.root = root;
    this.send = () => {};
    this.data = null;
    this.rev = null;
    this.chips = new Map();
    this.pending = new Map(); // item id -> {importance, evidence} not yet reported
    this.timers = new Map();
    this.build();
  }

  emit(op, payload) {
    const value = { op, nonce: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, ...payload };
    this.send("action", value);
  }

  build() {
    const wrap = el("div", "am");
    wrap.setAttribute("data-testid", "assumptions-map");
    this.yLabel = el("div", "am-axis am-axis-y");
    this.plot = el("div", "am-plot");
    this.plot.setAttribute("role", "group");
    this.quads = {};
    for (const name of ["safe", "test_first", "defer", "later"]) {
      const quad = el("div", `am-quad am-quad-${name}`);
      quad.dataset.quadrant = name;
      const title = el("span", "am-quad-title");
      quad.appendChild(title);
      this.quads[name] = title;
      this.plot.appendChild(quad);
    }
    this.layer = el("div", "am-layer");
    this.plot.appendChild(this.layer);
    this.xLabel = el("div", "am-axis am-axis-x");
    this.xLeft = el("span", "am-axis-end");
    this.xRight = el("span", "am-axis-end");
    this.xLabel.append(this.xLeft, this.xRight);
    this.yTop = el("span", "am-axis-end");
    this.yBottom = el("span", "am-axis-end");
    this.yLabel.append(this.yTop, this.yBottom);
    const grid = el("div", "am-grid");
    grid.append(this.yLabel, this.plot, el("div", "am-corner"), this.xLabel);
    this.status = el("div", "am-status");
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.help = el("p", "am-help");
    wrap.append(grid, this.status, this.help);
    this.root.appendChild(wrap);
  }

  update(data) {
    const first = this.data === null;
    this.data = data;
    const labels = data.labels || {};
    for (const [name, title] of Object.entries(this.quads)) title.textContent = (labels.quadrants || {})[name] || "";
    this.yTop.textContent = labels.important || "";
    this.yBottom.textContent = labels.unimportant || "";
    this.xLeft.textContent = labels.evidence || "";
    this.xRight.textContent = labels.no_evidence || "";
    this.help.textContent = labels.help || "";
    this.plot.setAttribute("aria-label", labels.title || "");
    if (!first && data.rev === this.rev) return;
    this.rev = data.rev;
    this.draw();
  }

  draw() {
    const focused = document.activeElement?.dataset?.itemId;
    const seen = new Set();
    for (const point of this.data.points || []) {
      seen.add(point.id);
      let chip = this.chips.get(point.id);
      if (!chip) {
        chip = this.makeChip(point.id);
        this.chips.set(point.id, chip);
        this.layer.appendChild(chip);
      }
      this.fill(chip, point);
      if (!this.pending.has(point.id)) this.position(chip, point.importance, point.evidence);
    }
    for (const [id, chip] of this.chips) {
      if (!seen.has(id)) {
        chip.remove();
        this.chips.delete(id);
      }
    }
    if (focused && this.chips.has(focused)) this.chips.get(focused).focus({ preventScroll: true });
  }

  point(id) {
    return (this.data.points || []).find((p) => p.id === id);
  }

  makeChip(id) {
    const chip = el("button", "am-note");
    chip.type = "button";
    chip.dataset.itemId = id;
    chip.setAttribute("data-testid", "map-note");
    chip.append(el("span", "am-code"), el("span", "am-text"));
    chip.addEventListener("pointerdown", (event) => this.startDrag(event, chip));
    chip.addEventListener("keydown", (event) => this.onKey(event, chip));
    return chip;
  }

  fill(chip, point) {
    chip.className = `am-note am-area-${point.area} am-ev-${point.evidence_level}`;
    chip.classList.toggle("am-selected", !!point.selected);
    chip.classList.toggle("am-placed", !!point.placed);
    chip.classList.toggle("am-proposed", !!point.proposed);
    chip.children[0].textContent = point.code;
    chip.children[1].textContent = point.short;
    chip.title = point.text;
    chip.setAttribute("aria-pressed", point.selected ? "true" : "false");
    chip.setAttribute("aria-label", point.label);
    chip.dataset.quadrant = point.quadrant;
  }

  position(chip, importance, evidence) {
    const x = (1 - evidence) * 100;
    const y = (1 - importance) * 100;
    chip.style.left = `${x}%`;
    chip.style.top = `${y}%`;
    // Anchored in proportion (a note at the right edge hangs left of its spot), so no note
    // sticks out of the map.
    chip.style.transform = `translate(-${x}%, -${y}%)`;
    chip.dataset.importance = importance.toFixed(3);
    chip.dataset.evidence = evidence.toFixed(3);
  }

  // -- drag ---------------------------------------------------------------------------------
  startDrag(event, chip) {
    if (event.button !== 0) return;
    const rect = this.plot.getBoundingClientRect();
    const start = { x: event.clientX, y: event.clientY };
    let moved = false;
    chip.setPointerCapture(event.pointerId);
    const spotAt = (e) => ({
      evidence: clamp(1 - (e.clientX - rect.left) / rect.width),
      importance: clamp(1 - (e.clientY - rect.top) / rect.height),
    });
    const onMove = (e) => {
      if (!moved && Math.hypot(e.clientX - start.x, e.clientY - start.y) < 5) return;
      moved = true;
      chip.classList.add("am-dragging");
      const spot = spotAt(e);
      this.position(chip, spot.importance, spot.evidence);
    };
    const onUp = (e) => {
      chip.removeEventListener("pointermove", onMove);
      chip.removeEventListener("pointerup", onUp);
      chip.removeEventListener("pointercancel", onUp);
      chip.classList.remove("am-dragging");
      if (!moved) {
        this.emit("select", { item_id: chip.dataset.itemId });
        return;
      }
      const spot = spotAt(e);
      this.report(chip, spot.importance, spot.evidence, 0);
    };
    chip.addEventListener("pointermove", onMove);
    chip.addEventListener("pointerup", onUp);
    chip.addEventListener("pointercancel", onUp);
  }

  // -- keyboard -----------------------------------------------------------------------------
  onKey(event, chip) {
    const id = chip.dataset.itemId;
    const step = event.shiftKey ? BIG_STEP : STEP;
    const moves = { ArrowUp: [step, 0], ArrowDown: [-step, 0], ArrowLeft: [0, step], ArrowRight: [0, -step] };
    if (event.key in moves) {
      event.preventDefault();
      const [dImportance, dEvidence] = moves[event.key];
      const importance = clamp(parseFloat(chip.dataset.importance) + dImportance);
      const evidence = clamp(parseFloat(chip.dataset.evidence) + dEvidence);
      this.position(chip, importance, evidence);
      this.report(chip, importance, evidence, SETTLE_MS);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      this.emit("select", { item_id: id });
    } else if (event.key === "r" || event.key === "R") {
      event.preventDefault();
      this.emit("reset", { item_id: id });
    }
  }

  report(chip, importance, evidence, delay) {
    const id = chip.dataset.itemId;
    this.pending.set(id, { importance, evidence });
    clearTimeout(this.timers.get(id));
    const point = this.point(id);
    this.status.textContent = `${point?.code || ""} ${Math.round(importance * 100)} / ${Math.round(evidence * 100)}`;
    this.timers.set(
      id,
      setTimeout(() => {
        this.pending.delete(id);
        this.timers.delete(id);
        this.emit("place", {
          item_id: id,
          version: point?.placement_version ?? null,
          importance: Math.round(importance * 1000) / 1000,
          evidence: Math.round(evidence * 1000) / 1000,
        });
      }, delay),
    );
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let map = controllers.get(parentElement);
  if (!map) {
    const host = parentElement.querySelector(".am-host") || parentElement;
    map = new AssumptionsMap(host);
    controllers.set(parentElement, map);
  }
  map.send = setTriggerValue;
  if (data) map.update(data);
}
