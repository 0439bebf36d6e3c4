// The shape of `overrides:` (schema/overrides.ts), checked from the spec alone, without cdktf: each
// attribute path parses, each patch changes something, a path is not both set and removed, a resource
// is patched once, and every rule in `allowPolicies` exists and reads that resource's type. Plain
// `platform validate` runs only this; what needs the synthesized stack (does the address exist, is the
// attribute one of its type's, is it wired by the engine) is src/engine/overrides.ts, run by
// `platform synth` and `platform validate --policy`. An environment's own patches are merged onto the
// top-level ones before any of this (src/config/environment-overrides.ts).
import { formatPath, type Diagnostic, type SpecPath } from "../config/diagnostics.js";
import type { PlatformConfig } from "../config/platform-config.js";
import { closest } from "../config/suggest.js";
import { POLICY_RULE_INDEX, POLICY_RULES } from "./policy-rules.js";

/** One step of an attribute path: a key, a list item by position, or a list item by a field's value. */
export type PathSegment = { key: string } | { index: number } | { field: string; equals: string };

/** The first segment: a Terraform argument or block name. */
const ATTRIBUTE_NAME = /^[a-z_][a-z0-9_]*/;
/** A key after a dot: anything but the path's own punctuation (tag keys may hold `:`, `/`, `-`, `@`). */
const KEY = /^[^.[\]"=\s]+/;

/**
 * Parses `container_definitions[name=app].logConfiguration.options["awslogs-group"]`: dotted keys,
 * `[n]` for a list item, `[field=value]` for the list item whose field has that value, `["key"]` for a
 * key holding dots. Returns the reason when it does not parse.
 */
export function parseAttributePath(text: string): { segments: PathSegment[] } | { problem: string } {
  const first = ATTRIBUTE_NAME.exec(text);
  if (!first) return { problem: "must start with a Terraform attribute name (lowercase letters, digits and underscores)" };
  const segments: PathSegment[] = [{ key: first[0] }];
  let rest = text.slice(first[0].length);
  while (rest.length > 0) {
    if (rest.startsWith(".")) {
      const key = KEY.exec(rest.slice(1));
      if (!key) return { problem: `expected a key after "." at "${rest}"` };
      segments.push({ key: key[0] });
      rest = rest.slice(1 + key[0].length);
      continue;
    }
    if (rest.startsWith("[")) {
      const close = rest.indexOf("]");
      if (close < 0) return { problem: `"[" at "${rest}" is not closed` };
      const inside = rest.slice(1, close);
      rest = rest.slice(close + 1);
      const quoted = /^"([^"]+)"$/.exec(inside);
      const selector = /^([A-Za-z_][A-Za-z0-9_]*)=([^=]+)$/.exec(inside);
      if (/^\d+$/.test(inside)) segments.push({ index: Number(inside) });
      else if (quoted) segments.push({ key: quoted[1]! });
      else if (selector) segments.push({ field: selector[1]!, equals: selector[2]! });
      else return { problem: `"[${inside}]" is neither an item number ([0]), a selector ([name=app]) nor a quoted key (["a.b"])` };
      continue;
    }
    return { problem: `unexpected "${rest[0]}" at "${rest}"` };
  }
  return { segments };
}

/** The path written back as text (for messages). */
export function formatAttributePath(segments: readonly PathSegment[]): string {
  return segments
    .map((segment, position) => {
      if ("index" in segment) return `[${segment.index}]`;
      if ("field" in segment) return `[${segment.field}=${segment.equals}]`;
      if (position > 0 && !KEY.test(segment.key)) return `["${segment.key}"]`;
      return position === 0 ? segment.key : `.${segment.key}`;
    })
    .join("");
}

/** The Terraform type of a resource address (`aws_ecs_task_definition.x` -> `aws_ecs_task_definition`). */
export const typeOfAddress = (address: string): string => address.slice(0, address.indexOf("."));

type Report = (path: SpecPath, message: string, hint?: string, where?: "key" | "value") => void;

/** The checks of `overrides:` that need no stack (see the file comment). */
export function checkOverrideShapes(config: PlatformConfig): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const error: Report = (path, message, hint, where = "value") => {
    diagnostics.push({ severity: "error", code: "overrides/invalid", file: config.file, ...config.locate(path, where), path: formatPath(config.displayPath?.(path) ?? path), message, ...(hint ? { hint } : {}) });
  };
  const seen = new Map<string, number>();
  for (const [index, patch] of config.overrides.entries()) {
    const at = ["overrides", index] as const;
    const earlier = seen.get(patch.resource);
    if (earlier !== undefined) {
      const first = formatPath(config.displayPath?.(["overrides", earlier]) ?? ["overrides", earlier]);
      error([...at, "resource"], `${patch.resource} is already patched by ${first}`, "put every change to one resource in one patch");
    } else {
      seen.set(patch.resource, index);
    }
    const setPaths = Object.keys(patch.set ?? {});
    const removePaths = patch.remove ?? [];
    if (setPaths.length === 0 && removePaths.length === 0) {
      error([...at], `the patch of ${patch.resource} changes nothing`, "give `set` (paths to values) or `remove` (paths), or delete the patch", "key");
    }
    const parsed = new Map<string, string>();
    for (const path of setPaths) {
      const result = parseAttributePath(path);
      if ("problem" in result) error([...at, "set", path], `attribute path "${path}" does not parse: ${result.problem}`, "write paths like ephemeral_storage.size_in_gib or container_definitions[name=app].ulimits", "key");
      else parsed.set(formatAttributePath(result.segments), path);
      if (patch.set![path] === null) {
        const hint = "give a value, or list the path under `remove` to take the attribute out";
        error([...at, "set", path], `"${path}" is set to nothing`, config.environment === undefined ? hint : `${hint}; in an environment, null takes back only a path the top-level patch of the resource sets`);
      }
    }
    for (const [position, path] of removePaths.entries()) {
      const result = parseAttributePath(path);
      if ("problem" in result) {
        error([...at, "remove", position], `attribute path "${path}" does not parse: ${result.problem}`, "write paths like tags.team or container_definitions[name=app].ulimits");
        continue;
      }
      if (parsed.has(formatAttributePath(result.segments))) error([...at, "remove", position], `"${path}" is both set and removed`, "keep it under `set` or under `remove`, not both");
    }
    const type = typeOfAddress(patch.resource);
    const allowed = new Set<string>();
    for (const [position, entry] of (patch.allowPolicies ?? []).entries()) {
      const rule = POLICY_RULE_INDEX.ruleById(entry.rule);
      if (!rule) {
        const near = closest(entry.rule, POLICY_RULES.map((candidate) => candidate.id));
        error([...at, "allowPolicies", position, "rule"], `no policy rule ${entry.rule}`, near ? `did you mean ${near}?` : "docs/security.md lists the rules");
      } else if (!rule.appliesTo.includes(type)) {
        const rules = POLICY_RULES.filter((candidate) => candidate.appliesTo.includes(type)).map((candidate) => candidate.id);
        error(
          [...at, "allowPolicies", position, "rule"],
          `policy rule ${entry.rule} does not read ${type} resources, so this patch cannot break it`,
          rules.length > 0 ? `the rules that read ${type}: ${rules.join(", ")}` : `no rule reads ${type}; remove allowPolicies`,
        );
      }
      if (allowed.has(entry.rule)) error([...at, "allowPolicies", position, "rule"], `${entry.rule} is listed twice`, "list each rule once");
      allowed.add(entry.rule);
    }
  }
  return diagnostics;
}
