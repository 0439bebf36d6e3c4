// Applies `overrides:` to a built stack, after the last phase and before the policy checks (called at
// the end of buildStack, so `platform synth`, `platform validate --policy`, the cdktf app and
// `platform preview` all see the patched stack, and the policy checks read it like any other).
// Each patch is checked against the stack first, with positions in the spec: the address must be a
// resource of the stack, the first segment of each path an argument or block of its type (read from
// the provider binding, see attributeSchemaOf), a value of the kind the argument takes, and nothing it
// changes may be wired by the engine (a value holding a Terraform reference, ids and ARNs, arguments
// the engine itself overrides). Patched arguments are rendered from the resolved values, with every
// string the spec gives escaped as at the build's boundary (src/engine/literal.ts), so it stays data.
import {
  attributeSchemaOf,
  overriddenArguments,
  replaceArguments,
  resolveTokens,
  terraformArguments,
  TerraformResource,
  type AttributeSchema,
  type TerraformStack,
} from "../../providers/cdktf.js";
import { formatPath, type Diagnostic, type SpecPath } from "../config/diagnostics.js";
import { inEnvironment } from "../config/environments.js";
import type { Override, PlatformConfig } from "../config/platform-config.js";
import { closest } from "../config/suggest.js";
import { allowByOverride } from "../policy/index.js";
import { splitExpressions } from "../policy/values.js";
import { escapeStrings } from "./literal.js";
import { formatAttributePath, parseAttributePath, type PathSegment } from "./override-paths.js";

/** Arguments Terraform or the engine owns whatever their value: the resource's identity and the provider's computed tags. */
const MANAGED_ARGUMENTS: Readonly<Record<string, string>> = {
  id: "the resource's id is Terraform's to set",
  arn: "an ARN is assigned by AWS",
  tags_all: "tags_all is computed by the provider from tags and the default tags",
};

/** What the rendered stack records about a patch, in the resource's `//` comment block (Terraform ignores it); `platform diff` reads it. */
export interface AppliedOverride {
  reason: string;
  set?: string[];
  remove?: string[];
  allowPolicies?: Array<{ rule: string; reason: string }>;
}

/** The key under a resource's `//` block that holds its AppliedOverride. */
export const OVERRIDE_COMMENT_KEY = "platformOverride";

type Json = unknown;

class PatchError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Every resource of the stack by its Terraform address. */
function resourcesByAddress(stack: TerraformStack): Map<string, TerraformResource> {
  const byAddress = new Map<string, TerraformResource>();
  for (const node of stack.node.children) {
    if (TerraformResource.isTerraformResource(node)) byAddress.set(`${node.terraformResourceType}.${node.friendlyUniqueId}`, node);
  }
  return byAddress;
}

/** Checks the spec's patches against the built stack and applies them; returns the errors (then nothing is applied). */
export function applyOverrides(stack: TerraformStack, config: PlatformConfig): Diagnostic[] {
  if (config.overrides.length === 0) return [];
  const diagnostics: Diagnostic[] = [];
  const error = (path: SpecPath, message: string, hint?: string, where: "key" | "value" = "value") => {
    const named = formatPath(config.displayPath?.(path) ?? path);
    diagnostics.push({ severity: "error", code: "overrides/not-applicable", file: config.file, ...config.locate(path, where), path: named, message, ...(hint ? { hint } : {}) });
  };
  const resources = resourcesByAddress(stack);
  const planned: Array<() => void> = [];
  for (const [index, patch] of config.overrides.entries()) {
    const resource = resources.get(patch.resource);
    if (!resource) {
      const near = closest(patch.resource, resources.keys());
      const type = patch.resource.slice(0, patch.resource.indexOf("."));
      const sameType = [...resources.keys()].filter((address) => address.startsWith(`${type}.`));
      error(
        ["overrides", index, "resource"],
        `no resource ${patch.resource} in the stack of ${config.serviceName}`,
        near ? `did you mean ${near}?` : sameType.length > 0 ? `the stack's ${type} resources: ${sameType.join(", ")}` : "`platform preview` lists the stack's resources",
      );
      continue;
    }
    const apply = planPatch(stack, resource, patch, index, error);
    if (apply) planned.push(apply);
  }
  if (diagnostics.length === 0) for (const apply of planned) apply();
  // An environment's stack: every problem names the environment, as its spec checks do.
  return config.environment === undefined ? diagnostics : diagnostics.map((d) => inEnvironment(config.environment!, d));
}

type ErrorAt = (path: SpecPath, message: string, hint?: string, where?: "key" | "value") => void;

/** Checks one patch; returns the function that applies it when it is sound. */
function planPatch(stack: TerraformStack, resource: TerraformResource, patch: Override, index: number, error: ErrorAt): (() => void) | undefined {
  const schema = attributeSchemaOf(resource);
  const type = resource.terraformResourceType;
  const engineOverridden = new Set(overriddenArguments(resource));
  let current: Record<string, Json> | undefined;
  const currentArguments = () => (current ??= resolveTokens(stack, terraformArguments(resource)) as Record<string, Json>);
  const replacements = new Map<string, Json>();
  const valueOf = (name: string): Json => (replacements.has(name) ? replacements.get(name) : structuredClone(currentArguments()[name]));
  let sound = true;

  const changes: Array<{ path: string; at: SpecPath; where: "key" | "value"; value?: Json; remove: boolean }> = [
    ...Object.entries(patch.set ?? {}).map(([path, value]) => ({ path, at: ["overrides", index, "set", path] as SpecPath, where: "key" as const, value, remove: false })),
    ...(patch.remove ?? []).map((path, position) => ({ path, at: ["overrides", index, "remove", position] as SpecPath, where: "value" as const, remove: true })),
  ];
  for (const change of changes) {
    const parsed = parseAttributePath(change.path);
    if ("problem" in parsed) {
      sound = false; // reported by the shape check
      continue;
    }
    const [first, ...rest] = parsed.segments as [{ key: string }, ...PathSegment[]];
    const name = first.key;
    const attribute = schema.get(name);
    if (!attribute) {
      const near = closest(name, [...schema.keys()].filter((candidate) => !(candidate in MANAGED_ARGUMENTS)));
      error(change.at, `${type} has no argument or block "${name}"`, near ? `did you mean ${near}?` : `see the ${type} page of the provider docs`, change.where);
      sound = false;
      continue;
    }
    const managed = MANAGED_ARGUMENTS[name] ?? (engineOverridden.has(name) ? "the engine sets it through an override of its own" : undefined);
    if (managed) {
      error(change.at, `${patch.resource}.${name} is managed by the engine and cannot be overridden: ${managed}`, "ask for a spec field if the engine's value is wrong", change.where);
      sound = false;
      continue;
    }
    try {
      const before = valueOf(name);
      const wired = referenceIn(valueAt(before, rest));
      if (wired) {
        throw new PatchError(
          `${patch.resource}.${formatAttributePath(parsed.segments)} is wired by the engine (it holds the reference ${wired}); overriding it would cut the connection between resources`,
          "patch a setting beside it, or ask for a spec field",
        );
      }
      if (!change.remove) checkKind(attribute, rest, change.value, before);
      replacements.set(name, change.remove ? removeAt(before, rest) : setAt(before, rest, toData(change.value)));
    } catch (problem) {
      if (!(problem instanceof PatchError)) throw problem;
      error(change.at, problem.message, problem.hint, change.where);
      sound = false;
    }
  }
  if (!sound) return undefined;
  return () => {
    replaceArguments(resource, Object.fromEntries(replacements));
    const record: AppliedOverride = {
      reason: patch.reason,
      ...(patch.set ? { set: Object.keys(patch.set) } : {}),
      ...(patch.remove ? { remove: [...patch.remove] } : {}),
      ...(patch.allowPolicies ? { allowPolicies: patch.allowPolicies.map(({ rule, reason }) => ({ rule, reason })) } : {}),
    };
    resource.addOverride(`//.${OVERRIDE_COMMENT_KEY}`, record);
    for (const allowed of patch.allowPolicies ?? []) allowByOverride(resource, allowed.rule, allowed.reason);
  };
}

/** The first Terraform expression (`${...}`) in a value, if any; escaped user text (`$${`) is not one. */
function referenceIn(value: Json): string | undefined {
  if (typeof value === "string") {
    const expression = value.includes("${") ? splitExpressions(value).expressions[0] : undefined;
    return expression === undefined ? undefined : `\${${expression}}`;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = referenceIn(item);
      if (found) return found;
    }
    return undefined;
  }
  if (typeof value === "object" && value !== null) return referenceIn(Object.values(value));
  return undefined;
}

/** A user value as Terraform data: `${` and `%{` in strings and keys escaped (the build's one escaping, literal.ts). */
const toData = (value: Json): Json => escapeStrings(value);

/** A string argument holding a JSON document (container definitions, policies), which paths may reach into. */
function jsonDocument(value: Json): Json | undefined {
  if (typeof value !== "string" || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value) as Json;
  } catch {
    return undefined;
  }
}

const kindOf = (value: Json): string => (value === null ? "null" : Array.isArray(value) ? "list" : typeof value === "object" ? "mapping" : typeof value);

/** The value at `path` below `value` (undefined when absent). */
function valueAt(value: Json, path: readonly PathSegment[]): Json {
  let node = value;
  for (const segment of path) {
    const document = jsonDocument(node);
    if (document !== undefined) node = document;
    node = step(node, segment, false);
    if (node === undefined) return undefined;
  }
  return node;
}

/** One step down; with `strict`, a missing list item is an error rather than undefined. */
function step(node: Json, segment: PathSegment, strict: boolean): Json {
  if ("key" in segment) {
    if (Array.isArray(node) && node.length === 1) node = node[0]; // a single block rendered as a list of one
    if (typeof node === "object" && node !== null && !Array.isArray(node)) return (node as Record<string, Json>)[segment.key];
    if (node === undefined) return undefined;
    throw new PatchError(`"${segment.key}" cannot be reached: the value there is a ${kindOf(node)}`, Array.isArray(node) ? "pick an item first with [0] or [name=...]" : undefined);
  }
  if (!Array.isArray(node)) {
    if (node === undefined && !strict) return undefined;
    throw new PatchError(`${"index" in segment ? `[${segment.index}]` : `[${segment.field}=${segment.equals}]`} needs a list, but the value there is ${node === undefined ? "not set" : `a ${kindOf(node)}`}`);
  }
  if ("index" in segment) {
    if (segment.index < node.length) return node[segment.index];
    throw new PatchError(`the list has ${node.length} item${node.length === 1 ? "" : "s"}, so there is no [${segment.index}]`);
  }
  const found = node.find((item) => typeof item === "object" && item !== null && String((item as Record<string, Json>)[segment.field]) === segment.equals);
  if (found !== undefined) return found;
  const names = node.map((item) => (typeof item === "object" && item !== null ? (item as Record<string, Json>)[segment.field] : undefined)).filter((name) => name !== undefined).map(String);
  const near = closest(segment.equals, names);
  throw new PatchError(
    `no item with ${segment.field}=${segment.equals} in the list`,
    near ? `did you mean [${segment.field}=${near}]?` : names.length > 0 ? `the items: ${names.map((name) => `[${segment.field}=${name}]`).join(", ")}` : undefined,
  );
}

/** `value` with `replacement` at `path` (created as mappings where absent); JSON documents are re-encoded. */
function setAt(value: Json, path: readonly PathSegment[], replacement: Json): Json {
  if (path.length === 0) return replacement;
  const document = jsonDocument(value);
  if (document !== undefined) return JSON.stringify(setAt(document, path, replacement));
  const [segment, ...rest] = path as [PathSegment, ...PathSegment[]];
  if ("key" in segment) {
    if (Array.isArray(value) && value.length === 1) return [setAt(value[0], path, replacement)];
    const container = value === undefined ? {} : value;
    if (typeof container !== "object" || container === null || Array.isArray(container)) step(container, segment, true); // throws the reason
    const record = container as Record<string, Json>;
    return { ...record, [toData(segment.key) as string]: setAt(record[segment.key], rest, replacement) };
  }
  const item = step(value, segment, true);
  const list = value as Json[];
  const position = list.indexOf(item);
  return list.map((entry, at) => (at === position ? setAt(entry, rest, replacement) : entry));
}

/** `value` without what is at `path`; an error when there is nothing there. */
function removeAt(value: Json, path: readonly PathSegment[]): Json {
  if (path.length === 0) {
    if (value === undefined) throw new PatchError("there is nothing to remove: the generated stack does not set it");
    return undefined;
  }
  const document = jsonDocument(value);
  if (document !== undefined) return JSON.stringify(removeAt(document, path));
  const [segment, ...rest] = path as [PathSegment, ...PathSegment[]];
  if ("key" in segment && Array.isArray(value) && value.length === 1) return [removeAt(value[0], path)];
  const item = step(value, segment, true);
  if ("key" in segment) {
    const record = { ...(value as Record<string, Json>) };
    if (rest.length === 0) {
      if (item === undefined) throw new PatchError(`there is nothing to remove: "${segment.key}" is not set`);
      delete record[segment.key];
    } else {
      record[segment.key] = removeAt(item, rest);
    }
    return record;
  }
  const list = value as Json[];
  const position = list.indexOf(item);
  return rest.length === 0 ? list.filter((_entry, at) => at !== position) : list.map((entry, at) => (at === position ? removeAt(entry, rest) : entry));
}

const SCALARS: Readonly<Record<string, string>> = { string: "string", number: "number", boolean: "boolean" };

/** The value's kind must be the argument's (from the binding) or, below it, the kind of what is there now. */
function checkKind(attribute: AttributeSchema, rest: readonly PathSegment[], value: Json, before: Json): void {
  const expected = expectedKind(attribute, rest, before);
  if (!expected) return;
  const actual = kindOf(value);
  const ok = expected.kind === "list" ? Array.isArray(value) && (!expected.item || value.every((item) => kindOf(item) === expected.item)) : expected.kind === "mapping" ? actual === "mapping" && (!expected.item || Object.values(value as object).every((item) => kindOf(item) === expected.item)) : actual === expected.kind;
  if (ok) return;
  const described = `${expected.kind === "list" ? `a list${expected.item ? ` of ${expected.item}s` : ""}` : expected.kind === "mapping" ? `a mapping${expected.item ? ` of ${expected.item}s` : ""}` : `a ${expected.kind}`}`;
  throw new PatchError(
    `must be ${described}, not ${actual === "mapping" || actual === "list" ? `a ${actual}` : `the ${actual} ${JSON.stringify(value)}`}`,
    expected.kind === "string" && (actual === "number" || actual === "boolean") ? `quote it: "${String(value)}"` : undefined,
  );
}

function expectedKind(attribute: AttributeSchema, rest: readonly PathSegment[], before: Json): { kind: string; item?: string } | undefined {
  const storage = /^(string|number|boolean)(List|Map)?$/.exec(attribute.storageClassType);
  if (rest.length === 0) {
    if (attribute.isBlock) return attribute.type === "list" && !Array.isArray(before) ? undefined : { kind: attribute.type === "set" || attribute.type === "list" ? "list" : "mapping" };
    if (!storage) return undefined;
    if (storage[2] === "List") return { kind: "list", item: SCALARS[storage[1]!] };
    if (storage[2] === "Map") return { kind: "mapping", item: SCALARS[storage[1]!] };
    return { kind: SCALARS[storage[1]!]! };
  }
  // One level into a map of scalars (tags.team): the map's item kind.
  if (rest.length === 1 && storage?.[2] === "Map" && "key" in rest[0]!) return { kind: SCALARS[storage[1]!]! };
  // Deeper (blocks, JSON documents): the kind of the value there now, when there is one.
  const existing = valueAt(before, rest);
  if (existing === undefined || existing === null) return undefined;
  return { kind: kindOf(existing) };
}
