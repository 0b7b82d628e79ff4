import path from "node:path";
import { describe, expect, it } from "vitest";
import { fromRoot, staticClosure, staticImports } from "./testing/module-graph";

describe("scripts/run.ts (npm start, npm run demo, npm run dev)", () => {
  it("loads the Meta simulator only when demo or dev start it: npm start never evaluates meta-simulator/", () => {
    const loaded = [...staticClosure(path.join(import.meta.dirname, "run.ts"))].map(fromRoot);
    expect(loaded).toContain("scripts/run.ts");
    expect(loaded.length).toBeGreaterThan(5); // the walk really follows imports
    expect(loaded.filter((file) => file.startsWith("meta-simulator/"))).toEqual([]);
  });

  it("the production app server (scripts/serve.ts) does not load it either", () => {
    const loaded = [...staticClosure(path.join(import.meta.dirname, "serve.ts"))].map(fromRoot);
    expect(loaded).toContain("lib/webhooks/receive-webhook.ts");
    expect(loaded.filter((file) => file.startsWith("meta-simulator/"))).toEqual([]);
  });

  it("counts value imports and re-exports as loads, type-only and dynamic imports not", () => {
    const source = [
      'import a from "./a";',
      'import { b } from "./b";',
      'import type { C } from "./c";',
      'import { type D } from "./d";',
      'import "./e";',
      'export { f } from "./f";',
      'export type { G } from "./g";',
      'const h = await import("./h");',
    ].join("\n");
    expect(staticImports("x.ts", source)).toEqual(["./a", "./b", "./e", "./f"]);
  });
});
