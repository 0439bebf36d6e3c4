// EventBridge event patterns (Amazon EventBridge User Guide, "Event patterns" and "Content
// filtering"): a JSON object whose leaves are arrays of values to match or of operator objects.
// Checked at `validate` time so a malformed rule fails with the key at fault, not at apply.
import type { ValueProblem } from "./value-problem.js";

/** EventBridge's default quota on the size of a rule's pattern (raisable to 4096 on request). */
export const EVENT_PATTERN_MAX_CHARS = 2048;

type Path = ReadonlyArray<string | number>;
type Problem = ValueProblem & { path: Path };

const OPERATORS = ["prefix", "suffix", "anything-but", "numeric", "exists", "cidr", "equals-ignore-case", "wildcard"] as const;
const NUMERIC_COMPARISONS = new Set(["<", "<=", "=", ">", ">="]);
const ANYTHING_BUT_OPERATORS = ["prefix", "suffix", "equals-ignore-case", "wildcard"];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "a mapping" : `${typeof value} ${JSON.stringify(value)}`;
}

/**
 * Checks an event pattern (as parsed from YAML or JSON). Returns the first problem, its `path`
 * relative to the pattern, or undefined when EventBridge accepts the pattern.
 */
export function checkEventPattern(pattern: unknown): Problem | undefined {
  if (!isObject(pattern)) {
    return { message: `an event pattern is a mapping, not ${describe(pattern)}`, hint: 'write e.g. { source: ["platform.webhook"], detail-type: ["push"] }', path: [] };
  }
  const problem = checkObject(pattern, []);
  if (problem) return problem;
  const size = JSON.stringify(pattern).length;
  if (size > EVENT_PATTERN_MAX_CHARS) {
    return {
      message: `the pattern is ${size} characters as JSON; EventBridge allows ${EVENT_PATTERN_MAX_CHARS}`,
      hint: "match fewer values, or split it into several rules (the quota can be raised to 4096 on request)",
      path: [],
    };
  }
  return undefined;
}

function checkObject(object: Record<string, unknown>, path: Path): Problem | undefined {
  const keys = Object.keys(object);
  if (keys.length === 0) return { message: "an event pattern mapping cannot be empty", hint: "match at least one field, or remove the mapping", path };
  for (const key of keys) {
    const value = object[key];
    const at = [...path, key];
    if (key === "$or") {
      const problem = checkOr(value, at);
      if (problem) return problem;
      continue;
    }
    if (Array.isArray(value)) {
      const problem = checkMatchList(value, at);
      if (problem) return problem;
    } else if (isObject(value)) {
      const problem = checkObject(value, at);
      if (problem) return problem;
    } else {
      return {
        message: `"${key}" is ${describe(value)}; a pattern field is a list of values to match or a mapping of nested fields`,
        hint: `write it as a list, e.g. ${key}: [${JSON.stringify(value)}]`,
        path: at,
      };
    }
  }
  return undefined;
}

function checkOr(value: unknown, path: Path): Problem | undefined {
  if (!Array.isArray(value) || value.length < 2) {
    return { message: "$or takes a list of at least two patterns", hint: '$or: [{ detail-type: ["push"] }, { detail-type: ["release"] }]', path };
  }
  for (const [index, option] of value.entries()) {
    if (!isObject(option)) return { message: `$or item is ${describe(option)}; each is a pattern mapping`, hint: '$or: [{ detail-type: ["push"] }, { detail-type: ["release"] }]', path: [...path, index] };
    const problem = checkObject(option, [...path, index]);
    if (problem) return problem;
  }
  return undefined;
}

function checkMatchList(list: readonly unknown[], path: Path): Problem | undefined {
  if (list.length === 0) return { message: "an empty list matches nothing", hint: 'list at least one value, e.g. ["push"], or remove the field', path };
  for (const [index, item] of list.entries()) {
    const at = [...path, index];
    if (item === null || typeof item === "string" || typeof item === "boolean") continue;
    if (typeof item === "number") {
      if (!Number.isFinite(item)) return { message: `${item} is not a number EventBridge can match`, hint: "use a finite number", path: at };
      continue;
    }
    if (Array.isArray(item)) return { message: "a list inside a match list is not allowed", hint: "put the values in one list, e.g. [\"a\", \"b\"]", path: at };
    const problem = checkOperator(item as Record<string, unknown>, at);
    if (problem) return problem;
  }
  return undefined;
}

function checkOperator(operator: Record<string, unknown>, path: Path): Problem | undefined {
  const keys = Object.keys(operator);
  const known = `one of ${OPERATORS.join(", ")}`;
  if (keys.length !== 1) {
    return { message: `an operator mapping has exactly one key, not ${keys.length}`, hint: `write each operator in its own list item, e.g. [{ prefix: "a" }, { suffix: "b" }]; operators: ${known}`, path };
  }
  const name = keys[0]!;
  const value = operator[name];
  const at = [...path, name];
  switch (name) {
    case "prefix":
    case "suffix":
      return isStringOrIgnoreCase(value) ? undefined : { message: `${name} takes a string`, hint: `write { ${name}: "value" } or { ${name}: { equals-ignore-case: "value" } }`, path: at };
    case "equals-ignore-case":
    case "wildcard":
      return typeof value === "string" ? undefined : { message: `${name} takes a string`, hint: `write { ${name}: "value" }`, path: at };
    case "exists":
      return typeof value === "boolean" ? undefined : { message: "exists takes true or false", hint: "write { exists: true } or { exists: false }", path: at };
    case "cidr":
      return typeof value === "string" && isCidr(value) ? undefined : { message: `cidr takes an IPv4 or IPv6 block, not ${describe(value)}`, hint: 'write e.g. { cidr: "10.0.0.0/24" }', path: at };
    case "numeric":
      return checkNumeric(value, at);
    case "anything-but":
      return checkAnythingBut(value, at);
    default:
      return { message: `"${name}" is not an EventBridge pattern operator`, hint: `use ${known}; to match a nested field, write it as a mapping outside a list`, path: at };
  }
}

function isStringOrIgnoreCase(value: unknown): boolean {
  if (typeof value === "string") return true;
  return isObject(value) && Object.keys(value).length === 1 && typeof value["equals-ignore-case"] === "string";
}

function checkAnythingBut(value: unknown, path: Path): Problem | undefined {
  const hint = 'write { anything-but: "value" }, { anything-but: ["a", "b"] } or { anything-but: { prefix: "a" } }';
  if (typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) return undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return { message: "anything-but with an empty list excludes nothing", hint, path };
    const kinds = new Set(value.map((item) => typeof item));
    if ((kinds.size === 1 && (kinds.has("string") || kinds.has("number")))) return undefined;
    return { message: "anything-but takes a list of strings or a list of numbers", hint, path };
  }
  if (isObject(value)) {
    const keys = Object.keys(value);
    const inner = keys[0];
    if (keys.length === 1 && inner !== undefined && ANYTHING_BUT_OPERATORS.includes(inner)) {
      const operand = value[inner];
      const ok = typeof operand === "string" || (["equals-ignore-case", "wildcard"].includes(inner) && Array.isArray(operand) && operand.length > 0 && operand.every((item) => typeof item === "string"));
      return ok ? undefined : { message: `anything-but ${inner} takes a string`, hint, path: [...path, inner] };
    }
    return { message: `anything-but takes one of ${ANYTHING_BUT_OPERATORS.join(", ")} as a mapping`, hint, path };
  }
  return { message: `anything-but cannot take ${describe(value)}`, hint, path };
}

function checkNumeric(value: unknown, path: Path): Problem | undefined {
  const hint = 'write { numeric: [">", 0] } or a range { numeric: [">=", 0, "<", 100] }';
  if (!Array.isArray(value) || (value.length !== 2 && value.length !== 4)) return { message: "numeric takes one comparison or two (a range)", hint, path };
  for (let index = 0; index < value.length; index += 2) {
    const comparison = value[index];
    const bound = value[index + 1];
    if (typeof comparison !== "string" || !NUMERIC_COMPARISONS.has(comparison)) return { message: `${describe(comparison)} is not a numeric comparison`, hint: `use one of ${[...NUMERIC_COMPARISONS].join(" ")}`, path: [...path, index] };
    if (typeof bound !== "number" || !Number.isFinite(bound)) return { message: `numeric compares with numbers, not ${describe(bound)}`, hint, path: [...path, index + 1] };
  }
  if (value.length === 4) {
    const [low, lowBound, high, highBound] = value as [string, number, string, number];
    if (!low.startsWith(">") || !high.startsWith("<")) return { message: "a numeric range is a lower bound (> or >=) then an upper bound (< or <=)", hint, path };
    if (lowBound >= highBound) return { message: `the numeric range ${low} ${lowBound} ${high} ${highBound} is empty`, hint: "the lower bound must be below the upper bound", path };
  }
  return undefined;
}

function isCidr(text: string): boolean {
  const [address, bits, ...rest] = text.split("/");
  if (rest.length > 0 || address === undefined || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
  const prefix = Number(bits);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(address)) return prefix <= 32 && address.split(".").every((octet) => Number(octet) <= 255);
  if (address.includes(":") && /^[0-9a-fA-F:]+$/.test(address)) {
    const groups = address.split("::");
    if (groups.length > 2) return false;
    const count = groups.flatMap((group) => (group === "" ? [] : group.split(":"))).length;
    const valid = groups.every((group) => group === "" || group.split(":").every((part) => /^[0-9a-fA-F]{1,4}$/.test(part)));
    return valid && prefix <= 128 && (groups.length === 2 ? count < 8 : count === 8);
  }
  return false;
}
