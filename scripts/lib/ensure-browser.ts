// Finds (or installs) the browser for the browser tests before any test runs: the facts of this machine fed
// to decideBrowser() (browser-decision.ts), and the apt-get run it may ask for. Used by `npm test`
// (scripts/test.ts), which `.ci/run` calls: one place decides and installs.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { decideBrowser, FONT_PACKAGES, type BrowserDecision, type BrowserFacts } from "./browser-decision";
import { run } from "./processes";

const BROWSER_NAMES = ["chromium", "chromium-browser", "google-chrome-stable", "google-chrome"];

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* not here */
    }
  }
  return null;
}

function isDebianLike(): boolean {
  try {
    const release = readFileSync("/etc/os-release", "utf8");
    return /^(ID|ID_LIKE)=.*\b(debian|ubuntu)\b/m.test(release);
  } catch {
    return false;
  }
}

export function gatherBrowserFacts(env: Record<string, string | undefined> = process.env): BrowserFacts {
  const linux = process.platform === "linux";
  const root = process.getuid?.() === 0;
  const chromiumPathEnv = env.CHROMIUM_PATH ? env.CHROMIUM_PATH : null;
  return {
    chromiumPathEnv,
    chromiumPathEnvExists: chromiumPathEnv !== null && existsSync(chromiumPathEnv),
    systemBrowser: BROWSER_NAMES.map(onPath).find((found) => found !== null) ?? null,
    apt: linux && isDebianLike() && onPath("apt-get") !== null,
    root,
    passwordlessSudo: !root && onPath("sudo") !== null && spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0,
    missingFonts: linux ? FONT_PACKAGES.filter((font) => !existsSync(font.installs)).map((font) => font.name) : [],
  };
}

async function aptInstall(decision: Extract<BrowserDecision, { action: "install" }>): Promise<void> {
  // sudo resets the environment, so the non-interactive frontend goes through `env` as root.
  const prefix = [...(decision.sudo ? ["sudo", "-n"] : []), "env", "DEBIAN_FRONTEND=noninteractive", "apt-get"];
  const apt = (args: string[]) => run("apt-get", prefix[0]!, [...prefix.slice(1), ...args]);
  await apt(["update", "-qq"]);
  // Without a pty dpkg prints its "Reading database … N%" progress once, not as 20 lines per package.
  await apt(["install", "-y", "-qq", "-o", "Dpkg::Use-Pty=0", ...decision.packages]);
}

/**
 * The browser binary for Playwright. Installs Chromium (and fonts) first when this machine can; otherwise
 * throws with the exact command to run. `log` gets one line per action taken.
 */
export async function ensureBrowser(log: (line: string) => void): Promise<string> {
  let decision = decideBrowser(gatherBrowserFacts());
  if (decision.action === "install") {
    log(decision.message);
    await aptInstall(decision);
    decision = decideBrowser(gatherBrowserFacts());
    if (decision.action === "install") throw new Error(`apt-get installed ${decision.packages.join(", ")} but the browser tests still lack them`);
  }
  if (decision.action === "stop") throw new Error(decision.message);
  if (decision.note) log(decision.note);
  return decision.path;
}
