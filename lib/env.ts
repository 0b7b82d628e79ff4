import "server-only";
import { parseEnv, type Env } from "./config/env-schema";

let cached: Env | undefined;

/** The validated configuration, parsed once on first use (see lib/config/env-schema.ts). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
