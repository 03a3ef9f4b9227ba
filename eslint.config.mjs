import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", "node_modules/**", "lib/db/generated/**", "data/**", ".tmp/**", "next-env.d.ts"]),
  {
    rules: { "@typescript-eslint/no-unused-vars": ["warn", { ignoreRestSiblings: true, argsIgnorePattern: "^_" }] },
  },
  {
    // Only lib/db talks to Prisma's generated client; everything else goes through lib/db.
    files: ["**/*.{ts,tsx}"],
    ignores: ["lib/db/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/db/generated/**", "@prisma/client", "@prisma/client/*"], message: "Use lib/db instead of the Prisma client." }] }],
    },
  },
  {
    // The gateway's hot path and the data layer stay free of React and Next.
    files: ["lib/gateway/**", "lib/providers/**", "lib/db/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["react", "react-dom", "next", "next/*"], message: "lib/gateway, lib/providers and lib/db must not depend on React or Next." }] }],
    },
  },
]);
