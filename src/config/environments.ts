// `environments:`: per-environment overlays of `spec`, merged onto the base spec. The merged
// document keeps, for every value, the path where it was written (the base's `spec...` or the
// overlay's `environments.<env>...`), so every diagnostic about a merged value points at the
// line that wrote it.
import { Document, isMap, isScalar, isSeq } from "yaml";
import type { Diagnostic, SpecPath } from "./diagnostics.js";
import { formatPath, pointRange } from "./diagnostics.js";
import { mergeEnvironmentOverrides } from "./environment-overrides.js";
import { closest } from "./suggest.js";
import type { YamlSource } from "./yaml-source.js";
import { echo } from "../support/echo.js";
import { PlatformSpec } from "../../schema/index.js";
import { isMapping, setOwn } from "./plain-data.js";
import { unknownKey } from "./schema-check.js";

/**
 * Longest environment name. A service name has up to 40 characters; `<service>-<env>` (the
 * environment's stack name, DNS label and name prefix) then has at most 53, which stays a valid
 * DNS label (63) and leaves room for the suffixes of the names that are not shortened.
 */
export const MAX_ENVIRONMENT_NAME_LENGTH = 12;

/** Lists of named items (paths under `spec`): an overlay's items merge into the base's by `name`. */
export const NAMED_LISTS: ReadonlyArray<SpecPath> = [["lambda", "functions"]];

/** Keys an overlay may not hold: the service's identity is the same in every environment. */
const IDENTITY_KEYS = ["metadata", "apiVersion", "kind", "name"] as const;

type Json = unknown;
const key = (path: SpecPath) => JSON.stringify(path);

/** The environments a parsed spec declares, in the order written (empty when it declares none). */
export function environmentNames(value: Json): string[] {
  const environments = isMapping(value) ? value.environments : undefined;
  return isMapping(environments) ? Object.keys(environments) : [];
}

/** Problems of the `environments:` block the schema cannot state: name length and identity overrides. */
export function checkEnvironmentBlock(source: YamlSource): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const environments = isMapping(source.value) ? source.value.environments : undefined;
  if (!isMapping(environments)) return diagnostics;
  const add = (path: SpecPath, message: string, hint: string) => {
    const { line, column } = source.positionOf(path, "key");
    diagnostics.push({ severity: "error", code: "environments/invalid", file: source.file, ...pointRange(line, column), path: formatPath(path), message, hint });
  };
  for (const [name, overlay] of Object.entries(environments)) {
    if (name.length > MAX_ENVIRONMENT_NAME_LENGTH) {
      add(
        ["environments", name],
        `environment name ${echo(name)} is ${name.length} characters long; at most ${MAX_ENVIRONMENT_NAME_LENGTH} are allowed`,
        `the environment's AWS names are <service>-<environment>; use a short name such as dev, staging or prod`,
      );
    }
    if (!isMapping(overlay)) continue;
    for (const identity of IDENTITY_KEYS) {
      if (!(identity in overlay)) continue;
      add(
        ["environments", name, identity],
        `environment ${echo(name)} cannot override ${identity === "name" ? "metadata.name" : identity}: the service's identity is the same in every environment`,
        `an environment's stack is named <service>-${name} already; an overlay holds only spec sections (compute, database, ...)`,
      );
    }
  }
  return diagnostics;
}

/** A schema node of the spec, as far as the null check below reads it. */
type SchemaNode = { properties?: Record<string, SchemaNode>; items?: SchemaNode; patternProperties?: unknown; additionalProperties?: unknown };
/** A schema node whose keys the check cannot tell (a map, a union): everything below it counts as known. */
const OPAQUE: SchemaNode = {};

function schemaChild(schema: SchemaNode, key: string): SchemaNode | undefined {
  if (schema === OPAQUE) return OPAQUE;
  if (schema.properties && Object.hasOwn(schema.properties, key)) return schema.properties[key];
  if (schema.patternProperties !== undefined || (schema.additionalProperties !== undefined && schema.additionalProperties !== false)) return OPAQUE;
  return schema.properties ? undefined : OPAQUE;
}

/** The parsed document and one environment's overlay in it (undefined when it has none). */
function overlayOf(source: YamlSource, environment: string): { document: Record<string, Json>; overlay: Json } {
  const document = isMapping(source.value) ? source.value : {};
  const environments = isMapping(document.environments) ? document.environments : {};
  return { document, overlay: Object.hasOwn(environments, environment) ? environments[environment] : undefined };
}

/** The value at `path` under `root` (own keys only), or undefined. */
const valueAt = (root: Json, path: SpecPath): Json => path.reduce<Json>((value, segment) => (isMapping(value) && Object.hasOwn(value, segment) ? value[segment as string] : undefined), root);

/**
 * A `null` in an environment's overlay removes the field from the merged spec, so the merged spec's
 * schema check never sees its key: a null under a misspelt key (`databse: null`) would pass as a
 * removal of nothing. Each null whose key the base does not set is an unknown field (an error with a
 * did-you-mean, as the schema check words it) or, for a known field, a no-op warning.
 */
export function checkOverlayNulls(source: YamlSource, environment: string): Diagnostic[] {
  const { document, overlay } = overlayOf(source, environment);
  const specSchema = (PlatformSpec as unknown as SchemaNode).properties?.spec ?? OPAQUE;
  const diagnostics: Diagnostic[] = [];
  const walk = (over: Json, base: Json, schema: SchemaNode, merged: SpecPath, written: SpecPath) => {
    if (Array.isArray(over) && Array.isArray(base) && isNamedList(merged.slice(1)) && schema.items) {
      let added = base.length;
      over.forEach((item, j) => {
        const i = hasName(item) ? base.findIndex((each) => hasName(each) && (each as { name: string }).name === (item as { name: string }).name) : -1;
        walk(item, i >= 0 ? base[i] : undefined, schema.items!, [...merged, i >= 0 ? i : added++], [...written, j]);
      });
      return;
    }
    if (!isMapping(over)) return;
    for (const [k, v] of Object.entries(over)) {
      if (merged.length === 1 && k === "overrides") continue; // the overlay's patches, not a spec section
      const child = schemaChild(schema, k);
      const inBase = isMapping(base) && Object.hasOwn(base, k);
      if (v === null && !inBase) {
        const { line, column } = source.positionOf(["environments", environment, ...written, k], "key");
        const path = formatPath([...merged, k]);
        if (child === undefined) {
          const known = Object.keys(schema.properties ?? {});
          diagnostics.push({
            severity: "error",
            ...unknownKey(k, known, merged.length === 1),
            file: source.file,
            ...pointRange(line, column),
            path,
            ...(known.length > 0 ? { hint: `allowed here: ${known.join(", ")}` } : {}),
          });
        } else {
          diagnostics.push({
            severity: "warning",
            code: "environments/no-op",
            file: source.file,
            ...pointRange(line, column),
            path,
            message: `null removes nothing: the base spec does not set ${k}`,
            hint: "remove the line (null takes out a field the base spec sets)",
          });
        }
        continue;
      }
      if (v === null || child === undefined || child === OPAQUE) continue;
      walk(v, isMapping(base) ? base[k] : undefined, child, [...merged, k], [...written, k]);
    }
  };
  if (isMapping(overlay)) walk(overlay, document.spec, specSchema, ["spec"], []);
  return diagnostics;
}

/**
 * Empty lists in an environment's overlay that merge nothing: `overrides: []` (the top-level patches
 * merge by address) and an empty list of named items (`lambda.functions: []`, merged by name). Each
 * reads like "none here" but keeps the base's; a warning naming what does remove them (`null`).
 */
export function checkOverlayNoOps(source: YamlSource, environment: string): Diagnostic[] {
  const { document, overlay } = overlayOf(source, environment);
  if (!isMapping(overlay)) return [];
  const diagnostics: Diagnostic[] = [];
  const add = (path: SpecPath, message: string, hint: string) => {
    const { line, column } = source.positionOf(path, "value");
    diagnostics.push({ severity: "warning", code: "environments/no-op", file: source.file, ...pointRange(line, column), path: formatPath(path), message, hint });
  };
  const topLevel = Array.isArray(document.overrides) ? document.overrides.length : 0;
  if (Array.isArray(overlay.overrides) && overlay.overrides.length === 0 && topLevel > 0) {
    add(
      ["environments", environment, "overrides"],
      `an empty overrides: list adds no patch: the ${topLevel === 1 ? "top-level patch stays" : `${topLevel} top-level patches stay`}`,
      "write overrides: null to drop the top-level patches for this environment, or remove the line",
    );
  }
  // The same for a list of named items: an empty one names no item, so every base item stays.
  for (const list of NAMED_LISTS) {
    const base = valueAt(document.spec, list);
    const over = valueAt(overlay, list);
    if (!Array.isArray(base) || base.length === 0 || !Array.isArray(over) || over.length > 0) continue;
    add(
      ["environments", environment, ...list],
      `an empty ${formatPath(list)} list adds nothing: its items merge by name, so the base's ${base.length === 1 ? "1 item stays" : `${base.length} items stay`}`,
      `to leave the section out in this environment, write ${String(list[0])}: null`,
    );
  }
  return diagnostics;
}

/**
 * Items of a named list (NAMED_LISTS) that an environment's overlay writes as a change (without
 * the required `image`) under a name close to a base item's: most likely a misspelt name meant to
 * change that item, which otherwise fails only on the fields a new item lacks. A warning with a
 * did-you-mean, at the overlay's `name`.
 */
export function checkNamedItems(source: YamlSource, environment: string): Diagnostic[] {
  const { document, overlay } = overlayOf(source, environment);
  const diagnostics: Diagnostic[] = [];
  for (const list of NAMED_LISTS) {
    const base = valueAt(document.spec, list);
    const over = valueAt(overlay, list);
    if (!Array.isArray(base) || !Array.isArray(over)) continue;
    const baseNames = base.filter(hasName).map((item) => (item as { name: string }).name);
    over.forEach((item, j) => {
      if (!hasName(item)) return;
      const name = (item as { name: string }).name;
      // A complete item (with its required image) is a new one as written; one written as a change
      // (without it) under a close name is most likely a misspelt name.
      if (baseNames.includes(name) || Object.hasOwn(item as object, "image")) return;
      const suggestion = closest(name, baseNames);
      if (suggestion === undefined) return;
      const path: SpecPath = ["environments", environment, ...list, j, "name"];
      const { line, column } = source.positionOf(path, "value");
      diagnostics.push({
        severity: "warning",
        code: "environments/new-item",
        file: source.file,
        ...pointRange(line, column),
        path: formatPath(path),
        message: `${formatPath(list)} item ${echo(name)} names no item of the base spec, so it adds a new one; did you mean "${suggestion}"?`,
        hint: `an overlay's item is merged into the base item of the same name: write name: ${suggestion} to change that one`,
      });
    });
  }
  return diagnostics;
}

export interface MergedSpec {
  /** The merged document: apiVersion, kind, metadata and the merged spec (no `environments`). */
  source: YamlSource;
}

/**
 * The document of one environment: the base spec with the overlay merged in (mappings deep-merge,
 * scalars replace, lists replace wholesale except NAMED_LISTS, which merge by `name`; an explicit
 * null removes the field). Positions come from the source line of each value.
 */
export function mergeEnvironment(source: YamlSource, environment: string): YamlSource {
  const document = source.value as Record<string, Json>;
  const overlay = (document.environments as Record<string, Json>)[environment];
  const origins = new Map<string, SpecPath>();
  const recordTree = (value: Json, merged: SpecPath, origin: SpecPath) => {
    origins.set(key(merged), origin);
    if (Array.isArray(value)) value.forEach((item, i) => recordTree(item, [...merged, i], [...origin, i]));
    else if (isMapping(value)) for (const [k, v] of Object.entries(value)) recordTree(v, [...merged, k], [...origin, k]);
  };

  const merge = (base: Json, over: Json, merged: SpecPath, baseOrigin: SpecPath, overOrigin: SpecPath, specPath: SpecPath): Json => {
    if (isMapping(base) && isMapping(over)) {
      origins.set(key(merged), baseOrigin);
      // Own keys only, set as own properties: an overlay's `toString`, `constructor` or `__proto__`
      // is a key like any other (and then an unknown field), never an inherited member or the prototype.
      const out: Record<string, Json> = {};
      for (const [k, v] of Object.entries(base)) {
        if (Object.hasOwn(over, k)) continue;
        setOwn(out, k, v);
        recordTree(v, [...merged, k], [...baseOrigin, k]);
      }
      for (const [k, v] of Object.entries(over)) {
        if (v === null) {
          // Removed: a diagnostic about the missing field points at the `null` that removed it.
          origins.set(key([...merged, k]), [...overOrigin, k]);
          continue;
        }
        const inBase = Object.hasOwn(base, k);
        setOwn(out, k, inBase ? merge(base[k], v, [...merged, k], [...baseOrigin, k], [...overOrigin, k], [...specPath, k]) : v);
        if (!inBase) recordTree(v, [...merged, k], [...overOrigin, k]);
      }
      // Keys keep the base's order, then the overlay's new ones.
      const ordered: Record<string, Json> = {};
      for (const k of Object.keys(base)) if (Object.hasOwn(out, k)) setOwn(ordered, k, out[k]);
      for (const k of Object.keys(out)) if (!Object.hasOwn(ordered, k)) setOwn(ordered, k, out[k]);
      return ordered;
    }
    if (Array.isArray(base) && Array.isArray(over) && isNamedList(specPath) && over.every(hasName) && base.every(hasName)) {
      origins.set(key(merged), baseOrigin);
      const out: Json[] = [];
      const overByName = new Map(over.map((item, i) => [(item as { name: string }).name, i]));
      base.forEach((item, i) => {
        const j = overByName.get((item as { name: string }).name);
        const at = [...merged, out.length];
        out.push(j === undefined ? item : merge(item, over[j], at, [...baseOrigin, i], [...overOrigin, j], [...specPath, i]));
        if (j === undefined) recordTree(item, at, [...baseOrigin, i]);
      });
      const baseNames = new Set(base.map((item) => (item as { name: string }).name));
      over.forEach((item, j) => {
        if (baseNames.has((item as { name: string }).name)) return;
        recordTree(item, [...merged, out.length], [...overOrigin, j]);
        out.push(item);
      });
      return out;
    }
    recordTree(over, merged, overOrigin);
    return over;
  };

  const baseSpec = document.spec;
  // The overlay's `overrides:` is not part of `spec`: it merges into the top-level patches.
  const { overrides: overlayOverrides, ...specOverlay } = isMapping(overlay) ? overlay : {};
  const overridesInOverlay = isMapping(overlay) && "overrides" in overlay;
  const spec = isMapping(overlay) ? merge(baseSpec, specOverlay, ["spec"], ["spec"], ["environments", environment], []) : baseSpec;
  if (!isMapping(overlay)) recordTree(baseSpec, ["spec"], ["spec"]);
  const value: Record<string, Json> = {};
  const overrides = overridesInOverlay ? mergeEnvironmentOverrides(document.overrides, overlayOverrides, environment, recordTree) : document.overrides;
  for (const [k, v] of Object.entries(document)) {
    if (k === "environments" || (k === "overrides" && overridesInOverlay)) continue;
    value[k] = k === "spec" ? spec : v;
    if (k !== "spec") recordTree(v, [k], [k]);
  }
  if (overridesInOverlay) {
    if (overrides !== undefined) value.overrides = overrides;
    // `overrides: null` removed them all: a diagnostic about them points at that null.
    else origins.set(key(["overrides"]), ["environments", environment, "overrides"]);
  }

  const originOf = (path: SpecPath): SpecPath => {
    for (let length = path.length; length >= 0; length--) {
      const found = origins.get(key(path.slice(0, length)));
      if (found) return [...found, ...path.slice(length)];
    }
    return path;
  };
  return {
    file: source.file,
    value,
    positionOf: (path, at) => source.positionOf(originOf(path), at),
    ...(source.positionInString ? { positionInString: (path: SpecPath, offset: number) => source.positionInString!(originOf(path), offset) } : {}),
    sourceText: (path) => source.sourceText?.(originOf(path)),
    originOf,
    // An environment's patches are named by the path that wrote them (`environments.prod.overrides[0]`),
    // not by their place in the merged list, which the file does not show; spec values keep their
    // merged path (`spec.compute.cpu`), which is the field the value sets.
    displayPathOf: (path: SpecPath) => (path[0] === "overrides" ? originOf(path) : path),
  } as YamlSource & { originOf: (path: SpecPath) => SpecPath };
}

const hasName = (item: Json) => isMapping(item) && typeof item.name === "string";
const isNamedList = (path: SpecPath) => NAMED_LISTS.some((named) => named.length === path.length && named.every((segment, i) => segment === path[i]));

/** An error for an environment the spec does not declare, with a did-you-mean. */
export function unknownEnvironment(file: string, environment: string, declared: readonly string[], at = { line: 0, column: 0 }): Diagnostic {
  const suggestion = closest(environment, declared);
  return {
    severity: "error",
    code: "environments/unknown",
    file,
    ...pointRange(at.line, at.column),
    path: "environments",
    message: `unknown environment ${echo(environment)}${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
    hint: declared.length > 0 ? `environments of this spec: ${declared.join(", ")}` : "this spec declares no environments: leave out --env, or add an environments: block",
  };
}

/** Tags a diagnostic of an environment's merged spec with the environment's name. */
export function inEnvironment(environment: string, diagnostic: Diagnostic): Diagnostic {
  return { ...diagnostic, message: `environment "${environment}": ${diagnostic.message}` };
}

/**
 * The document as YAML (for `platform render`); with `origins`, each scalar carries a comment
 * naming the file and line it was written at.
 */
export function renderDocument(source: YamlSource, origins: boolean): string {
  const document = new Document(source.value);
  if (origins) {
    const annotate = (node: unknown, path: SpecPath) => {
      if (isMap(node)) {
        for (const pair of node.items) if (isScalar(pair.key)) annotate(pair.value, [...path, String(pair.key.value)]);
      } else if (isSeq(node)) {
        node.items.forEach((item, i) => annotate(item, [...path, i]));
      } else if (isScalar(node)) {
        const { line } = source.positionOf(path, "value");
        node.comment = ` ${source.file}:${line}`;
      }
    };
    annotate(document.contents, []);
  }
  return document.toString({ lineWidth: 0 });
}
