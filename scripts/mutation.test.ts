import { describe, expect, it } from "vitest";
import type { MutantResult } from "@stryker-mutator/api/core";
import { forgetSurvivors, isPureSource, scoreModule } from "./mutation";

describe("mutation testing: which files are pure", () => {
  const siblings = new Set(["a.ts", "a.test.ts", "b.ts", "c.ts", "c.test.ts", "c.int.test.ts"]);
  it.each<[string, string, boolean]>([
    ["a.ts", 'import { x } from "./b";', true],
    ["b.ts", "", false],
    ["c.ts", 'import "server-only";', false],
    ["c.ts", 'import { db } from "@/lib/db";', false],
    ["c.ts", 'import { NextResponse } from "next/server";', false],
    ["c.ts", 'import type { Prisma } from "@/lib/generated/prisma/client";', false],
    ["a.test.ts", "", false],
    ["c.int.test.ts", "", false],
  ])("%s with %j → %s", (file, source, pure) => {
    expect(isPureSource(file, source, siblings)).toBe(pure);
  });
});

describe("mutation testing: the score of a module", () => {
  const result = (fileName: string, status: MutantResult["status"]) => ({ fileName, status }) as MutantResult;
  it("is detected (killed + timeout) over valid mutants; ignored and errors do not count; other files neither", () => {
    const results = [
      result("lib/x/a.ts", "Killed"),
      result("lib/x/a.ts", "Killed"),
      result("lib/x/a.ts", "Timeout"),
      result("lib/x/a.ts", "Survived"),
      result("lib/x/a.ts", "Ignored"),
      result("lib/x/a.ts", "CompileError"),
      result("lib/x/b.ts", "Survived"),
      result("lib/y/c.ts", "NoCoverage"),
    ];
    expect(scoreModule("lib/x", ["lib/x/a.ts", "lib/x/b.ts"], results)).toEqual({
      module: "lib/x",
      score: 60,
      killed: 2,
      timeout: 1,
      survived: 2,
      noCoverage: 0,
      ignored: 1,
      errors: 1,
      files: 2,
    });
    expect(scoreModule("lib/z", ["lib/z/d.ts"], results).score).toBeNull();
  });

  it("survivors are dropped from the incremental results (so new tests are tried on them), the rest kept", () => {
    const report = { files: { "a.ts": { mutants: [{ status: "Killed" }, { status: "Survived" }, { status: "NoCoverage" }, { status: "Timeout" }] } } };
    expect(forgetSurvivors(report)).toBe(2);
    expect(report.files["a.ts"].mutants).toEqual([{ status: "Killed" }, { status: "Timeout" }]);
  });
});
