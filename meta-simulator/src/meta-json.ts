// Meta's JSON serialisation: every non-ASCII UTF-16 code unit as a lowercase `\uXXXX` escape (so emoji
// become surrogate pairs `\ud83d\ude0a`) and `/` as `\/`. Webhook bodies are signed over exactly these
// bytes, and Graph responses use the same form.

const ESCAPE = /[\u0080-\uffff/]/g;

export function metaStringify(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) return "null";
  return json.replace(ESCAPE, (ch) => (ch === "/" ? "\\/" : "\\u" + ch.charCodeAt(0).toString(16).padStart(4, "0")));
}
