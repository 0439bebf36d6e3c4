// Structural comparison of two JSON values: every leaf that differs, with a readable path
// (`health_check.path`, `setting[0].value`, `tags["platform:service"]`). Strings that hold JSON
// (IAM policies, ECS container definitions) are compared as the JSON they encode.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One difference at a path: `before` absent means added, `after` absent means removed. */
export interface ValueChange {
  path: string;
  before?: Json;
  after?: Json;
}

export const isObject = (value: unknown): value is JsonObject => typeof value === "object" && value !== null && !Array.isArray(value);

/** Same value, regardless of object key order. */
export function sameJson(a: Json | undefined, b: Json | undefined): boolean {
  return canonical(a) === canonical(b);
}

/** A stable text form (object keys sorted), used for equality and for matching list elements. */
export function canonical(value: Json | undefined): string {
  if (value === undefined) return "undefined";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (isObject(value)) {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** `a.b`, `a[0]`, or `a["odd:key"]` for keys that are not plain identifiers. */
export function childPath(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return path === "" ? key : `${path}.${key}`;
  return `${path}[${JSON.stringify(key)}]`;
}

/**
 * How deep the JSON the diff reads may nest. A stack platform synth writes is a dozen levels deep;
 * the comparison recurses, so deeper input is refused (a file) or compared as text (a string).
 */
export const MAX_JSON_DEPTH = 256;

/** Whether `value` nests objects and arrays deeper than `limit` (walked with an explicit stack). */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  const stack: Array<{ value: unknown; depth: number }> = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const { value: current, depth } = stack.pop()!;
    if (current === null || typeof current !== "object") continue;
    if (depth + 1 > limit) return true;
    for (const item of Array.isArray(current) ? current : Object.values(current)) {
      if (item !== null && typeof item === "object") stack.push({ value: item, depth: depth + 1 });
    }
  }
  return false;
}

/** The JSON a string encodes, when it is an object or array (an IAM policy, container definitions). */
export function decodeJsonString(value: string): Json[] | JsonObject | undefined {
  const trimmed = value.trimStart();
  if (!trimmed.startsWith("{") && !trimmed.startsWith("[")) return undefined;
  try {
    const parsed = JSON.parse(value) as unknown;
    if (nestedDeeperThan(parsed, MAX_JSON_DEPTH)) return undefined;
    return typeof parsed === "object" && parsed !== null ? (parsed as Json[] | JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/** Every difference between `before` and `after`, in path order. */
export function diffValues(before: Json | undefined, after: Json | undefined, path = ""): ValueChange[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ path, after }];
  if (after === undefined) return [{ path, before }];
  if (sameJson(before, after)) return [];

  if (typeof before === "string" && typeof after === "string") {
    const decodedBefore = decodeJsonString(before);
    const decodedAfter = decodeJsonString(after);
    if (decodedBefore !== undefined && decodedAfter !== undefined) return diffValues(decodedBefore, decodedAfter, path);
  }
  if (isObject(before) && isObject(after)) return diffObjects(before, after, path);
  if (Array.isArray(before) && Array.isArray(after)) return diffArrays(before, after, path);
  return [{ path, before, after }];
}

function diffObjects(before: JsonObject, after: JsonObject, path: string): ValueChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.flatMap((key) => diffValues(before[key], after[key], childPath(path, key)));
}

/** `environment[name="DATABASE_URL"]`: an element of a list of named blocks, by its name. */
export const namedPath = (path: string, name: string) => `${path}[name=${JSON.stringify(name)}]`;

/** The `name` of every element, when each is a block with a name of its own (containers, environment variables, volumes, settings). */
function namesOf(list: readonly Json[]): string[] | undefined {
  const names: string[] = [];
  for (const item of list) {
    if (!isObject(item) || typeof item.name !== "string") return undefined;
    names.push(item.name);
  }
  return new Set(names).size === names.length ? names : undefined;
}

/**
 * Lists of named blocks (ECS containers, their environment and secrets, volumes, settings) are
 * compared by name, so a change reads `environment[name="DATABASE_URL"].value`, not
 * `environment[3].value`, and adding a variable does not shift the others. Only when the names
 * kept keep their order: a reordering is reported by index, as the list Terraform compares.
 */
function diffNamedArrays(before: Json[], after: Json[], path: string): ValueChange[] | undefined {
  const beforeNames = namesOf(before);
  const afterNames = namesOf(after);
  if (!beforeNames || !afterNames) return undefined;
  const kept = new Set(afterNames);
  const keptBefore = beforeNames.filter((name) => kept.has(name));
  const common = new Set(keptBefore);
  const keptAfter = afterNames.filter((name) => common.has(name));
  if (keptBefore.some((name, index) => keptAfter[index] !== name)) return undefined;
  const old = new Map(beforeNames.map((name, index) => [name, before[index]!]));
  const changes = afterNames.flatMap((name, index) => diffValues(old.get(name), after[index], namedPath(path, name)));
  for (const [index, name] of beforeNames.entries()) if (!kept.has(name)) changes.push({ path: namedPath(path, name), before: before[index] });
  return changes;
}

/**
 * Lists are aligned on their longest common subsequence, so inserting one element reports one
 * addition instead of a change at every later index. Within a run of unmatched elements, removed
 * and added elements are paired in order and compared field by field (a changed block).
 */
function diffArrays(before: Json[], after: Json[], path: string): ValueChange[] {
  const named = diffNamedArrays(before, after, path);
  if (named) return named;
  const a = before.map(canonical);
  const b = after.map(canonical);
  // lengths[i][j] = LCS length of a[i..] and b[j..]
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lengths[i]![j] = a[i] === b[j] ? lengths[i + 1]![j + 1]! + 1 : Math.max(lengths[i + 1]![j]!, lengths[i]![j + 1]!);
    }
  }

  const changes: ValueChange[] = [];
  let removed: number[] = [];
  let added: number[] = [];
  const flush = () => {
    const paired = Math.min(removed.length, added.length);
    for (let k = 0; k < paired; k++) changes.push(...diffValues(before[removed[k]!], after[added[k]!], childPath(path, added[k]!)));
    for (const i of removed.slice(paired)) changes.push({ path: childPath(path, i), before: before[i] });
    for (const j of added.slice(paired)) changes.push({ path: childPath(path, j), after: after[j] });
    removed = [];
    added = [];
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      flush();
      i++;
      j++;
    } else if (j >= b.length || (i < a.length && lengths[i + 1]![j]! >= lengths[i]![j + 1]!)) {
      removed.push(i++);
    } else {
      added.push(j++);
    }
  }
  flush();
  return changes;
}

/** The path without list indexes or element names: `setting[0].value`, `volume[name="data"].name` -> `setting.value`, `volume.name`. */
export function schemaPath(path: string): string {
  return path
    .replace(/\[\d+\]/g, "")
    .replace(/\[name="(?:[^"\\]|\\.)*"\]/g, "")
    .replace(/^\./, "");
}

/**
 * Where a block's `overrides:` record (the engine's `//.platformOverride`: reason, paths, allowed
 * rules) is kept once the rest of the `//` metadata is stripped; compareStack takes it out again.
 */
export const OVERRIDE_KEY = "//override";
/** The key under `//` the engine writes it at (src/engine/overrides.ts, OVERRIDE_COMMENT_KEY; not imported, which would load cdktf). */
const OVERRIDE_COMMENT_KEY = "platformOverride";

/** Removes cdktf's `//` metadata blocks at every level, keeping an override record under OVERRIDE_KEY. */
export function stripMetadata(value: Json): Json {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (!isObject(value)) return value;
  const result: JsonObject = {};
  for (const [key, child] of Object.entries(value)) {
    if (key !== "//") result[key] = stripMetadata(child);
    else if (isObject(child) && isObject(child[OVERRIDE_COMMENT_KEY])) result[OVERRIDE_KEY] = child[OVERRIDE_COMMENT_KEY];
  }
  return result;
}

/** A block's body without its override record, and the record. */
export function splitOverride(body: Json): { body: Json; override?: JsonObject } {
  if (!isObject(body) || !isObject(body[OVERRIDE_KEY])) return { body };
  const { [OVERRIDE_KEY]: override, ...rest } = body;
  return { body: rest, override: override as JsonObject };
}
