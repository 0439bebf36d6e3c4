// What a stand-in provider does with values: validation, plan, apply, refresh, data sources and
// ephemeral resources. Pure functions over cty values and the schema; the gRPC layer is server.ts.
import { createHash } from "node:crypto";
import { type CtyType, fromJson, isWhollyKnown, UNKNOWN, type Value } from "./cty.js";
import type { ForceNewTable } from "./force-new.js";
import { attributeType, type AttributeSchema, type BlockSchema, blockType } from "./schema-gen.js";

export type Severity = "error" | "warning";
export type PathStep = { attribute_name: string } | { element_key_string: string } | { element_key_int: number };

export interface Diagnostic {
  severity: Severity;
  summary: string;
  detail: string;
  path?: PathStep[];
}

type Obj = Record<string, Value>;

/** The shared infrastructure the stacks look up, and simulated drift; see world.json. */
export interface World {
  region?: string;
  account_id?: string;
  partition?: string;
  subnets?: Array<Record<string, unknown>>;
  data?: Record<string, Array<Record<string, unknown>>>;
  /** Changes to managed resources seen on refresh: the first resource of `type` whose attributes include `match` gets `set` (or disappears when `deleted`). */
  drift?: Array<{ type: string; match: Record<string, unknown>; set?: Record<string, unknown>; deleted?: boolean }>;
}

// ---------------------------------------------------------------- validation

/** Missing required arguments and known values of the wrong shape (Terraform core checks most of this too). */
export function validate(block: BlockSchema, value: Value, path: PathStep[] = []): Diagnostic[] {
  const out: Diagnostic[] = [];
  if (value === null || value === UNKNOWN) return out;
  const obj = value as Obj;
  for (const [name, a] of Object.entries(block.attributes)) {
    const here = [...path, { attribute_name: name }];
    const v = obj[name] ?? null;
    if (a.required && v === null) {
      out.push({ severity: "error", summary: "Missing required argument", detail: `The argument "${name}" is required, but no definition was found.`, path: here });
    }
    if (!a.optional && !a.required && a.computed && v !== null && v !== UNKNOWN && path.length === 0) {
      out.push({ severity: "error", summary: "Value for unconfigurable attribute", detail: `Can't configure a value for "${name}": its value will be decided automatically based on the result of applying this configuration.`, path: here });
    }
    if (a.nested_type && v !== null && v !== UNKNOWN) {
      const inner: BlockSchema = { attributes: a.nested_type.attributes, block_types: {} };
      for (const [i, item] of elements(a.nested_type.nesting_mode, v)) out.push(...validate(inner, item, i === undefined ? here : [...here, i]));
    }
  }
  for (const [name, b] of Object.entries(block.block_types)) {
    const here = [...path, { attribute_name: name }];
    const v = obj[name] ?? null;
    if (b.nesting_mode !== "single" && v !== UNKNOWN && Array.isArray(v)) {
      if (b.min_items && v.length < b.min_items) out.push({ severity: "error", summary: "Insufficient " + name + " blocks", detail: `At least ${b.min_items} "${name}" blocks are required.`, path: here });
      if (b.max_items && v.length > b.max_items) out.push({ severity: "error", summary: "Too many " + name + " blocks", detail: `No more than ${b.max_items} "${name}" blocks are allowed.`, path: here });
    }
    if (v !== null && v !== UNKNOWN) for (const [i, item] of elements(b.nesting_mode, v)) out.push(...validate(b.block, item, i === undefined ? here : [...here, i]));
  }
  return out;
}

function elements(nesting: string, v: Value): Array<[PathStep | undefined, Value]> {
  if (nesting === "single") return [[undefined, v]];
  if (nesting === "map") return Object.entries(v as Obj).map(([k, x]) => [{ element_key_string: k }, x]);
  return (v as Value[]).map((x, i) => [{ element_key_int: i }, x]);
}

// ---------------------------------------------------------------- plan

export interface PlanResult {
  planned: Value;
  requiresReplace: PathStep[][];
}

/**
 * Plans a change the way the SDKs do: the proposed new state (config merged with prior state by
 * Terraform) is kept; on create, unset computed attributes become unknown; a change at a force-new
 * path is reported in requires_replace.
 */
export function plan(type: string, block: BlockSchema, prior: Value, proposed: Value, forceNew: ForceNewTable): PlanResult {
  if (proposed === null) return { planned: null, requiresReplace: [] };
  if (prior === null) return { planned: markUnsetComputed(block, proposed), requiresReplace: [] };
  const requiresReplace: PathStep[][] = [];
  for (const path of forceNew[type] ?? []) {
    const before = project(prior, path);
    const after = project(proposed, path);
    if (!sameValue(before.value, after.value)) requiresReplace.push(before.steps.map((s) => ({ attribute_name: s })));
  }
  return { planned: proposed, requiresReplace };
}

/** The value at an attribute path, stopping at the first collection (its whole value compares). */
function project(value: Value, path: readonly string[]): { value: Value; steps: string[] } {
  let v = value;
  const steps: string[] = [];
  for (const name of path) {
    if (v === null || v === UNKNOWN || typeof v !== "object" || Array.isArray(v)) break;
    v = (v as Obj)[name] ?? null;
    steps.push(name);
    if (Array.isArray(v)) break;
  }
  return { value: v, steps };
}

function sameValue(a: Value, b: Value): boolean {
  if (a === UNKNOWN || b === UNKNOWN) return a === b;
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: Value): unknown {
  if (v === UNKNOWN) return "\u0000unknown";
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Obj)[k]!)]));
  return v;
}

/**
 * Unset computed attributes become unknown. Inside nested blocks and nested attributes only the
 * computed-only ones do: an unset optional argument there stays null, so the elements of a nested
 * set keep matching their configuration on the next plan.
 */
function markUnsetComputed(block: BlockSchema, value: Value, nested = false): Value {
  if (value === null || value === UNKNOWN) return value;
  const obj = { ...(value as Obj) };
  for (const [name, a] of Object.entries(block.attributes)) {
    // An unset optional nested attribute (a framework provider's object) stays null as well.
    if (a.computed && (!nested || !a.optional) && !(a.nested_type && a.optional) && (obj[name] ?? null) === null) obj[name] = UNKNOWN;
    else if (a.nested_type && obj[name] !== null && obj[name] !== UNKNOWN) {
      const inner: BlockSchema = { attributes: a.nested_type.attributes, block_types: {} };
      obj[name] = mapElements(a.nested_type.nesting_mode, obj[name]!, (x) => markUnsetComputed(inner, x, true));
    }
  }
  for (const [name, b] of Object.entries(block.block_types)) {
    if (obj[name] !== null && obj[name] !== UNKNOWN && obj[name] !== undefined) obj[name] = mapElements(b.nesting_mode, obj[name]!, (x) => markUnsetComputed(b.block, x, true));
  }
  return obj;
}

function mapElements(nesting: string, v: Value, f: (x: Value) => Value): Value {
  if (nesting === "single") return f(v);
  if (nesting === "map") return Object.fromEntries(Object.entries(v as Obj).map(([k, x]) => [k, f(x)]));
  return (v as Value[]).map(f);
}

// ---------------------------------------------------------------- apply

export interface Context {
  region: string;
  accountId: string;
  partition: string;
  defaultTags: Record<string, string>;
}

/** Fills every unknown in the planned state with a deterministic, well-formed fake value. */
export function apply(type: string, block: BlockSchema, planned: Value, ctx: Context): Value {
  if (planned === null) return null;
  const obj = planned as Obj;
  const seed = hash(type, canonical(obj));
  const ids = fakeIds(type, obj, seed, ctx);
  return fillBlock(block, obj, { type, seed, ids, ctx, top: obj });
}

interface Fill {
  type: string;
  seed: string;
  ids: { id: string; arn: string; name: string };
  ctx: Context;
  top: Obj;
}

function fillBlock(block: BlockSchema, value: Value, f: Fill): Value {
  if (value === null) return null;
  const obj = { ...(value as Obj) };
  for (const [name, a] of Object.entries(block.attributes)) {
    const v = obj[name] ?? null;
    if (v === UNKNOWN) obj[name] = fakeAttribute(name, attributeType(a), a, f);
    else if (v !== null && !isWhollyKnown(v)) obj[name] = fillType(attributeType(a), v, name, f);
  }
  for (const [name, b] of Object.entries(block.block_types)) {
    const v = obj[name] ?? null;
    if (v !== null) obj[name] = mapElements(b.nesting_mode, v, (x) => fillBlock(b.block, x, f));
  }
  return obj;
}

function fillType(type: CtyType, v: Value, name: string, f: Fill): Value {
  if (v === UNKNOWN) return fakeValue(type, name, f);
  if (v === null || typeof v !== "object" || isWhollyKnown(v)) return v;
  if (typeof type === "string") return v;
  const [kind, element] = type;
  if (kind === "list" || kind === "set") return (v as Value[]).map((x) => fillType(element, x, name, f));
  if (kind === "map") return Object.fromEntries(Object.entries(v as Obj).map(([k, x]) => [k, fillType(element, x, name, f)]));
  if (kind === "object") return Object.fromEntries(Object.entries(element as Record<string, CtyType>).map(([k, t]) => [k, fillType(t, (v as Obj)[k] ?? null, k, f)]));
  return v;
}

function fakeAttribute(name: string, type: CtyType, a: AttributeSchema, f: Fill): Value {
  if (name === "tags_all") {
    const tags = (f.top.tags as Record<string, string> | null) ?? {};
    return { ...f.ctx.defaultTags, ...tags };
  }
  if (a.nested_type && a.nested_type.nesting_mode === "single") {
    const inner: BlockSchema = { attributes: a.nested_type.attributes, block_types: {} };
    const empty = Object.fromEntries(Object.keys(inner.attributes).map((k) => [k, UNKNOWN])) as Obj;
    return fillBlock(inner, empty, f);
  }
  return fakeValue(type, name, f);
}

function fakeValue(type: CtyType, name: string, f: Fill): Value {
  if (type === "string") return fakeString(name, f);
  if (type === "number") return 0;
  if (type === "bool") return false;
  if (type === "dynamic") return null;
  const [kind, element] = type;
  // A computed collection of objects gets one element (as e.g. aws_db_instance.master_user_secret has).
  if (kind === "list" || kind === "set") return Array.isArray(element) && element[0] === "object" ? [fakeValue(element, name, f)] : [];
  if (kind === "tuple") return [];
  if (kind === "map") return {};
  return Object.fromEntries(Object.entries(element as Record<string, CtyType>).map(([k, t]) => [k, fakeValue(t, k, f)]));
}

function fakeString(name: string, f: Fill): string {
  const h = hash(f.seed, name).slice(0, 8);
  const { region, accountId } = f.ctx;
  if (name === "id") return f.ids.id;
  if (name === "arn") return f.ids.arn;
  if (name === "name" || name === "function_name" || name === "repository_name") return f.ids.name;
  if (name === "region") return region;
  if (name === "owner_id" || name === "registry_id" || name === "account_id") return accountId;
  if (name.endsWith("_arn")) return `${f.ids.arn}/${name.slice(0, -4)}`;
  if (name === "url" && f.type === "aws_sqs_queue") return f.ids.id;
  if (name.endsWith("_url") || name === "url") return `https://${h}.standin.${region}.example/`;
  if (name.endsWith("dns_name") || name.endsWith("endpoint") || name.endsWith("address")) return `${h}.standin.${region}.example`;
  if (name.endsWith("_at") || name.endsWith("_date") || name.endsWith("_time")) return "2026-01-01T00:00:00Z";
  return `standin-${name.replace(/_/g, "-")}-${h}`;
}

function hash(...parts: unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

/** Per-type id and ARN shapes (https://docs.aws.amazon.com/service-authorization/latest/reference/ "Resource types"). */
const AWS_SHAPES: Record<string, { id?: (h: string, name: string) => string; arn?: (name: string, id: string) => string; nameKey?: string }> = {
  aws_cloudwatch_event_bus: { arn: (n) => `events:{r}:{a}:event-bus/${n}`, id: (_h, n) => n },
  aws_cloudwatch_log_group: { arn: (n) => `logs:{r}:{a}:log-group:${n}`, id: (_h, n) => n },
  aws_db_instance: { arn: (n) => `rds:{r}:{a}:db:${n}`, id: (h) => `db-${h.slice(0, 26).toUpperCase()}`, nameKey: "identifier" },
  aws_db_parameter_group: { arn: (n) => `rds:{r}:{a}:pg:${n}`, id: (_h, n) => n },
  aws_db_subnet_group: { arn: (n) => `rds:{r}:{a}:subgrp:${n}`, id: (_h, n) => n },
  aws_ecr_repository: { arn: (n) => `ecr:{r}:{a}:repository/${n}`, id: (_h, n) => n },
  aws_ecs_cluster: { arn: (n) => `ecs:{r}:{a}:cluster/${n}` },
  aws_ecs_service: { arn: (n) => `ecs:{r}:{a}:service/standin-cluster/${n}` },
  aws_ecs_task_definition: { arn: (n) => `ecs:{r}:{a}:task-definition/${n}:1`, id: (_h, n) => n, nameKey: "family" },
  aws_efs_access_point: { arn: (_n, id) => `elasticfilesystem:{r}:{a}:access-point/${id}`, id: (h) => `fsap-${h.slice(0, 17)}` },
  aws_efs_file_system: { arn: (_n, id) => `elasticfilesystem:{r}:{a}:file-system/${id}`, id: (h) => `fs-${h.slice(0, 17)}` },
  aws_efs_mount_target: { id: (h) => `fsmt-${h.slice(0, 17)}` },
  aws_elasticache_replication_group: { arn: (n) => `elasticache:{r}:{a}:replicationgroup:${n}`, id: (_h, n) => n, nameKey: "replication_group_id" },
  aws_elasticache_subnet_group: { arn: (n) => `elasticache:{r}:{a}:subnetgroup:${n}`, id: (_h, n) => n },
  aws_iam_role: { arn: (n) => `iam::{a}:role/${n}`, id: (_h, n) => n },
  aws_iam_role_policy: { id: (h, n) => `standin-role:${n}` },
  aws_lambda_function: { arn: (n) => `lambda:{r}:{a}:function:${n}`, id: (_h, n) => n, nameKey: "function_name" },
  aws_lambda_function_url: { id: (_h, n) => n, nameKey: "function_name" },
  aws_lb_target_group: { arn: (n, id) => `elasticloadbalancing:{r}:{a}:targetgroup/${n}/${id.slice(-16)}` },
  aws_lb_listener_rule: { arn: (_n, id) => `elasticloadbalancing:{r}:{a}:listener-rule/app/standin/${id.slice(-16)}` },
  aws_scheduler_schedule_group: { arn: (n) => `scheduler:{r}:{a}:schedule-group/${n}`, id: (_h, n) => n },
  aws_security_group: { arn: (_n, id) => `ec2:{r}:{a}:security-group/${id}`, id: (h) => `sg-${h.slice(0, 17)}` },
  aws_vpc_security_group_egress_rule: { arn: (_n, id) => `ec2:{r}:{a}:security-group-rule/${id}`, id: (h) => `sgr-${h.slice(0, 17)}` },
  aws_vpc_security_group_ingress_rule: { arn: (_n, id) => `ec2:{r}:{a}:security-group-rule/${id}`, id: (h) => `sgr-${h.slice(0, 17)}` },
  aws_service_discovery_private_dns_namespace: { arn: (_n, id) => `servicediscovery:{r}:{a}:namespace/${id}`, id: (h) => `ns-${h.slice(0, 16)}` },
  aws_service_discovery_service: { arn: (_n, id) => `servicediscovery:{r}:{a}:service/${id}`, id: (h) => `srv-${h.slice(0, 16)}` },
  aws_s3_bucket: { arn: (n) => `s3:::${n}`, id: (_h, n) => n, nameKey: "bucket" },
  aws_sqs_queue: { arn: (n) => `sqs:{r}:{a}:${n}`, id: (_h, n) => `https://sqs.{r}.amazonaws.com/{a}/${n}` },
  aws_lambda_event_source_mapping: { arn: (_n, id) => `lambda:{r}:{a}:event-source-mapping:${id}`, id: (h) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}` },
  aws_efs_file_system_policy: {},
  aws_efs_backup_policy: {},
};

function fakeIds(type: string, obj: Obj, seed: string, ctx: Context): { id: string; arn: string; name: string } {
  const shape = AWS_SHAPES[type] ?? {};
  const known = (k: string) => (typeof obj[k] === "string" ? (obj[k] as string) : undefined);
  const name = known(shape.nameKey ?? "name") ?? (known("name_prefix") ? `${known("name_prefix")}${seed.slice(0, 26)}` : `standin-${type.replace(/_/g, "-")}-${seed.slice(0, 8)}`);
  if (type.startsWith("cloudflare_")) return { id: seed.slice(0, 32), arn: "", name };
  const id = shape.id ? shape.id(seed, name) : known("id") ?? "";
  const arnTail = shape.arn ? shape.arn(name, id || seed) : `${type.replace(/^aws_/, "").split("_")[0]}:{r}:{a}:${type.replace(/^aws_/, "")}/${name}`;
  const arn = `arn:${ctx.partition}:${arnTail.replace("{r}", ctx.region).replace("{a}", ctx.accountId)}`;
  const fill = (text: string) => text.replace("{r}", ctx.region).replace("{a}", ctx.accountId);
  return { id: fill(id) || (shape.arn ? arn : name), arn, name };
}

// ---------------------------------------------------------------- refusals

/**
 * Deletions the real APIs refuse, with the provider's error text (hashicorp/aws: "deleting RDS DB
 * Instance (<id>): ... api error InvalidParameterCombination: Cannot delete protected DB Instance").
 */
export function refuseDelete(type: string, prior: Value): Diagnostic | undefined {
  const obj = prior as Obj | null;
  if (type === "aws_db_instance" && obj?.deletion_protection === true) {
    const identifier = typeof obj.identifier === "string" ? obj.identifier : String(obj.id);
    return {
      severity: "error",
      summary: `deleting RDS DB Instance (${identifier}): operation error RDS: DeleteDBInstance, https response error StatusCode: 400, RequestID: 00000000-0000-0000-0000-000000000000, api error InvalidParameterCombination: Cannot delete protected DB Instance, please disable deletion protection and try again.`,
      detail: "",
    };
  }
  return undefined;
}

// ---------------------------------------------------------------- refresh

/** Refresh: the stored state, changed by the world's drift entries for this resource. */
export function refresh(type: string, block: BlockSchema, state: Value, world: World): Value {
  if (state === null) return null;
  const obj = state as Obj;
  for (const d of world.drift ?? []) {
    if (d.type !== type || !matches(obj, d.match)) continue;
    if (d.deleted) return null;
    const out = { ...obj };
    const t = blockType(block) as ["object", Record<string, CtyType>];
    for (const [k, v] of Object.entries(d.set ?? {})) if (t[1][k]) out[k] = fromJson(t[1][k]!, v);
    return out;
  }
  return state;
}

function matches(obj: Obj, match: Record<string, unknown>): boolean {
  return Object.entries(match).every(([k, v]) => JSON.stringify(obj[k]) === JSON.stringify(v));
}

// ---------------------------------------------------------------- data sources and ephemeral resources

const NOT_MATCHED_ON = new Set(["region", "with_decryption", "id", "tags", "filter", "timeouts"]);

/** Answers a data source (or ephemeral resource) from the world; a diagnostic when nothing matches. */
export function lookup(type: string, block: BlockSchema, config: Value, world: World, ctx: Context): { state: Value; diagnostics: Diagnostic[] } {
  const cfg = { ...(config as Obj) };
  const t = blockType(block) as ["object", Record<string, CtyType>];
  let record: Record<string, unknown> | undefined;
  if (type === "aws_caller_identity") record = { account_id: ctx.accountId, arn: `arn:${ctx.partition}:iam::${ctx.accountId}:user/standin`, user_id: "AIDASTANDINUSER000000", id: ctx.accountId };
  else if (type === "aws_partition") record = { partition: ctx.partition, dns_suffix: "amazonaws.com", reverse_dns_prefix: "com.amazonaws", id: ctx.partition };
  else if (type === "aws_subnets") {
    const found = (world.subnets ?? []).filter((s) => subnetMatches(s, cfg));
    record = { ids: found.map((s) => s.id), id: ctx.region };
  } else {
    const candidates = type === "aws_subnet" ? (world.subnets ?? []) : (world.data?.[type] ?? []);
    record = candidates.find((r) => recordMatches(r, cfg) && (type !== "aws_subnet" || subnetMatches(r, cfg)));
  }
  if (!record) {
    const wanted = Object.entries(cfg)
      .filter(([k, v]) => v !== null && typeof v !== "object" && k !== "region")
      .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
      .join(", ");
    return { state: null, diagnostics: [{ severity: "error", summary: `no matching ${type} found`, detail: `The stand-in world has no ${type} with ${wanted || "these arguments"}; add one to the world file (STANDIN_WORLD).` }] };
  }
  const out: Obj = {};
  for (const [name, attrType] of Object.entries(t[1])) {
    const given = cfg[name] ?? null;
    out[name] = given !== null && given !== UNKNOWN ? given : name in record ? fromJson(attrType, record[name]) : name === "region" ? ctx.region : given === UNKNOWN ? emptyOf(attrType) : null;
  }
  return { state: out, diagnostics: [] };
}

function emptyOf(type: CtyType): Value {
  if (typeof type === "string") return null;
  return type[0] === "map" || type[0] === "object" ? null : [];
}

function recordMatches(record: Record<string, unknown>, cfg: Obj): boolean {
  for (const [k, v] of Object.entries(cfg)) {
    if (v === null || v === UNKNOWN || NOT_MATCHED_ON.has(k) || typeof v === "object") continue;
    if (!(k in record)) continue;
    if (String(record[k]) !== String(v)) return false;
  }
  const tags = cfg.tags as Record<string, string> | null;
  if (tags && typeof tags === "object") {
    const have = (record.tags ?? {}) as Record<string, string>;
    if (!Object.entries(tags).every(([k, v]) => have[k] === v)) return false;
  }
  const filter = (cfg.filter ?? null) as Array<{ name: string; values: string[] }> | null;
  if (Array.isArray(filter)) {
    for (const { name, values } of filter) {
      if (typeof name !== "string" || !Array.isArray(values)) continue;
      const key = name.startsWith("tag:") ? undefined : name.replace(/-/g, "_");
      const have = key ? record[key] : ((record.tags ?? {}) as Record<string, string>)[name.slice(4)];
      if (have !== undefined && !values.includes(String(have))) return false;
    }
  }
  return true;
}

function subnetMatches(subnet: Record<string, unknown>, cfg: Obj): boolean {
  const id = cfg.id;
  if (typeof id === "string" && subnet.id !== id) return false;
  return recordMatches(subnet, cfg) && filtersMatch(subnet, cfg.filter ?? null);
}

/**
 * EC2's `filter` blocks (`vpc-id`, `availability-zone`, ...): the record's attribute of that name
 * (hyphens as underscores) must equal one of the values. A filter naming an attribute the world's
 * records lack is ignored, as before filters were read.
 */
function filtersMatch(record: Record<string, unknown>, filters: Value): boolean {
  if (!Array.isArray(filters)) return true;
  return filters.every((filter) => {
    const { name, values } = (filter ?? {}) as { name?: unknown; values?: unknown };
    if (typeof name !== "string" || !Array.isArray(values)) return true;
    const attribute = name.replace(/-/g, "_");
    if (!(attribute in record)) return true;
    return values.some((value) => String(record[attribute]) === String(value));
  });
}
