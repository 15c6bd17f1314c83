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

describe("Streamlit's visible English", () => {
  const HINTS = {
    ...INDONESIAN,
    labels: { ...INDONESIAN.labels, "Press Enter to submit form": "Tekan Enter untuk mengirim formulir", Upload: "Unggah" },
    phrases: { " per file": " per berkas" },
  };
  beforeEach(() => {
    document.body.innerHTML = `
      <div data-testid="InputInstructions"><span>Press Enter to submit form</span><span>12/40</span></div>
      <section data-testid="stFileUploaderDropzone">
        <div data-testid="stFileUploaderDropzoneInstructions"><span>20MB per file<!-- --> • CSV</span></div>
        <button>Upload</button>
      </section>
      <p>Press Enter to submit form</p>`;
  });

  it("says the input hint, the uploader's limit and button in the user's language; the count and Nilai's text stay", () => {
    syncDocument({ data: HINTS });
    const [hint, count] = document.querySelectorAll("[data-testid=InputInstructions] span");
    assert.equal(hint.textContent, "Tekan Enter untuk mengirim formulir");
    assert.equal(count.textContent, "12/40");
    assert.equal(document.querySelector("[data-testid=stFileUploaderDropzoneInstructions] span").textContent, "20MB per berkas • CSV");
    assert.equal(document.querySelector("button").textContent, "Unggah");
    assert.equal(document.querySelector("p").textContent, "Press Enter to submit form"); // not Streamlit's
  });

  it("keeps the same text node (React updates it) and puts the English back for English", () => {
    const node = document.querySelector("[data-testid=InputInstructions] span").firstChild;
    syncDocument({ data: HINTS });
    assert.equal(document.querySelector("[data-testid=InputInstructions] span").firstChild, node);
    syncDocument({ data: ENGLISH });
    assert.equal(node.nodeValue, "Press Enter to submit form");
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
