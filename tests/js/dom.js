// A browser page for the unit tests: jsdom's window, installed as the globals that the
// components read (document, getComputedStyle, ...), plus what jsdom leaves out and the
// components call (scrollIntoView, requestAnimationFrame).
import { JSDOM } from "jsdom";

export function installDom() {
  const dom = new JSDOM("<!doctype html><html><body></body></html>", { pretendToBeVisual: true });
  const { window } = dom;
  const names = [
    "window", "document", "Node", "Element", "HTMLElement", "Event", "KeyboardEvent", "MouseEvent",
    "FocusEvent", "MutationObserver", "getComputedStyle", "requestAnimationFrame", "cancelAnimationFrame",
  ];
  for (const name of names) {
    const value = name === "window" ? window : window[name];
    Object.defineProperty(globalThis, name, {
      value: typeof value === "function" && /^[a-z]/.test(name) ? value.bind(window) : value,
      configurable: true,
      writable: true,
    });
  }
  window.Element.prototype.scrollIntoView = function scrollIntoView() {};
  return window;
}

// A Streamlit v2 component's mount point: a shadow root holding the component's HTML.
export function mountPoint(hostClass) {
  const outer = document.createElement("div");
  document.body.appendChild(outer);
  const shadow = outer.attachShadow({ mode: "open" });
  const host = document.createElement("div");
  host.className = hostClass;
  shadow.appendChild(host);
  return shadow;
}

export function press(target, key, options = {}) {
  const event = new KeyboardEvent("keydown", { key, bubbles: true, cancelable: true, composed: true, ...options });
  target.dispatchEvent(event);
  return event;
}

// The trigger values a component sent, as Streamlit's setTriggerValue would receive them.
export function recorder() {
  const sent = [];
  const setTriggerValue = (name, value) => sent.push({ name, ...value });
  return { sent, setTriggerValue, ops: () => sent.map((value) => value.op) };
}
