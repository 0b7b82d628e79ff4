// Parser for Graph API `fields` with field expansion:
//   id,participants,messages.limit(20).after(CURSOR){id,message,from,to{id}},picture.type(large)
// Modifiers may also follow the braces (`messages{id}.limit(5)`).

import { Errors } from "./errors";

export interface FieldSpec {
  name: string;
  modifiers: Record<string, string>;
  /** Sub-fields from `{…}`; undefined when none were given (defaults apply). */
  children?: FieldSpec[];
}

export function parseFields(input: string | undefined | null): FieldSpec[] | undefined {
  if (input === undefined || input === null) return undefined;
  const text = input.trim();
  if (text === "") return undefined;
  let pos = 0;

  const fail = (detail: string): never => {
    throw Errors.fieldsSyntax(detail, pos, text);
  };
  const skipWs = () => {
    while (pos < text.length && /\s/.test(text[pos] as string)) pos++;
  };
  const readName = (): string => {
    skipWs();
    const start = pos;
    while (pos < text.length && /[A-Za-z0-9_]/.test(text[pos] as string)) pos++;
    if (pos === start) fail(`Expected field name instead of "${text[pos] ?? "end of string"}".`);
    return text.slice(start, pos);
  };
  const readArg = (): string => {
    // after '('; arguments may contain anything but an unbalanced ')'
    const start = pos;
    let depth = 0;
    while (pos < text.length) {
      const ch = text[pos];
      if (ch === "(") depth++;
      else if (ch === ")") {
        if (depth === 0) break;
        depth--;
      }
      pos++;
    }
    if (pos >= text.length) fail('Expected ")".');
    const arg = text.slice(start, pos);
    pos++; // ')'
    return arg.trim();
  };
  const readModifiers = (spec: FieldSpec) => {
    for (;;) {
      skipWs();
      if (text[pos] !== ".") return;
      pos++;
      const name = readName();
      skipWs();
      if (text[pos] !== "(") fail(`Expected "(" instead of "${text[pos] ?? "end of string"}".`);
      pos++;
      spec.modifiers[name] = readArg();
    }
  };
  const readList = (closing: string | null): FieldSpec[] => {
    const list: FieldSpec[] = [];
    for (;;) {
      const spec: FieldSpec = { name: readName(), modifiers: {} };
      readModifiers(spec);
      skipWs();
      if (text[pos] === "{") {
        pos++;
        spec.children = readList("}");
        readModifiers(spec);
      }
      if (list.some((f) => f.name === spec.name)) fail(`Field ${spec.name} specified more than once. This is only possible before version 2.1`);
      list.push(spec);
      skipWs();
      if (pos >= text.length) {
        if (closing !== null) fail(`Expected "${closing}".`);
        return list;
      }
      const ch = text[pos];
      if (ch === ",") {
        pos++;
        continue;
      }
      if (closing !== null && ch === closing) {
        pos++;
        return list;
      }
      fail(`Expected end of string instead of "${ch}".`);
    }
  };
  return readList(null);
}

/** Ensures every requested field is known for the node type. */
export function checkKnown(specs: FieldSpec[], known: readonly string[], nodeType: string): void {
  for (const spec of specs) {
    if (!known.includes(spec.name)) throw Errors.nonexistingField(spec.name, nodeType);
  }
}
