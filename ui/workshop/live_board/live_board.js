// The live workshop board, drawn in the browser from the board feed (server/feed.py).
// The browser holds the board at one revision and asks the feed for what changed since,
// with the viewer's own credential; the server answers 304 when nothing did (after holding
// the request open a while: a long poll), else a delta or the whole board. Everyone of a
// kind gets the same bytes; the viewer's own marks (their notes, dots, votes left, their
// own private-mode notes) come in a small part of their own and are applied here.
// User text reaches the page through textContent only.
//
// Writes (a participant's note, a dot, a dot taken back) go to the action endpoint
// (server/actions.py) with the same credential, not through a page run: each send is shown
// as sending, then on the board or refused (with the reason), and a send whose answer never
// came is sent again with the same nonce, which the server stores once.

const controllers = new WeakMap();
const NOTE = { id: 0, version: 1, area: 2, text: 3, author: 4, hidden: 5, votes: 6, customer: 7, order: 8 };
const POLL_MS = 2000; // without long polls (a proxy cut them short): ask this often
const MAX_BACKOFF_MS = 5000; // offline: try again at least this often, so a returning phone catches up fast
const GONE_RETRY_MS = 5000;
const RETRIGGER_MS = 4000; // if a page run we asked for never lands, ask again after this
const LONG_POLL_FAILURES = 3; // this many failed long polls in a row: fall back to plain polling
const SEND_RETRY_MS = [500, 1000, 2000, 4000, 5000]; // a send with no answer: again, same nonce
const CONFIRMED_SHOWN_MS = 4000; // "on the board" stays this long beside a sent note
const SENDS_SHOWN = 5;

// A nonce per write: random enough that two browsers never pick the same; getRandomValues
// works on a plain-http LAN address too (randomUUID needs a secure context).
export function newNonce() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function counted(forms, count) {
  return (count === 1 ? forms.one : forms.other).replaceAll("{count}", String(count));
}

function formatSeconds(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

// Make `list`'s children exactly `nodes`, moving only what moved: a delta touches a few
// notes of an area of hundreds, so the browser restyles those few, not the whole area.
export function reconcile(list, nodes) {
  let child = list.firstChild;
  for (const node of nodes) {
    if (child === node) {
      child = child.nextSibling;
    } else {
      list.insertBefore(node, child);
    }
  }
  while (child) {
    const next = child.nextSibling;
    child.remove();
    child = next;
  }
}

// The order the server uses: by votes once totals show, else by position on the canvas.
export function areaOrder(notes, byVotes) {
  return notes.sort((a, b) => {
    if (byVotes && (b[NOTE.votes] || 0) !== (a[NOTE.votes] || 0)) return (b[NOTE.votes] || 0) - (a[NOTE.votes] || 0);
    return a[NOTE.order] - b[NOTE.order] || (a[NOTE.id] < b[NOTE.id] ? -1 : 1);
  });
}

// Apply one feed answer to the notes held (id -> fields). Returns false when the answer
// is a delta from a revision other than the one held: the caller then asks for the whole board.
// Whether the participant's own notes on the board (`mine`: ids; `visible`: id -> note) are
// no longer the ones the page listed (`listed`: id -> version): the page's "my notes" list
// needs a run to show them.
export function ownNotesDiffer(listed, mine, visible) {
  const now = mine.filter((id) => visible.has(id));
  if (now.length !== Object.keys(listed).length) return true;
  return now.some((id) => listed[id] !== visible.get(id)[NOTE.version]);
}

export function applyBoard(notes, held, board) {
  if (board.full) {
    notes.clear();
    for (const note of board.notes) notes.set(note[NOTE.id], note);
    return true;
  }
  if (board.since !== held) return false;
  for (const note of board.changed) notes.set(note[NOTE.id], note);
  for (const id of board.removed) notes.delete(id);
  return true;
}

class LiveBoard {
  constructor(root) {
    this.root = root;
    this.statusHost = root.querySelector(".nw-status-host");
    this.boardHost = root.querySelector(".nw-board-host");
    this.send = () => {};
    this.data = null;
    this.notes = new Map();
    this.me = null;
    this.room = null;
    this.revision = null;
    this.clockOffset = 0;
    this.drawn = new Map(); // note id -> { key, node }
    this.areaHosts = new Map(); // area -> { section, list, count, shown }
    this.longPoll = true;
    this.failures = 0;
    this.stopped = false;
    this.running = false;
    this.controller = null;
    this.wake = null;
    this.asked = { what: null, at: 0 };
    this.sends = []; // the notes this browser sent: { text, state, message, at }
    this.voting = new Set(); // note ids with a dot on its way
    this.tickTimer = setInterval(() => this.tick(), 1000);
    this.onVisible = () => {
      if (!document.hidden) this.kick();
    };
    document.addEventListener("visibilitychange", this.onVisible);
  }

  update(data) {
    const fresh =
      !this.data || this.data.credential !== data.credential || this.data.big !== data.big || this.data.compose !== data.compose;
    this.data = data;
    if (fresh) {
      this.notes.clear();
      this.revision = null;
      this.build();
    } else {
      this.drawComposer(); // the page ran again: where notes may go now
      if (this.room) this.checkPage(); // is the page now as new as the board?
    }
    if (!this.running) this.loop();
    else if (this.revision === null || data.revision > this.revision) this.kick(); // the page saw a newer revision (its own write)
  }

  build() {
    const labels = this.data.labels;
    this.statusHost.classList.add("nw-status");
    this.statusHost.classList.toggle("nw-big", Boolean(this.data.big));
    this.offline = el("div", "nw-offline", labels.offline);
    this.offline.setAttribute("role", "status");
    this.offline.hidden = true;
    const wrap = el("div", this.data.big ? "nw-wrap nw-big" : "nw-wrap");
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", labels.board_label);
    const grid = el("div", "nw-board");
    this.areaHosts.clear();
    this.drawn.clear();
    this.panels = [];
    for (const panel of labels.panels) {
      const section = el("section", `nw-panel ${panel.css}`);
      section.append(el("h2", null, panel.title));
      const areas = el("div", "nw-areas");
      for (const area of panel.areas) {
        const box = el("div", "nw-area");
        box.dataset.area = area;
        const heading = el("h3", null, labels.areas[area]);
        const count = el("span", null, "0");
        heading.append(count);
        const list = el("div", "nw-notes");
        box.append(heading, list);
        areas.append(box);
        this.areaHosts.set(area, { box, list, count, shown: null });
      }
      section.append(areas);
      grid.append(section);
      this.panels.push({ section, css: panel.css, areas: panel.areas });
    }
    wrap.append(grid);
    this.boardHost.replaceChildren(this.offline, this.buildComposer(), wrap);
  }

  // The participant's note box: the same words and limit as the page's form had.
  buildComposer() {
    const labels = this.data.labels;
    const host = el("div", "nw-compose");
    this.compose = null;
    if (!this.data.compose) return host;
    const form = el("form", "nw-compose-form");
    const where = el("div", "nw-compose-where");
    const select = el("select", "nw-compose-area");
    select.setAttribute("aria-label", labels.area);
    const fixed = el("p", "nw-compose-fixed");
    const box = el("textarea", "nw-compose-text");
    box.placeholder = labels.note_placeholder;
    box.setAttribute("aria-label", labels.note);
    box.maxLength = this.data.note_limit;
    box.rows = 3;
    const button = el("button", "nw-compose-add", labels.add);
    button.type = "submit";
    const sends = el("ul", "nw-sends");
    sends.setAttribute("aria-label", labels.my_sends);
    sends.setAttribute("aria-live", "polite");
    where.append(fixed, select);
    form.append(where, box, button);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      this.addNote();
    });
    box.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        this.addNote();
      }
    });
    host.append(form, sends);
    this.compose = { host, form, select, fixed, box, button, sends, areas: null };
    this.drawComposer();
    return host;
  }

  drawComposer() {
    const compose = this.compose;
    if (!compose) return;
    const labels = this.data.labels;
    const areas = this.data.areas || [];
    // Locked: the page says so (it runs again when the facilitator locks); the box goes.
    const locked = Boolean(this.room ? this.room.locked : this.data.locked);
    compose.form.hidden = locked || !areas.length;
    const key = areas.join(",");
    if (compose.areas !== key) {
      compose.areas = key;
      const chosen = compose.select.value;
      compose.select.replaceChildren(
        ...areas.map((area) => {
          const option = el("option", null, labels.areas[area] || area);
          option.value = area;
          return option;
        }),
      );
      if (areas.includes(chosen)) compose.select.value = chosen;
      compose.select.hidden = areas.length < 2;
      compose.fixed.hidden = areas.length !== 1;
      compose.fixed.textContent = areas.length === 1 ? labels.add_to.replaceAll("{area}", labels.areas[areas[0]] || "") : "";
    }
    this.drawSends();
  }

  addNote() {
    const compose = this.compose;
    const text = compose.box.value;
    if (!text.trim()) {
      compose.box.focus();
      return;
    }
    const areas = this.data.areas || [];
    const area = areas.length === 1 ? areas[0] : compose.select.value;
    const sent = { text, state: "sending", message: "", at: performance.now() };
    this.sends.unshift(sent);
    this.sends.length = Math.min(this.sends.length, SENDS_SHOWN);
    compose.box.value = ""; // the next idea can be typed while this one travels
    this.drawSends();
    this.act({ kind: "add_note", text, area }, sent).then(() => this.drawSends());
  }

  drawSends() {
    const compose = this.compose;
    if (!compose) return;
    const labels = this.data.labels;
    const now = performance.now();
    this.sends = this.sends.filter((sent) => sent.state !== "confirmed" || now - sent.at < CONFIRMED_SHOWN_MS);
    compose.sends.replaceChildren(
      ...this.sends.map((sent) => {
        const item = el("li", `nw-send nw-send-${sent.state}`);
        item.dataset.state = sent.state;
        item.append(el("span", "nw-send-text", sent.text));
        const said = {
          sending: labels.sending,
          retrying: labels.retrying,
          confirmed: labels.confirmed,
          refused: sent.message ? `${labels.refused}: ${sent.message}` : labels.refused,
        }[sent.state];
        item.append(el("span", "nw-send-state", said));
        return item;
      }),
    );
  }

  // One write through the action endpoint, sent again with the same nonce until it is
  // answered: confirmed or refused. `sent` (a note in the list) shows where it is.
  async act(action, sent) {
    const body = JSON.stringify({ ...action, nonce: newNonce(), lang: this.data.lang });
    for (let attempt = 0; !this.stopped; attempt += 1) {
      let answer = null;
      try {
        const response = await fetch(new URL(this.data.action_url, window.location.origin), {
          method: "POST",
          headers: { Authorization: `Bearer ${this.data.credential}`, "Content-Type": "application/json" },
          body,
          cache: "no-store",
        });
        if (response.status === 200 || response.status === 403 || response.status === 400) {
          answer = await response.json();
        }
      } catch {
        answer = null; // no answer: the write may or may not be stored; the nonce settles it
      }
      if (answer && (answer.status === "confirmed" || answer.status === "refused")) {
        if (sent) {
          sent.state = answer.status;
          sent.message = answer.message || "";
          sent.at = performance.now();
          if (answer.status === "refused" && !this.compose.box.value) this.compose.box.value = sent.text; // nothing typed is lost
        }
        if (answer.status === "confirmed" && (this.revision === null || answer.revision > this.revision) && !this.longPoll) {
          this.kick(); // polling, not long polling: ask for the board now
        }
        if (answer.status === "confirmed" && answer.votes_left !== undefined && this.me) this.me.votes_left = answer.votes_left;
        return answer;
      }
      if (sent && sent.state !== "retrying") {
        sent.state = "retrying";
        this.drawSends();
      }
      await new Promise((resolve) => setTimeout(resolve, SEND_RETRY_MS[Math.min(attempt, SEND_RETRY_MS.length - 1)]));
    }
    return null;
  }

  async voteOn(noteId, kind) {
    if (this.voting.has(noteId)) return;
    this.voting.add(noteId);
    if (this.room) this.draw();
    const answer = await this.act({ kind, id: noteId }, null);
    this.voting.delete(noteId);
    if (answer && answer.status === "refused") this.voteRefusal = answer.message || this.data.labels.refused;
    else this.voteRefusal = null;
    if (this.room) {
      this.draw();
      this.drawStatus();
    }
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
      const data = this.data;
      const wait = this.revision !== null && this.longPoll && !document.hidden;
      const url = new URL(data.url, window.location.origin);
      if (this.revision !== null) {
        url.searchParams.set("since", String(this.revision));
        if (this.epoch) url.searchParams.set("epoch", this.epoch); // whose board it is: another process sends it whole
      }
      if (wait) url.searchParams.set("wait", "1");
      this.controller = new AbortController();
      let delay = 0;
      try {
        const response = await fetch(url, {
          headers: { Authorization: `Bearer ${data.credential}` },
          cache: "no-store",
          signal: this.controller.signal,
        });
        if (response.status === 200) {
          this.receive(await response.json());
          this.connected();
        } else if (response.status === 304) {
          this.connected();
          if (!wait) delay = POLL_MS;
        } else if (response.status === 403 || response.status === 404) {
          this.ask("gone"); // ended, revoked or in the trash: the page runs and says so
          delay = GONE_RETRY_MS;
        } else {
          delay = this.failed(wait);
        }
      } catch (error) {
        if (error && error.name === "AbortError") delay = 0; // kicked: ask again now
        else delay = this.failed(wait);
      }
      this.controller = null;
      if (document.hidden) delay = Math.max(delay, POLL_MS);
      if (delay > 0) await this.sleep(delay);
    }
    this.running = false;
  }

  connected() {
    this.failures = 0;
    this.offline.hidden = true;
  }

  failed(wasLongPoll) {
    this.failures += 1;
    if (wasLongPoll && this.failures >= LONG_POLL_FAILURES) this.longPoll = false; // a proxy cuts them: poll
    if (this.failures >= 2) this.offline.hidden = false;
    return Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.failures, 4));
  }

  receive(body) {
    const started = performance.now();
    const before = body.board.full ? null : this.areasBefore(body.board);
    if (!applyBoard(this.notes, this.revision, body.board)) {
      this.revision = null; // a delta from elsewhere: take the whole board next
      return;
    }
    const touched = before && this.room ? this.touchedAreas(before, body.board, body.me) : null;
    this.revision = body.board.revision;
    this.epoch = body.epoch || null;
    this.room = body.board.room;
    this.me = body.me;
    this.clockOffset = body.me.now - Date.now() / 1000;
    this.draw(touched);
    this.drawStatus();
    this.checkPage();
    // What drawing a change costs this browser (bench/workshop.py reads it; so can devtools).
    const name = body.board.full ? "nilai-live-board" : "nilai-live-delta";
    performance.clearMeasures(name); // keep the last one only: a long session makes many
    performance.measure(name, { start: started });
  }

  // The areas a delta's notes were in before it lands (a note may move, or go).
  areasBefore(board) {
    const areas = new Set();
    for (const id of [...board.changed.map((note) => note[NOTE.id]), ...board.removed]) {
      const held = this.notes.get(id);
      if (held) areas.add(held[NOTE.area]);
    }
    return areas;
  }

  // The areas a delta changes: those its notes were in and are in now, and those of notes
  // whose own marks changed. None (draw everything) when something every note shows moved.
  touchedAreas(before, board, me) {
    const room = board.room;
    const old = this.room;
    const everywhere =
      room.votes_revealed !== old.votes_revealed ||
      room.voting_open !== old.voting_open ||
      room.current_area !== old.current_area ||
      me.votes_left > 0 !== this.me.votes_left > 0;
    if (everywhere) return null;
    const areas = new Set(before);
    for (const note of board.changed) areas.add(note[NOTE.area]);
    const marked = new Set();
    const oldMine = new Set(this.me.mine);
    const newMine = new Set(me.mine);
    for (const id of oldMine) if (!newMine.has(id)) marked.add(id);
    for (const id of newMine) if (!oldMine.has(id)) marked.add(id);
    for (const id of new Set([...Object.keys(this.me.my_votes), ...Object.keys(me.my_votes)])) {
      if ((this.me.my_votes[id] || 0) !== (me.my_votes[id] || 0)) marked.add(id);
    }
    const ownKey = (notes) => notes.map((note) => `${note[NOTE.id]}:${note[NOTE.version]}:${note[NOTE.area]}`).join(",");
    if (ownKey(this.me.own_notes) !== ownKey(me.own_notes)) {
      for (const note of [...this.me.own_notes, ...me.own_notes]) areas.add(note[NOTE.area]);
    }
    for (const id of marked) {
      const note = this.notes.get(id) || me.own_notes.find((own) => own[NOTE.id] === id);
      if (!note) return null;
      areas.add(note[NOTE.area]);
    }
    for (const id of board.removed) this.drawn.delete(id);
    return areas;
  }

  visibleNotes() {
    const all = new Map(this.notes);
    for (const note of this.me.own_notes) all.set(note[NOTE.id], note);
    return all;
  }

  // Draw the areas in `only` (all when none is given): a delta re-sorts and restyles the
  // few areas its notes touch, and nothing else is written to the page.
  draw(only = null) {
    const labels = this.data.labels;
    const mine = new Set(this.me.mine);
    const byArea = new Map();
    for (const note of this.visibleNotes().values()) {
      const area = note[NOTE.area];
      if (only && !only.has(area)) continue;
      if (!byArea.has(area)) byArea.set(area, []);
      byArea.get(area).push(note);
    }
    const seen = new Set();
    const room = this.room;
    const votesHere = this.data.viewer === "participant" && room.voting_open;
    this.votable = votesHere ? (room.current_area ? new Set([room.current_area]) : null) : new Set();
    for (const [area, host] of this.areaHosts) {
      if (only && !only.has(area)) continue;
      const notes = areaOrder(byArea.get(area) || [], this.room.votes_revealed);
      const nodes = notes.map((note) => {
        seen.add(note[NOTE.id]);
        return this.noteNode(note, mine.has(note[NOTE.id]), this.me.my_votes[note[NOTE.id]] || 0);
      });
      // Written only when different: an unchanged write still restyles the whole area.
      const boxClass = this.room.current_area === area ? "nw-area nw-current" : "nw-area";
      if (host.box.className !== boxClass) host.box.className = boxClass;
      if (host.count.textContent !== String(notes.length)) host.count.textContent = String(notes.length);
      const same = host.shown && host.shown.length === nodes.length && nodes.every((n, i) => n === host.shown[i]);
      if (!same) {
        if (nodes.length) reconcile(host.list, nodes);
        else host.list.replaceChildren(el("div", "nw-empty", labels.empty_area));
        host.shown = nodes;
      }
    }
    if (!only) for (const id of [...this.drawn.keys()]) if (!seen.has(id)) this.drawn.delete(id);
    for (const panel of this.panels) {
      const holds = panel.areas.includes(this.room.current_area);
      const panelClass = `nw-panel ${panel.css}${holds ? " nw-has-current" : ""}`;
      if (panel.section.className !== panelClass) panel.section.className = panelClass;
    }
  }

  noteNode(note, isMine, myVotes) {
    const votable = this.votable === null || this.votable.has(note[NOTE.area]);
    const voteState = votable ? `${this.me.votes_left > 0}|${this.voting.has(note[NOTE.id])}` : "";
    const key = `${note[NOTE.version]}|${note[NOTE.text]}|${note[NOTE.author]}|${note[NOTE.hidden]}|${note[NOTE.votes]}|${note[NOTE.customer]}|${isMine}|${myVotes}|${voteState}`;
    const held = this.drawn.get(note[NOTE.id]);
    if (held && held.key === key) return held.node;
    const labels = this.data.labels;
    const from = note[NOTE.customer] ? " nw-from-customer" : "";
    const node = el("div", `nw-note${isMine ? " nw-mine" : ""}${note[NOTE.hidden] ? " nw-hidden" : ""}${from}`);
    node.dataset.noteId = note[NOTE.id];
    node.append(document.createTextNode(note[NOTE.text]));
    const meta = [];
    if (isMine) meta.push(document.createTextNode(labels.mine));
    else if (note[NOTE.author]) meta.push(document.createTextNode(note[NOTE.author]));
    if (note[NOTE.hidden]) meta.push(document.createTextNode(labels.hidden_note));
    if (note[NOTE.customer]) meta.push(el("span", "nw-customer", labels.customer));
    if (myVotes) meta.push(el("span", "nw-dots", "●".repeat(myVotes)));
    if (meta.length) {
      const small = el("small");
      meta.forEach((part, index) => {
        if (index) small.append(document.createTextNode(" · "));
        small.append(part);
      });
      node.append(small);
    }
    if (votable) node.append(this.voteButtons(note[NOTE.id], myVotes));
    if (note[NOTE.votes] !== null && note[NOTE.votes] !== undefined) {
      const badge = el("b", "nw-votes", note[NOTE.votes]);
      badge.title = counted(labels.votes, note[NOTE.votes]);
      node.append(badge);
    }
    this.drawn.set(note[NOTE.id], { key, node });
    return node;
  }

  // +1 / −1 on a note while voting is open: the dot goes through the action endpoint.
  voteButtons(noteId, myVotes) {
    const labels = this.data.labels;
    const row = el("span", "nw-vote-row");
    const busy = this.voting.has(noteId);
    const add = el("button", "nw-vote", "+1");
    add.type = "button";
    add.title = labels.vote_add;
    add.setAttribute("aria-label", "+1");
    add.disabled = busy || this.me.votes_left <= 0;
    add.addEventListener("click", () => this.voteOn(noteId, "vote"));
    row.append(add);
    if (myVotes) {
      const back = el("button", "nw-vote", "−1");
      back.type = "button";
      back.title = labels.vote_remove;
      back.setAttribute("aria-label", "−1");
      back.disabled = busy;
      back.addEventListener("click", () => this.voteOn(noteId, "unvote"));
      row.append(back);
    }
    return row;
  }

  drawStatus() {
    const labels = this.data.labels;
    const room = this.room;
    const chips = [];
    const chip = (text, extra) => {
      const node = el("span", `nw-chip${extra ? ` ${extra}` : ""}`, text);
      chips.push(node);
      return node;
    };
    if (room.current_area) chip(labels.step.replaceAll("{area}", labels.areas[room.current_area] || ""), "nw-step");
    if (room.timer_ends_at !== null) {
      this.timer = chip("", "nw-timer");
      this.timer.dataset.testid = "nw-timer";
      this.timer.setAttribute("data-testid", "nw-timer");
    } else {
      this.timer = null;
    }
    if (room.private_mode) {
      const hidden = this.me.hidden_count !== null ? this.me.hidden_count : room.hidden_count;
      chip(counted(labels.private, hidden));
    }
    if (room.locked) chip(labels.locked);
    if (room.voting_open) {
      const text =
        this.data.viewer === "participant"
          ? labels.votes_left.replaceAll("{count}", String(this.me.votes_left)).replaceAll("{budget}", String(room.vote_budget))
          : labels.voting_open;
      chip(text, "nw-step").setAttribute("data-testid", "nw-votes-left");
    } else if (room.votes_revealed) {
      chip(labels.voting_closed);
    }
    if (this.data.viewer !== "participant") chip(counted(labels.participants, room.participant_count));
    if (this.data.big) {
      // The projector names no one: one legend entry says what the customer mark means.
      const legend = el("span", "nw-legend");
      legend.append(el("span", "nw-note nw-from-customer nw-swatch", labels.customer), el("span", null, labels.customer_legend));
      chips.push(legend);
    }
    if (this.voteRefusal) chip(this.voteRefusal, "nw-refusal").setAttribute("role", "alert");
    this.statusHost.replaceChildren(...chips);
    this.drawComposer();
    this.tick();
  }

  tick() {
    if (this.sends.some((sent) => sent.state === "confirmed")) this.drawSends();
    if (!this.timer || !this.room) return;
    const left = this.room.timer_ends_at - (Date.now() / 1000 + this.clockOffset);
    if (left > 0) {
      this.timer.textContent = `⏱ ${formatSeconds(left)}`;
      this.timer.className = "nw-chip nw-timer";
    } else {
      this.timer.textContent = this.data.labels.time_up;
      this.timer.className = "nw-chip nw-timeup";
    }
  }

  // Ask for a page run only when the page's own controls no longer match the board.
  checkPage() {
    const data = this.data;
    const room = this.room;
    if (room.status !== "open") return this.ask("gone");
    if (room.workshop_version !== data.workshop_version) return this.ask(`controls:${room.workshop_version}`);
    // While the participant manages their notes, the page's list follows their own writes
    // (one run of their page per own note, never for anyone else's).
    if (data.own_note_versions && ownNotesDiffer(data.own_note_versions, this.me.mine, this.visibleNotes())) {
      return this.ask(`mine:${this.revision}`);
    }
    if (!data.note_versions) return undefined;
    const visible = this.visibleNotes();
    const drawnByPage = Object.entries(data.note_versions);
    const differs =
      drawnByPage.length !== visible.size ||
      drawnByPage.some(([id, version]) => !visible.has(id) || visible.get(id)[NOTE.version] !== version);
    if (differs) return this.ask(`notes:${this.revision}`);
    return undefined;
  }

  ask(what) {
    const now = performance.now();
    if (this.asked.what === what && now - this.asked.at < RETRIGGER_MS) return;
    this.asked = { what, at: now };
    this.send("changed", what);
  }

  stop() {
    this.stopped = true;
    this.kick();
    clearInterval(this.tickTimer);
    document.removeEventListener("visibilitychange", this.onVisible);
  }
}

export { LiveBoard };

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let board = controllers.get(parentElement);
  if (!board) {
    board = new LiveBoard(parentElement);
    controllers.set(parentElement, board);
  }
  board.send = setTriggerValue;
  if (data) board.update(data);
  return () => {
    board.stop();
    controllers.delete(parentElement);
  };
}
