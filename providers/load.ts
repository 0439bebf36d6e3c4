// Loads CommonJS packages (cdktf and its prebuilt providers) with require(), which is roughly
// twice as fast as importing them as ES modules, and keeps the one place that knows how.
import { createRequire, Module } from "node:module";

const requireFromHere = createRequire(import.meta.url);

/** Loads a CommonJS module; callers pass its type, e.g. `load<typeof import("cdktf")>("cdktf")`. */
export function load<T>(specifier: string): T {
  return requireFromHere(specifier) as T;
}

/** Loads `specifier` as the package `owner` would resolve it (one of the owner's own dependencies). */
export function loadDependencyOf<T>(owner: string, specifier: string): T {
  return createRequire(requireFromHere.resolve(`${owner}/package.json`))(specifier) as T;
}

type CachedModules = Record<string, InstanceType<typeof Module> | undefined>;

/**
 * Makes `owner`'s `require(dependency)` return a stand-in that loads the real module on first call.
 * For dependencies a package loads at start-up but the engine never calls; the dependency must
 * export a function (it is the only use made of it).
 */
export function deferFunctionDependency(owner: string, dependency: string): void {
  const ownerRequire = createRequire(requireFromHere.resolve(`${owner}/package.json`));
  const path = ownerRequire.resolve(dependency);
  const cache = (Module as unknown as { _cache: CachedModules })._cache;
  if (cache[path]) return;
  let real: ((...args: unknown[]) => unknown) | undefined;
  const standIn = new Module(path);
  standIn.filename = path;
  standIn.loaded = true;
  standIn.exports = function deferred(this: unknown, ...args: unknown[]) {
    if (!real) {
      delete cache[path];
      real = ownerRequire(dependency) as (...args: unknown[]) => unknown;
    }
    return real.apply(this, args);
  };
  cache[path] = standIn;
}
