// Child process for the bundle benchmark: resolves `vscode` to a stub, then times require() of the bundle.
import Module from 'node:module';

const bundle = process.argv[2];
const stub = { l10n: { t: (message: string) => message } };
type Resolver = (request: string, ...rest: unknown[]) => string;
const moduleInternals = Module as unknown as { _resolveFilename: Resolver; _cache: Record<string, unknown> };
const original = moduleInternals._resolveFilename;
moduleInternals._resolveFilename = function (request: string, ...rest: unknown[]): string {
  return request === 'vscode' ? 'vscode' : original.call(this, request, ...rest);
};
moduleInternals._cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };

const started = process.hrtime.bigint();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const loaded = require(bundle) as { activate?: unknown };
const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
if (typeof loaded.activate !== 'function') {
  throw new Error('The bundle does not export activate()');
}
process.stdout.write(String(elapsedMs));
