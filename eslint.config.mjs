import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * The layers, enforced so a wrong import fails `npm run lint` instead of a review:
 *
 *   app/  →  components/  →  lib/contracts/  →  lib/engine/ (types, calendar, KPI definitions)
 *     └──→  lib/server/   →  lib/contracts/, lib/engine/
 *
 * - lib/engine is the pure core: it imports nothing above it (no server, contracts, UI, Next, Prisma).
 * - lib/contracts is the vocabulary both sides share: zod and the engine's types only.
 * - components never import lib/server (they get data from the page or the JSON API).
 * - lib/server never imports the UI or the routes.
 * - app may import anything.
 *
 * Patterns are matched against the import text, so each rule lists the alias form (`@/lib/server/…`)
 * and the relative form (`../server/…`).
 */
const layer = (paths, message) => paths.map((path) => ({ group: [path], message }));

const ABOVE_THE_ENGINE = [
  { regex: "^@/", message: "lib/engine imports only itself, by relative path." },
  ...layer(["**/server/**", "**/contracts/**", "**/components/**", "**/app/**", "**/test/**"], "lib/engine is pure: it imports nothing above it."),
  ...layer(["**/demo/**"], "lib/engine is pure: the demo generator builds on it, not the other way round."),
  ...layer(["next", "next/**", "next-auth", "next-auth/**", "react", "react-dom", "@prisma/**", "server-only", "zod"], "lib/engine is pure: no framework, database or wire schema."),
];

const NOT_THE_SERVER = layer(["@/lib/server/**", "**/lib/server/**", "server-only", "@prisma/**"], "components never import lib/server: import lib/contracts, and get data from the page or the JSON API.");

const config = [
  { ignores: [".next/**", "node_modules/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts", "**/*.tsbuildinfo"] },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    files: ["**/*.{js,jsx,mjs,ts,tsx,mts,cts}"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_" }],
    },
  },
  {
    // CommonJS scripts (run by plain node before dependencies exist) load modules with require.
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // No React below components/: a function named use… in server code is not a hook.
    files: ["lib/**/*.ts", "scripts/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    files: ["lib/engine/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: ABOVE_THE_ENGINE }] },
  },
  {
    files: ["lib/contracts/**/*.ts"],
    ignores: ["lib/contracts/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!zod$|\\./[a-z-]+$|\\.\\./engine/(types|calendar|kpis/kpi-definitions|simulation/decision-quality-targets|suppliers/score-supplier)$)",
              message: "lib/contracts imports only zod, other contracts and the engine's types, calendar, KPI definitions, decision-quality targets and supplier score.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**/*.ts", "components/**/*.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: NOT_THE_SERVER }] },
  },
  {
    files: ["lib/server/**/*.ts"],
    ignores: ["lib/server/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: layer(["@/components/**", "**/components/**", "@/app/**", "**/app/**"], "lib/server never imports the UI or the routes.") },
      ],
    },
  },
];

export default config;
