// Nilai's canvas board: a square value map and a round customer profile with sticky notes.
// Every piece of user text goes through textContent / value / setAttribute, never innerHTML.
// Streamlit calls the default export on every render with the same parentElement, so the
// board keeps one controller per mount point and redraws its notes only when the data moved.

const controllers = new WeakMap();

const VALUE_MAP = ["products", "creators", "relievers"];
const PROFILE = ["gains", "pains", "jobs"];
const LINK_TARGET = { relievers: "pains", creators: "gains", products: "jobs" };

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function svgEl(tag, attrs) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  return node;
}

class Board {
  constructor(root) {
    this.root = root;
    this.data = null;
    this.rev = null;
    this.send = () => {};
    this.linkMode = false;
    this.strength = "full";
    this.linkSource = null;
    this.editing = null;
    this.pendingData = null;
    this.zones = {};
    this.notes = new Map();
    this.build();
  }

  emit(op, payload) {
    const value = { op, nonce: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, ...payload };
    this.send("action", value);
  }

  // -- static structure (built once) ---------------------------------------------------
  build() {
    const wrap = el("div", "nb");
    wrap.setAttribute("data-testid", "nilai-board");
    const toolbar = el("div", "nb-toolbar");
    this.linkButton = el("button", "nb-btn nb-link-btn");
    this.linkButton.type = "button";
    this.linkButton.setAttribute("aria-pressed", "false");
    this.linkButton.addEventListener("click", () => this.toggleLinkMode());
    this.strengthGroup = el("div", "nb-seg");
    this.strengthGroup.setAttribute("role", "group");
    this.fullButton = el("button", "nb-btn nb-seg-btn");
    this.partialButton = el("button", "nb-btn nb-seg-btn");
    for (const [button, value] of [[this.fullButton, "full"], [this.partialButton, "partial"]]) {
      button.type = "button";
      button.dataset.strength = value;
      button.addEventListener("click", () => this.setStrength(value));
      this.strengthGroup.appendChild(button);
    }
    this.status = el("div", "nb-status");
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.legend = el("div", "nb-legend");
    toolbar.append(this.linkButton, this.strengthGroup, this.status, this.legend);

    const shapes = el("div", "nb-shapes");
    this.square = el("section", "nb-shape nb-square");
    this.squareTitle = el("h3", "nb-shape-title");
    const squareGrid = el("div", "nb-square-grid");
    for (const area of VALUE_MAP) squareGrid.appendChild(this.buildZone(area));
    this.square.append(this.squareTitle, squareGrid);

    this.circle = el("section", "nb-shape nb-circle");
    this.circleTitle = el("h3", "nb-shape-title");
    const disc = el("div", "nb-disc");
    const svg = svgEl("svg", { viewBox: "0 0 100 100", class: "nb-disc-art", "aria-hidden": "true" });
    svg.appendChild(svgEl("circle", { cx: 50, cy: 50, r: 49.4, class: "nb-disc-ring" }));
    svg.appendChild(svgEl("line", { x1: 50, y1: 0.6, x2: 50, y2: 99.4, class: "nb-disc-line" }));
    svg.appendChild(svgEl("line", { x1: 0.6, y1: 50, x2: 50, y2: 50, class: "nb-disc-line" }));
    const circleGrid = el("div", "nb-circle-grid");
    for (const area of PROFILE) circleGrid.appendChild(this.buildZone(area));
    disc.append(svg, circleGrid);
    this.circle.append(this.circleTitle, disc);

    shapes.append(this.square, this.circle);
    this.help = el("p", "nb-help");
    wrap.append(toolbar, shapes, this.help);
    this.root.appendChild(wrap);
    this.wrap = wrap;

    wrap.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.linkMode && !this.editing) {
        event.preventDefault();
        this.toggleLinkMode(false);
      }
    });
  }

  buildZone(area) {
    const zone = el("div", `nb-zone nb-zone-${area}`);
    zone.dataset.area = area;
    const head = el("div", "nb-zone-head");
    const title = el("h4", "nb-zone-title");
    const count = el("span", "nb-count");
    head.append(title, count);
    const list = el("ul", "nb-list");
    list.setAttribute("role", "list");
    const empty = el("li", "nb-empty");
    const input = el("input", "nb-add");
    input.type = "text";
    input.dataset.area = area;
    input.setAttribute("enterkeyhint", "done");
    input.setAttribute("autocomplete", "off");
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && !event.isComposing) {
        event.preventDefault();
        const text = input.value;
        if (!text.trim()) {
          this.say(this.data?.labels?.empty_note || "");
          return;
        }
        this.emit("add", { area, text });
        input.value = "";
        this.lastAddArea = area;
        this.lastAddAt = Date.now();
      } else if (event.key === "Escape") {
        input.value = "";
        input.blur();
      }
    });
    zone.append(head, list, input);
    this.zones[area] = { zone, title, count, list, empty, input };
    return zone;
  }

  // -- data ------------------------------------------------------------------------------
  update(data) {
    if (this.editing) {
      this.pendingData = data; // never yank a note out from under the typist
      return;
    }
    const labels = data.labels || {};
    if (this.rev === data.rev && this.lang === labels.lang) return;
    this.data = data;
    this.rev = data.rev;
    this.lang = labels.lang;
    this.applyLabels(labels);
    this.renderNotes();
  }

  applyLabels(labels) {
    this.squareTitle.textContent = labels.value_map || "";
    this.circleTitle.textContent = labels.profile || "";
    this.square.setAttribute("aria-label", labels.value_map || "");
    this.circle.setAttribute("aria-label", labels.profile || "");
    this.linkButton.textContent = labels.link_mode || "Link";
    this.fullButton.textContent = labels.full || "full";
    this.partialButton.textContent = labels.partial || "partial";
    this.strengthGroup.setAttribute("aria-label", labels.strength || "");
    this.help.textContent = labels.shortcuts || "";
    this.legend.replaceChildren();
    for (const level of ["assumption", "observed", "validated"]) {
      const chip = el("span", `nb-legend-chip nb-ev-${level}`, (labels.evidence || {})[level] || level);
      this.legend.appendChild(chip);
    }
    for (const [area, parts] of Object.entries(this.zones)) {
      parts.title.textContent = (labels.areas || {})[area] || area;
      parts.input.placeholder = (labels.add || {})[area] || "";
      parts.input.setAttribute("aria-label", (labels.add || {})[area] || area);
      parts.empty.textContent = (labels.empty_zone || {})[area] || "";
    }
    this.setStrength(this.strength);
    this.refreshStatus();
  }

  renderNotes() {
    const data = this.data;
    const active = this.root.activeElement || document.activeElement;
    const focusedId = active && active.dataset ? active.dataset.id : null;
    this.itemsById = new Map(data.items.map((item) => [item.id, item]));
    this.partners = new Map();
    for (const link of data.links) {
      if (!this.partners.has(link.source)) this.partners.set(link.source, []);
      if (!this.partners.has(link.target)) this.partners.set(link.target, []);
      this.partners.get(link.source).push(link);
      this.partners.get(link.target).push(link);
    }
    this.notes = new Map();
    const byArea = {};
    for (const area of Object.keys(this.zones)) byArea[area] = [];
    for (const item of data.items) (byArea[item.area] || []).push(item);
    for (const [area, parts] of Object.entries(this.zones)) {
      const items = byArea[area];
      if (data.sort_by_rank) items.sort((a, b) => b.rank - a.rank || a.order - b.order);
      const fragment = document.createDocumentFragment();
      if (!items.length) fragment.appendChild(parts.empty);
      for (const item of items) fragment.appendChild(this.renderNote(item));
      parts.list.replaceChildren(fragment);
      parts.count.textContent = String(items.length);
    }
    if (this.linkSource && !this.itemsById.has(this.linkSource)) this.linkSource = null;
    this.refreshStatus();
    if (focusedId && this.notes.has(focusedId)) this.notes.get(focusedId).focus();
    else if (this.lastAddArea && Date.now() - this.lastAddAt < 5000) {
      // Just added a note: keep the field ready, unless the user has moved on elsewhere.
      const current = document.activeElement;
      if (!current || current === document.body) this.zones[this.lastAddArea].input.focus();
    }
  }

  renderNote(item) {
    const labels = this.data.labels;
    const note = el("li", `nb-note nb-area-${item.area} nb-ev-${item.evidence}`);
    note.dataset.id = item.id;
    note.tabIndex = 0;
    const links = this.partners.get(item.id) || [];
    const description = [
      (labels.areas || {})[item.area],
      item.text,
      item.rank_label,
      (labels.evidence || {})[item.evidence],
    ].filter(Boolean).join(". ");
    note.setAttribute("aria-label", description);

    const top = el("div", "nb-note-top");
    const code = el("span", "nb-code", item.code);
    const rank = el("span", `nb-rank nb-rank-${item.rank}`, item.rank);
    rank.title = item.rank_label || "";
    const del = el("button", "nb-del", "×");
    del.type = "button";
    del.tabIndex = -1;
    del.title = labels.delete || "";
    del.setAttribute("aria-label", labels.delete || "");
    del.addEventListener("click", (event) => {
      event.stopPropagation();
      this.emit("delete", { id: item.id, version: item.version });
      note.classList.add("nb-pending");
    });
    top.append(rank, del);
    const text = el("p", "nb-text", item.text);
    text.title = item.text;
    const meta = el("div", "nb-meta");
    meta.appendChild(code);
    if (item.type_label) meta.appendChild(el("span", "nb-chip nb-type", item.type_label));
    if (item.evidence !== "assumption") {
      // Assumptions are told apart by the dashed border; evidence earns a visible chip.
      const evidence = el("span", `nb-chip nb-evchip`, (labels.evidence || {})[item.evidence] || item.evidence);
      if (item.evidence_note) evidence.title = item.evidence_note;
      meta.appendChild(evidence);
    }
    if (item.degree !== null && item.degree !== undefined) {
      const mark = item.degree >= 1 ? "●" : item.degree > 0 ? "◐" : "○";
      const degree = el("span", `nb-chip nb-degree nb-degree-${item.degree >= 1 ? "full" : item.degree > 0 ? "partial" : "none"}`, mark);
      degree.title = item.degree_label || "";
      meta.appendChild(degree);
    }
    if (item.votes > 0) {
      const votes = el("span", "nb-chip nb-votes", `● ${item.votes}`);
      votes.title = item.votes_label || "";
      votes.setAttribute("aria-label", item.votes_label || "");
      meta.appendChild(votes);
    }
    if (item.author_label) meta.appendChild(el("span", "nb-chip nb-author", item.author_label));
    if (item.customer_label) meta.appendChild(el("span", "nb-chip nb-customer", item.customer_label));
    for (const link of links) {
      const other = this.itemsById.get(link.source === item.id ? link.target : link.source);
      if (!other) continue;
      const chip = el("span", `nb-chip nb-linkchip nb-link-${link.strength}`, `${link.source === item.id ? "→" : "←"}${other.code}${link.strength === "partial" ? " ½" : ""}`);
      chip.title = other.text;
      meta.appendChild(chip);
    }
    note.append(top, text, meta);

    note.addEventListener("mouseenter", () => this.highlight(item.id, true));
    note.addEventListener("mouseleave", () => this.highlight(item.id, false));
    note.addEventListener("focus", () => this.highlight(item.id, true));
    note.addEventListener("blur", () => this.highlight(item.id, false));
    note.addEventListener("dblclick", () => this.startEdit(item));
    note.addEventListener("click", (event) => {
      if (this.linkMode) {
        event.preventDefault();
        this.pick(item);
      }
    });
    note.addEventListener("keydown", (event) => this.onNoteKey(event, item, note));
    note.addEventListener("pointerdown", (event) => this.pointerDown(event, item, note));
    if (this.linkSource === item.id) note.classList.add("nb-source");
    this.notes.set(item.id, note);
    return note;
  }

  onNoteKey(event, item, note) {
    if (event.target !== note) return;
    const key = event.key;
    if (key === "Enter" || key === "F2") {
      event.preventDefault();
      if (this.linkMode) this.pick(item);
      else this.startEdit(item);
    } else if (key === "Delete" || key === "Backspace") {
      event.preventDefault();
      this.emit("delete", { id: item.id, version: item.version });
      note.classList.add("nb-pending");
      const next = note.nextElementSibling || note.previousElementSibling;
      if (next && next.classList.contains("nb-note")) next.focus();
    } else if (/^[1-5]$/.test(key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      if (Number(key) !== item.rank) {
        this.emit("update", { id: item.id, version: item.version, rank: Number(key) });
        note.classList.add("nb-pending");
      }
    } else if (key === "l" || key === "L") {
      event.preventDefault();
      if (!this.linkMode) this.toggleLinkMode(true);
      this.pick(item);
    } else if (key === "ArrowDown" || key === "ArrowUp") {
      event.preventDefault();
      const sibling = key === "ArrowDown" ? note.nextElementSibling : note.previousElementSibling;
      if (sibling && sibling.classList.contains("nb-note")) sibling.focus();
    } else if ((key === "ArrowLeft" || key === "ArrowRight") && event.shiftKey) {
      // Shift+arrow moves the note itself to the previous / next area.
      event.preventDefault();
      const order = [...VALUE_MAP, ...PROFILE];
      const index = order.indexOf(item.area);
      const area = order[(index + (key === "ArrowRight" ? 1 : -1) + order.length) % order.length];
      this.emit("move", { id: item.id, version: item.version, area });
      note.classList.add("nb-pending");
    } else if (key === "ArrowLeft" || key === "ArrowRight") {
      event.preventDefault();
      const order = [...VALUE_MAP, ...PROFILE];
      const index = order.indexOf(item.area);
      const step = key === "ArrowRight" ? 1 : -1;
      for (let i = 1; i <= order.length; i += 1) {
        const area = order[(index + step * i + order.length * 2) % order.length];
        const first = this.zones[area].list.querySelector(".nb-note");
        if (first) { first.focus(); break; }
      }
    }
  }

  // -- moving notes by dragging (pointer events: mouse, pen and touch alike) ------------------
  pointerDown(event, item, note) {
    if (event.button !== 0 || this.linkMode || this.editing) return;
    if (event.target.closest("button, textarea, input")) return;
    const start = { x: event.clientX, y: event.clientY };
    let ghost = null;
    let overZone = null;
    const zoneAt = (x, y) => {
      const hit = (this.root.elementFromPoint ? this.root.elementFromPoint(x, y) : document.elementFromPoint(x, y));
      return hit ? hit.closest(".nb-zone") : null;
    };
    const move = (ev) => {
      if (!ghost) {
        if (Math.hypot(ev.clientX - start.x, ev.clientY - start.y) < 6) return;
        ghost = note.cloneNode(true);
        ghost.classList.add("nb-ghost");
        ghost.style.width = `${note.getBoundingClientRect().width}px`;
        this.wrap.appendChild(ghost);
        note.classList.add("nb-dragging");
      }
      ghost.style.left = `${ev.clientX + 6}px`;
      ghost.style.top = `${ev.clientY + 6}px`;
      const zone = zoneAt(ev.clientX, ev.clientY);
      if (zone !== overZone) {
        overZone?.classList.remove("nb-drop");
        overZone = zone;
        if (zone && zone.dataset.area !== item.area) zone.classList.add("nb-drop");
      }
    };
    const up = (ev) => {
      window.removeEventListener("pointermove", move);
      window.removeEventListener("pointerup", up);
      window.removeEventListener("pointercancel", up);
      overZone?.classList.remove("nb-drop");
      if (!ghost) return;
      ghost.remove();
      note.classList.remove("nb-dragging");
      const zone = ev.type === "pointerup" ? zoneAt(ev.clientX, ev.clientY) : null;
      if (zone && zone.dataset.area && zone.dataset.area !== item.area) {
        this.emit("move", { id: item.id, version: item.version, area: zone.dataset.area });
        note.classList.add("nb-pending");
      }
    };
    window.addEventListener("pointermove", move);
    window.addEventListener("pointerup", up);
    window.addEventListener("pointercancel", up);
  }

  highlight(id, on) {
    const links = this.partners.get(id) || [];
    this.notes.get(id)?.classList.toggle("nb-hover", on);
    for (const link of links) {
      const other = link.source === id ? link.target : link.source;
      this.notes.get(other)?.classList.toggle("nb-partner", on);
    }
  }

  // -- editing in place ---------------------------------------------------------------------
  startEdit(item) {
    const note = this.notes.get(item.id);
    if (!note || this.editing) return;
    const text = note.querySelector(".nb-text");
    const area = el("textarea", "nb-editor");
    area.value = item.text;
    area.rows = Math.min(6, Math.max(2, Math.ceil(item.text.length / 28)));
    area.setAttribute("aria-label", this.data.labels.edit || "");
    text.replaceWith(area);
    this.editing = item.id;
    area.focus();
    area.select();
    const finish = (save) => {
      if (this.editing !== item.id) return;
      this.editing = null;
      const value = area.value;
      if (save && value !== item.text) {
        if (!value.trim()) this.say(this.data.labels.empty_note || "");
        else {
          this.emit("edit", { id: item.id, version: item.version, text: value });
          text.textContent = value;
          note.classList.add("nb-pending");
        }
      }
      area.replaceWith(text);
      note.focus();
      if (this.pendingData) {
        const pending = this.pendingData;
        this.pendingData = null;
        this.update(pending);
      }
    };
    area.addEventListener("keydown", (event) => {
      event.stopPropagation();
      if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        finish(true);
      } else if (event.key === "Escape") {
        event.preventDefault();
        finish(false);
      }
    });
    area.addEventListener("blur", () => finish(true));
  }

  // -- link mode --------------------------------------------------------------------------
  toggleLinkMode(force) {
    this.linkMode = force === undefined ? !this.linkMode : force;
    this.linkSource = null;
    this.wrap.classList.toggle("nb-linking", this.linkMode);
    this.linkButton.setAttribute("aria-pressed", String(this.linkMode));
    for (const note of this.notes.values()) note.classList.remove("nb-source", "nb-target");
    this.refreshStatus();
  }

  setStrength(value) {
    this.strength = value;
    this.fullButton.setAttribute("aria-pressed", String(value === "full"));
    this.partialButton.setAttribute("aria-pressed", String(value === "partial"));
  }

  pick(item) {
    const labels = this.data.labels;
    if (!this.linkSource) {
      if (!LINK_TARGET[item.area]) {
        this.say(labels.link_pick_source || "");
        return;
      }
      this.linkSource = item.id;
      this.notes.get(item.id)?.classList.add("nb-source");
      for (const other of this.itemsById.values()) {
        if (other.area === LINK_TARGET[item.area]) this.notes.get(other.id)?.classList.add("nb-target");
      }
      this.refreshStatus();
      return;
    }
    const source = this.itemsById.get(this.linkSource);
    if (item.id === source.id) {
      this.toggleLinkMode(true);
      return;
    }
    const existing = this.data.links.find((link) => link.source === source.id && link.target === item.id);
    if (existing && existing.strength === this.strength) {
      this.emit("unlink", { link_id: existing.id });
    } else {
      this.emit("link", { source: source.id, target: item.id, strength: this.strength });
    }
    this.notes.get(item.id)?.classList.add("nb-pending");
    this.linkSource = null;
    for (const note of this.notes.values()) note.classList.remove("nb-source", "nb-target");
    this.refreshStatus();
  }

  refreshStatus() {
    const labels = this.data?.labels || {};
    if (!this.linkMode) this.status.textContent = "";
    else if (!this.linkSource) this.status.textContent = labels.link_pick_source || "";
    else {
      const source = this.itemsById.get(this.linkSource);
      this.status.textContent = ((labels.link_pick_target || {})[source?.area] || "");
    }
  }

  say(message) {
    this.status.textContent = message;
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let board = controllers.get(parentElement);
  if (!board) {
    const host = parentElement.querySelector(".nb-host") || parentElement;
    board = new Board(host);
    board.root = parentElement;
    controllers.set(parentElement, board);
  }
  board.send = setTriggerValue;
  if (data) board.update(data);
}
