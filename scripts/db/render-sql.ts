// Prints CREATE statements for tables and enums of prisma/schema.prisma, in the style `prisma migrate`
// writes. A starting point when authoring a migration on a machine without Prisma's schema engine:
//
//   npx tsx scripts/db/render-sql.ts                 # everything
//   npx tsx scripts/db/render-sql.ts messages notes  # only these tables (with their enums)
//
// Review the output, keep what the migration needs; the drift test checks the result.
import { indexDefinition } from "./catalog";
import { expectedSchema, type DatabaseSpec, type TableSpec } from "./expected-schema";

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;

function sqlType(col: TableSpec["columns"][number]): string {
  if (col.serial) return col.serial;
  if (col.enumType) return q(col.enumType);
  return col.type
    .replace(/^timestamp\((\d)\) with time zone$/, "TIMESTAMPTZ($1)")
    .replace(/^timestamp\((\d)\) without time zone$/, "TIMESTAMP($1)")
    .toUpperCase();
}

function sqlDefault(value: string): string {
  // The catalog prints casts ('x'::text); migrations write the bare literal.
  return value.replace(/^('(?:[^']|'')*')::[a-z_]+$/, "$1");
}

export function renderSql(spec: DatabaseSpec, only?: Set<string>): string {
  const tables = spec.tables.filter((t) => !only || only.has(t.name));
  const usedEnums = new Set(tables.flatMap((t) => t.columns.map((c) => c.enumType).filter(Boolean)));
  const out: string[] = [];
  for (const e of spec.enums) {
    if (only && !usedEnums.has(e.name)) continue;
    out.push(`-- CreateEnum\nCREATE TYPE ${q(e.name)} AS ENUM (${e.values.map((v) => `'${v}'`).join(", ")});\n`);
  }
  for (const t of tables) {
    const lines = t.columns.map((c) => {
      let line = `    ${q(c.name)} ${sqlType(c)}`;
      if (!c.nullable) line += " NOT NULL";
      if (c.default && !c.serial) line += ` DEFAULT ${sqlDefault(c.default)}`;
      return line;
    });
    lines.push(`\n    CONSTRAINT ${q(t.primaryKey.name)} PRIMARY KEY (${t.primaryKey.columns.map(q).join(",")})`);
    out.push(`-- CreateTable\nCREATE TABLE ${q(t.name)} (\n${lines.join(",\n")}\n);\n`);
  }
  for (const t of tables) {
    for (const i of t.indexes) {
      const def = indexDefinition(i);
      const using = i.method ? ` USING ${def.slice(0, def.indexOf(" "))} ` : "";
      const cols = i.method
        ? def.slice(def.indexOf(" ") + 1)
        : `(${i.columns.map((c) => q(c.name) + (c.desc ? " DESC" : "")).join(", ")})`;
      out.push(`-- CreateIndex\nCREATE ${i.unique ? "UNIQUE " : ""}INDEX ${q(i.name)} ON ${q(t.name)}${using}${cols};\n`);
    }
  }
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      out.push(
        `-- AddForeignKey\nALTER TABLE ${q(t.name)} ADD CONSTRAINT ${q(fk.name)} FOREIGN KEY (${fk.columns.map(q).join(", ")}) ` +
          `REFERENCES ${q(fk.refTable)}(${fk.refColumns.map(q).join(",")}) ON DELETE ${fk.onDelete} ON UPDATE ${fk.onUpdate};\n`,
      );
    }
  }
  return out.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const only = process.argv.length > 2 ? new Set(process.argv.slice(2)) : undefined;
  process.stdout.write(renderSql(expectedSchema(), only));
}
