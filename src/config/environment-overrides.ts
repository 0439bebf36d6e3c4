// An environment's `overrides:` (under `environments.<env>`), merged onto the top-level patches by
// resource address before the merged document is checked, so the schema, the shape checks and the
// checks against the built stack all read the effective patches, and every value keeps the path it
// was written at (the top-level patch's or the overlay's), for positions and for the path a
// diagnostic names. Runs on the parsed YAML, before the schema: values of the wrong shape pass
// through unmerged, to be reported at the line that wrote them.
//
// The rules (docs/spec.md, "Per-environment overrides"):
// - a patch of an address the top level does not patch is added;
// - a patch of an address it patches is merged into that patch: `set` paths by path (the overlay's
//   value wins; `null` takes the top-level path back, so this environment does not get it), `remove`
//   paths added (a path the overlay sets is no longer removed, one it removes is no longer set),
//   `allowPolicies` by rule (the overlay's reason wins for a rule both list); the overlay's `reason`
//   is optional and, when given, is appended to the top-level one: `<top-level>; <env>: <overlay>`;
// - a top-level patch left with nothing to set or remove (every path taken back) is dropped;
// - `overrides: null` in the overlay drops every top-level patch for the environment.
// Paths are matched as written (`tags.team` and `tags["team"]` are two spellings, not one).
import type { SpecPath } from "./diagnostics.js";
import { isMapping, setOwn } from "./plain-data.js";

type Json = unknown;
type Mapping = Record<string, Json>;

/** Records the origin of a merged value and of everything below it. */
export type RecordTree = (value: Json, merged: SpecPath, origin: SpecPath) => void;

/** A merged value and how to record its origins once its final place is known. */
interface Placed {
  value: Json;
  record: (at: SpecPath) => void;
}

const placed = (value: Json, origin: SpecPath, recordTree: RecordTree): Placed => ({ value, record: (at) => recordTree(value, at, origin) });

/**
 * The effective `overrides` of an environment: `base` (the top-level list, undefined when absent)
 * merged with `over` (the overlay's). Returns undefined when the environment has none; records the
 * origin of every merged value under `["overrides", ...]`.
 */
export function mergeEnvironmentOverrides(base: Json, over: Json, environment: string, recordTree: RecordTree): Json {
  const baseOrigin: SpecPath = ["overrides"];
  const overOrigin: SpecPath = ["environments", environment, "overrides"];
  if (over === null) return undefined;
  if (base === undefined || !Array.isArray(base) || !Array.isArray(over)) {
    recordTree(over, ["overrides"], overOrigin);
    return over;
  }
  const entries: Array<Placed | undefined> = base.map((patch, i) => placed(patch, [...baseOrigin, i], recordTree));
  const targets = new Map<string, number>();
  base.forEach((patch, i) => {
    if (isMapping(patch) && typeof patch.resource === "string" && !targets.has(patch.resource)) targets.set(patch.resource, i);
  });
  const merged = new Set<number>();
  over.forEach((patch, j) => {
    const origin = [...overOrigin, j];
    const target = isMapping(patch) && typeof patch.resource === "string" ? targets.get(patch.resource) : undefined;
    // A second overlay patch of one address is not merged again: the shape check reports the duplicate.
    if (target === undefined || merged.has(target) || !isMapping(base[target]) || !isMapping(patch)) {
      entries.push(placed(patch, origin, recordTree));
      return;
    }
    merged.add(target);
    entries[target] = mergePatch(base[target] as Mapping, patch, environment, [...baseOrigin, target], origin, recordTree);
  });
  const kept = entries.filter((entry): entry is Placed => entry !== undefined);
  recordTree(undefined, ["overrides"], baseOrigin);
  kept.forEach((entry, i) => entry.record(["overrides", i]));
  return kept.map((entry) => entry.value);
}

/** One top-level patch with the overlay's patch of the same address; undefined when nothing is left of it. */
function mergePatch(base: Mapping, over: Mapping, environment: string, baseOrigin: SpecPath, overOrigin: SpecPath, recordTree: RecordTree): Placed | undefined {
  const value: Mapping = {};
  const records: Array<(at: SpecPath) => void> = [];
  const take = (key: string, v: Json, origin: SpecPath) => {
    setOwn(value, key, v);
    records.push((at) => recordTree(v, [...at, key], origin));
  };
  const from = (key: string) => (Object.hasOwn(over, key) ? over : base);
  const originOf = (key: string) => [...(Object.hasOwn(over, key) ? overOrigin : baseOrigin), key];
  const baseSet = isMapping(base.set) ? base.set : undefined;
  const overSet = isMapping(over.set) ? over.set : undefined;
  const baseRemove = Array.isArray(base.remove) ? base.remove : undefined;
  const overRemove = Array.isArray(over.remove) ? over.remove : undefined;
  const setByOverlay = (path: Json) => typeof path === "string" && overSet !== undefined && Object.hasOwn(overSet, path) && overSet[path] !== null;
  let tookBack = false;

  for (const key of [...Object.keys(base), ...Object.keys(over).filter((k) => !Object.hasOwn(base, k))]) {
    if (key === "resource") {
      take(key, base.resource, [...baseOrigin, key]);
    } else if (key === "reason") {
      const both = typeof base.reason === "string" && typeof over.reason === "string";
      take(key, both ? `${base.reason as string}; ${environment}: ${over.reason as string}` : from(key).reason, originOf(key));
    } else if (key === "set" && (baseSet || !Object.hasOwn(base, "set")) && (overSet || !Object.hasOwn(over, "set"))) {
      // Each path keeps the position of the patch that wrote its value.
      const set: Mapping = {};
      const origins: Array<[string, SpecPath]> = [];
      for (const [path, v] of Object.entries(baseSet ?? {})) {
        if (overRemove?.includes(path)) continue;
        if (overSet && Object.hasOwn(overSet, path)) {
          if (overSet[path] === null) {
            tookBack = true;
            continue;
          }
          setOwn(set, path, overSet[path]);
          origins.push([path, [...overOrigin, "set", path]]);
        } else {
          setOwn(set, path, v);
          origins.push([path, [...baseOrigin, "set", path]]);
        }
      }
      for (const [path, v] of Object.entries(overSet ?? {})) {
        if (baseSet && Object.hasOwn(baseSet, path)) continue;
        setOwn(set, path, v); // a null here takes back nothing: the shape check reports it
        origins.push([path, [...overOrigin, "set", path]]);
      }
      if (origins.length === 0) continue;
      value.set = set;
      const setOrigin = [...(baseSet ? baseOrigin : overOrigin), "set"];
      records.push((at) => {
        recordTree(undefined, [...at, "set"], setOrigin);
        for (const [path, origin] of origins) recordTree(set[path], [...at, "set", path], origin);
      });
    } else if (key === "remove" && (baseRemove || !Object.hasOwn(base, "remove")) && (overRemove || !Object.hasOwn(over, "remove"))) {
      const remove: Json[] = [];
      const origins: SpecPath[] = [];
      (baseRemove ?? []).forEach((path, n) => {
        if (setByOverlay(path)) return;
        remove.push(path);
        origins.push([...baseOrigin, "remove", n]);
      });
      (overRemove ?? []).forEach((path, n) => {
        if (typeof path === "string" && remove.includes(path)) return;
        remove.push(path);
        origins.push([...overOrigin, "remove", n]);
      });
      if (remove.length === 0) continue;
      value.remove = remove;
      const removeOrigin = [...(baseRemove ? baseOrigin : overOrigin), "remove"];
      records.push((at) => {
        recordTree(undefined, [...at, "remove"], removeOrigin);
        remove.forEach((path, n) => recordTree(path, [...at, "remove", n], origins[n]!));
      });
    } else if (key === "allowPolicies" && Array.isArray(base.allowPolicies ?? []) && Array.isArray(over.allowPolicies ?? [])) {
      const rules: Array<{ entry: Json; origin: SpecPath }> = ((base.allowPolicies ?? []) as Json[]).map((entry, n) => ({ entry, origin: [...baseOrigin, "allowPolicies", n] }));
      ((over.allowPolicies ?? []) as Json[]).forEach((entry, n) => {
        const origin = [...overOrigin, "allowPolicies", n];
        const rule = isMapping(entry) ? entry.rule : undefined;
        const same = typeof rule === "string" ? rules.findIndex((known) => isMapping(known.entry) && known.entry.rule === rule) : -1;
        if (same >= 0) rules[same] = { entry, origin };
        else rules.push({ entry, origin });
      });
      value.allowPolicies = rules.map((known) => known.entry);
      const listOrigin = [...(Object.hasOwn(base, "allowPolicies") ? baseOrigin : overOrigin), "allowPolicies"];
      records.push((at) => {
        recordTree(undefined, [...at, "allowPolicies"], listOrigin);
        rules.forEach((known, n) => recordTree(known.entry, [...at, "allowPolicies", n], known.origin));
      });
    } else {
      // Anything else (an unknown key, a value of the wrong shape): the overlay's as written.
      take(key, from(key)[key], originOf(key));
    }
  }
  // Every path taken back: this environment does not get the patch at all.
  if (tookBack && value.set === undefined && value.remove === undefined) return undefined;
  return {
    value,
    record: (at) => {
      recordTree(undefined, at, baseOrigin);
      for (const record of records) record(at);
    },
  };
}
