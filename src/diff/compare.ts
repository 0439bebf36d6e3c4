// Compares two syntheses stack by stack and block by block (resources, data sources, outputs,
// variables, providers, backend), and flags what would destroy data. Pure: JSON in, a report out.
import type { Synthesis } from "./load.js";
import { ignoredChanges } from "../lifecycle/resource-facts.js";
import { forceNewEntry, forcesReplacement, STATE_LOCATION_PATHS, statefulType } from "./replacement.js";
import { diffValues, isObject, schemaPath, splitOverride, type Json, type JsonObject, type ValueChange } from "./values.js";

/** Kinds of top-level Terraform blocks, in the order reports list them. */
export const CATEGORIES = ["resource", "data", "ephemeral", "output", "variable", "local", "provider", "backend", "terraform", "other"] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * `replace`: a changed attribute is force-new for the type (src/diff/force-new.json covers every
 * type the engine emits). `change` is an in-place update as far as that table knows; changes that
 * replace only in some cases stay `change` and are listed in `forcesReplacement` (and warned about
 * for stateful types).
 */
export type Action = "create" | "destroy" | "change" | "replace" | "move";

export interface BlockDiff {
  /** Terraform address: `aws_ecs_service.compute_ecs_service`, `data.aws_lb.shared_alb`, `output.x`, `variable.x`, `provider.aws`, `backend`. */
  address: string;
  category: Category;
  /** Resource or data source type. */
  type?: string;
  action: Action;
  /** Attribute-level differences (changed, replaced and moved blocks). */
  changes: ValueChange[];
  /** Paths of `changes` that force replacement (stateful types; may-replace ones included). */
  forcesReplacement: string[];
  /** The address in the base, for a block moved by a `moved` block. */
  movedFrom?: string;
  /**
   * The head's `lifecycle.ignore_changes` of a changed resource: changes to these attributes are
   * in the configuration only; Terraform does not apply them to the existing object.
   */
  ignoredChanges?: string[];
  /**
   * The block's `overrides:` patch (its reason, the paths it sets and removes, the rules it may
   * break and why), from the head, or from the base for a destroyed block.
   */
  override?: { reason: string; set?: string[]; remove?: string[]; allowPolicies?: Array<{ rule: string; reason: string }> };
  /** The block's body, for created (after) and destroyed (before) blocks. */
  before?: Json;
  after?: Json;
}

export type StackStatus = "added" | "removed" | "changed" | "unchanged";

export interface StackDiff {
  name: string;
  status: StackStatus;
  /** Resources in the stack: after the change, or before it for a removed stack. */
  resourceCount: number;
  blocks: BlockDiff[];
}

export type WarningAction = "destroy" | "replace" | "may-replace" | "state-moved" | "stack-removed" | "name-taken";

/** A change that can lose data: listed first, in every format. */
export interface StatefulWarning {
  stack: string;
  /** The resource address, or `backend` for the state location. */
  address: string;
  /** database, cache, file system, container image repository, state. */
  kind: string;
  action: WarningAction;
  /** One sentence: what happens and why. */
  message: string;
  /** The attribute paths responsible, when there are any. */
  attributes: string[];
}

export interface DiffSummary {
  stacks: Record<StackStatus, number>;
  /** Resource actions in the stacks present on both sides (added and removed stacks count as a whole). */
  resources: Record<Action, number>;
  /** Differences in data sources, outputs, variables, providers, backend and settings of those stacks. */
  otherBlocks: number;
}

export interface SynthesisDiff {
  base: string;
  head: string;
  changed: boolean;
  summary: DiffSummary;
  warnings: StatefulWarning[];
  stacks: StackDiff[];
}

interface Block {
  address: string;
  category: Category;
  type?: string;
  body: Json;
  /** The `overrides:` record of a resource, kept out of `body` so it is not diffed as an attribute. */
  override?: JsonObject;
}

export function compareSyntheses(base: Synthesis, head: Synthesis): SynthesisDiff {
  const names = [...new Set([...base.stacks.keys(), ...head.stacks.keys()])].sort();
  const stacks = names.map((name) => compareStack(name, base.stacks.get(name), head.stacks.get(name)));
  const warnings = [...stacks.flatMap((stack) => statefulWarnings(stack, base.stacks.get(stack.name))), ...takenNames(stacks, base, head)];
  const summary = summarize(stacks);
  return {
    base: base.stacksDir,
    head: head.stacksDir,
    changed: stacks.some((stack) => stack.status !== "unchanged"),
    summary,
    warnings,
    stacks,
  };
}

export function compareStack(name: string, before: JsonObject | undefined, after: JsonObject | undefined): StackDiff {
  const beforeBlocks = blocksOf(before);
  const afterBlocks = blocksOf(after);
  const moves = movesOf(after).filter(({ from, to }) => beforeBlocks.has(from) && !afterBlocks.has(from) && afterBlocks.has(to) && !beforeBlocks.has(to));
  const movedFrom = new Map(moves.map(({ from, to }) => [to, from]));
  const movedAway = new Set(moves.map(({ from }) => from));

  const blocks: BlockDiff[] = [];
  for (const address of new Set([...beforeBlocks.keys(), ...afterBlocks.keys()])) {
    const count = blocks.length;
    const overridden = afterBlocks.get(address)?.override ?? beforeBlocks.get(address)?.override;
    const old = beforeBlocks.get(address);
    const now = afterBlocks.get(address);
    if (old && now) {
      const changes = diffValues(old.body, now.body);
      if (changes.length > 0) blocks.push(changedBlock(now, changes));
    } else if (now && movedFrom.has(address)) {
      const from = movedFrom.get(address)!;
      const moved = changedBlock(now, diffValues(beforeBlocks.get(from)!.body, now.body));
      // A move keeps the object, unless the moved body also changes an attribute that forces replacement.
      blocks.push({ ...moved, action: moved.action === "replace" ? "replace" : "move", movedFrom: from });
    } else if (now) {
      blocks.push({ ...identity(now), action: "create", changes: [], forcesReplacement: [], after: now.body });
    } else if (old && !movedAway.has(address)) {
      blocks.push({ ...identity(old), action: "destroy", changes: [], forcesReplacement: [], before: old.body });
    }
    if (overridden && blocks.length > count) blocks[count]!.override = overridden as NonNullable<BlockDiff["override"]>;
  }
  blocks.sort(byCategoryThenAddress);
  const status: StackStatus = !before ? "added" : !after ? "removed" : blocks.length > 0 ? "changed" : "unchanged";
  const resourceCount = [...(after ? afterBlocks : beforeBlocks).values()].filter((block) => block.category === "resource").length;
  return { name, status, resourceCount, blocks };
}

function identity(block: Block): Pick<BlockDiff, "address" | "category" | "type"> {
  return block.type === undefined ? { address: block.address, category: block.category } : { address: block.address, category: block.category, type: block.type };
}

function changedBlock(block: Block, changes: ValueChange[]): BlockDiff {
  const forcing = block.category === "resource" && block.type ? changes.filter((change) => forcesReplacement(block.type!, schemaPath(change.path), change.after)) : [];
  const certain = forcing.some((change) => !forceNewEntry(block.type!, schemaPath(change.path))!.when);
  const ignored = block.category === "resource" && isObject(block.body) ? ignoredChanges(block.body) : [];
  return {
    ...identity(block),
    action: certain ? "replace" : "change",
    changes,
    forcesReplacement: forcing.map((change) => change.path),
    ...(ignored.length > 0 ? { ignoredChanges: ignored } : {}),
  };
}

const byCategoryThenAddress = (a: BlockDiff, b: BlockDiff) =>
  CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || (a.address < b.address ? -1 : a.address > b.address ? 1 : 0);

/** Every top-level block of a stack, by address. */
function blocksOf(json: JsonObject | undefined): Map<string, Block> {
  const blocks = new Map<string, Block>();
  if (!json) return blocks;
  const add = (block: Block) => blocks.set(block.address, block);
  const typed = (section: Json | undefined, category: Category, prefix: string) => {
    if (!isObject(section)) return;
    for (const [type, byName] of Object.entries(section)) {
      if (!isObject(byName)) continue;
      for (const [name, raw] of Object.entries(byName)) {
        const { body, override } = splitOverride(raw);
        add({ address: `${prefix}${type}.${name}`, category, type, body, ...(override ? { override } : {}) });
      }
    }
  };
  const named = (section: Json | undefined, category: Category, prefix: string) => {
    if (!isObject(section)) return;
    for (const [name, body] of Object.entries(section)) add({ address: `${prefix}${name}`, category, body });
  };

  for (const [key, section] of Object.entries(json)) {
    switch (key) {
      case "resource":
        typed(section, "resource", "");
        break;
      case "data":
        typed(section, "data", "data.");
        break;
      case "ephemeral":
        typed(section, "ephemeral", "ephemeral.");
        break;
      case "output":
        named(section, "output", "output.");
        break;
      case "variable":
        named(section, "variable", "variable.");
        break;
      case "locals":
        named(section, "local", "local.");
        break;
      case "provider":
        providerBlocks(section).forEach(add);
        break;
      case "terraform":
        terraformBlocks(section).forEach(add);
        break;
      default:
        // moved, import, check, module...: compared as a whole.
        add({ address: key, category: "other", body: section });
    }
  }
  return blocks;
}

/** `provider.aws`, or `provider.aws.<alias>` for aliased configurations. */
function providerBlocks(section: Json | undefined): Block[] {
  if (!isObject(section)) return [];
  return Object.entries(section).flatMap(([name, configs]) => {
    const list = Array.isArray(configs) ? configs : [configs];
    return list.map((config, index) => {
      const alias = isObject(config) && typeof config.alias === "string" ? config.alias : undefined;
      const address = alias ? `provider.${name}.${alias}` : list.length > 1 ? `provider.${name}[${index}]` : `provider.${name}`;
      return { address, category: "provider" as const, body: config };
    });
  });
}

/** The backend (`backend.<kind>` or `cloud`) and the remaining settings (versions, required providers). */
function terraformBlocks(section: Json | undefined): Block[] {
  if (!isObject(section)) return [];
  const { backend, cloud, ...settings } = section;
  const location: JsonObject = { ...(isObject(backend) ? backend : {}), ...(cloud !== undefined ? { cloud } : {}) };
  const blocks: Block[] = [];
  if (Object.keys(location).length > 0) blocks.push({ address: "backend", category: "backend", body: location });
  if (Object.keys(settings).length > 0) blocks.push({ address: "terraform", category: "terraform", body: settings });
  return blocks;
}

function movesOf(json: JsonObject | undefined): Array<{ from: string; to: string }> {
  const moved = json?.moved;
  const list = Array.isArray(moved) ? moved : moved !== undefined ? [moved] : [];
  return list.flatMap((entry) => (isObject(entry) && typeof entry.from === "string" && typeof entry.to === "string" ? [{ from: entry.from, to: entry.to }] : []));
}

const isStateLocation = (path: string) =>
  !path.includes(".") || STATE_LOCATION_PATHS.some((location) => path === location || path.startsWith(`${location}.`) || path.startsWith(`${location}[`));

/** The stateful warnings of one stack: replaced, destroyed, possibly replaced, state moved, stack removed. */
function statefulWarnings(stack: StackDiff, before: JsonObject | undefined): StatefulWarning[] {
  const warnings: StatefulWarning[] = [];
  if (stack.status === "removed") {
    const held = [...blocksOf(before).values()].filter((block) => block.category === "resource" && block.type && statefulType(block.type));
    for (const block of held) {
      const stateful = statefulType(block.type!)!;
      warnings.push({
        stack: stack.name,
        address: block.address,
        kind: stateful.kind,
        action: "stack-removed",
        message: `the stack is no longer synthesized; its state still manages this ${stateful.kind}, and destroying the stack deletes ${stateful.loses}`,
        attributes: [],
      });
    }
    return warnings;
  }

  const created = stack.blocks.filter((block) => block.category === "resource" && block.action === "create");
  for (const block of stack.blocks) {
    if (block.category === "backend" && stack.status === "changed") {
      const moved = block.changes.filter((change) => isStateLocation(change.path));
      if (moved.length > 0) {
        warnings.push({
          stack: stack.name,
          address: "backend",
          kind: "state",
          action: "state-moved",
          message: `the state location changes (${moved.map((change) => change.path).join(", ")}): Terraform would start from the new location's state and try to create every resource again while the old state still tracks the live ones; migrate the state first (terraform init -migrate-state)`,
          attributes: moved.map((change) => change.path),
        });
      }
    }
    if (block.category !== "resource" || !block.type) continue;
    const stateful = statefulType(block.type);
    if (!stateful) continue;

    if (block.action === "destroy") {
      const renamed = created.filter((other) => other.type === block.type).map((other) => other.address);
      const hint =
        renamed.length > 0
          ? `; ${renamed.join(", ")} of the same type ${renamed.length === 1 ? "is" : "are"} created: a changed logical id is still destroy + create, so keep the id or add a moved block`
          : "";
      warnings.push({
        stack: stack.name,
        address: block.address,
        kind: stateful.kind,
        action: "destroy",
        message: `destroyed: ${stateful.loses} is lost${hint}`,
        attributes: [],
      });
    } else if (block.forcesReplacement.length > 0) {
      const entries = block.forcesReplacement.map((path) => ({ path, entry: forceNewEntry(block.type!, schemaPath(path))! }));
      const certain = entries.filter(({ entry }) => !entry.when);
      const attributes = (certain.length > 0 ? certain : entries).map(({ path }) => path);
      const protectedNow = block.type === "aws_db_instance" && blocksOf(before).get(block.address)?.body;
      const blocked =
        isObject(protectedNow) && protectedNow.deletion_protection === true
          ? `; deletion_protection is on, so the apply fails when Terraform tries to delete the old instance: to replace it anyway, take a snapshot, apply deletionProtection: false on its own first, then apply this change; otherwise keep ${attributes.join(", ")} as ${attributes.length === 1 ? "it was" : "they were"}`
          : "";
      const message =
        certain.length > 0
          ? `${attributes.join(", ")} cannot change in place, so Terraform destroys it and creates a new one: ${stateful.loses} is lost${blocked}`
          : `${entries.map(({ path, entry }) => `${path} forces replacement when ${entry.when}`).join("; ")}; that would lose ${stateful.loses}${blocked}`;
      warnings.push({ stack: stack.name, address: block.address, kind: stateful.kind, action: certain.length > 0 ? "replace" : "may-replace", message, attributes });
    }
  }
  return warnings;
}

/**
 * The attribute that names a resource of each type whose names are unique in the account and
 * region (or the VPC, or globally). Names scoped to a parent (an IAM role's inline policies, an
 * ECS cluster's services) are not listed: two stacks never share the parent.
 */
const UNIQUE_NAMES: Readonly<Record<string, string>> = {
  aws_cloudwatch_event_bus: "name",
  aws_cloudwatch_log_group: "name",
  aws_db_instance: "identifier",
  aws_db_parameter_group: "name",
  aws_db_subnet_group: "name",
  aws_ecr_repository: "name",
  aws_ecs_cluster: "name",
  aws_efs_file_system: "creation_token",
  aws_elasticache_replication_group: "replication_group_id",
  aws_elasticache_subnet_group: "name",
  aws_iam_role: "name",
  aws_lambda_function: "function_name",
  aws_lb_target_group: "name",
  aws_s3_bucket: "bucket",
  aws_scheduler_schedule_group: "name",
  aws_security_group: "name",
  aws_service_discovery_private_dns_namespace: "name",
  aws_ssm_parameter: "name",
};

/**
 * A stack that disappears while another appears is often a renamed service. Until the old stack
 * is destroyed, its resources keep their names; a new resource of the same type and name (one
 * not derived from the service name, such as a Cloud Map namespace or a schedule group) cannot be
 * created: the apply fails with "already exists".
 */
function takenNames(stacks: readonly StackDiff[], base: Synthesis, head: Synthesis): StatefulWarning[] {
  const removed = stacks.filter((stack) => stack.status === "removed");
  const added = stacks.filter((stack) => stack.status === "added");
  if (removed.length === 0 || added.length === 0) return [];
  const held = new Map<string, { stack: string; address: string }>();
  for (const stack of removed) {
    for (const block of blocksOf(base.stacks.get(stack.name)).values()) {
      for (const [attribute, value] of uniqueNames(block)) held.set(`${block.type}\u0000${attribute}\u0000${value}`, { stack: stack.name, address: block.address });
    }
  }
  const warnings: StatefulWarning[] = [];
  for (const stack of added) {
    for (const block of blocksOf(head.stacks.get(stack.name)).values()) {
      for (const [attribute, value] of uniqueNames(block)) {
        const holder = held.get(`${block.type}\u0000${attribute}\u0000${value}`);
        if (!holder) continue;
        warnings.push({
          stack: stack.name,
          address: block.address,
          kind: block.type!,
          action: "name-taken",
          message: `${attribute} "${value}" is still held by ${holder.address} of stack ${holder.stack}, which this synthesis drops but which stays deployed until it is destroyed: the apply fails with "already exists"; destroy ${holder.stack} first (after moving its data), or choose another name`,
          attributes: [attribute],
        });
      }
    }
  }
  return warnings;
}

/** The unique name a resource block sets literally, if its type has one (names computed by Terraform are skipped). */
function uniqueNames(block: Block): Array<[string, string]> {
  const attribute = block.category === "resource" && block.type ? UNIQUE_NAMES[block.type] : undefined;
  if (!attribute || !isObject(block.body)) return [];
  const value = block.body[attribute];
  return typeof value === "string" && value !== "" && !value.includes("${") ? [[attribute, value]] : [];
}

function summarize(stacks: readonly StackDiff[]): DiffSummary {
  const summary: DiffSummary = {
    stacks: { added: 0, removed: 0, changed: 0, unchanged: 0 },
    resources: { create: 0, destroy: 0, change: 0, replace: 0, move: 0 },
    otherBlocks: 0,
  };
  for (const stack of stacks) {
    summary.stacks[stack.status]++;
    if (stack.status !== "changed") continue;
    for (const block of stack.blocks) {
      if (block.category === "resource") summary.resources[block.action]++;
      else summary.otherBlocks++;
    }
  }
  return summary;
}
