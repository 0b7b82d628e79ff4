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

/** Pure unit tests: no database, no network. */
const unitProject = {
  ...shared,
  test: {
    ...shared.test,
    name: "unit",
    environment: "node" as const,
    include: ["lib/**/*.test.ts", "components/**/*.test.{ts,tsx}", "meta-simulator/**/*.test.ts", "scripts/**/*.test.ts"],
    exclude: ["**/*.int.test.ts", "**/node_modules/**"],
  },
};

// VITEST_UNIT_ONLY=1: the unit project alone, as one plain config — what Stryker runs against each mutant
// (scripts/mutation.ts sets it); integration and browser tests never run under mutation.
const allProjects = defineConfig({
  test: {
    projects: [
      unitProject,
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
    ],
  },
});

export default process.env.VITEST_UNIT_ONLY === "1" ? defineConfig(unitProject) : allProjects;
