import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { BundleTooLargeError } from './bundle-too-large-error.js';
import { ForbiddenImportError } from './forbidden-import-error.js';
import { ALLOWED_IMPORTS, MAX_BUNDLE_BYTES, type StrategyBundle } from './strategy-bundle.js';
import { StrategyFileError } from './strategy-file-error.js';

const isRelative = (specifier: string) => specifier.startsWith('./') || specifier.startsWith('../');

/**
 * Keeps `@fleet/engine` and `zod` as imports of the bundle (static imports only: a dynamic import or a `require` of
 * them would escape what a worker provides) and records every other non-relative import, so the first can be refused
 * naming the file that has it.
 */
function importPolicy(forbidden: { importer: string; specifier: string }[]): Plugin {
  return {
    name: 'fleet-strategy-imports',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || isRelative(args.path)) return undefined;
        if (!(ALLOWED_IMPORTS.includes(args.path) && args.kind === 'import-statement'))
          forbidden.push({ importer: relative(process.cwd(), args.importer) || args.importer, specifier: args.path });
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * Bundles a strategy file (TypeScript or JavaScript) and its relative imports into one ES module with esbuild, for
 * shipping with a sweep. The output depends only on the files' contents and their layout next to each other (paths
 * in it are relative to the file's folder, and no tsconfig is read), so the same file gives the same hash wherever
 * and by whomever it is bundled, and any edit gives a new one.
 *
 * @throws {@link StrategyFileError} when a file cannot be read or does not compile, {@link ForbiddenImportError} for
 * the first import other than relative files, `@fleet/engine` and `zod`, {@link BundleTooLargeError} over 1 MiB
 * @example
 * const { hash, bundle } = await bundleStrategyFile('strategies/momentum.ts');
 */
export async function bundleStrategyFile(path: string): Promise<StrategyBundle> {
  const file = resolve(path);
  let source: string;
  try {
    source = await readFile(file, 'utf8');
  } catch (error) {
    throw new StrategyFileError(`${path}: cannot read the strategy file: ${(error as Error).message}`);
  }
  if (Buffer.byteLength(source) > MAX_BUNDLE_BYTES)
    throw new BundleTooLargeError(`${path}: the strategy file is over the ${MAX_BUNDLE_BYTES}-byte limit`);
  const forbidden: { importer: string; specifier: string }[] = [];
  let bundle: string;
  try {
    const result = await build({
      entryPoints: [file],
      absWorkingDir: dirname(file),
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      tsconfigRaw: {},
      legalComments: 'none',
      charset: 'utf8',
      logLevel: 'silent',
      plugins: [importPolicy(forbidden)],
    });
    bundle = result.outputFiles[0]?.text ?? '';
  } catch (error) {
    const first = (error as { errors?: { text: string; location?: { file: string; line: number } | null }[] })
      .errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}: ` : '';
    throw new StrategyFileError(`${path}: does not compile: ${where}${first?.text ?? (error as Error).message}`);
  }
  const refused = forbidden[0];
  if (refused) throw new ForbiddenImportError(refused.importer, refused.specifier);
  const bytes = Buffer.byteLength(bundle);
  if (bytes > MAX_BUNDLE_BYTES)
    throw new BundleTooLargeError(`${path}: its bundle is ${bytes} bytes, over the ${MAX_BUNDLE_BYTES}-byte limit`);
  return { hash: createHash('sha256').update(bundle).digest('hex'), fileName: basename(file), source, bundle };
}
