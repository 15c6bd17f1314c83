// Live workshop status: the step/timer/mode chips, a countdown that ticks in the browser,
// and a cheap revision poll. The browser asks GET /api/live/<workshop> (one small query on
// the server, no script run) and asks Streamlit to rerun the board fragment only when the
// revision moved. The chips arrive as HTML the server built with every user text escaped.

const controllers = new WeakMap();
const HIDDEN_FACTOR = 5; // a tab in the background polls five times less often
const RETRIGGER_MS = 4000; // if a rerun we asked for never lands, ask again after this

function formatSeconds(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

class LiveWatch {
  constructor(root) {
    this.root = root;
    this.host = root.querySelector(".nl-live") || root;
    this.send = () => {};
    this.data = null;
    this.pollTimer = null;
    this.tickTimer = null;
    this.askedAt = 0;
    this.askedFor = null;
    this.stopped = false;
    this.onVisible = () => {
      if (!document.hidden) this.pollSoon(0);
    };
    document.addEventListener("visibilitychange", this.onVisible);
  }

  update(data) {
    const statusChanged = !this.data || this.data.status_html !== data.status_html;
    const revisionChanged = !this.data || this.data.revision !== data.revision;
    this.data = data;
    if (revisionChanged) this.askedFor = null;
    if (statusChanged) {
      this.host.innerHTML = data.status_html; // built server-side, every user text escaped
      this.mountedAt = performance.now();
      this.tick();
    }
    if (!this.tickTimer) this.tickTimer = setInterval(() => this.tick(), 1000);
    if (!this.pollTimer && data.url) this.pollSoon(Math.random() * data.interval_ms); // spread a room's polls
  }

  tick() {
    const chip = this.host.querySelector("[data-seconds-left]");
    if (!chip) return;
    const left = Number(chip.dataset.secondsLeft) - (performance.now() - this.mountedAt) / 1000;
    if (left > 0) {
      chip.textContent = `⏱ ${formatSeconds(left)}`;
    } else {
      chip.textContent = chip.dataset.timeUp || "";
      chip.className = "nw-chip nw-timeup";
    }
  }

  pollSoon(delay) {
    clearTimeout(this.pollTimer);
    if (this.stopped) return;
    this.pollTimer = setTimeout(() => this.poll(), delay);
  }

  async poll() {
    const data = this.data;
    let next = data.interval_ms * (document.hidden ? HIDDEN_FACTOR : 1);
    try {
      const response = await fetch(new URL(data.url, window.location.origin), { cache: "no-store" });
      if (response.status === 404) {
        this.ask("gone"); // ended or revoked: the page reruns and says so
      } else if (response.ok) {
        const body = await response.json();
        if (body.revision !== this.data.revision) this.ask(body.revision);
      } else {
        next *= 2; // the database is busy or down: back off, keep trying
      }
    } catch {
      next *= 2; // the server is restarting or the network dropped
    }
    this.pollSoon(next);
  }

  ask(revision) {
    const now = performance.now();
    if (this.askedFor === revision && now - this.askedAt < RETRIGGER_MS) return;
    this.askedFor = revision;
    this.askedAt = now;
    this.send("changed", revision);
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.pollTimer);
    clearInterval(this.tickTimer);
    document.removeEventListener("visibilitychange", this.onVisible);
  }
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  let watch = controllers.get(parentElement);
  if (!watch) {
    watch = new LiveWatch(parentElement);
    controllers.set(parentElement, watch);
  }
  watch.send = setTriggerValue;
  if (data) watch.update(data);
  return () => {
    watch.stop();
    controllers.delete(parentElement);
  };
}
