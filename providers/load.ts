// Loads CommonJS packages (cdktf and its prebuilt providers) with require(), which is roughly
// twice as fast as importing them as ES modules, and keeps the one place that knows how.
import { createRequire } from "node:module";

const requireFromHere = createRequire(import.meta.url);

/** Loads a CommonJS module; callers pass its type, e.g. `load<typeof import("cdktf")>("cdktf")`. */
export function load<T>(specifier: string): T {
  return requireFromHere(specifier) as T;
}

/** Loads `specifier` as the package `owner` would resolve it (one of the owner's own dependencies). */
export function loadDependencyOf<T>(owner: string, specifier: string): T {
  return createRequire(requireFromHere.resolve(`${owner}/package.json`))(specifier) as T;
}
