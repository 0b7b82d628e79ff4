// Structured one-line JSON logs. Anything that looks like a Meta access token or an app secret is masked
// before it is written, wherever it hides (messages, URLs, nested error causes).
type Level = "debug" | "info" | "warn" | "error";
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

// Meta user/Page tokens start with EAA; our simulator's tokens too. access_token=… in URLs and
// appsecret_proof values are masked by parameter name.
const SECRET_PATTERNS: [RegExp, string][] = [
  [/\bEAA[A-Za-z0-9]{10,}\b/g, "EAA…[redacted]"],
  [/((?:access_token|appsecret_proof|client_secret|code)=)[^&\s"]+/gi, "$1[redacted]"],
  [/(Bearer\s+)[A-Za-z0-9._~+/-]+=*/g, "$1[redacted]"],
];

export function redact(text: string): string {
  return SECRET_PATTERNS.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

function serialise(value: unknown, depth = 0): unknown {
  if (depth > 4) return "[…]";
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redact(value.message),
      ...(value.stack ? { stack: redact(value.stack.split("\n").slice(0, 6).join("\n")) } : {}),
      ...(value.cause !== undefined ? { cause: serialise(value.cause, depth + 1) } : {}),
    };
  }
  if (typeof value === "string") return redact(value);
  if (typeof value === "bigint") return value.toString();
  if (Array.isArray(value)) return value.map((v) => serialise(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, /token|secret|password/i.test(k) ? "[redacted]" : serialise(v, depth + 1)]),
    );
  }
  return value;
}

function threshold(): number {
  const level = (process.env.LOG_LEVEL as Level | undefined) ?? "info";
  return ORDER[level] ?? ORDER.info;
}

function write(level: Level, message: string, fields?: Record<string, unknown>) {
  if (ORDER[level] < threshold() || process.env.NODE_ENV === "test" && level !== "error" && !process.env.LOG_IN_TESTS) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message: redact(message), ...(serialise(fields ?? {}) as object) });
  (level === "error" || level === "warn" ? process.stderr : process.stdout).write(line + "\n");
}

export const logger = {
  debug: (message: string, fields?: Record<string, unknown>) => write("debug", message, fields),
  info: (message: string, fields?: Record<string, unknown>) => write("info", message, fields),
  warn: (message: string, fields?: Record<string, unknown>) => write("warn", message, fields),
  error: (message: string, fields?: Record<string, unknown>) => write("error", message, fields),
};
