// Which browser the browser tests use, decided before any test runs so that `npm test` never spends minutes on
// other layers and then fails for want of Chromium. Pure: the facts come from ensure-browser.ts.
//
//   CHROMIUM_PATH set         → that binary (an error at once if it does not exist)
//   else a system Chromium    → it (chromium, chromium-browser, google-chrome on PATH)
//   else Debian/Ubuntu (apt)  → as root or with passwordless sudo: install Debian's chromium and the fonts the
//                               screenshots need, saying so in one line; otherwise stop with the exact command
//   else                      → stop: how to point CHROMIUM_PATH at a browser, or skip the browser tests
// With a browser but without the CJK / emoji fonts, the fonts are installed the same way when possible;
// otherwise the tests run (only screenshots suffer) and a note says how to add them.

export const CHROMIUM_PACKAGE = "chromium";

/** Fonts the screenshots need to show customers' names as written: package → a file it installs. */
export const FONT_PACKAGES: ReadonlyArray<{ name: string; installs: string }> = [
  { name: "fonts-noto-cjk", installs: "/usr/share/fonts/opentype/noto" },
  { name: "fonts-noto-color-emoji", installs: "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf" },
];

export interface BrowserFacts {
  /** CHROMIUM_PATH as set (null when unset or empty) and whether that file exists. */
  chromiumPathEnv: string | null;
  chromiumPathEnvExists: boolean;
  /** The first Chromium or Chrome found on PATH. */
  systemBrowser: string | null;
  /** Debian or Ubuntu with apt-get. */
  apt: boolean;
  root: boolean;
  passwordlessSudo: boolean;
  /** Font packages (FONT_PACKAGES names) not installed; empty off Linux. */
  missingFonts: string[];
}

export type BrowserDecision =
  | { action: "use"; path: string; note: string | null }
  | { action: "install"; packages: string[]; sudo: boolean; message: string }
  | { action: "stop"; message: string };

const SKIP = "or run `npm test -- --skip-e2e` to leave the browser tests out";

/** The command a person runs to install `packages` (shown when we may not run it ourselves). */
export function aptCommand(packages: string[]): string {
  return `sudo apt-get update && sudo apt-get install -y ${packages.join(" ")}`;
}

export function decideBrowser(facts: BrowserFacts): BrowserDecision {
  const canInstall = facts.apt && (facts.root || facts.passwordlessSudo);
  const sudo = !facts.root;

  let browser: string | null = null;
  if (facts.chromiumPathEnv !== null) {
    if (!facts.chromiumPathEnvExists) {
      return { action: "stop", message: `CHROMIUM_PATH=${facts.chromiumPathEnv} does not exist: point it at a Chromium binary, unset it to use the system's Chromium, ${SKIP}.` };
    }
    browser = facts.chromiumPathEnv;
  } else {
    browser = facts.systemBrowser;
  }

  if (browser === null) {
    const packages = [CHROMIUM_PACKAGE, ...facts.missingFonts];
    if (canInstall) {
      return { action: "install", packages, sudo, message: `Chromium not found: installing Debian's ${packages.join(", ")} (${sudo ? "sudo " : ""}apt-get install)` };
    }
    if (facts.apt) {
      return { action: "stop", message: `The browser tests need Chromium, which is not installed (and installing it needs root). Install it with\n  ${aptCommand(packages)}\nthen run npm test again; or set CHROMIUM_PATH to a Chromium binary, ${SKIP}.` };
    }
    return { action: "stop", message: `The browser tests need Chromium: install Chromium or Google Chrome and set CHROMIUM_PATH to its binary (e.g. CHROMIUM_PATH=/usr/bin/chromium npm test), ${SKIP}.` };
  }

  if (facts.missingFonts.length > 0) {
    if (canInstall) {
      return { action: "install", packages: [...facts.missingFonts], sudo, message: `installing ${facts.missingFonts.join(", ")} for the browser tests' screenshots (${sudo ? "sudo " : ""}apt-get install)` };
    }
    const how = facts.apt ? `: ${aptCommand(facts.missingFonts)}` : "";
    return { action: "use", path: browser, note: `${facts.missingFonts.join(", ")} not installed: screenshots may show boxes for Japanese names and emoji${how}` };
  }
  return { action: "use", path: browser, note: null };
}
