import path from "node:path";
import { SERVER_SCRIPT } from "./processes";

const ROOT = path.join(import.meta.dirname, "..", "..");

/** The command that serves the production build (scripts/serve.ts); PORT comes from the environment. */
export const APP_SERVER_ARGS = [...SERVER_SCRIPT, path.join(ROOT, "scripts", "serve.ts")];
