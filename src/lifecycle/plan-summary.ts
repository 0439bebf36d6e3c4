// Summarizes a saved terraform plan (`terraform show -json`): what is created, updated, replaced
// and destroyed, with replacements of resources that hold data called out loudly (the stateful types
// are the units' own, collected by the registry).
import { STATEFUL_TYPES } from "../engine/registry.js";

export type ChangeKind = "create" | "update" | "replace" | "destroy";

export interface PlannedChange {
  address: string;
  type: string;
  kind: ChangeKind;
  /** What data a replacement or destruction loses, for stateful resources. */
  stateful?: string;
}

export interface PlanSummary {
  changes: PlannedChange[];
  counts: Record<ChangeKind, number>;
}

interface PlanJson {
  resource_changes?: Array<{ address: string; type: string; mode?: string; change: { actions: string[] } }>;
}

function kindOf(actions: readonly string[]): ChangeKind | undefined {
  if (actions.includes("delete") && actions.includes("create")) return "replace";
  if (actions.includes("create")) return "create";
  if (actions.includes("update")) return "update";
  if (actions.includes("delete")) return "destroy";
  return undefined; // no-op, read
}

export function summarizePlan(plan: unknown): PlanSummary {
  const counts: Record<ChangeKind, number> = { create: 0, update: 0, replace: 0, destroy: 0 };
  const changes: PlannedChange[] = [];
  for (const change of (plan as PlanJson).resource_changes ?? []) {
    if (change.mode === "data") continue;
    const kind = kindOf(change.change.actions);
    if (!kind) continue;
    counts[kind] += 1;
    const stateful = STATEFUL_TYPES[change.type]?.kind;
    changes.push({ address: change.address, type: change.type, kind, ...(stateful ? { stateful } : {}) });
  }
  return { changes, counts };
}

const SYMBOL: Record<ChangeKind, string> = { create: "+", update: "~", replace: "-/+", destroy: "-" };

/** Lines for people: one per change, stateful replacements marked, then the totals. */
export function renderPlanSummary(summary: PlanSummary): string[] {
  const lines: string[] = [];
  for (const change of summary.changes) {
    const loud = change.stateful && change.kind === "replace";
    lines.push(
      loud
        ? `  !! ${SYMBOL.replace} ${change.address}  REPLACED: this ${change.stateful} is destroyed and created anew, and its data is lost`
        : `  ${SYMBOL[change.kind].padEnd(4)}${change.address}`,
    );
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
