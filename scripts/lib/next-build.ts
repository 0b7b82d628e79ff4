// `next build` only when the sources changed since the last build made by our scripts.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { run } from "./processes";

const ROOT = path.join(import.meta.dirname, "..", "..");
const INPUTS = ["app", "components", "lib", "public", "proxy.ts", "next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json"];
const STAMP = path.join(ROOT, ".next", "inbox-build-fingerprint");

function walk(entry: string, hash: ReturnType<typeof createHash>) {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return;
  const stat = statSync(full);
  if (stat.isDirectory()) {
    for (const name of readdirSync(full).sort()) {
      if (name === "generated" || name === "node_modules" || name.endsWith(".test.ts") || name.endsWith(".test.tsx")) continue;
      walk(path.join(entry, name), hash);
    }
  } else {
    hash.update(`${entry}\0${stat.size}\0${stat.mtimeMs}\n`);
  }
}

function sourceFingerprint(): string {
  const hash = createHash("sha256");
  for (const entry of INPUTS) walk(entry, hash);
  return hash.digest("hex");
}

export async function ensureNextBuild(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<void> {
  const fingerprint = sourceFingerprint();
  if (existsSync(path.join(ROOT, ".next", "BUILD_ID")) && existsSync(STAMP) && readFileSync(STAMP, "utf8") === fingerprint) {
    log("production build is up to date");
    return;
  }
  log("building the app (next build) — first run takes a minute…");
  await run("build", process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], { cwd: ROOT, env });
  writeFileSync(STAMP, fingerprint);
}
