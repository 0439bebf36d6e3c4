// Wording shared by the text and markdown reports: the headline, action symbols, value display and
// the per-block lines (in `diff` style, so markdown can colour them).
import type { Action, BlockDiff, StackDiff, StatefulWarning, SynthesisDiff } from "./compare.js";
import { factText, ignores, keyValues, securityValues, topAttribute } from "../lifecycle/resource-facts.js";
import { isObject, type Json, type ValueChange } from "./values.js";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** Values longer than this are cut in text and markdown (JSON output keeps them whole). */
export const MAX_VALUE_CHARS = 300;

export function formatValue(value: Json | undefined, max = MAX_VALUE_CHARS): string {
  const text = value === undefined ? "(none)" : JSON.stringify(value);
  if (text.length <= max) return text;
  // A long block (a whole container, a policy) as its keys: scalars shown, nested values counted.
  const outline = isObject(value) ? `{${Object.entries(value).map(([key, child]) => `${key}: ${outlineValue(child)}`).join(", ")}}` : text;
  const shown = outline.length > max ? `${outline.slice(0, max)}…` : outline;
  return `${shown} (${text.length} chars)`;
}

function outlineValue(value: Json): string {
  if (Array.isArray(value)) return `[${value.length} item${value.length === 1 ? "" : "s"}]`;
  if (isObject(value)) return `{${Object.keys(value).length} keys}`;
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 80)}…"` : text;
}

/** The name an element of a list of named blocks is keyed by: `environment[name="LOG_LEVEL"]` -> LOG_LEVEL. */
const NAMED_ELEMENT = /\[name=("(?:[^"\\]|\\.)*")\]$/;

/**
 * How an added or removed value is shown at its path. An element of a list of named blocks drops
 * the name its path already gives, and one that is only a name and a value reads as that value:
 * `environment[name="LOG_LEVEL"].value = "debug"`, not the element's JSON.
 */
export function displayedAt(path: string, value: Json): [string, Json] {
  const match = NAMED_ELEMENT.exec(path);
  if (!match || !isObject(value) || value.name !== (JSON.parse(match[1]!) as string)) return [path, value];
  const { name: _name, ...rest } = value;
  const keys = Object.keys(rest);
  return keys.length === 1 ? [`${path}.${keys[0]}`, rest[keys[0]!]!] : [path, rest];
}

export const changeKind = (change: ValueChange): "added" | "removed" | "changed" =>
  change.before === undefined ? "added" : change.after === undefined ? "removed" : "changed";

const RESOURCE_WORDS: Record<Action, string> = { create: "create", destroy: "destroy", change: "change", replace: "REPLACE", move: "move" };
const BLOCK_WORDS: Record<Action, string> = { create: "added", destroy: "removed", change: "changed", replace: "REPLACED", move: "moved" };
const SIGNS: Record<Action, string> = { create: "+", destroy: "-", change: "~", replace: "-/+", move: "~" };

export const actionWord = (block: BlockDiff) => (block.category === "resource" ? RESOURCE_WORDS : BLOCK_WORDS)[block.action];

export const WARNING_WORDS: Record<StatefulWarning["action"], string> = {
  destroy: "DESTROYED",
  replace: "REPLACED",
  "may-replace": "MAY BE REPLACED",
  "state-moved": "STATE MOVES",
  "stack-removed": "STACK REMOVED",
  "name-taken": "NAME STILL TAKEN",
};

/** One line: what changes overall. */
export function headline(diff: SynthesisDiff): string {
  if (!diff.changed) return `No differences: ${plural(diff.stacks.length, "stack")} compared, all identical.`;
  const { stacks, resources, otherBlocks } = diff.summary;
  const parts: string[] = [];
  if (stacks.added > 0) parts.push(`${plural(stacks.added, "stack")} added`);
  if (stacks.removed > 0) parts.push(`${plural(stacks.removed, "stack")} removed`);
  if (stacks.changed > 0) parts.push(`${plural(stacks.changed, "stack")} changed`);
  if (stacks.unchanged > 0) parts.push(`${stacks.unchanged} unchanged`);
  const actions = (["create", "change", "replace", "move", "destroy"] as const)
    .filter((action) => resources[action] > 0)
    .map((action) => `${resources[action]} to ${action}`);
  const other = otherBlocks > 0 ? `; ${plural(otherBlocks, "other change")} (data sources, outputs, variables, providers, backend)` : "";
  const warnings = diff.warnings.length > 0 ? `; ${plural(diff.warnings.length, "stateful warning")}` : "";
  return `${parts.join(", ")}${actions.length > 0 ? `; resources: ${actions.join(", ")}` : ""}${other}${warnings}.`;
}

/** A stack's one-line status: `1 to change, 1 to destroy`, `added (16 resources)`. */
export function stackStatus(stack: StackDiff): string {
  if (stack.status === "added") return `added (${plural(stack.resourceCount, "resource")})`;
  if (stack.status === "removed") return `removed (${plural(stack.resourceCount, "resource")})`;
  if (stack.status === "unchanged") return "unchanged";
  const parts = (["create", "change", "replace", "move", "destroy"] as const).flatMap((action) => {
    const n = stack.blocks.filter((block) => block.category === "resource" && block.action === action).length;
    return n > 0 ? [`${n} to ${action}`] : [];
  });
  const other = stack.blocks.filter((block) => block.category !== "resource").length;
  if (other > 0) parts.push(plural(other, "other change"));
  return parts.join(", ");
}

export function warningLine(warning: StatefulWarning): string {
  return `${warning.stack}: ${warning.address} (${warning.kind}) ${WARNING_WORDS[warning.action]}: ${warning.message}`;
}

/**
 * The lines of one block, `diff` style: a header (`~ address`), then `-`/`+` lines per attribute.
 * Created and destroyed blocks are one line each; their bodies are in the JSON output.
 */
export function blockLines(block: BlockDiff): string[] {
  const notes: string[] = [];
  if (block.movedFrom) notes.push(`moved from ${block.movedFrom}`);
  if (block.forcesReplacement.length > 0) notes.push(`${block.action === "replace" ? "replaced" : "may be replaced"} because of ${replacementCauses(block.forcesReplacement)}`);
  // A created or destroyed resource is one line: its key values, as `platform preview` shows them.
  const body = block.category === "resource" && block.type ? (block.action === "create" ? block.after : block.action === "destroy" ? block.before : undefined) : undefined;
  const facts = isObject(body) ? keyValues(block.type!, body) : [];
  const security = isObject(body) ? securityValues(block.type!, body) : [];
  const ignored = block.action === "change" || block.action === "move" ? (block.ignoredChanges ?? []) : [];
  // `lifecycle` itself is never ignored: it is how the resource is managed.
  const isIgnored = (change: ValueChange) => topAttribute(change.path) !== "lifecycle" && ignores(ignored, topAttribute(change.path));
  if (block.action === "change" && block.changes.length > 0 && block.changes.every(isIgnored)) notes.push("no update: every change is under lifecycle.ignore_changes");
  const header = `${SIGNS[block.action]} ${block.address}${notes.length > 0 ? ` (${notes.join("; ")})` : ""}${facts.length > 0 ? `  ${factText(facts)}` : ""}`;
  const lines = [header];
  if (security.length > 0) lines.push(`      security: ${factText(security)}`);
  if (block.override) {
    // An `overrides:` patch: its reason (and each rule it may break, with why) beside the change.
    lines.push(`      override: ${block.override.reason}`);
    for (const allowed of block.override.allowPolicies ?? []) lines.push(`      allows ${allowed.rule}: ${allowed.reason}`);
  }
  for (const change of block.changes) {
    const path = change.path === "" ? "(value)" : change.path;
    // Under lifecycle.ignore_changes, Terraform leaves the live value alone (an autoscaled count).
    const note = isIgnored(change) ? "   (not applied: lifecycle.ignore_changes; set at creation only)" : "";
    const side = (sign: string, value: Json | undefined) => {
      if (value === undefined) return;
      if (isLifecyclePath(change.path)) for (const [at, text] of lifecycleEntries(path, value)) lines.push(`${sign}     ${at} = ${text}`);
      else {
        // Only a whole added or removed element drops the name its path gives.
        const [at, shown] = change.before === undefined || change.after === undefined ? displayedAt(path, value) : [path, value];
        lines.push(`${sign}     ${at} = ${formatValue(shown)}${sign === "+" || change.after === undefined ? note : ""}`);
      }
    };
    side("-", change.before);
    side("+", change.after);
  }
  return lines;
}



/**
 * The attributes that force a replacement, each once: a single change by its path, several
 * changes inside one attribute (a task's container definitions) by the attribute and their number.
 */
function replacementCauses(paths: readonly string[]): string {
  const byAttribute = new Map<string, string[]>();
  for (const path of paths) byAttribute.set(topAttribute(path), [...(byAttribute.get(topAttribute(path)) ?? []), path]);
  return [...byAttribute.entries()].map(([attribute, inside]) => (inside.length === 1 ? inside[0]! : `${attribute} (${inside.length} changes)`)).join(", ");
}

const isLifecyclePath = (path: string) => path === "lifecycle" || path.startsWith("lifecycle.") || path.startsWith("lifecycle[");

/**
 * A resource's `lifecycle` block as a reviewer reads it: one line per setting, attribute lists
 * as plain names (`ignore_changes = tags, engine_version`), conditions as their message and the
 * expression they check, never as raw JSON.
 */
export function lifecycleEntries(path: string, value: Json): Array<[string, string]> {
  const cut = (text: string) => (text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length} chars)` : text);
  if (Array.isArray(value)) {
    if (value.every((item) => typeof item === "string")) return [[path, value.length > 0 ? cut(value.join(", ")) : "(none)"]];
    return value.flatMap((item, index) => lifecycleEntries(`${path}[${index}]`, item));
  }
  if (value !== null && typeof value === "object") {
    if (typeof value.condition === "string" && typeof value.error_message === "string") {
      return [[path, cut(`"${value.error_message}" unless ${value.condition}`)]];
    }
    return Object.entries(value).flatMap(([key, child]) => lifecycleEntries(path === "" ? key : `${path}.${key}`, child));
  }
  return [[path, typeof value === "string" ? cut(value) : String(value)]];
}

/** Every line of a stack's section; for added and removed stacks, their resource addresses. */
export function stackLines(stack: StackDiff): string[] {
  return stack.blocks.flatMap((block) => (stack.status === "added" || stack.status === "removed" ? (block.category === "resource" ? blockLines(block) : []) : blockLines(block)));
}
