// Reads the live Postgres catalog into the same shape as expected-schema.ts, and compares the two.
import type pg from "pg";
import type { DatabaseSpec, ForeignKeySpec, IndexSpec, TableSpec } from "./expected-schema";

const IGNORED_TABLES = new Set(["_prisma_migrations"]);

const FK_ACTIONS: Record<string, ForeignKeySpec["onDelete"]> = {
  a: "NO ACTION",
  r: "RESTRICT",
  c: "CASCADE",
  n: "SET NULL",
  d: "SET DEFAULT",
};

export async function readCatalog(client: pg.ClientBase, schema = "public"): Promise<DatabaseSpec> {
  const enums = await client.query<{ name: string; values: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
       FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = $1 GROUP BY t.typname ORDER BY t.typname`,
    [schema],
  );
  const columns = await client.query<{ table: string; name: string; type: string; nullable: boolean; default: string | null }>(
    `SELECT c.relname AS table, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
            NOT a.attnotnull AS nullable, pg_get_expr(d.adbin, d.adrelid) AS default
       FROM pg_attribute a
       JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY c.relname, a.attnum`,
    [schema],
  );
  const indexes = await client.query<{ table: string; name: string; unique: boolean; primary: boolean; def: string }>(
    `SELECT t.relname AS table, i.relname AS name, ix.indisunique AS unique, ix.indisprimary AS primary,
            pg_get_indexdef(ix.indexrelid) AS def
       FROM pg_index ix
       JOIN pg_class i ON i.oid = ix.indexrelid JOIN pg_class t ON t.oid = ix.indrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = $1 ORDER BY t.relname, i.relname`,
    [schema],
  );
  const constraints = await client.query<{
    table: string;
    name: string;
    type: "p" | "f";
    columns: string[];
    ref_table: string | null;
    ref_columns: string[] | null;
    on_delete: string;
    on_update: string;
  }>(
    `SELECT t.relname AS table, con.conname AS name, con.contype AS type,
            ARRAY(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
            rt.relname AS ref_table,
            ARRAY(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                    JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns,
            con.confdeltype AS on_delete, con.confupdtype AS on_update
       FROM pg_constraint con
       JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
       LEFT JOIN pg_class rt ON rt.oid = con.confrelid
      WHERE n.nspname = $1 AND con.contype IN ('p', 'f') ORDER BY t.relname, con.conname`,
    [schema],
  );

  const tables = new Map<string, TableSpec>();
  for (const col of columns.rows) {
    if (IGNORED_TABLES.has(col.table)) continue;
    let table = tables.get(col.table);
    if (!table) {
      table = { name: col.table, columns: [], primaryKey: { name: "", columns: [] }, indexes: [], foreignKeys: [] };
      tables.set(col.table, table);
    }
    table.columns.push({ name: col.name, type: col.type, nullable: col.nullable, default: col.default });
  }
  for (const idx of indexes.rows) {
    const table = tables.get(idx.table);
    if (!table || idx.primary) continue;
    table.indexes.push({ name: idx.name, unique: idx.unique, columns: [], method: indexMethod(idx.def) });
  }
  for (const con of constraints.rows) {
    const table = tables.get(con.table);
    if (!table) continue;
    if (con.type === "p") table.primaryKey = { name: con.name, columns: con.columns };
    else
      table.foreignKeys.push({
        name: con.name,
        columns: con.columns,
        refTable: con.ref_table!,
        refColumns: con.ref_columns!,
        onDelete: FK_ACTIONS[con.on_delete]!,
        onUpdate: FK_ACTIONS[con.on_update]!,
      });
  }
  return { enums: enums.rows, tables: [...tables.values()] };
}

/** "CREATE INDEX x ON public.t USING btree (a, b DESC)" → "btree (a, b DESC)". */
function indexMethod(def: string): string {
  const at = def.indexOf(" USING ");
  return at === -1 ? def : def.slice(at + " USING ".length);
}

function ident(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

/** The index definition Postgres prints, for an index described by columns. */
export function indexDefinition(index: IndexSpec): string {
  if (index.method) return index.method;
  return `btree (${index.columns.map((c) => ident(c.name) + (c.desc ? " DESC" : "")).join(", ")})`;
}

/** Human-readable differences; empty when the database matches the schema. */
export function diffSchemas(expected: DatabaseSpec, actual: DatabaseSpec): string[] {
  const problems: string[] = [];
  const actualEnums = new Map(actual.enums.map((e) => [e.name, e.values]));
  for (const e of expected.enums) {
    const values = actualEnums.get(e.name);
    if (!values) problems.push(`enum ${e.name} is missing in the database`);
    else if (values.join(",") !== e.values.join(","))
      problems.push(`enum ${e.name}: schema has [${e.values}] but the database has [${values}]`);
    actualEnums.delete(e.name);
  }
  for (const name of actualEnums.keys()) problems.push(`enum ${name} exists in the database but not in the schema`);

  const actualTables = new Map(actual.tables.map((t) => [t.name, t]));
  for (const table of expected.tables) {
    const found = actualTables.get(table.name);
    actualTables.delete(table.name);
    if (!found) {
      problems.push(`table ${table.name} is missing in the database`);
      continue;
    }
    const cols = new Map(found.columns.map((c) => [c.name, c]));
    for (const col of table.columns) {
      const got = cols.get(col.name);
      cols.delete(col.name);
      const where = `${table.name}.${col.name}`;
      if (!got) {
        problems.push(`column ${where} is missing in the database`);
        continue;
      }
      if (got.type !== col.type) problems.push(`column ${where}: type ${col.type} in the schema, ${got.type} in the database`);
      if (got.nullable !== col.nullable)
        problems.push(`column ${where}: ${col.nullable ? "nullable" : "NOT NULL"} in the schema, ${got.nullable ? "nullable" : "NOT NULL"} in the database`);
      if ((got.default ?? null) !== (col.default ?? null))
        problems.push(`column ${where}: default ${col.default ?? "none"} in the schema, ${got.default ?? "none"} in the database`);
    }
    for (const name of cols.keys()) problems.push(`column ${table.name}.${name} exists in the database but not in the schema`);

    if (found.primaryKey.name !== table.primaryKey.name || found.primaryKey.columns.join(",") !== table.primaryKey.columns.join(","))
      problems.push(
        `table ${table.name}: primary key ${table.primaryKey.name}(${table.primaryKey.columns}) in the schema, ${found.primaryKey.name}(${found.primaryKey.columns}) in the database`,
      );

    const idx = new Map(found.indexes.map((i) => [i.name, i]));
    for (const index of table.indexes) {
      const got = idx.get(index.name);
      idx.delete(index.name);
      if (!got) {
        problems.push(`index ${index.name} on ${table.name} is missing in the database`);
        continue;
      }
      const want = indexDefinition(index);
      if (got.unique !== index.unique || got.method !== want)
        problems.push(`index ${index.name}: ${index.unique ? "UNIQUE " : ""}${want} in the schema, ${got.unique ? "UNIQUE " : ""}${got.method} in the database`);
    }
    for (const name of idx.keys()) problems.push(`index ${name} on ${table.name} exists in the database but not in the schema`);

    const fks = new Map(found.foreignKeys.map((f) => [f.name, f]));
    for (const fk of table.foreignKeys) {
      const got = fks.get(fk.name);
      fks.delete(fk.name);
      const describe = (f: ForeignKeySpec) =>
        `(${f.columns}) → ${f.refTable}(${f.refColumns}) ON DELETE ${f.onDelete} ON UPDATE ${f.onUpdate}`;
      if (!got) problems.push(`foreign key ${fk.name} is missing in the database`);
      else if (describe(got) !== describe(fk))
        problems.push(`foreign key ${fk.name}: ${describe(fk)} in the schema, ${describe(got)} in the database`);
    }
    for (const name of fks.keys()) problems.push(`foreign key ${name} exists in the database but not in the schema`);
  }
  for (const name of actualTables.keys()) problems.push(`table ${name} exists in the database but not in the schema`);
  return problems;
}
