// ESLint for Nilai's browser code (the Streamlit components under ui/) and its unit tests
// (tests/js). `python3 dev.py test` runs it; `python3 dev.py js` runs only this and the JS tests.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", ".venv/", "test-results/", "docs/"] },
  js.configs.recommended,
  {
    files: ["ui/**/*.js"],
    languageOptions: { ecmaVersion: 2025, sourceType: "module", globals: { ...globals.browser } },
    rules: {
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
      "no-unused-vars": ["error", { args: "none" }],
      // User text reaches the page through textContent and setAttribute only.
      "no-restricted-properties": [
        "error",
        { property: "outerHTML", message: "Build nodes; user text goes through textContent." },
        { property: "insertAdjacentHTML", message: "Build nodes; user text goes through textContent." },
      ],
    },
  },
  {
    // The tests run in node with jsdom's window installed as globals (tests/js/dom.js).
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2025, sourceType: "module", globals: { ...globals.node, ...globals.browser } },
    rules: { eqeqeq: ["error", "always"], "no-var": "error", "prefer-const": "error" },
  },
];
