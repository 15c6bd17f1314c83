// Nilai's assumptions map: every note of a canvas on a 2×2 of importance (up) against
// evidence (left = strong, right = none). Each quadrant holds a grid of slots (the same
// grid in all four, experiments/map_layout.py) and each note owns one slot, so no note
// hides another at any size, and a quadrant's title sits above its slots. A drag or an
// arrow key that ends on a taken slot settles in the nearest free one; the map reports the
// slot, the server turns it into a spot. Enter selects a note for a test card, R resets it.
// The full text shows on hover and focus. User text goes through textContent only.

const controllers = new WeakMap();
const SETTLE_MS = 450;
const QUADRANTS = ["safe", "test_first", "defer", "later"]; // top left, top right, bottom left, bottom right

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function slotKey(quadrant, col, row) {
  return `${quadrant}:${col}:${row}`;
}

class AssumptionsMap {
  constructor(root) {
    this.root = root;
    this.send = () => {};
    this.data = null;
    this.rev = null;
    this.chips = new Map();
    this.where = new Map(); // item id -> {quadrant, col, row} as drawn now
    this.taken = new Map(); // slot key -> item id
    this.pending = new Set(); // item ids moved here and not yet reported
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
    this.wrap = wrap;
    this.yLabel = el("div", "am-axis am-axis-y");
    this.plot = el("div", "am-plot");
    this.plot.setAttribute("role", "group");
    this.titles = {};
    this.cells = {};
    for (const name of QUADRANTS) {
      const quad = el("div", `am-quad am-quad-${name}`);
      quad.dataset.quadrant = name;
      const title = el("span", "am-quad-title");
      const cells = el("div", "am-cells");
      cells.dataset.quadrant = name;
      quad.append(title, cells);
      this.titles[name] = title;
      this.cells[name] = cells;
      this.plot.appendChild(quad);
    }
    this.xLabel = el("div", "am-axis am-axis-x");
    this.xLeft = el("span", "am-axis-end");
    this.xRight = el("span", "am-axis-end");
    this.xLabel.append(this.xLeft, this.xRight);
    this.yTop = el("span", "am-axis-end");
    this.yBottom = el("span", "am-axis-end");
    this.yLabel.append(this.yTop, this.yBottom);
    const grid = el("div", "am-grid");
    grid.append(this.yLabel, this.plot, el("div", "am-corner"), this.xLabel);
    this.tip = el("div", "am-tip");
    this.tip.id = `am-tip-${Math.random().toString(36).slice(2, 10)}`;
    this.tip.setAttribute("role", "tooltip");
    this.tip.hidden = true;
    this.tipCode = el("strong", "am-tip-code");
    this.tipText = el("span", "am-tip-text");
    this.tipDetail = el("span", "am-tip-detail");
    this.tip.append(this.tipCode, " ", this.tipText, this.tipDetail);
    this.status = el("div", "am-status");
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.help = el("p", "am-help");
    wrap.append(grid, this.tip, this.status, this.help);
    this.root.appendChild(wrap);
  }

  get grid() {
    return this.data?.grid || { cols: 2, rows: 5, gap: 0.04 };
  }

  update(data) {
    const first = this.data === null;
    this.data = data;
    const labels = data.labels || {};
    for (const [name, title] of Object.entries(this.titles)) title.textContent = (labels.quadrants || {})[name] || "";
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
    const focused = this.root.getRootNode().activeElement?.dataset?.itemId;
    const seen = new Set();
    this.taken.clear();
    for (const id of this.pending) {
      const spot = this.where.get(id);
      if (spot) this.taken.set(slotKey(spot.quadrant, spot.col, spot.row), id);
    }
    for (const point of this.data.points || []) {
      seen.add(point.id);
      let chip = this.chips.get(point.id);
      if (!chip) {
        chip = this.makeChip(point.id);
        this.chips.set(point.id, chip);
      }
      this.fill(chip, point);
      if (this.pending.has(point.id)) continue;
      const [col, row] = point.slot;
      if (this.taken.has(slotKey(point.quadrant, col, row))) {
        // A note the user is moving holds this slot until the server has it.
        const free = this.nearestFree(point.quadrant, col, row, point.id);
        if (free) this.seat(chip, point.quadrant, free.col, free.row);
      } else {
        this.seat(chip, point.quadrant, col, row);
      }
    }
    for (const [id, chip] of this.chips) {
      if (!seen.has(id)) {
        chip.remove();
        this.chips.delete(id);
        this.where.delete(id);
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
    chip.setAttribute("aria-describedby", this.tip.id);
    chip.append(el("span", "am-code"), el("span", "am-text"));
    chip.addEventListener("pointerdown", (event) => this.startDrag(event, chip));
    chip.addEventListener("keydown", (event) => this.onKey(event, chip));
    chip.addEventListener("pointerenter", () => this.showTip(chip));
    chip.addEventListener("pointerleave", () => this.hideTip(chip));
    chip.addEventListener("focus", () => this.showTip(chip));
    chip.addEventListener("blur", () => this.hideTip(chip));
    return chip;
  }

  fill(chip, point) {
    chip.className = `am-note am-area-${point.area} am-ev-${point.evidence_level}`;
    chip.classList.toggle("am-selected", !!point.selected);
    chip.classList.toggle("am-placed", !!point.placed);
    chip.classList.toggle("am-proposed", !!point.proposed);
    chip.children[0].textContent = point.code;
    chip.children[1].textContent = point.text;
    chip.setAttribute("aria-pressed", point.selected ? "true" : "false");
    chip.setAttribute("aria-label", point.label);
    chip.dataset.quadrant = point.quadrant;
  }

  // Put a chip in a slot: a box of the quadrant's note area, less a gap on each side.
  seat(chip, quadrant, col, row) {
    const { cols, rows, gap } = this.grid;
    const before = this.where.get(chip.dataset.itemId);
    if (before && this.taken.get(slotKey(before.quadrant, before.col, before.row)) === chip.dataset.itemId) {
      this.taken.delete(slotKey(before.quadrant, before.col, before.row));
    }
    this.where.set(chip.dataset.itemId, { quadrant, col, row });
    this.taken.set(slotKey(quadrant, col, row), chip.dataset.itemId);
    if (chip.parentElement !== this.cells[quadrant]) this.cells[quadrant].appendChild(chip);
    chip.style.left = `${((col + gap) / cols) * 100}%`;
    chip.style.top = `${((row + gap) / rows) * 100}%`;
    chip.style.width = `${((1 - 2 * gap) / cols) * 100}%`;
    chip.style.height = `${((1 - 2 * gap) / rows) * 100}%`;
    chip.style.transform = "";
    chip.dataset.slot = slotKey(quadrant, col, row);
  }

  // The free slot of a quadrant nearest to (col, row), a column step weighing as much as
  // rows/cols row steps (as experiments/map_layout.py does); null when the quadrant is full.
  nearestFree(quadrant, col, row, self) {
    const { cols, rows } = this.grid;
    const weight = rows / cols;
    let best = null;
    for (let r = 0; r < rows; r += 1) {
      for (let c = 0; c < cols; c += 1) {
        const holder = this.taken.get(slotKey(quadrant, c, r));
        if (holder && holder !== self) continue;
        const distance = ((c - col) * weight) ** 2 + (r - row) ** 2;
        if (!best || distance < best.distance) best = { col: c, row: r, distance };
      }
    }
    return best;
  }

  // -- the full text --------------------------------------------------------------------------
  showTip(chip) {
    const point = this.point(chip.dataset.itemId);
    if (!point || chip.classList.contains("am-dragging")) return;
    this.tipCode.textContent = point.code;
    this.tipText.textContent = point.text;
    this.tipDetail.textContent = point.detail || "";
    this.tip.hidden = false;
    this.tip.dataset.for = chip.dataset.itemId;
    const box = chip.getBoundingClientRect();
    const frame = this.wrap.getBoundingClientRect();
    const below = box.bottom - frame.top + 4;
    const above = box.top - frame.top - this.tip.offsetHeight - 4;
    this.tip.style.top = `${box.top - frame.top > frame.height / 2 && above >= 0 ? above : below}px`;
    const left = Math.min(Math.max(0, box.left - frame.left), Math.max(0, frame.width - this.tip.offsetWidth));
    this.tip.style.left = `${left}px`;
  }

  hideTip(chip) {
    if (this.tip.dataset.for === chip.dataset.itemId) this.tip.hidden = true;
  }

  // -- drag ---------------------------------------------------------------------------------
  startDrag(event, chip) {
    if (event.button !== 0) return;
    const start = { x: event.clientX, y: event.clientY };
    let moved = false;
    chip.setPointerCapture?.(event.pointerId);
    const onMove = (e) => {
      if (!moved && Math.hypot(e.clientX - start.x, e.clientY - start.y) < 5) return;
      moved = true;
      this.tip.hidden = true;
      chip.classList.add("am-dragging");
      chip.style.transform = `translate(${e.clientX - start.x}px, ${e.clientY - start.y}px)`;
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
      const spot = this.slotAt(e.clientX, e.clientY);
      const free = this.nearestFree(spot.quadrant, spot.col, spot.row, chip.dataset.itemId);
      if (!free) {
        chip.style.transform = "";
        return;
      }
      this.seat(chip, spot.quadrant, free.col, free.row);
      this.report(chip, 0);
    };
    chip.addEventListener("pointermove", onMove);
    chip.addEventListener("pointerup", onUp);
    chip.addEventListener("pointercancel", onUp);
  }

  // The slot under a point of the screen: the plot's half gives the quadrant, the
  // quadrant's note area the slot (a drop on a title counts as its first row).
  slotAt(x, y) {
    const plot = this.plot.getBoundingClientRect();
    const column = x < plot.left + plot.width / 2 ? 0 : 1;
    const row = y < plot.top + plot.height / 2 ? 0 : 1;
    const quadrant = QUADRANTS[row * 2 + column];
    const area = this.cells[quadrant].getBoundingClientRect();
    const { cols, rows } = this.grid;
    const clampTo = (value, count) => Math.min(count - 1, Math.max(0, Math.floor(value * count)));
    return {
      quadrant,
      col: clampTo((x - area.left) / Math.max(1, area.width), cols),
      row: clampTo((y - area.top) / Math.max(1, area.height), rows),
    };
  }

  // -- keyboard -----------------------------------------------------------------------------
  onKey(event, chip) {
    const id = chip.dataset.itemId;
    const moves = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    if (event.key in moves) {
      event.preventDefault();
      const [dx, dy] = moves[event.key];
      const target = this.step(id, dx, dy, event.shiftKey);
      if (!target) return;
      this.seat(chip, target.quadrant, target.col, target.row);
      chip.focus({ preventScroll: true });
      this.showTip(chip);
      this.report(chip, SETTLE_MS);
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      this.emit("select", { item_id: id });
    } else if (event.key === "r" || event.key === "R") {
      event.preventDefault();
      this.emit("reset", { item_id: id });
    } else if (event.key === "Escape") {
      this.tip.hidden = true;
    }
  }

  // The next free slot from a note's slot in one direction, across quadrant borders; Shift
  // jumps a whole quadrant. Null at the map's edge.
  step(id, dx, dy, far) {
    const { cols, rows } = this.grid;
    const here = this.where.get(id);
    const index = QUADRANTS.indexOf(here.quadrant);
    let x = (index % 2) * cols + here.col;
    let y = Math.floor(index / 2) * rows + here.row;
    const distance = far ? (dx ? cols : rows) : 1;
    x += dx * distance;
    y += dy * distance;
    while (x >= 0 && y >= 0 && x < 2 * cols && y < 2 * rows) {
      const quadrant = QUADRANTS[Math.floor(y / rows) * 2 + Math.floor(x / cols)];
      const col = x % cols;
      const row = y % rows;
      const holder = this.taken.get(slotKey(quadrant, col, row));
      if (!holder || holder === id) return { quadrant, col, row };
      x += dx;
      y += dy;
    }
    return null;
  }

  report(chip, delay) {
    const id = chip.dataset.itemId;
    this.pending.add(id);
    clearTimeout(this.timers.get(id));
    const point = this.point(id);
    const spot = this.where.get(id);
    const name = (this.data.labels?.quadrants || {})[spot.quadrant] || "";
    this.status.textContent = `${point?.code || ""}: ${name}`;
    this.timers.set(
      id,
      setTimeout(() => {
        this.pending.delete(id);
        this.timers.delete(id);
        const now = this.where.get(id);
        const { cols, rows } = this.grid;
        this.emit("place", {
          item_id: id,
          version: point?.placement_version ?? null,
          slot: { quadrant: now.quadrant, col: now.col, row: now.row, cols, rows },
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
