import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { decideBrowser, type BrowserFacts } from "./browser-decision";
import { gatherBrowserFacts } from "./ensure-browser";

const bare: BrowserFacts = {
  chromiumPathEnv: null,
  chromiumPathEnvExists: false,
  systemBrowser: null,
  apt: false,
  root: false,
  passwordlessSudo: false,
  missingFonts: [],
};
const facts = (overrides: Partial<BrowserFacts>): BrowserFacts => ({ ...bare, ...overrides });
const ALL_FONTS = ["fonts-noto-cjk", "fonts-noto-color-emoji"];

describe("decideBrowser: browser found", () => {
  it("uses CHROMIUM_PATH first, even when a system Chromium exists", () => {
    expect(decideBrowser(facts({ chromiumPathEnv: "/opt/chrome/chrome", chromiumPathEnvExists: true, systemBrowser: "/usr/bin/chromium" }))).toEqual({ action: "use", path: "/opt/chrome/chrome", note: null });
  });

  it("uses the system Chromium when CHROMIUM_PATH is unset", () => {
    expect(decideBrowser(facts({ systemBrowser: "/usr/bin/chromium", apt: true, root: true }))).toEqual({ action: "use", path: "/usr/bin/chromium", note: null });
  });

  it("stops at once when CHROMIUM_PATH names a file that does not exist (no silent fallback)", () => {
    const d = decideBrowser(facts({ chromiumPathEnv: "/nowhere/chromium", systemBrowser: "/usr/bin/chromium", apt: true, root: true }));
    expect(d.action).toBe("stop");
    expect(d.action === "stop" && d.message).toMatch(/^CHROMIUM_PATH=\/nowhere\/chromium does not exist/);
  });

  it("installs missing screenshot fonts when it can, and only them", () => {
    expect(decideBrowser(facts({ systemBrowser: "/usr/bin/chromium", missingFonts: ["fonts-noto-color-emoji"], apt: true, passwordlessSudo: true }))).toEqual({
      action: "install",
      packages: ["fonts-noto-color-emoji"],
      sudo: true,
      message: "installing fonts-noto-color-emoji for the browser tests' screenshots (sudo apt-get install)",
    });
  });

  it("runs without the fonts when it cannot install them, with a note saying how", () => {
    expect(decideBrowser(facts({ systemBrowser: "/usr/bin/chromium", missingFonts: ALL_FONTS, apt: true }))).toEqual({
      action: "use",
      path: "/usr/bin/chromium",
      note: "fonts-noto-cjk, fonts-noto-color-emoji not installed: screenshots may show boxes for Japanese names and emoji: sudo apt-get update && sudo apt-get install -y fonts-noto-cjk fonts-noto-color-emoji",
    });
  });
});

describe("decideBrowser: no browser, installable", () => {
  it("as root: installs Debian's chromium and the missing fonts with apt-get, in one line", () => {
    expect(decideBrowser(facts({ apt: true, root: true, missingFonts: ALL_FONTS }))).toEqual({
      action: "install",
      packages: ["chromium", ...ALL_FONTS],
      sudo: false,
      message: "Chromium not found: installing Debian's chromium, fonts-noto-cjk, fonts-noto-color-emoji (apt-get install)",
    });
  });

  it("with passwordless sudo: the same through sudo", () => {
    const d = decideBrowser(facts({ apt: true, passwordlessSudo: true }));
    expect(d).toEqual({ action: "install", packages: ["chromium"], sudo: true, message: "Chromium not found: installing Debian's chromium (sudo apt-get install)" });
  });
});

describe("decideBrowser: no browser, not installable", () => {
  it("Debian/Ubuntu without root or passwordless sudo: stops with the exact command", () => {
    const d = decideBrowser(facts({ apt: true, missingFonts: ["fonts-noto-cjk"] }));
    expect(d.action).toBe("stop");
    const message = d.action === "stop" ? d.message : "";
    expect(message.split("\n")[1]).toBe("  sudo apt-get update && sudo apt-get install -y chromium fonts-noto-cjk");
    expect(message).toContain("npm test -- --skip-e2e");
  });

  it("another system (no apt, e.g. macOS): stops saying how to point CHROMIUM_PATH at a browser", () => {
    const d = decideBrowser(facts({ root: true }));
    expect(d.action).toBe("stop");
    expect(d.action === "stop" && d.message).toMatch(/set CHROMIUM_PATH to its binary .*npm test -- --skip-e2e/);
  });
});

describe("gatherBrowserFacts (the I/O shell)", () => {
  it("reads CHROMIUM_PATH and finds browsers on PATH", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "browser-facts-"));
    try {
      const fake = path.join(dir, "chromium");
      writeFileSync(fake, "#!/bin/sh\n");
      chmodSync(fake, 0o755);
      const saved = process.env.PATH;
      process.env.PATH = dir;
      try {
        expect(gatherBrowserFacts({ CHROMIUM_PATH: fake })).toMatchObject({ chromiumPathEnv: fake, chromiumPathEnvExists: true, systemBrowser: fake });
        expect(gatherBrowserFacts({ CHROMIUM_PATH: path.join(dir, "missing") })).toMatchObject({ chromiumPathEnvExists: false });
        expect(gatherBrowserFacts({ CHROMIUM_PATH: "" })).toMatchObject({ chromiumPathEnv: null });
      } finally {
        process.env.PATH = saved;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
