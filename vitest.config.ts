import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;
const shared = {
  test: {
    // next-auth imports "next/server" without an extension, which Node's ESM resolver refuses; letting Vite
    // transform it resolves the import the way Next's bundler does.
    server: { deps: { inline: ["next-auth"] } },
  },
  resolve: {
    alias: {
      "@": root,
      // `server-only` throws outside React Server Components by design; tests import server modules directly.
      "server-only": path.join(root, "scripts/testing/server-only-stub.ts"),
    },
  },
};

export default defineConfig({
  test: {
    projects: [
      {
        ...shared,
        test: {
          ...shared.test,
          name: "unit",
          environment: "node",
          include: ["lib/**/*.test.ts", "components/**/*.test.{ts,tsx}", "meta-simulator/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.int.test.ts", "**/*.instances.test.ts", "**/node_modules/**"],
        },
      },
      {
        ...shared,
        test: {
          ...shared.test,
          name: "integration",
          environment: "node",
          include: ["**/*.int.test.ts"],
          exclude: ["**/node_modules/**"],
          globalSetup: ["scripts/testing/database-global-setup.ts"],
          setupFiles: ["scripts/testing/database-per-file.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        ...shared,
        // Production app servers (scripts/serve.ts) as child processes on one database: the production build
        // must exist (scripts/test.ts ensures it before this layer; otherwise the first test builds it).
        test: {
          ...shared.test,
          name: "instances",
          environment: "node",
          include: ["**/*.instances.test.ts"],
          exclude: ["**/node_modules/**"],
          globalSetup: ["scripts/testing/database-global-setup.ts"],
          setupFiles: ["scripts/testing/database-per-file.ts"],
          testTimeout: 120_000,
          hookTimeout: 600_000,
        },
      },
    ],
  },
});
