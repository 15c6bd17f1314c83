// ESLint for Nilai's browser code (the Streamlit components under ui/) and its unit tests
// (tests/js). `python3 dev.py test` runs it; `.venv/bin/python dev.py lint-js` alone.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", ".venv/", "test-results/", "docs/"] },
  js.configs.recommended,
  {
    files: ["ui/**/*.js"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.browser } },
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
    files: ["tests/js/**/*.js", "eslint.config.js"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.node } },
    rules: { eqeqeq: ["error", "always"], "no-var": "error", "prefer-const": "error" },
  },
];
