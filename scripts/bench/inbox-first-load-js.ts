// First-load JavaScript of /inbox from the production build's manifests (Next 16 no longer prints sizes):
// the runtime every page loads (build-manifest.json `rootMainFiles`) plus every client chunk the route's
// segments declare (the page's client-reference manifest `entryJSFiles`: root layout, signed-in layout,
// the inbox page and their boundaries), each gzipped as a server would send it. Polyfills are left out:
// they load only in browsers without ES modules.
//
//   npx tsx scripts/bench/inbox-first-load-js.ts     prints {"route":"/inbox","gzipKb":…} after `next build`
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { gzipSync } from "node:zlib";

const PAGE = "/(app)/inbox/[[...id]]/page";

export async function firstLoadJs(root: string): Promise<{ route: string; files: string[]; rawKb: number; gzipKb: number }> {
  const next = path.join(root, ".next");
  const build = JSON.parse(readFileSync(path.join(next, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const manifestFile = path.join(next, "server", "app", "(app)", "inbox", "[[...id]]", "page_client-reference-manifest.js");
  const sandbox: { globalThis?: unknown; __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> } = {};
  sandbox.globalThis = sandbox;
  vm.runInNewContext(readFileSync(manifestFile, "utf8"), sandbox);
  const entry = sandbox.__RSC_MANIFEST?.[PAGE];
  if (!entry) throw new Error(`${manifestFile} has no entry for ${PAGE}: build the app first (next build)`);
  const files = [...new Set([...build.rootMainFiles, ...Object.values(entry.entryJSFiles).flat()])].sort();
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const bytes = readFileSync(path.join(next, file));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  const kb = (n: number) => Math.round((n / 1024) * 10) / 10;
  return { route: "/inbox", files, rawKb: kb(raw), gzipKb: kb(gzip) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await firstLoadJs(path.join(import.meta.dirname, "..", ".."));
  process.stdout.write(JSON.stringify({ route: result.route, gzipKb: result.gzipKb, rawKb: result.rawKb, files: result.files.length }) + "\n");
}
