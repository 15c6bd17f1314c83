// Nilai's canvas board: a square value map and a round customer profile with sticky notes.
// Every piece of user text goes through textContent / value / setAttribute, never innerHTML.
// Streamlit calls the default export on every render with the same parentElement, so the
// board keeps one controller per mount point and redraws its notes only when the data moved.
//
// Two layouts of the same zones and notes:
// - the board (wide): the square and the circle; each grows taller (the circle into an
//   oval) until its notes fit, up to a limit, past which a zone scrolls and says "+N more";
// - the list (narrow, a phone): one stacked list per area, customer profile first, with a
//   "⋯" menu on each note for rank, edit, link, move and delete by touch.
// The component switches by its own width (a ResizeObserver), so no reload is needed.
//
// Keyboard: the notes and the six "add" fields are ONE Tab stop (roving tabindex); arrow
// keys move inside. On a note: Enter/F2 edits, 1–5 ranks, Delete removes (Ctrl+Z undoes),
// L links, Shift+←/→ moves it to another area.

const controllers = new WeakMap();
// Following the project's revision (server/canvas_feed.py) instead of a page run every few seconds.
const FOLLOW_POLL_MS = 4000; // without long polls (a proxy cuts them, an older server): ask this often
const FOLLOW_MAX_BACKOFF_MS = 8000; // offline: try again at least this often
const FOLLOW_LONG_POLL_FAILURES = 3; // this many failed long polls in a row: fall back to plain polls
const FOLLOW_REFUSED_MS = 30000; // a refused pass (revoked, trashed): the page was asked to run; ask again this seldom
const FOLLOW_SETTLE_MS = 250; // a newer revision: give the page's own run (this user's write) this long to bring it
const FOLLOW_RETRIGGER_MS = 4000; // a page run we asked for never landed: ask again after this

const VALUE_MAP = ["products", "creators", "relievers"];
const PROFILE = ["gains", "pains", "jobs"];
const BOARD_ORDER = [...VALUE_MAP, ...PROFILE]; // left to right, top to bottom on the board
const NARROW = 560; // px of component width below which the board becomes lists
const CAP_INSET = 0.2; // the profile's zones sit 20% of the width below the top and above the
// bottom of the circle (or capsule), 10% in from either side: corners on the ring (board.css)
const MAX_STRETCH = 3.2; // a shape grows to at most this many times its width, then zones scroll

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function button(className, text, label) {
  const node = el("button", className, text);
  node.type = "button";
  if (label) {
    node.setAttribute("aria-label", label);
    node.title = label;
  }
  return node;
}

function fill(template, params) {
  return String(template || "").replace(/\{(\w+)\}/g, (match, name) => (name in params ? String(params[name]) : match));
}

// Per-note badges: the one hook for small marks on a note. The payload's item carries
// `badges: [{kind, text, title?, tone?}]` (built in payload.py, `note_badges`); each becomes
// a chip `nb-chip nb-badge nb-badge-<kind> nb-tone-<tone>` after the built-in chips, on the
// board and in the list alike. `kind` is a short [a-z0-9-] name for styling, `text` the
// visible (translated) words, `title` the tooltip, `tone` one of
// neutral | good | warn | bad (board.css gives each a colour with ≥ 4.5:1 contrast).
function renderBadges(item, into) {
  for (const badge of item.badges || []) {
    if (!badge || !badge.text) continue;
    const kind = String(badge.kind || "info").replace(/[^a-z0-9-]/gi, "");
    const tone = ["neutral", "good", "warn", "bad"].includes(badge.tone) ? badge.tone : "neutral";
    const chip = el("span", `nb-chip nb-badge nb-badge-${kind} nb-tone-${tone}`, badge.text);
    if (badge.title) chip.title = badge.title; // the text itself is what a screen reader reads
    into.appendChild(chip);
  }
}

// Follows the project's revision with the pass the page issued, and asks the page for one
// run when the revision passes the one the page drew. The browser's own write is drawn by the
// run it causes anyway: while a page run is under way the follower waits for it, and asks
// only if the page still lags behind the feed once the run is over.
class Follower {
  constructor(requestRun) {
    this.requestRun = requestRun;
    this.live = null;
    this.drawn = null; // the revision the page drew
    this.seen = null; // the newest revision the feed told
    this.longPoll = true;
    this.failures = 0;
    this.stopped = false;
    this.running = false;
    this.controller = null;
    this.wake = null;
    this.asked = { revision: null, at: 0 };
    this.settleTimer = null;
    this.onVisible = () => {
      if (!document.hidden) this.kick();
    };
  }

  update(live) {
    if (!live || !live.url || !live.credential || typeof fetch !== "function") return;
    const fresh = !this.live || this.live.credential !== live.credential || this.live.url !== live.url;
    this.live = live;
    if (live.revision !== this.drawn) this.asked = { revision: null, at: 0 }; // a run landed: still behind? ask again
    this.drawn = live.revision;
    if (fresh) this.seen = null;
    if (this.stopped) return;
    if (!this.running) {
      document.addEventListener("visibilitychange", this.onVisible);
      this.loop();
    } else if (fresh) this.kick();
    this.check();
  }

  kick() {
    if (this.controller) this.controller.abort();
    if (this.wake) this.wake();
  }

  sleep(ms) {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }

  async loop() {
    this.running = true;
    while (!this.stopped) {
      const live = this.live;
      const since = Math.max(this.drawn, this.seen ?? this.drawn);
      const wait = this.longPoll && !document.hidden;
      const query = new URLSearchParams({ since: String(since) });
      if (wait) query.set("wait", "1");
      const url = `${live.url}?${query}`;
      this.controller = new AbortController();
      let delay = 0;
      try {
        const response = await fetch(url, {
          headers: { Authorization: `Bearer ${live.credential}` },
          cache: "no-store",
          signal: this.controller.signal,
        });
        if (response.status === 200) {
          const body = await response.json();
          this.failures = 0;
          if (Number.isInteger(body.revision)) this.seen = Math.max(this.seen ?? 0, body.revision);
          this.check();
          if (!wait) delay = FOLLOW_POLL_MS;
        } else if (response.status === 304) {
          this.failures = 0;
          if (!wait) delay = FOLLOW_POLL_MS;
        } else if (response.status === 401 || response.status === 403) {
          // Revoked, expired or trashed: one page run says so (or brings a fresh pass).
          this.ask(`refused:${live.credential}`);
          delay = FOLLOW_REFUSED_MS;
        } else {
          delay = this.failed(wait);
        }
      } catch (error) {
        if (error && error.name === "AbortError") delay = 0; // kicked: ask again now
        else delay = this.failed(wait);
      }
      this.controller = null;
      if (document.hidden) delay = Math.max(delay, FOLLOW_POLL_MS);
      if (!this.stopped && delay > 0) await this.sleep(delay);
    }
    this.running = false;
  }

  failed(wasLongPoll) {
    this.failures += 1;
    if (wasLongPoll && this.failures >= FOLLOW_LONG_POLL_FAILURES) this.longPoll = false; // a proxy cuts them: poll
    return Math.min(FOLLOW_MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.failures, 4));
  }

  // Is a run of the page under way (it may be drawing this user's own write)?
  pageBusy() {
    const app = document.querySelector('[data-testid="stApp"]');
    return Boolean(app && app.getAttribute("data-test-script-state") === "running");
  }

  check() {
    clearTimeout(this.settleTimer);
    this.settleTimer = null;
    if (this.seen === null || this.drawn === null || this.seen <= this.drawn || this.stopped) return;
    // Not at once: the page's own run (this user's write) may be about to bring it.
    this.settleTimer = setTimeout(() => {
      this.settleTimer = null;
      if (this.seen <= this.drawn || this.stopped) return;
      if (this.pageBusy()) this.check();
      else this.ask(this.seen);
    }, FOLLOW_SETTLE_MS);
  }

  ask(what) {
    const now = performance.now();
    if (this.asked.revision === what && now - this.asked.at < FOLLOW_RETRIGGER_MS) {
      if (typeof what === "number") this.check(); // the run asked for may yet land: look again later
      return;
    }
    this.asked = { revision: what, at: now };
    this.requestRun();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.settleTimer);
    this.kick();
    document.removeEventListener("visibilitychange", this.onVisible);
  }
}

class Board {
  constructor(root) {
    this.root = root;
    this.data = null;
    this.areaOrder = [];
    this.linkTarget = {};
    this.rev = null;
    this.readOnly = false;
    this.send = () => {};
    // A page run for someone else's change: not an action (the page handles "refresh" by running).
    this.follower = new Follower(() =>
      this.send("action", { op: "refresh", nonce: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}` }),
    );
    this.linkMode = false;
    this.strength = "full";
    this.linkSource = null;
    this.editing = null;
    this.pendingData = null;
    this.zones = {};
    this.notes = new Map();
    this.current = null; // the roving Tab stop: a note id, or "add:<area>"
    this.message = "";
    this.narrow = false;
    this.openMenu = null;
    this.undoKey = null;
    this.build();
  }

  emit(op, payload) {
    if (this.readOnly) return; // a viewer's board sends nothing (the server would refuse it)
    const value = { op, nonce: `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`, ...payload };
    this.send("action", value);
  }

  get labels() {
    return (this.data && this.data.labels) || {};
  }

  activeElement() {
    // The board lives in a shadow root: its own activeElement names the focused note.
    return (this.root && this.root.activeElement) || document.activeElement;
  }

  width() {
    return this.wrap.clientWidth || (this.root && this.root.clientWidth) || 0;
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
    // "Full | Partial": the strength of the next link, with a visible label and a tooltip.
    this.strengthBox = el("div", "nb-strength");
    this.strengthLabel = el("span", "nb-strength-label");
    this.strengthLabel.id = `nb-strength-${Math.random().toString(36).slice(2, 8)}`;
    this.strengthGroup = el("div", "nb-seg");
    this.strengthGroup.setAttribute("role", "group");
    this.strengthGroup.setAttribute("aria-labelledby", this.strengthLabel.id);
    this.fullButton = el("button", "nb-btn nb-seg-btn");
    this.partialButton = el("button", "nb-btn nb-seg-btn");
    for (const [node, value] of [[this.fullButton, "full"], [this.partialButton, "partial"]]) {
      node.type = "button";
      node.dataset.strength = value;
      node.addEventListener("click", () => this.setStrength(value));
      this.strengthGroup.appendChild(node);
    }
    this.strengthBox.append(this.strengthLabel, this.strengthGroup);
    this.legend = el("div", "nb-legend");
    // The key: what the codes, arrows, ½, rank circles and borders mean.
    this.key = el("details", "nb-key");
    this.keySummary = el("summary", "nb-key-summary");
    this.keyBody = el("div", "nb-key-body");
    this.key.append(this.keySummary, this.keyBody);
    this.status = el("div", "nb-status");
    this.status.setAttribute("role", "status");
    this.status.setAttribute("aria-live", "polite");
    this.status.setAttribute("aria-atomic", "true");
    toolbar.append(this.linkButton, this.strengthBox, this.legend, this.key, this.status);

    // The surface: every note and "add" field, one Tab stop together.
    this.surface = el("div", "nb-surface");
    const shapes = el("div", "nb-shapes");
    this.square = el("section", "nb-shape nb-square");
    this.squareTitle = el("h2", "nb-shape-title");
    this.squareGrid = el("div", "nb-square-grid");
    for (const area of VALUE_MAP) this.squareGrid.appendChild(this.buildZone(area));
    this.square.append(this.squareTitle, this.squareGrid);

    this.circle = el("section", "nb-shape nb-circle");
    this.circleTitle = el("h2", "nb-shape-title");
    this.disc = el("div", "nb-disc");
    const vline = el("div", "nb-disc-vline");
    this.hline = el("div", "nb-disc-hline");
    vline.setAttribute("aria-hidden", "true");
    this.hline.setAttribute("aria-hidden", "true");
    this.circleGrid = el("div", "nb-circle-grid");
    for (const area of PROFILE) this.circleGrid.appendChild(this.buildZone(area));
    this.disc.append(vline, this.hline, this.circleGrid);
    this.circle.append(this.circleTitle, this.disc);
    shapes.append(this.square, this.circle);
    this.shapes = shapes;

    // The list layout (narrow screens): the same zone elements, moved here in reading order.
    this.stack = el("div", "nb-stack");
    this.stackProfile = el("section", "nb-stack-part");
    this.stackProfileTitle = el("h2", "nb-shape-title");
    this.stackMap = el("section", "nb-stack-part");
    this.stackMapTitle = el("h2", "nb-shape-title");
    this.stackProfile.appendChild(this.stackProfileTitle);
    this.stackMap.appendChild(this.stackMapTitle);
    this.stack.append(this.stackProfile, this.stackMap);
    this.surface.append(shapes, this.stack);

    this.help = el("p", "nb-help");
    // Undo after a delete: pinned to the bottom of the window, so it is seen wherever the
    // note was (the page's Undo, kept in the session by ui/common/feedback.py).
    this.undoBar = el("div", "nb-undo");
    this.undoBar.setAttribute("role", "group");
    this.undoText = el("span", "nb-undo-text");
    this.undoButton = button("nb-btn nb-undo-btn");
    this.undoButton.addEventListener("click", () => this.undo());
    this.undoClose = button("nb-btn nb-undo-close", "×");
    this.undoClose.addEventListener("click", () => {
      this.undoBar.hidden = true;
      this.emit("undo_close", {});
    });
    this.undoBar.append(this.undoText, this.undoButton, this.undoClose);
    this.undoBar.hidden = true;

    wrap.append(toolbar, this.surface, this.help, this.undoBar);
    this.root.appendChild(wrap);
    this.wrap = wrap;

    wrap.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && this.linkMode && !this.editing) {
        event.preventDefault();
        this.toggleLinkMode(false);
      } else if ((event.ctrlKey || event.metaKey) && !event.shiftKey && (event.key === "z" || event.key === "Z")) {
        if (this.editing || event.target.closest("input, textarea")) return; // the field's own undo
        if (!this.undoBar.hidden) {
          event.preventDefault();
          this.undo();
        }
      }
    });
    // Whatever gets focus inside the surface (a click, a tap) becomes the Tab stop.
    this.surface.addEventListener("focusin", (event) => {
      const target = event.target;
      if (target.classList.contains("nb-note")) this.setCurrent(target.dataset.id);
      else if (target.classList.contains("nb-add")) this.setCurrent(`add:${target.dataset.area}`);
    });
    if (typeof ResizeObserver !== "undefined") {
      this.lastWidth = 0;
      this.resizer = new ResizeObserver(() => {
        const width = this.width();
        if (Math.abs(width - this.lastWidth) < 1) return; // our own height changes don't count
        this.lastWidth = width;
        this.layout();
      });
      this.resizer.observe(wrap);
    }
    // Notes measured before the web font arrived would be sized for the fallback font.
    if (document.fonts && document.fonts.ready) document.fonts.ready.then(() => this.layout());
  }

  buildZone(area) {
    const zone = el("div", `nb-zone nb-zone-${area}`);
    zone.dataset.area = area;
    const head = el("div", "nb-zone-head");
    const title = el("h3", "nb-zone-title");
    const count = el("span", "nb-count");
    head.append(title, count);
    const list = el("ul", "nb-list");
    list.setAttribute("role", "list");
    list.addEventListener("scroll", () => this.markMore(area), { passive: true });
    const empty = el("li", "nb-empty");
    const more = el("div", "nb-more");
    more.hidden = true;
    more.setAttribute("aria-hidden", "true"); // the count is said in the zone's name instead
    const input = el("input", "nb-add");
    input.type = "text";
    input.dataset.area = area;
    input.tabIndex = -1;
    input.setAttribute("enterkeyhint", "done");
    input.setAttribute("autocomplete", "off");
    input.addEventListener("keydown", (event) => this.onAddKey(event, area, input));
    zone.append(head, list, more, input);
    this.zones[area] = { zone, title, count, list, empty, input, more };
    return zone;
  }

  // -- data ------------------------------------------------------------------------------
  update(data) {
    this.applyUndo(data.undo);
    this.applyNotice(data.notice);
    if (this.editing) {
      this.pendingData = data; // never yank a note out from under the typist
      return;
    }
    const labels = data.labels || {};
    const readOnly = Boolean(data.read_only);
    if (this.rev === data.rev && this.lang === labels.lang && this.readOnly === readOnly) return;
    this.readOnly = readOnly;
    this.wrap.classList.toggle("nb-readonly", readOnly);
    this.data = data;
    // The rules come with the data (canvas.models): the areas in reading order (a phone reads
    // the profile first) and which area each value-map area links to.
    this.areaOrder = data.area_order || [];
    this.linkTarget = data.link_targets || {};
    this.rev = data.rev;
    this.lang = labels.lang;
    this.applyLabels(labels);
    this.renderNotes();
  }

  applyUndo(undo) {
    const key = undo ? `${undo.id}:${undo.message}` : null;
    if (key === this.undoKey) return;
    this.undoKey = key;
    if (!undo) {
      this.undoBar.hidden = true;
      return;
    }
    this.undoText.textContent = undo.message || "";
    this.undoButton.textContent = undo.undo || "Undo";
    this.undoClose.setAttribute("aria-label", undo.close || "Close");
    this.undoClose.title = undo.close || "";
    this.undoBar.setAttribute("aria-label", undo.message || "");
    this.undoBar.hidden = false;
  }

  applyNotice(text) {
    // A refusal or conflict the page shows above the board: said here too (aria-live).
    const notice = text || null;
    if (notice === this.notice) return;
    this.notice = notice;
    if (notice) this.say(notice);
  }

  undo() {
    if (this.undoBar.hidden) return;
    this.undoBar.hidden = true;
    this.say(this.labels.restoring || "");
    this.emit("undo", {});
  }

  applyLabels(labels) {
    this.wrap.setAttribute("lang", labels.lang || "id"); // hyphenation and screen readers follow it
    this.squareTitle.textContent = labels.value_map || "";
    this.circleTitle.textContent = labels.profile || "";
    this.stackMapTitle.textContent = labels.value_map || "";
    this.stackProfileTitle.textContent = labels.profile || "";
    this.square.setAttribute("aria-label", labels.value_map || "");
    this.circle.setAttribute("aria-label", labels.profile || "");
    this.stackMap.setAttribute("aria-label", labels.value_map || "");
    this.stackProfile.setAttribute("aria-label", labels.profile || "");
    this.surface.setAttribute("aria-label", labels.board || "");
    this.surface.setAttribute("role", "region");
    this.linkButton.textContent = labels.link_mode || "Link";
    this.strengthLabel.textContent = labels.strength_label || labels.strength || "";
    this.strengthBox.title = labels.strength_help || "";
    this.fullButton.textContent = labels.full || "full";
    this.partialButton.textContent = labels.partial || "partial";
    this.fullButton.title = labels.full_help || "";
    this.partialButton.title = labels.partial_help || "";
    this.legend.replaceChildren();
    for (const level of ["assumption", "observed", "validated"]) {
      const chip = el("span", `nb-legend-chip nb-ev-${level}`, (labels.evidence || {})[level] || level);
      this.legend.appendChild(chip);
    }
    this.renderKey(labels);
    this.updateHelp();
    for (const [area, parts] of Object.entries(this.zones)) {
      parts.title.textContent = (labels.areas || {})[area] || area;
      parts.input.placeholder = (labels.add || {})[area] || "";
      parts.input.setAttribute("aria-label", (labels.add || {})[area] || area);
      parts.empty.textContent = (labels.empty_zone || {})[area] || "";
    }
    this.setStrength(this.strength);
    this.refreshStatus();
  }

  renderKey(labels) {
    const key = labels.key || {};
    this.keySummary.textContent = key.title || "?";
    const body = [];
    const codes = el("p", "nb-key-line", key.codes || "");
    body.push(codes);
    const list = el("ul", "nb-key-codes");
    for (const area of this.areaOrder) {
      const item = el("li");
      item.append(el("b", "", (labels.codes || {})[area] || ""), document.createTextNode(` = ${(labels.areas || {})[area] || area}`));
      list.appendChild(item);
    }
    body.push(list);
    for (const line of ["links", "rank", "degree", "evidence", "more"]) {
      if (key[line]) body.push(el("p", "nb-key-line", key[line]));
    }
    this.keyBody.replaceChildren(...body);
  }

  renderNotes() {
    const data = this.data;
    const active = this.activeElement();
    const hadFocus = !!active && this.surface.contains(active);
    this.itemsById = new Map(data.items.map((item) => [item.id, item]));
    this.partners = new Map();
    for (const link of data.links) {
      if (!this.partners.has(link.source)) this.partners.set(link.source, []);
      if (!this.partners.has(link.target)) this.partners.set(link.target, []);
      this.partners.get(link.source).push(link);
      this.partners.get(link.target).push(link);
    }
    this.notes = new Map();
    // A redraw (a colleague's change, the echo of one's own) keeps a touch menu open where
    // it was: closing it under the person's finger lost their next tap.
    const menuOpenOn = this.openMenu?.dataset.id || null;
    this.openMenu = null;
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
    const reopen = menuOpenOn && this.notes.get(menuOpenOn);
    if (reopen) this.toggleMenu(this.itemsById.get(menuOpenOn), reopen, reopen.querySelector(".nb-menu-btn"));
    this.refreshStatus();
    this.layout(); // first: on a phone the first Tab stop is in the list's order, not the board's
    if (!this.stopExists(this.current)) this.current = this.nearestStop();
    this.applyTabStop();
    if (hadFocus) {
      // The note or field that had focus was redrawn: give focus back to the Tab stop.
      this.focusStop(this.current);
    } else if (this.lastAddArea && Date.now() - this.lastAddAt < 5000) {
      // Just added a note: keep the field ready, unless the user has moved on elsewhere.
      const elsewhere = document.activeElement;
      if (!elsewhere || elsewhere === document.body) this.focusStop(`add:${this.lastAddArea}`, { scroll: false });
    }
  }

  renderNote(item) {
    const labels = this.labels;
    const note = el("li", `nb-note nb-area-${item.area} nb-ev-${item.evidence}`);
    note.dataset.id = item.id;
    note.tabIndex = -1;
    const links = this.partners.get(item.id) || [];
    const linked = links
      .map((link) => this.itemsById.get(link.source === item.id ? link.target : link.source))
      .filter(Boolean)
      .map((other) => other.code);
    const description = [
      `${item.code} ${(labels.areas || {})[item.area] || ""}`,
      item.text,
      item.rank_label ? `${labels.rank || ""} ${item.rank} (${item.rank_label})` : "",
      (labels.evidence || {})[item.evidence],
      linked.length ? fill(labels.linked_to, { codes: linked.join(", ") }) : "",
    ].filter(Boolean).join(". ");
    note.setAttribute("aria-label", description);

    const top = el("div", "nb-note-top");
    const rank = el("span", `nb-rank nb-rank-${item.rank}`, item.rank);
    rank.title = `${labels.rank || ""} ${item.rank}: ${item.rank_label || ""}`;
    const del = button("nb-del", "×", labels.delete || "");
    del.tabIndex = -1;
    del.addEventListener("click", (event) => {
      event.stopPropagation();
      this.remove(item, note);
    });
    const menu = button("nb-menu-btn", "⋯", labels.actions || "");
    menu.tabIndex = -1;
    menu.setAttribute("aria-expanded", "false");
    menu.addEventListener("click", (event) => {
      event.stopPropagation();
      this.toggleMenu(item, note, menu);
    });
    top.append(rank, menu, del);
    const text = el("p", "nb-text", item.text);
    text.title = item.text;
    const meta = el("div", "nb-meta");
    const code = el("span", "nb-code", item.code);
    code.title = fill(labels.code_title, { code: item.code, area: (labels.areas || {})[item.area] || "" });
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
      degree.setAttribute("role", "img"); // a glyph with a name
      degree.setAttribute("aria-label", item.degree_label || "");
      meta.appendChild(degree);
    }
    if (item.votes > 0) {
      const votes = el("span", "nb-chip nb-votes", `● ${item.votes}`);
      votes.title = item.votes_label || "";
      votes.setAttribute("role", "img");
      votes.setAttribute("aria-label", item.votes_label || "");
      meta.appendChild(votes);
    }
    if (item.author_label) meta.appendChild(el("span", "nb-chip nb-author", item.author_label));
    for (const link of links) {
      const outgoing = link.source === item.id;
      const other = this.itemsById.get(outgoing ? link.target : link.source);
      if (!other) continue;
      const chip = el("span", `nb-chip nb-linkchip nb-link-${link.strength}`, `${outgoing ? "→" : "←"}${other.code}${link.strength === "partial" ? " ½" : ""}`);
      chip.title = `${fill(outgoing ? labels.link_out : labels.link_in, { code: other.code })}${link.strength === "partial" ? ` (${labels.partial_short || ""})` : ""}: ${other.text}`;
      meta.appendChild(chip);
    }
    renderBadges(item, meta);
    note.append(top, text, meta);

    note.addEventListener("mouseenter", () => this.highlight(item.id, true));
    note.addEventListener("mouseleave", () => this.highlight(item.id, false));
    note.addEventListener("focus", () => {
      this.highlight(item.id, true);
      this.reveal(note);
    });
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

  // -- the one Tab stop (roving tabindex) ---------------------------------------------------
  order() {
    return this.narrow ? this.areaOrder : BOARD_ORDER;
  }

  stopsOf(area) {
    const parts = this.zones[area];
    const notes = [...parts.list.querySelectorAll(".nb-note")].map((node) => node.dataset.id);
    return this.readOnly ? notes : notes.concat([`add:${area}`]);
  }

  stopExists(stop) {
    if (!stop) return false;
    if (stop.startsWith("add:")) return stop.slice(4) in this.zones;
    return this.notes.has(stop);
  }

  nearestStop() {
    for (const area of this.order()) {
      const first = this.zones[area].list.querySelector(".nb-note");
      if (first) return first.dataset.id;
    }
    return this.readOnly ? null : `add:${this.order()[0]}`;
  }

  stopElement(stop) {
    if (!stop) return null;
    if (stop.startsWith("add:")) return this.zones[stop.slice(4)]?.input || null;
    return this.notes.get(stop) || null;
  }

  applyTabStop() {
    for (const note of this.notes.values()) note.tabIndex = -1;
    for (const parts of Object.values(this.zones)) parts.input.tabIndex = -1;
    const node = this.stopElement(this.current);
    if (node) node.tabIndex = 0;
  }

  setCurrent(stop) {
    if (stop === this.current) return;
    const before = this.stopElement(this.current);
    if (before) before.tabIndex = -1;
    this.current = stop;
    const node = this.stopElement(stop);
    if (node) node.tabIndex = 0;
  }

  focusStop(stop, { scroll = true } = {}) {
    const node = this.stopElement(stop);
    if (!node) return;
    this.setCurrent(stop);
    node.focus({ preventScroll: true });
    if (scroll) this.reveal(node);
  }

  reveal(node) {
    // The whole note, not half of it: scroll the zone and the page just enough.
    node.scrollIntoView({ block: "nearest", inline: "nearest" });
  }

  neighbourZone(area, step) {
    const order = this.order();
    const index = order.indexOf(area);
    return order[(index + step + order.length) % order.length];
  }

  focusZone(area, step) {
    // The next area's first note, or its add field when it has none.
    const next = this.neighbourZone(area, step);
    const first = this.zones[next].list.querySelector(".nb-note");
    if (first || !this.readOnly) this.focusStop(first ? first.dataset.id : `add:${next}`);
  }

  moveWithin(area, stop, step, edge) {
    const stops = this.stopsOf(area);
    const index = stops.indexOf(stop);
    let target;
    if (edge === "first") target = stops[0];
    else if (edge === "last") target = stops[stops.length - 1];
    else target = stops[index + step];
    if (target) this.focusStop(target);
  }

  onAddKey(event, area, input) {
    const key = event.key;
    if (key === "Enter" && !event.isComposing) {
      event.preventDefault();
      const text = input.value;
      if (!text.trim()) {
        this.say(this.labels.empty_note || "");
        return;
      }
      this.emit("add", { area, text });
      input.value = "";
      this.lastAddArea = area;
      this.lastAddAt = Date.now();
    } else if (key === "Escape") {
      if (input.value) input.value = "";
      else this.moveWithin(area, `add:${area}`, -1);
    } else if (key === "ArrowUp" && !event.isComposing) {
      event.preventDefault();
      this.moveWithin(area, `add:${area}`, -1);
    } else if ((key === "ArrowLeft" || key === "ArrowRight") && !input.value) {
      event.preventDefault();
      this.focusZone(area, key === "ArrowRight" ? 1 : -1);
    }
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
      this.remove(item, note);
    } else if (/^[1-5]$/.test(key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      this.rank(item, Number(key), note);
    } else if (key === "l" || key === "L") {
      event.preventDefault();
      if (!this.linkMode) this.toggleLinkMode(true);
      this.pick(item);
    } else if (key === "ArrowDown" || key === "ArrowUp") {
      event.preventDefault();
      this.moveWithin(item.area, item.id, key === "ArrowDown" ? 1 : -1);
    } else if (key === "Home" || key === "End") {
      event.preventDefault();
      this.moveWithin(item.area, item.id, 0, key === "Home" ? "first" : "last");
    } else if ((key === "ArrowLeft" || key === "ArrowRight") && event.shiftKey) {
      // Shift+arrow moves the note itself to the previous / next area.
      event.preventDefault();
      this.move(item, this.neighbourZone(item.area, key === "ArrowRight" ? 1 : -1), note);
    } else if (key === "ArrowLeft" || key === "ArrowRight") {
      event.preventDefault();
      this.focusZone(item.area, key === "ArrowRight" ? 1 : -1);
    }
  }

  // -- the actions (board keys, the list's menu and the pointer all end here) ----------------
  remove(item, note) {
    if (this.readOnly) return;
    this.emit("delete", { id: item.id, version: item.version });
    note.classList.add("nb-pending");
    const stops = this.stopsOf(item.area);
    const index = stops.indexOf(item.id);
    const next = stops[index + 1] && !stops[index + 1].startsWith("add:") ? stops[index + 1] : stops[index - 1] || stops[stops.length - 1];
    if (this.surface.contains(document.activeElement)) this.focusStop(next);
    else this.setCurrent(next);
    this.say(fill(this.labels.deleted_status, { code: item.code }));
  }

  rank(item, value, note) {
    if (this.readOnly || value === item.rank) return;
    this.emit("update", { id: item.id, version: item.version, rank: value });
    note.classList.add("nb-pending");
  }

  move(item, area, note) {
    if (this.readOnly || !area || area === item.area) return;
    this.emit("move", { id: item.id, version: item.version, area });
    note.classList.add("nb-pending");
    this.say(fill(this.labels.moved_status, { code: item.code, area: (this.labels.areas || {})[area] || area }));
  }

  // The list layout's menu: rank, move, edit, link, delete, all by touch.
  toggleMenu(item, note, toggle) {
    const open = note.querySelector(".nb-actions");
    if (this.openMenu && this.openMenu !== note) this.closeMenu(this.openMenu);
    if (open) {
      this.closeMenu(note);
      return;
    }
    const labels = this.labels;
    const bar = el("div", "nb-actions");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", labels.actions || "");
    const rank = el("select", "nb-select nb-rank-select");
    rank.setAttribute("aria-label", labels.rank || "");
    for (let value = 5; value >= 1; value -= 1) {
      const option = el("option", "", `${labels.rank || ""} ${value}${((labels.rank_words || {})[item.area] || {})[value] ? ` · ${labels.rank_words[item.area][value]}` : ""}`);
      option.value = String(value);
      option.selected = value === item.rank;
      rank.appendChild(option);
    }
    // Like every action in this menu, a choice closes it (a redraw from others keeps it open).
    rank.addEventListener("change", () => {
      this.closeMenu(note);
      this.rank(item, Number(rank.value), note);
    });
    const move = el("select", "nb-select nb-move-select");
    move.setAttribute("aria-label", labels.move_to || "");
    const placeholder = el("option", "", labels.move_to || "");
    placeholder.value = "";
    placeholder.selected = true;
    move.appendChild(placeholder);
    for (const area of this.areaOrder) {
      if (area === item.area) continue;
      const option = el("option", "", (labels.areas || {})[area] || area);
      option.value = area;
      move.appendChild(option);
    }
    move.addEventListener("change", () => {
      this.closeMenu(note);
      this.move(item, move.value, note);
    });
    const edit = button("nb-btn nb-act-edit", labels.edit_short || labels.edit || "");
    edit.addEventListener("click", () => {
      this.closeMenu(note);
      this.startEdit(item);
    });
    bar.append(rank, move, edit);
    if (this.linkTarget[item.area]) {
      const link = button("nb-btn nb-act-link", labels.link_short || labels.link_mode || "");
      link.addEventListener("click", () => {
        this.closeMenu(note);
        if (!this.linkMode) this.toggleLinkMode(true);
        else this.linkSource = null;
        this.pick(item);
      });
      bar.appendChild(link);
    }
    const del = button("nb-btn nb-act-delete", labels.delete || "");
    del.addEventListener("click", () => {
      this.closeMenu(note);
      this.remove(item, note);
    });
    bar.appendChild(del);
    // The menu's own clicks and keys are not the note's (a click would pick it in link mode).
    bar.addEventListener("click", (event) => event.stopPropagation());
    bar.addEventListener("dblclick", (event) => event.stopPropagation());
    for (const control of bar.querySelectorAll("button, select")) {
      control.addEventListener("keydown", (event) => event.stopPropagation());
    }
    note.appendChild(bar);
    toggle.setAttribute("aria-expanded", "true");
    this.openMenu = note;
    this.layout();
  }

  closeMenu(note) {
    note.querySelector(".nb-actions")?.remove();
    note.querySelector(".nb-menu-btn")?.setAttribute("aria-expanded", "false");
    if (this.openMenu === note) this.openMenu = null;
    this.layout();
  }

  // -- layout: the list on a phone, shapes that grow until their notes fit -------------------
  layout() {
    const width = this.width();
    if (!width || !this.areaOrder.length) return; // not shown yet, or no data to place
    const narrow = width < NARROW;
    if (narrow !== this.narrow || !this.placed) {
      this.narrow = narrow;
      this.placed = true;
      this.wrap.classList.toggle("nb-narrow", narrow);
      if (narrow) {
        for (const area of this.areaOrder) {
          (PROFILE.includes(area) ? this.stackProfile : this.stackMap).appendChild(this.zones[area].zone);
        }
      } else {
        for (const area of VALUE_MAP) this.squareGrid.appendChild(this.zones[area].zone);
        for (const area of PROFILE) this.circleGrid.appendChild(this.zones[area].zone);
      }
      this.updateHelp();
    }
    if (narrow) {
      for (const shape of [this.squareGrid, this.disc]) {
        shape.style.height = "";
        shape.style.aspectRatio = "";
      }
      this.circleGrid.style.top = "";
      this.circleGrid.style.bottom = "";
      for (const area of Object.keys(this.zones)) this.markMore(area);
      return;
    }
    this.grow();
  }

  updateHelp() {
    const labels = this.labels;
    this.help.textContent = (this.narrow ? labels.shortcuts_touch : labels.shortcuts) || labels.shortcuts || "";
  }

  need(area) {
    // The height a zone needs to show all of its notes: its fixed parts plus the list's content.
    const { zone, list } = this.zones[area];
    const listTop = list.getBoundingClientRect().top - list.scrollTop;
    let bottom = 0;
    for (const child of list.children) bottom = Math.max(bottom, child.getBoundingClientRect().bottom - listTop);
    const style = getComputedStyle(list);
    const content = bottom + parseFloat(style.paddingBottom || "0");
    const fixed = zone.getBoundingClientRect().height - list.clientHeight;
    return fixed + content + 2;
  }

  grow() {
    // A set height must not widen the shape through its aspect-ratio: the width is the column's.
    this.squareGrid.style.aspectRatio = "auto";
    this.disc.style.aspectRatio = "auto";
    // Value map: products fill the left column; creators over relievers on the right.
    const sqWidth = this.squareGrid.getBoundingClientRect().width;
    if (sqWidth) {
      const products = this.need("products");
      const creators = this.need("creators");
      const relievers = this.need("relievers");
      const frame = this.squareGrid.offsetHeight - this.squareGrid.clientHeight + 4; // its border, and a little air
      const height = Math.min(sqWidth * MAX_STRETCH, Math.max(sqWidth, products + frame, creators + relievers + frame));
      this.squareGrid.style.height = `${Math.ceil(height)}px`;
      this.squareGrid.style.gridTemplateRows = `${Math.max(creators, 1)}fr ${Math.max(relievers, 1)}fr`;
    }
    // Customer profile: gains over pains on the left, jobs on the right, inside the circle's
    // inscribed rectangle; the circle stretches into an oval when they need more height.
    const discWidth = this.disc.getBoundingClientRect().width;
    if (discWidth) {
      const gains = this.need("gains");
      const pains = this.need("pains");
      const jobs = this.need("jobs");
      const gap = parseFloat(getComputedStyle(this.circleGrid).rowGap || "0") || 0;
      const inner = Math.max(gains + pains + gap, jobs);
      const inset = discWidth * CAP_INSET;
      const frame = this.disc.offsetHeight - this.disc.clientHeight + 4; // the ring, and a little air
      const height = Math.min(discWidth * MAX_STRETCH, Math.max(discWidth, inner + 2 * inset + frame));
      this.disc.style.height = `${Math.ceil(height)}px`;
      this.circleGrid.style.top = `${inset}px`;
      this.circleGrid.style.bottom = `${inset}px`;
      this.circleGrid.style.gridTemplateRows = `${Math.max(gains, 1)}fr ${Math.max(pains, 1)}fr`;
      // The line between gains and pains runs through the gap between them.
      const disc = this.disc.getBoundingClientRect();
      const gainsBox = this.zones.gains.zone.getBoundingClientRect();
      this.hline.style.top = `${gainsBox.bottom - disc.top + gap / 2 - 3}px`;
    }
    for (const area of Object.keys(this.zones)) this.markMore(area);
  }

  markMore(area) {
    // "+N more": the notes a zone can't show whole; the zone then scrolls (visibly).
    const parts = this.zones[area];
    if (!parts) return;
    const list = parts.list;
    const box = list.getBoundingClientRect();
    let hidden = 0;
    if (list.scrollHeight > list.clientHeight + 1) {
      for (const note of list.querySelectorAll(".nb-note")) {
        const rect = note.getBoundingClientRect();
        if (rect.bottom > box.bottom + 1) hidden += 1; // below the fold: "+N more ↓"
      }
    }
    parts.zone.classList.toggle("nb-scrolls", list.scrollHeight > list.clientHeight + 1);
    parts.more.hidden = hidden === 0;
    parts.more.textContent = hidden ? fill(this.labels.more, { count: hidden }) : "";
    const name = `${(this.labels.areas || {})[area] || area}`;
    parts.list.setAttribute("aria-label", hidden ? `${name}, ${fill(this.labels.more, { count: hidden })}` : name);
  }

  // -- moving notes by dragging (pointer events: mouse, pen and touch alike) ------------------
  pointerDown(event, item, note) {
    if (event.button !== 0 || this.readOnly || this.linkMode || this.editing || this.narrow) return;
    if (event.target.closest("button, textarea, input, select")) return;
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
      if (zone && zone.dataset.area && zone.dataset.area !== item.area) this.move(item, zone.dataset.area, note);
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
    if (!note || this.editing || this.readOnly) return;
    const text = note.querySelector(".nb-text");
    const area = el("textarea", "nb-editor");
    area.value = item.text;
    area.rows = Math.min(6, Math.max(2, Math.ceil(item.text.length / 28)));
    area.setAttribute("aria-label", this.labels.edit || "");
    text.replaceWith(area);
    this.editing = item.id;
    area.focus();
    area.select();
    this.layout(); // the editor may be taller than the text it replaces
    const finish = (save) => {
      if (this.editing !== item.id) return;
      this.editing = null;
      const value = area.value;
      if (save && value !== item.text) {
        if (!value.trim()) this.say(this.labels.empty_note || "");
        else {
          this.emit("edit", { id: item.id, version: item.version, text: value });
          text.textContent = value;
          note.classList.add("nb-pending");
        }
      }
      area.replaceWith(text);
      note.focus({ preventScroll: true });
      this.layout();
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
    if (this.readOnly && force !== false) return;
    this.linkMode = force === undefined ? !this.linkMode : force;
    this.linkSource = null;
    this.wrap.classList.toggle("nb-linking", this.linkMode);
    this.linkButton.setAttribute("aria-pressed", String(this.linkMode));
    for (const note of this.notes.values()) note.classList.remove("nb-source", "nb-target");
    this.message = "";
    this.refreshStatus();
  }

  setStrength(value) {
    this.strength = value;
    this.fullButton.setAttribute("aria-pressed", String(value === "full"));
    this.partialButton.setAttribute("aria-pressed", String(value === "partial"));
  }

  pick(item) {
    const labels = this.labels;
    if (!this.linkSource) {
      if (!this.linkTarget[item.area]) {
        this.say(labels.link_pick_source || "");
        return;
      }
      this.linkSource = item.id;
      this.notes.get(item.id)?.classList.add("nb-source");
      for (const other of this.itemsById.values()) {
        if (other.area === this.linkTarget[item.area]) this.notes.get(other.id)?.classList.add("nb-target");
      }
      this.message = "";
      this.refreshStatus();
      return;
    }
    const source = this.itemsById.get(this.linkSource);
    if (item.id === source.id) {
      this.toggleLinkMode(true);
      return;
    }
    if (this.linkTarget[source.area] !== item.area) {
      this.say((labels.link_pick_target || {})[source.area] || "");
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
    if (this.narrow) this.toggleLinkMode(false); // on a phone one link at a time; the menu starts the next
    this.message = fill(labels.linked_status, { source: source.code, target: item.code });
    this.refreshStatus();
  }

  refreshStatus() {
    const labels = this.labels;
    let text = this.message;
    if (this.linkMode && !this.message) {
      if (!this.linkSource) text = labels.link_pick_source || "";
      else {
        const source = this.itemsById?.get(this.linkSource);
        text = (labels.link_pick_target || {})[source?.area] || "";
      }
    }
    if (this.status.textContent !== text) this.status.textContent = text;
  }

  say(message) {
    // A message for everyone, read out by screen readers (role=status), kept until the next.
    this.message = message || "";
    this.status.textContent = this.message;
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
  if (data) {
    board.follower.update(data.live);
    board.update(data);
  }
  // Streamlit may call this before each new render as well as on unmount: only a board that
  // left the page stops following.
  return () => {
    setTimeout(() => {
      if (!parentElement.isConnected) {
        board.follower.stop();
        controllers.delete(parentElement);
      }
    }, 0);
  };
}

// For the unit tests (tests/js, node --test with jsdom); Streamlit calls the default export only.
export { Board, Follower };
