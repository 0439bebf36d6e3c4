// Parsed YAML as plain data: what the merges and checks before the schema test and build it with.

/** A YAML mapping (a plain object), not null, a list or a scalar. */
export const isMapping = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

/**
 * `target[key] = value` as an own, enumerable property, also for `__proto__` (which plain
 * assignment would take as the prototype): keys are the file's, never inherited members.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
