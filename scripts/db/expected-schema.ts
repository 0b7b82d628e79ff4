// What Postgres should contain according to prisma/schema.prisma, derived from Prisma's own parser
// (the DMMF of @prisma/prisma-schema-wasm, the same WebAssembly the CLI uses). Prisma's migrate engine
// cannot be downloaded on every machine, so this is how we (1) render SQL for a new table and (2) prove in
// a test that the hand-written migrations and the schema describe the same database.
//
// The type, default and naming rules mirror what `prisma migrate` generates for PostgreSQL.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

export interface ColumnSpec {
  name: string;
  /** As Postgres' format_type() prints it, e.g. "timestamp(3) with time zone". */
  type: string;
  /** Enum columns: the enum type name, for rendering SQL with the quoted name. */
  enumType?: string;
  nullable: boolean;
  /** As pg_get_expr() prints the column default, or null. */
  default: string | null;
  /** Rendered as BIGSERIAL / SERIAL instead of an explicit default. */
  serial?: "BIGSERIAL" | "SERIAL";
}

export interface IndexSpec {
  name: string;
  unique: boolean;
  columns: { name: string; desc: boolean }[];
  /** Only for SQL-only indexes (see SQL_ONLY_INDEXES): the index definition after "USING". */
  method?: string;
}

export interface ForeignKeySpec {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: "CASCADE" | "SET NULL" | "RESTRICT" | "NO ACTION" | "SET DEFAULT";
  onUpdate: "CASCADE" | "SET NULL" | "RESTRICT" | "NO ACTION" | "SET DEFAULT";
}

export interface TableSpec {
  name: string;
  columns: ColumnSpec[];
  primaryKey: { name: string; columns: string[] };
  indexes: IndexSpec[];
  foreignKeys: ForeignKeySpec[];
}

export interface DatabaseSpec {
  enums: { name: string; values: string[] }[];
  tables: TableSpec[];
}

interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
  primaryKey: { name: string | null; fields: string[] } | null;
}

interface DmmfIndex {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  isDefinedOnField: boolean;
  dbName?: string | null;
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
}

interface Dmmf {
  datamodel: {
    models: DmmfModel[];
    enums: { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] }[];
    indexes: DmmfIndex[];
  };
}

export const SCHEMA_PATH = path.join(import.meta.dirname, "..", "..", "prisma", "schema.prisma");

export function readDmmf(schemaPath = SCHEMA_PATH): Dmmf {
  const wasm = require("@prisma/prisma-schema-wasm") as { get_dmmf(params: string): string };
  const schema = readFileSync(schemaPath, "utf8");
  return JSON.parse(wasm.get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schema]] })));
}

const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Boolean: "boolean",
  DateTime: "timestamp(3) without time zone",
  Json: "jsonb",
  Bytes: "bytea",
  Decimal: "numeric(65,30)",
};

function nativeType(native: [string, string[]]): string {
  const [name, args] = native;
  switch (name) {
    case "Uuid":
      return "uuid";
    case "Timestamptz":
      return `timestamp(${args[0] ?? 6}) with time zone`;
    case "Timestamp":
      return `timestamp(${args[0] ?? 6}) without time zone`;
    case "Text":
      return "text";
    case "VarChar":
      return `character varying(${args[0]})`;
    case "Decimal":
      return `numeric(${args.join(",")})`;
    case "Integer":
      return "integer";
    case "SmallInt":
      return "smallint";
    case "DoublePrecision":
      return "double precision";
    default:
      throw new Error(`expected-schema: native type @db.${name} is not mapped yet`);
  }
}

function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

function columnDefault(field: DmmfField, type: string, enumDbName: string | undefined): string | null {
  if (!field.hasDefaultValue || field.default === undefined) return null;
  const value = field.default;
  if (typeof value === "object" && value !== null && "name" in value) {
    const fn = value as { name: string; args: unknown[] };
    if (fn.name === "now") return "CURRENT_TIMESTAMP";
    if (fn.name === "dbgenerated") return String(fn.args[0]);
    if (fn.name === "autoincrement") return "autoincrement()";
    throw new Error(`expected-schema: default function ${fn.name}() is generated by Prisma Client, not Postgres`);
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") {
    if (enumDbName) return `${quoteLiteral(value)}::${enumDbName}`;
    if (type === "text") return `${quoteLiteral(value)}::text`;
    return quoteLiteral(value);
  }
  throw new Error(`expected-schema: unsupported default ${JSON.stringify(value)} on ${field.name}`);
}

/** Prisma's default constraint names: table_col1_col2_suffix. */
function defaultName(table: string, columns: string[], suffix: "key" | "idx" | "fkey"): string {
  return `${table}_${columns.join("_")}_${suffix}`;
}

const ACTIONS: Record<string, ForeignKeySpec["onDelete"]> = {
  Cascade: "CASCADE",
  SetNull: "SET NULL",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetDefault: "SET DEFAULT",
};

export function expectedSchema(dmmf: Dmmf = readDmmf()): DatabaseSpec {
  const { models, enums, indexes } = dmmf.datamodel;
  const enumDbNames = new Map(enums.map((e) => [e.name, e.dbName ?? e.name]));
  const tableOf = new Map(models.map((m) => [m.name, m.dbName ?? m.name]));
  const columnOf = (model: DmmfModel, field: string) => {
    const f = model.fields.find((x) => x.name === field);
    if (!f) throw new Error(`expected-schema: ${model.name}.${field} not found`);
    return f.dbName ?? f.name;
  };

  const tables: TableSpec[] = models.map((model) => {
    const table = tableOf.get(model.name)!;
    const columns: ColumnSpec[] = model.fields
      .filter((f) => f.kind === "scalar" || f.kind === "enum")
      .map((f) => {
        const enumDbName = f.kind === "enum" ? enumDbNames.get(f.type) : undefined;
        let type = enumDbName ?? (f.nativeType ? nativeType(f.nativeType) : SCALAR_TYPES[f.type]);
        if (!type) throw new Error(`expected-schema: type ${f.type} is not mapped`);
        if (f.isList) type = `${type}[]`;
        let def = columnDefault(f, type, enumDbName);
        let serial: ColumnSpec["serial"];
        if (def === "autoincrement()") {
          serial = type === "bigint" ? "BIGSERIAL" : "SERIAL";
          def = `nextval('${table}_${f.dbName ?? f.name}_seq'::regclass)`;
        }
        return {
          name: f.dbName ?? f.name,
          type,
          ...(enumDbName ? { enumType: enumDbName } : {}),
          nullable: !f.isRequired,
          default: def,
          ...(serial ? { serial } : {}),
        };
      });

    const idFields = model.primaryKey?.fields ?? model.fields.filter((f) => f.isId).map((f) => f.name);
    const primaryKey = {
      name: model.primaryKey?.name ?? `${table}_pkey`,
      columns: idFields.map((f) => columnOf(model, f)),
    };

    const tableIndexes: IndexSpec[] = indexes
      .filter((i) => i.model === model.name && (i.type === "unique" || i.type === "normal"))
      .map((i) => {
        const cols = i.fields.map((f) => ({ name: columnOf(model, f.name), desc: f.sortOrder === "desc" }));
        const unique = i.type === "unique";
        const name =
          i.dbName ??
          defaultName(
            table,
            cols.map((c) => c.name),
            unique ? "key" : "idx",
          );
        return { name, unique, columns: cols };
      });

    const foreignKeys: ForeignKeySpec[] = model.fields
      .filter((f) => f.kind === "object" && f.relationFromFields && f.relationFromFields.length > 0)
      .map((f) => {
        const target = models.find((m) => m.name === f.type)!;
        const cols = f.relationFromFields!.map((c) => columnOf(model, c));
        const optional = f.relationFromFields!.some((c) => !model.fields.find((x) => x.name === c)!.isRequired);
        return {
          name: defaultName(table, cols, "fkey"),
          columns: cols,
          refTable: tableOf.get(target.name)!,
          refColumns: f.relationToFields!.map((c) => columnOf(target, c)),
          onDelete: ACTIONS[f.relationOnDelete ?? (optional ? "SetNull" : "Restrict")]!,
          onUpdate: ACTIONS[f.relationOnUpdate ?? "Cascade"]!,
        };
      });

    return { name: table, columns, primaryKey, indexes: tableIndexes, foreignKeys };
  });

  for (const extra of SQL_ONLY_INDEXES) {
    const table = tables.find((t) => t.name === extra.table);
    if (!table) throw new Error(`expected-schema: SQL-only index on unknown table ${extra.table}`);
    table.indexes.push(extra.index);
  }

  return {
    enums: enums.map((e) => ({ name: e.dbName ?? e.name, values: e.values.map((v) => v.dbName ?? v.name) })),
    tables,
  };
}

/**
 * Indexes Prisma's schema language cannot express (partial, trigram). They live only in migrations;
 * listing them here makes the drift test insist they exist, exactly as defined.
 */
export const SQL_ONLY_INDEXES: { table: string; index: IndexSpec }[] = [
  {
    table: "jobs",
    index: {
      name: "jobs_singleton_key",
      unique: true,
      columns: [],
      method: "btree (queue, singleton_key) WHERE ((singleton_key IS NOT NULL) AND (status = ANY (ARRAY['QUEUED'::job_status, 'RUNNING'::job_status])))",
    },
  },
  {
    table: "contacts",
    // Name and @username, case and accents folded (lib/conversations/search-fold.ts).
    index: { name: "contacts_search_trgm_idx", unique: false, columns: [], method: "gin (inbox_contact_search_text(name, username) gin_trgm_ops)" },
  },
  {
    table: "messages",
    index: { name: "messages_text_trgm_idx", unique: false, columns: [], method: "gin (text gin_trgm_ops)" },
  },
];
