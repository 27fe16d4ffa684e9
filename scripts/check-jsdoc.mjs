// Lists every symbol a package exports from its index without a JSDoc comment: each one gets a sentence of why
// (STYLE.md rule 10). Exits non-zero when one is missing, naming the package, the symbol and where it is declared.
import { readdirSync } from 'node:fs';
import { relative } from 'node:path';
import ts from 'typescript';

const root = new URL('..', import.meta.url).pathname;
const indexes = readdirSync(`${root}packages`)
  .map((name) => `${root}packages/${name}/src/index.ts`)
  .filter((file) => ts.sys.fileExists(file));
const program = ts.createProgram(indexes, {
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2023,
  customConditions: ['@fleet/source'],
  noEmit: true,
});
const checker = program.getTypeChecker();
const missing = [];
for (const index of indexes) {
  const source = program.getSourceFile(index);
  const module = source && checker.getSymbolAtLocation(source);
  if (!module) continue;
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = symbol.declarations ?? [];
    // Re-exports of third-party types (kysely's Kysely) are documented where they come from.
    if (declarations.some((d) => d.getSourceFile().fileName.includes('/node_modules/'))) continue;
    const documented = declarations.some((d) => ts.getJSDocCommentsAndTags(d).length > 0);
    if (!documented) {
      const at = declarations[0];
      const where = at ? relative(root, at.getSourceFile().fileName) : relative(root, index);
      missing.push(`${relative(root, index).split('/')[1]}: ${exported.name} (${where})`);
    }
  }
}
for (const line of missing) console.log(`missing JSDoc: ${line}`);
if (missing.length > 0) {
  console.log(`${missing.length} exported symbols without JSDoc`);
  process.exit(1);
}
