// `platform drift <spec>`: what changed outside Terraform. Synthesizes the spec's stack, runs a
// refresh-only plan against its state, and lists each drifted resource with the attributes that
// differ. Exit 0 without drift, EXIT.drift (4) with drift, 3 when terraform or the cloud fails.
import { resolve } from "node:path";
import { missingVariables, parseVars, placeholders, type StackJson } from "../../lifecycle/create-plan.js";
import { ignoredChanges, ignores, topAttribute } from "../../lifecycle/resource-facts.js";
import { PLAN_FILE, removePlan, synthesizeWorkspace, terraformFor } from "../../lifecycle/workspace.js";
import { varArgs } from "../../lifecycle/terraform.js";
import { checkSpecFiles } from "../../engine/specs.js";
import { requireOneStack, settingsFor } from "../args.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";
import { checkOutDir } from "../paths.js";
import { printDiagnostics } from "../report.js";
import { DEFAULT_OUT_DIR } from "./synth.js";

const USAGE = "platform drift <spec> [--env NAME] [--json] [--var name=value]... [--out DIR]";

export interface DriftedAttribute {
  /** Attribute path: `retention_in_days`, `tags.Name`, `ingress[0].from_port`. */
  path: string;
  before: string;
  after: string;
}

export interface DriftedResource {
  address: string;
  /** `changed`: its attributes differ from the state; `deleted`: it no longer exists. */
  kind: "changed" | "deleted";
  attributes: DriftedAttribute[];
}

interface PlanJson {
  resource_drift?: Array<{
    address: string;
    mode?: string;
    change: { actions: string[]; before?: unknown; after?: unknown; before_sensitive?: unknown; after_sensitive?: unknown };
  }>;
}

const SENSITIVE = "(sensitive)";

function render(value: unknown, sensitive: unknown): string {
  if (sensitive === true) return SENSITIVE;
  if (value === undefined || value === null) return "null";
  return JSON.stringify(value);
}

const child = (mask: unknown, key: string | number): unknown => (mask && typeof mask === "object" ? (mask as Record<string, unknown>)[key as string] : mask === true ? true : undefined);

/** Leaf differences between two values, sensitive leaves masked. */
function differences(before: unknown, after: unknown, beforeMask: unknown, afterMask: unknown, path: string, out: DriftedAttribute[]): void {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const bothObjects = before && after && typeof before === "object" && typeof after === "object" && Array.isArray(before) === Array.isArray(after);
  if (bothObjects && beforeMask !== true && afterMask !== true) {
    const keys = Array.isArray(before)
      ? [...Array(Math.max((before as unknown[]).length, (after as unknown[]).length)).keys()]
      : [...new Set([...Object.keys(before as object), ...Object.keys(after as object)])].sort();
    for (const key of keys) {
      const sub = typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key;
      differences((before as Record<string, unknown>)[key], (after as Record<string, unknown>)[key], child(beforeMask, key), child(afterMask, key), sub, out);
    }
    return;
  }
  out.push({ path, before: render(before, beforeMask), after: render(after, afterMask) });
}

/** The attributes a resource's `lifecycle.ignore_changes` leaves to others (an autoscaled service's desired_count). */
export type IgnoredOf = (address: string) => readonly string[];

/** The resources' `lifecycle.ignore_changes` in a stack's JSON, by address. */
export function ignoredInStack(stack: Pick<StackJson, "resource">): IgnoredOf {
  return (address) => {
    const dot = address.indexOf(".");
    const body = stack.resource?.[address.slice(0, dot)]?.[address.slice(dot + 1)];
    return body ? ignoredChanges(body) : [];
  };
}


/**
 * The managed resources of a refresh-only plan (`terraform show -json`) that changed outside
 * Terraform (`drifted`), and the changes to attributes their configuration leaves to others
 * through `lifecycle.ignore_changes` (`ignored`: expected, such as the scaler's desired count).
 */
export function driftOf(plan: unknown, ignoredOf: IgnoredOf = () => []): { drifted: DriftedResource[]; ignored: DriftedResource[] } {
  const drifted: DriftedResource[] = [];
  const ignored: DriftedResource[] = [];
  for (const entry of (plan as PlanJson).resource_drift ?? []) {
    if (entry.mode === "data") continue;
    const { actions, before, after, before_sensitive, after_sensitive } = entry.change;
    if (actions.includes("delete") || after === null || after === undefined) {
      drifted.push({ address: entry.address, kind: "deleted", attributes: [] });
      continue;
    }
    const attributes: DriftedAttribute[] = [];
    differences(before, after, before_sensitive, after_sensitive, "", attributes);
    const left = ignoredOf(entry.address);
    const own = attributes.filter((attribute) => !ignores(left, topAttribute(attribute.path)));
    const others = attributes.filter((attribute) => ignores(left, topAttribute(attribute.path)));
    if (own.length > 0) drifted.push({ address: entry.address, kind: "changed", attributes: own });
    if (others.length > 0) ignored.push({ address: entry.address, kind: "changed", attributes: others });
  }
  const byAddress = (a: DriftedResource, b: DriftedResource) => a.address.localeCompare(b.address);
  return { drifted: drifted.sort(byAddress), ignored: ignored.sort(byAddress) };
}

/** The drifted managed resources of a refresh-only plan (`terraform show -json`). */
export function summarizeDrift(plan: unknown, ignoredOf?: IgnoredOf): DriftedResource[] {
  return driftOf(plan, ignoredOf).drifted;
}

export function renderDrift(name: string, drifted: readonly DriftedResource[], ignored: readonly DriftedResource[] = []): string[] {
  // Changes the configuration leaves to others are no drift: said once, after the verdict.
  const expected = ignored.flatMap((resource) => resource.attributes.map((a) => `  (${resource.address} ${a.path}: ${a.before} -> ${a.after}, left to others by lifecycle.ignore_changes)`));
  if (drifted.length === 0) return [`${name}: no drift: every resource matches the state`, ...expected];
  const lines = [`${name}: ${drifted.length} ${drifted.length === 1 ? "resource" : "resources"} changed outside Terraform`];
  for (const resource of drifted) {
    if (resource.kind === "deleted") {
      lines.push(`  - ${resource.address}: deleted outside Terraform`);
      continue;
    }
    lines.push(`  ~ ${resource.address}`);
    for (const a of resource.attributes) lines.push(`      ${a.path}: ${a.before} -> ${a.after}`);
  }
  return [...lines, ...expected];
}

export const drift: Command = {
  name: "drift",
  summary: "list what changed outside Terraform: a refresh-only plan, by resource and attribute (exit 4 when something drifted)",
  usage: USAGE,
  options: {
    env: { type: "string" },
    json: { type: "boolean" },
    var: { type: "string", multiple: true },
    out: { type: "string", short: "o" },
  },
  withSettings: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "no spec given" : "drift takes one spec", `usage: ${USAGE}`);
    const checked = await checkSpecFiles([resolve(io.cwd, positionals[0]!)], typeof values.env === "string" ? values.env : undefined);
    requireOneStack(checked.configs, positionals[0]!);
    printDiagnostics(io, checked.files[0]!.diagnostics.map((d) => ({ ...d, file: positionals[0]! })), "text"); // the spec as the user wrote it
    const config = checked.configs[0];
    if (!checked.ok || !config) return EXIT.invalid;
    const settings = settingsFor(io, values, config.file, config.environment);

    const outDir = checkOutDir(typeof values.out === "string" ? values.out : DEFAULT_OUT_DIR, io.cwd);
    const workspace = await synthesizeWorkspace(config, settings, outDir);
    // A refresh-only plan reads what exists; variable values only feed the configuration, so
    // placeholders stand in for those not given.
    const vars = parseVars((values.var as string[] | undefined) ?? [], workspace.json);
    const allVars = { ...vars, ...placeholders(missingVariables(workspace.json, vars, io.env)) };
    const terraform = terraformFor(io, workspace.dir);
    let drifted: DriftedResource[];
    let ignored: DriftedResource[];
    try {
      await terraform.init();
      await terraform.step("plan -refresh-only", ["plan", "-input=false", "-refresh-only", `-out=${PLAN_FILE}`, ...varArgs(allVars)]);
      ({ drifted, ignored } = driftOf(await terraform.showJson(PLAN_FILE), ignoredInStack(workspace.json)));
    } finally {
      await removePlan(workspace.dir);
    }
    if (values.json) io.stdout(`${JSON.stringify({ stack: workspace.name, drifted, ...(ignored.length > 0 ? { ignored } : {}) }, null, 2)}\n`);
    else for (const line of renderDrift(workspace.name, drifted, ignored)) io.stdout(`${line}\n`);
    return drifted.length === 0 ? EXIT.ok : EXIT.drift;
  },
};
