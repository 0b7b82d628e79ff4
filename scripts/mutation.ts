// `npm run test:mutation`: mutation testing (StrykerJS) of the pure modules — do their unit tests notice when
// the code is broken? Stryker changes one thing at a time (a `<` into `<=`, a code out of a table, a branch
// removed) and runs the unit tests covering it; a mutant no test fails on "survived".
//
//   npm run test:mutation                      every module below
//   npm run test:mutation -- lib/meta lib/policy   some modules
//   npm run test:mutation -- --changed         only pure files changed vs main (committed or not), CI's cheap run
//   npm run test:mutation -- --list            the modules and the files each one mutates, nothing run
//   options: --concurrency=N (test processes; default 1), --threshold=P (default 85), --base=<git ref> (main),
//            --force (ignore the incremental results: test every mutant again)
//
// Prints one JSON line per module, e.g. {"module":"lib/policy","score":93.1,"killed":120,…}, and exits 1 when
// a module scores below the threshold. Only the vitest project `unit` runs (VITEST_UNIT_ONLY=1), and per
// mutant only the tests that cover it (coverageAnalysis "perTest"). Results are kept per module in
// reports/mutation/<module>.incremental.json: a second run re-tests only mutants whose code or tests changed.
// Survivors are listed in the output (clear-text reporter) and in reports/mutation/<module>.html.
//
// A pure file is one with a unit test beside it (`x.ts` + `x.test.ts`) and no server-only, database or Next
// import: the shape the style guide asks of domain logic.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { MutantResult, PartialStrykerOptions } from "@stryker-mutator/api/core";

const ROOT = path.join(import.meta.dirname, "..");

/** The modules measured, in the order they are printed: folders (their pure files) or single files. */
export const MUTATION_MODULES = [
  "lib/policy",
  "lib/webhooks",
  "lib/meta",
  "lib/send",
  "lib/conversations/inbox-folders.ts",
  "lib/messages/outbound-rules.ts",
] as const;

const IMPURE_IMPORT = /from "(server-only|@\/lib\/db|next\/[^"]*|@\/lib\/generated\/[^"]*)"|import "server-only"/;

export function isPureSource(file: string, source: string, siblings: ReadonlySet<string>): boolean {
  if (!file.endsWith(".ts") || file.endsWith(".d.ts") || /\.(test|int\.test|test-support)\.ts$/.test(file)) return false;
  return siblings.has(file.replace(/\.ts$/, ".test.ts")) && !IMPURE_IMPORT.test(source);
}

function pureFilesOf(module: string): string[] {
  const absolute = path.join(ROOT, module);
  if (module.endsWith(".ts")) return [module];
  const names = readdirSync(absolute);
  const siblings = new Set(names);
  return names
    .filter((name) => isPureSource(name, readFileSync(path.join(absolute, name), "utf8"), siblings))
    .sort()
    .map((name) => `${module}/${name}`);
}

function changedFiles(base: string): Set<string> {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT, encoding: "utf8" }).split("\n").filter(Boolean);
  const [mergeBase = base] = git("merge-base", base, "HEAD");
  // Committed on this branch since it left `base`, plus what is changed in the working tree.
  return new Set([...git("diff", "--name-only", mergeBase), ...git("ls-files", "--others", "--exclude-standard")]);
}

interface ModuleScore {
  module: string;
  score: number | null;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  errors: number;
  files: number;
}

export function scoreModule(module: string, files: readonly string[], results: readonly MutantResult[]): ModuleScore {
  const mine = new Set(files);
  const count = (status: string) => results.filter((r) => mine.has(relative(r.fileName)) && r.status === status).length;
  const killed = count("Killed");
  const timeout = count("Timeout");
  const survived = count("Survived");
  const noCoverage = count("NoCoverage");
  const valid = killed + timeout + survived + noCoverage;
  // Stryker's mutation score: detected / valid; ignored mutants (`// Stryker disable`) and errors do not count.
  return {
    module,
    score: valid === 0 ? null : Math.round(((killed + timeout) / valid) * 1000) / 10,
    killed,
    timeout,
    survived,
    noCoverage,
    ignored: count("Ignored"),
    errors: count("RuntimeError") + count("CompileError"),
    files: files.length,
  };
}

/**
 * Survivors are always tested again: Stryker's incremental mode re-tests a survivor only when a test covering
 * it was added, and a static mutant (a module-level table) has no covering tests, so a new test that kills it
 * would go unnoticed. Killed and timed-out results are kept as Stryker reuses them.
 */
export function forgetSurvivors(report: { files?: Record<string, { mutants: { status: string }[] }> }): number {
  let forgotten = 0;
  for (const file of Object.values(report.files ?? {})) {
    const kept = file.mutants.filter((m) => m.status !== "Survived" && m.status !== "NoCoverage");
    forgotten += file.mutants.length - kept.length;
    file.mutants = kept;
  }
  return forgotten;
}

function relative(fileName: string): string {
  return path.relative(ROOT, path.resolve(ROOT, fileName)).split(path.sep).join("/");
}

async function main() {
  const args = process.argv.slice(2);
  const flag = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const named = args.filter((a) => !a.startsWith("--")).map((a) => a.replace(/\/+$/, ""));
  for (const name of named) {
    if (!(MUTATION_MODULES as readonly string[]).includes(name)) {
      console.error(`Unknown module ${name}. Modules: ${MUTATION_MODULES.join(", ")}`);
      process.exit(2);
    }
  }
  const threshold = Number(flag("threshold") ?? 85);
  const concurrency = Number(flag("concurrency") ?? 1);

  let selection = MUTATION_MODULES.filter((m) => named.length === 0 || named.includes(m)).map((module) => ({
    module,
    files: pureFilesOf(module),
  }));
  if (args.includes("--changed")) {
    const changed = changedFiles(flag("base") ?? "main");
    selection = selection
      .map(({ module, files }) => ({
        module,
        // A file counts as changed when it or its unit test changed.
        files: files.filter((f) => changed.has(f) || changed.has(f.replace(/\.ts$/, ".test.ts"))),
      }))
      .filter(({ files }) => files.length > 0);
  }

  if (args.includes("--list")) {
    for (const { module, files } of selection) console.log(JSON.stringify({ module, files }));
    return;
  }
  if (selection.length === 0) {
    console.log(JSON.stringify({ modules: 0, note: "no pure module changed" }));
    return;
  }

  const { Stryker } = await import("@stryker-mutator/core");
  // vitest.config.ts then holds the unit project alone (Stryker's test processes inherit the variable).
  process.env.VITEST_UNIT_ONLY = "1";
  const low: ModuleScore[] = [];
  // One Stryker run per module, each with its own incremental file, so a run of some modules never discards
  // what another module's run learned, and each line is printed as soon as its module is done.
  for (const { module, files } of selection) {
    const slug = module.replace(/\.ts$/, "").replace(/[^a-z0-9]+/gi, "-");
    const incrementalFile = `reports/mutation/${slug}.incremental.json`;
    if (existsSync(path.join(ROOT, incrementalFile))) {
      const report = JSON.parse(readFileSync(path.join(ROOT, incrementalFile), "utf8"));
      if (forgetSurvivors(report) > 0) writeFileSync(path.join(ROOT, incrementalFile), JSON.stringify(report));
    }
    const options: PartialStrykerOptions = {
      packageManager: "npm",
      testRunner: "vitest",
      plugins: ["@stryker-mutator/vitest-runner"],
      vitest: { configFile: "vitest.config.ts", related: true },
      coverageAnalysis: "perTest",
      mutate: files,
      concurrency,
      incremental: !args.includes("--force"),
      incrementalFile,
      reporters: ["clear-text", "html", "progress-append-only"],
      htmlReporter: { fileName: `reports/mutation/${slug}.html` },
      clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: false },
      // The sandbox copies the project: leave out what the unit tests never read.
      ignorePatterns: [".data", ".next", "e2e", "test-results", "playwright-report", "bench-results", "reports", "prisma/migrations"],
      tempDirName: ".stryker-tmp",
      cleanTempDir: true,
      // Stryker's LogLevel is a const enum (not importable under isolatedModules); "warn" is its value.
      logLevel: "warn" as PartialStrykerOptions["logLevel"],
      timeoutMS: 10_000,
    };
    const started = Date.now();
    const results = await new Stryker(options).runMutationTest();
    const score = scoreModule(module, files, results);
    console.log(JSON.stringify({ ...score, seconds: Math.round((Date.now() - started) / 1000) }));
    if (score.score !== null && score.score < threshold) low.push(score);
  }
  if (low.length) {
    console.error(`mutation: below ${threshold} %: ${low.map((s) => `${s.module} ${s.score}`).join(", ")}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  await main();
}
