// Secrets for local runs. Values from the environment win; anything missing is generated once and kept in
// .data/local-secrets.json (git-ignored), so a second run can still decrypt the tokens it stored.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export interface LocalSecrets {
  AUTH_SECRET: string;
  TOKEN_ENCRYPTION_KEY: string;
  META_APP_ID: string;
  META_APP_SECRET: string;
  META_VERIFY_TOKEN: string;
}

export function generateSecrets(): LocalSecrets {
  return {
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    TOKEN_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
    // A made-up app id below 2^53, shaped like Meta's.
    META_APP_ID: `17${randomBytes(6).readUIntBE(0, 6).toString().padStart(14, "0")}`.slice(0, 16),
    META_APP_SECRET: randomBytes(16).toString("hex"),
    META_VERIFY_TOKEN: randomBytes(12).toString("base64url"),
  };
}

export function loadLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, "local-secrets.json");
  let stored: Partial<LocalSecrets> = {};
  if (existsSync(file)) stored = JSON.parse(readFileSync(file, "utf8")) as Partial<LocalSecrets>;
  const generated = generateSecrets();
  const merged = { ...generated, ...stored };
  if (JSON.stringify(merged) !== JSON.stringify(stored)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(merged, null, 2) + "\n", { mode: 0o600 });
  }
  const fromEnv = Object.fromEntries(
    Object.keys(merged)
      .filter((k) => process.env[k])
      .map((k) => [k, process.env[k]!]),
  );
  return { ...merged, ...fromEnv };
}
