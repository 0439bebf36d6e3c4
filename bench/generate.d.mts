// Types for generate.mjs (the benchmark is plain JavaScript; tests use the generator too).
/** Writes `count` copies of `fixture` with distinct service names into `folder`; returns their paths. */
export function generateSpecs(fixture: string, count: number, folder: string): string[];
