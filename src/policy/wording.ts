// How a policy message reads: what is wrong, then the actual value and the required one, apart, so
// `(at_rest_encryption_enabled = true)` is never mistaken for the value the resource has.

/** A value as a message shows it: strings quoted, absent ones as "not set". */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return "not set";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** `<problem>: <attribute> is <actual>; required: <required>`. */
export function violation(problem: string, attribute: string, actual: unknown, required: string): string {
  return `${problem}: ${attribute} is ${shown(actual)}; required: ${required}`;
}
