// ui/common/document.js: <html lang> and Streamlit's English screen-reader labels said
// in the user's language, kept when Streamlit redraws; and ui/common/workspace_pass.js.
import { beforeEach, describe, it, mock } from "node:test";
import assert from "node:assert/strict";

import { installDom } from "./dom.js";

installDom();
const { default: syncDocument } = await import("../../ui/common/document.js");
const { default: postPass } = await import("../../ui/common/workspace_pass.js");

const INDONESIAN = {
  lang: "id",
  labels: { "Collapse sidebar": "Ciutkan bilah sisi", "Skip to main content": "Langsung ke konten utama", Search: "Cari" },
  help_for: "Bantuan untuk {label}",
  help: "Bantuan",
};
const ENGLISH = { lang: "en", labels: {}, help_for: "Help for {label}", help: "Help" };
const settle = () => new Promise((resolve) => setTimeout(resolve, 50)); // observers, then a frame

beforeEach(() => {
  document.body.innerHTML = `
    <button aria-label="Collapse sidebar"></button>
    <span title="Help for Name"></span>
    <input aria-label="Search: 3 results">
    <a href="#main" data-testid="stSkipLink">Skip to main content</a>
    <button aria-label="Nilai's own label"></button>`;
});

describe("document sync", () => {
  it("sets <html lang> and translates Streamlit's labels, leaving others alone", () => {
    syncDocument({ data: INDONESIAN });
    assert.equal(document.documentElement.lang, "id");
    assert.equal(document.querySelector("button").getAttribute("aria-label"), "Ciutkan bilah sisi");
    assert.equal(document.querySelector("span").title, "Bantuan untuk Name");
    assert.equal(document.querySelector("input").getAttribute("aria-label"), "Cari: 3 results");
    assert.equal(document.querySelector("a").textContent, "Langsung ke konten utama");
    assert.equal(document.querySelectorAll("button")[1].getAttribute("aria-label"), "Nilai's own label");
  });

  it("translates what Streamlit draws later, and puts the language back if it is changed", async () => {
    syncDocument({ data: INDONESIAN });
    const late = document.createElement("button");
    late.setAttribute("aria-label", "Search");
    document.body.appendChild(late);
    document.documentElement.lang = "en";
    await settle();
    assert.equal(late.getAttribute("aria-label"), "Cari");
    assert.equal(document.documentElement.lang, "id");
  });

  it("switching back to English restores the English originals", () => {
    syncDocument({ data: INDONESIAN });
    syncDocument({ data: ENGLISH });
    assert.equal(document.documentElement.lang, "en");
    assert.equal(document.querySelector("span").title, "Help for Name");
  });
});

describe("workspace pass", () => {
  it("posts each ticket once, with the browser's cookies", () => {
    const calls = [];
    mock.method(globalThis, "fetch", (url, options) => {
      calls.push([url, options.method, options.body, options.credentials]);
      return Promise.resolve({ ok: true });
    });
    postPass({ data: { ticket: "t-1", url: "/api/workspace-pass" } });
    postPass({ data: { ticket: "t-1", url: "/api/workspace-pass" } });
    postPass({ data: { ticket: "t-2", url: "/api/workspace-pass" } });
    postPass({ data: { ticket: "", url: "/api/workspace-pass" } });
    assert.deepEqual(calls, [
      ["/api/workspace-pass", "POST", "t-1", "same-origin"],
      ["/api/workspace-pass", "POST", "t-2", "same-origin"],
    ]);
  });
});
