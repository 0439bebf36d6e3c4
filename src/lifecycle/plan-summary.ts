// Summarizes a saved terraform plan (`terraform show -json`): what is created, updated, replaced
// and destroyed, with replacements of resources that hold data called out loudly. Which attributes
// force a replacement, and which types hold data, come from the one table `platform diff` reads
// (src/diff/replacement.ts): a plan whose provider does not know an attribute forces replacement
// (the stand-in providers of an offline run) is corrected by it, and every replacement names why.
import { forceNewEntry, statefulType } from "../diff/replacement.js";
import { diffValues, schemaPath, type Json } from "../diff/values.js";

export type ChangeKind = "create" | "update" | "replace" | "destroy";

export interface PlannedChange {
  address: string;
  type: string;
  kind: ChangeKind;
  /** What the resource is, for stateful resources (database, cache, file system, image repository). */
  stateful?: string;
  /** The attributes that force a replacement, when the kind is `replace` and they are known. */
  forcedBy?: string[];
  /** A database with deletion protection on: replacing it fails at apply. */
  deletionProtected?: boolean;
  /** For an update: what changes, attribute by attribute (known values only; sensitive ones masked). */
  attributes?: Array<{ path: string; before: string; after: string }>;
}

export interface PlanSummary {
  changes: PlannedChange[];
  counts: Record<ChangeKind, number>;
}

interface PlanJson {
  resource_changes?: Array<{
    address: string;
    type: string;
    mode?: string;
    change: {
      actions: string[];
      before?: Json;
      after?: Json;
      after_unknown?: Json;
      before_sensitive?: Json;
      after_sensitive?: Json;
      replace_paths?: Array<Array<string | number>>;
    };
  }>;
}

function kindOf(actions: readonly string[]): ChangeKind | undefined {
  if (actions.includes("delete") && actions.includes("create")) return "replace";
  if (actions.includes("create")) return "create";
  if (actions.includes("update")) return "update";
  if (actions.includes("delete")) return "destroy";
  return undefined; // no-op, read
}

/** The changed attributes the force-new table says replace the resource (certain ones only). */
function forcingAttributes(type: string, before: Json | undefined, after: Json | undefined): string[] {
  if (before === undefined || after === undefined || before === null || after === null) return [];
  return diffValues(before, after)
    .map((change) => change.path)
    .filter((path) => {
      const entry = forceNewEntry(type, schemaPath(path));
      return entry !== undefined && entry.when === undefined;
    });
}

/** Attribute lines per updated resource; the rest are counted. */
export const MAX_UPDATE_LINES = 8;
const SHOWN_VALUE_CHARS = 120;

/** Whether a mask (`after_unknown`, `*_sensitive`) marks anything in it. */
const marks = (mask: Json | undefined): boolean =>
  mask === true || (Array.isArray(mask) ? mask.some(marks) : mask !== null && typeof mask === "object" ? Object.values(mask).some(marks) : false);

const shown = (value: Json | undefined) => {
  const text = value === undefined ? "(none)" : JSON.stringify(value);
  return text.length > SHOWN_VALUE_CHARS ? `${text.slice(0, SHOWN_VALUE_CHARS)}… (${text.length} chars)` : text;
};

/**
 * What an update changes, by top-level attribute and then leaf (JSON strings such as container
 * definitions compared as the JSON they hold, named list elements by name). Attributes Terraform
 * knows only after apply are left out unless part of them is known; sensitive ones show no value.
 */
function updatedAttributes(change: NonNullable<PlanJson["resource_changes"]>[number]["change"]): PlannedChange["attributes"] {
  const { before, after } = change;
  if (!before || !after || typeof before !== "object" || typeof after !== "object" || Array.isArray(before) || Array.isArray(after)) return [];
  const field = (mask: Json | undefined, key: string) => (mask !== null && typeof mask === "object" && !Array.isArray(mask) ? mask[key] : undefined);
  const lines: NonNullable<PlannedChange["attributes"]> = [];
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const unknown = field(change.after_unknown, key);
    if (unknown === true) continue;
    const sensitive = marks(field(change.before_sensitive, key)) || marks(field(change.after_sensitive, key));
    // Inside a partly unknown block, a value that turns null is one Terraform will only know later.
    const leaves = diffValues(before[key], after[key], key).filter((leaf) => !marks(unknown) || (leaf.after !== undefined && leaf.after !== null));
    for (const leaf of leaves) lines.push({ path: leaf.path, before: sensitive ? "(sensitive)" : shown(leaf.before), after: sensitive ? "(sensitive)" : shown(leaf.after) });
  }
  return lines;
}

export function summarizePlan(plan: unknown): PlanSummary {
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, replace: 0, destroy: 0 };
  const changes: PlannedChange[] = [];
  for (const change of (plan as PlanJson).resource_changes ?? []) {
    if (change.mode === "data") continue;
    let kind = kindOf(change.change.actions);
    if (!kind) continue;
    const { before, after, replace_paths: replacePaths } = change.change;
    const forcing = kind === "update" || kind === "replace" ? forcingAttributes(change.type, before, after) : [];
    // An update of a force-new attribute is a replacement, whatever the provider that planned it said.
    if (kind === "update" && forcing.length > 0) kind = "replace";
    counts[kind] += 1;
    const forcedBy = kind === "replace" ? (replacePaths?.length ? replacePaths.map((path) => path.join(".")) : forcing) : [];
    const stateful = statefulType(change.type)?.kind;
    const deletionProtected = kind === "replace" && change.type === "aws_db_instance" && (before as { deletion_protection?: unknown } | null)?.deletion_protection === true;
    const attributes = kind === "update" ? updatedAttributes(change.change) : [];
    changes.push({
      address: change.address,
      type: change.type,
      kind,
      ...(stateful ? { stateful } : {}),
      ...(forcedBy.length > 0 ? { forcedBy } : {}),
      ...(deletionProtected ? { deletionProtected } : {}),
      ...(attributes && attributes.length > 0 ? { attributes } : {}),
    });
  }
  return { changes, counts };
}

const SYMBOL: Record<ChangeKind, string> = { create: "+", update: "~", replace: "-/+", destroy: "-" };

/** Lines for people: one per change, stateful replacements marked, then the totals. */
export function renderPlanSummary(summary: PlanSummary): string[] {
  const lines: string[] = [];
  for (const change of summary.changes) {
    const loud = change.stateful && change.kind === "replace";
    const because = change.forcedBy ? ` (replaced because of ${change.forcedBy.join(", ")})` : "";
    lines.push(
      loud
        ? `  !! ${SYMBOL.replace} ${change.address}  REPLACED: this ${change.stateful} is destroyed and created anew, and its data is lost${because}`
        : `  ${SYMBOL[change.kind].padEnd(4)}${change.address}${because}`,
    );
    const attributes = change.attributes ?? [];
    for (const attribute of attributes.slice(0, MAX_UPDATE_LINES)) lines.push(`      ${attribute.path}: ${attribute.before} -> ${attribute.after}`);
    if (attributes.length > MAX_UPDATE_LINES) lines.push(`      … and ${attributes.length - MAX_UPDATE_LINES} more`);
    if (change.deletionProtected) {
      lines.push(
        `     deletion protection is on: the apply fails when Terraform deletes the old instance; to replace it anyway, take a snapshot, apply deletionProtection: false on its own first, then this change; otherwise undo the change${change.forcedBy ? ` to ${change.forcedBy.join(", ")}` : ""}`,
      );
    }
  }
  const { create, update, replace, destroy } = summary.counts;
  lines.push(`plan: ${create} to create, ${update} to update, ${replace} to replace, ${destroy} to destroy`);
  const risky = summary.changes.filter((change) => change.stateful && change.kind === "replace");
  if (risky.length > 0) {
    lines.push(`WARNING: ${risky.length} stateful ${risky.length === 1 ? "resource is" : "resources are"} replaced (${risky.map((c) => c.address).join(", ")}): back up the data first, or change the spec so the replacement is not needed`);
  }
  return lines;
}

export const hasChanges = (summary: PlanSummary) => Object.values(summary.counts).some((count) => count > 0);
