// Runs in the page: the language on <html>, then Streamlit's English labels in the user's language.
// Kept watching, because Streamlit re-renders its controls and would put the English back.

const TEXT_HOSTS = [
  "[data-testid=InputInstructions] > span",
  "[data-testid=stFileUploaderDropzoneInstructions] span",
  "[data-testid=stFileUploaderDropzone] button",
  "[data-testid=stFileUploaderDropzone] button span",
  "[data-baseweb=select] div",
  "[role=listbox] li",
  "[data-testid=stDateInput] [role=spinbutton]",
].join(", ");

export default function ({ data }) {
  if (!data) return;
  const root = document.documentElement;
  if (root.lang !== data.lang) root.lang = data.lang;
  const state = (window.__nilaiDocument = window.__nilaiDocument || {});
  state.labels = data.labels;
  state.phrases = Object.entries(data.phrases || {});
  state.helpFor = data.help_for;
  state.help = data.help;
  const english = (state.english = state.english || new WeakMap());
  const say = (value) => {
    if (!value) return null;
    if (value in state.labels) return state.labels[value];
    if (value === "Help") return state.help;
    if (value.startsWith("Help for ")) return state.helpFor.replace("{label}", value.slice(9));
    const colon = value.indexOf(": ");
    if (colon > 0 && value.slice(0, colon) in state.labels) {
      return state.labels[value.slice(0, colon)] + value.slice(colon);
    }
    return null;
  };
  const translate = (element, attribute) => {
    const known = english.get(element) || {};
    const now = element.getAttribute(attribute);
    // Keep the English original: a change of language translates from it again.
    const source = now === known[attribute + ":said"] ? known[attribute] : now;
    const said = say(source);
    if (said === null || said === now) return;
    known[attribute] = source;
    known[attribute + ":said"] = said;
    english.set(element, known);
    element.setAttribute(attribute, said);
  };
  // Streamlit's visible English (input hints, the uploader, select placeholders): each text
  // node is said again in place, so React keeps updating the same node; the English original
  // is kept, and put back when the language changes to one without a translation.
  const sayText = (value) => {
    if (value in state.labels) return state.labels[value];
    for (const [phrase, said] of state.phrases) if (value.includes(phrase)) return value.replace(phrase, said);
    return null;
  };
  const translateText = (node) => {
    const known = english.get(node);
    const now = node.nodeValue;
    const source = known && now === known.said ? known.source : now;
    const said = sayText(source.trim());
    const wanted = said === null ? source : source.replace(source.trim(), said);
    if (wanted === now) return;
    english.set(node, { source, said: wanted });
    node.nodeValue = wanted;
  };
  const sweepText = () => {
    document.querySelectorAll(TEXT_HOSTS).forEach((host) => {
      host.childNodes.forEach((node) => {
        if (node.nodeType === Node.TEXT_NODE && node.nodeValue.trim()) translateText(node);
      });
    });
  };
  // Streamlit's sidebar navigation is a <ul> holding <div> section wrappers (a header and
  // the <li> links): not a list. Nilai chose sections, so it says what it is instead, links
  // in a navigation landmark (axe: list, listitem).
  const sayNavigation = () => {
    document.querySelectorAll("[data-testid=stSidebarNavItems]").forEach((list) => {
      if (list.getAttribute("role") !== "none") list.setAttribute("role", "none");
      list.querySelectorAll("li").forEach((item) => {
        if (item.getAttribute("role") !== "none") item.setAttribute("role", "none");
      });
    });
  };
  const sweep = () => {
    if (document.documentElement.lang !== state.lang) document.documentElement.lang = state.lang;
    document.querySelectorAll("[aria-label]").forEach((el) => translate(el, "aria-label"));
    document.querySelectorAll("[title]").forEach((el) => translate(el, "title"));
    document.querySelectorAll("input[placeholder]").forEach((el) => translate(el, "placeholder"));
    sweepText();
    sayNavigation();
    document.querySelectorAll("a[href^='#'], [data-testid=stSkipLink]").forEach((el) => {
      const said = say(el.textContent);
      // Only a change is written: writing the same text is a mutation too, and would sweep again every frame.
      if (said !== null && said !== el.textContent && el.childElementCount === 0) el.textContent = said;
    });
  };
  state.lang = data.lang;
  if (!state.observer) {
    state.observer = new MutationObserver(() => {
      // The navigation's roles are set before the browser paints the new nodes (observer
      // callbacks run first), so no frame shows a bare list; the rest waits for the frame.
      sayNavigation();
      if (state.pending) return;
      state.pending = true;
      requestAnimationFrame(() => { state.pending = false; sweep(); });
    });
    state.observer.observe(document.body, {
      subtree: true, childList: true, attributes: true, attributeFilter: ["aria-label", "title", "lang", "placeholder"],
    });
    new MutationObserver(() => {
      if (document.documentElement.lang !== state.lang) document.documentElement.lang = state.lang;
    }).observe(document.documentElement, { attributes: true, attributeFilter: ["lang"] });
  }
  sweep();
}
