// The static import graph of our TypeScript sources, as the compiler resolves it (tsconfig paths such as `@/`):
// which files a module loads when it is imported. Type-only imports and dynamic `import()` are not edges —
// they load nothing at import time. For tests that keep heavy or test-only code out of a production path.
import path from "node:path";
import ts from "typescript";

const ROOT = path.join(import.meta.dirname, "../..");

function compilerOptions(): ts.CompilerOptions {
  const configPath = path.join(ROOT, "tsconfig.json");
  const { config } = ts.readConfigFile(configPath, ts.sys.readFile);
  return ts.parseJsonConfigFileContent(config, ts.sys, ROOT).options;
}

/** Module specifiers a file loads when it is evaluated (value imports and re-exports). */
export function staticImports(file: string, text = ts.sys.readFile(file) ?? ""): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const out: string[] = [];
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      if (!typeOnly) out.push(statement.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(statement) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) && !statement.isTypeOnly) {
      out.push(statement.moduleSpecifier.text);
    }
  }
  return out;
}

/** Every project file (outside node_modules) that importing `entry` evaluates, `entry` included. */
export function staticClosure(entry: string): Set<string> {
  const options = compilerOptions();
  const seen = new Set<string>();
  const queue = [path.resolve(entry)];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of staticImports(file)) {
      const resolved = ts.resolveModuleName(specifier, file, options, ts.sys).resolvedModule;
      if (!resolved || resolved.isExternalLibraryImport || resolved.resolvedFileName.includes("/node_modules/")) continue;
      if (!/\.(ts|tsx|mts)$/.test(resolved.resolvedFileName) || resolved.resolvedFileName.endsWith(".d.ts")) continue;
      queue.push(resolved.resolvedFileName);
    }
  }
  return seen;
}

/** A path relative to the repository root, for messages. */
export function fromRoot(file: string): string {
  return path.relative(ROOT, file);
}
