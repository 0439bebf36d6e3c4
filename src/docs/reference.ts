// Renders the generated parts of docs/spec.md from the sources of truth: the TypeBox schema
// (fields, types, defaults, constraints, descriptions), the fixtures (examples), the engine's
// table of injected environment variables, the outputs and variables a full stack exports (the
// full fixture with the optional fields that add more), and
// the engine settings. A test fails when docs/spec.md differs from what this renders.
import { readFileSync } from "node:fs";
import { parse, stringify } from "yaml";
import { Testing } from "../../providers/cdktf.js";
import { PlatformSpec } from "../../schema/index.js";
import type { JsonSchemaNode } from "../../schema/json-schema.js";
import { loadSpecText } from "../config/load.js";
import { SECTION_ORDER } from "../config/platform-config.js";
import { buildStack } from "../engine/build.js";
import { AUDIENCE_TEXT } from "../capabilities/shared/environment.js";
import { POLICY_RULES } from "../engine/policy-rules.js";
import { CAPABILITY_LIST, DERIVED_STEPS, INJECTED_ENVIRONMENT } from "../engine/registry.js";
import { SPEC_CHECKS } from "../engine/specs.js";
import { renderStack } from "../engine/synth.js";
import { EngineSettings, envVarFor, flagFor, resolveSettings, type SettingName } from "../settings/settings.js";

type Schema = JsonSchemaNode;

/** The fixture that declares every section: source of the examples, outputs and variables. */
export const FULL_FIXTURE = "fixtures/platform-agent-factory.yaml";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const code = (value: unknown) => `\`${typeof value === "string" ? value : JSON.stringify(value)}\``;

function typeOf(schema: Schema): string {
  if (schema.const !== undefined) return code(schema.const);
  if (schema.enum) return `one of ${schema.enum.map(code).join(", ")}`;
  if (schema.type === "array") return `list of ${schema.items ? typeOf(schema.items) : "values"}`;
  if (schema.type === "object") {
    if (!schema.patternProperties) return "mapping";
    const value = Object.values(schema.patternProperties)[0] as Schema | undefined;
    return `mapping of name to ${value?.type ? typeOf(value) : "any value"}`;
  }
  return schema.type ?? "any";
}

function constraintsOf(schema: Schema): string {
  const parts: string[] = [];
  if (schema.minimum !== undefined && schema.maximum !== undefined) parts.push(`${schema.minimum} to ${schema.maximum}`);
  else if (schema.minimum !== undefined) parts.push(`at least ${schema.minimum}`);
  else if (schema.maximum !== undefined) parts.push(`at most ${schema.maximum}`);
  if (schema.minLength !== undefined || schema.maxLength !== undefined) parts.push(`${schema.minLength ?? 0} to ${schema.maxLength ?? "any"} characters`);
  if (schema.minItems !== undefined || schema.maxItems !== undefined) parts.push(`${schema.minItems ?? 0} to ${schema.maxItems ?? "any"} items`);
  if (schema.pattern) parts.push(`matches ${code(schema.pattern)}`);
  for (const [pattern] of Object.entries(schema.patternProperties ?? {})) if (pattern !== "^.*$") parts.push(`names match ${code(pattern)}`);
  return parts.join("; ");
}

function fieldRows(schema: Schema, path: string, required: boolean, rows: string[]): void {
  const isContainer = schema.type === "object" && schema.properties;
  rows.push(
    `| ${code(path)} | ${cell(typeOf(schema))} | ${required ? "yes" : "no"} | ${schema.default !== undefined && !isContainer ? code(schema.default) : ""} | ${cell(constraintsOf(schema))} | ${cell(schema.description ?? "")} |`,
  );
  if (isContainer) {
    for (const [name, child] of Object.entries(schema.properties!)) fieldRows(child, `${path}.${name}`, (schema.required ?? []).includes(name), rows);
  }
  if (schema.type === "array" && schema.items?.properties) {
    for (const [name, child] of Object.entries(schema.items.properties)) fieldRows(child, `${path}[].${name}`, (schema.items.required ?? []).includes(name), rows);
  }
}

const FIELD_HEADER = ["| field | type | required | default | constraints | description |", "|---|---|---|---|---|---|"];

function renderFields(example: Record<string, unknown>): string {
  const root = PlatformSpec as unknown as Schema;
  const out: string[] = ["### Top level", "", ...FIELD_HEADER];
  for (const name of ["apiVersion", "kind", "metadata"]) fieldRows(root.properties![name]!, name, true, out);
  const spec = root.properties!.spec!;
  for (const section of SECTION_ORDER) {
    const schema = spec.properties![section]!;
    out.push("", `### \`spec.${section}\``, "", schema.description ?? "", "", ...FIELD_HEADER);
    const rows: string[] = [];
    fieldRows(schema, `spec.${section}`, false, rows);
    out.push(...rows);
    if (example[section] !== undefined) {
      out.push("", "Example:", "", "```yaml", stringify({ spec: { [section]: example[section] } }).trimEnd(), "```");
    }
  }
  // The escape hatch, beside `spec` (see "Overrides" below the tables).
  const overrides = root.properties!.overrides!;
  out.push("", "### `overrides`", "", overrides.description ?? "", "", ...FIELD_HEADER);
  const rows: string[] = [];
  fieldRows(overrides, "overrides", false, rows);
  out.push(...rows);
  return out.join("\n");
}

function renderEnvironment(): string {
  const rows = Object.entries(INJECTED_ENVIRONMENT).map(
    ([name, variable]) => `| ${code(name)} | ${variable.capability} | ${AUDIENCE_TEXT[variable.audience]} | ${cell(variable.description)} |`,
  );
  return ["| variable | set by | received by | meaning |", "|---|---|---|---|", ...rows].join("\n");
}

/** The capabilities table: one row per registry entry, then the derived steps. */
function renderCapabilities(): string {
  const rows = CAPABILITY_LIST.map((definition) => {
    const requires = (definition.requires ?? [])
      .map((precondition) => `${precondition.anyOf.map((name) => code(name)).join(" or ")}${precondition.at ? ` (for ${code(precondition.at.join("."))})` : ""}`)
      .join("; ");
    return `| ${code(definition.section)} | ${definition.phase} | ${requires} | ${cell(definition.summary)} |`;
  });
  const derived = DERIVED_STEPS.map((step) => `| ${step.name} (derived) | ${step.phase} |  | ${cell(step.summary)} |`);
  return ["| section | phase | requires | creates |", "|---|---|---|---|", ...rows, ...derived].join("\n");
}

/** The rules table of docs/security.md: every built-in rule, by id. */
export function renderPolicyRules(): string {
  const list = (items: readonly string[]) => (items.length > 0 ? items.map((item) => code(item)).join(", ") : "—");
  const rows = [...POLICY_RULES]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map(
      (rule) =>
        `| ${rule.id} | ${cell(rule.title)} | ${list(rule.appliesTo)} | ${list(rule.equivalents.checkov)} | ${list(rule.equivalents.trivy)} | ${rule.exceptable ? "yes" : "no"} |`,
    );
  return ["| id | requirement | resources | Checkov | Trivy | opt-out |", "|---|---|---|---|---|---|", ...rows].join("\n");
}

/** The opt-out table of docs/security.md: each definition's fields that turn a secure default off. */
export function renderOptOuts(): string {
  const rows = CAPABILITY_LIST.flatMap((definition) =>
    (definition.optOuts ?? []).map((optOut) => `| ${code(optOut.field)} (default ${code(optOut.secureDefault)}) | ${optOut.rules.join(", ")} | ${cell(optOut.on)} |`),
  );
  return ["| spec field (secure default) | rule ids the capability declares | on which construct |", "|---|---|---|", ...rows].join("\n");
}

function renderSettings(): string {
  const rows = (Object.keys(EngineSettings.properties) as SettingName[]).map((name) => {
    const schema = EngineSettings.properties[name] as Schema;
    const fallback = schema.default === "" ? "(empty)" : code(schema.default);
    return `| ${code(name)} | ${code(flagFor(name))} | ${code(envVarFor(name))} | ${fallback} | ${cell(schema.description ?? "")} |`;
  });
  return ["| setting | flag | environment variable | default | meaning |", "|---|---|---|---|---|", ...rows].join("\n");
}

/** Replaces the fixture's function and image names by `<function>` / `<image>`, so per-function rows read as patterns. */
function generalizer(functions: ReadonlyArray<{ name: string; image: string }>): (text: string) => string {
  const pairs: Array<[RegExp, string]> = [];
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const fn of functions) {
    for (const form of new Set([fn.image, fn.image.replace(/-/g, "_")])) pairs.push([new RegExp(`(?<![A-Za-z0-9])${escape(form)}(?![A-Za-z0-9])`, "g"), "<image>"]);
    for (const form of new Set([fn.name, fn.name.replace(/-/g, "_")])) pairs.push([new RegExp(`(?<![A-Za-z0-9])${escape(form)}(?![A-Za-z0-9])`, "g"), "<function>"]);
  }
  return (text) => pairs.reduce((out, [pattern, replacement]) => out.replace(pattern, replacement), text);
}

/**
 * The full fixture plus the optional fields that add outputs or variables of their own
 * (extra hostnames, autoscaling, two functions sharing an image, a webhook image), so that the
 * tables list every key and variable a stack can have, not only those of the fixture.
 */
function interfaceVariant(root: string): string {
  const doc = parse(readFileSync(`${root}/${FULL_FIXTURE}`, "utf8")) as { metadata: { name: string }; spec: Record<string, Record<string, unknown>> };
  const { compute, lambda, triggers } = doc.spec;
  if (!compute || !lambda || !triggers) throw new Error(`${FULL_FIXTURE} must declare compute, lambda and triggers`);
  const instances = (compute.instances ?? {}) as Record<string, unknown>;
  compute.instances = { ...instances, max: Math.max(Number(instances.min ?? 1), 1) + 2 };
  compute.scaling = { cpuPercent: 60 };
  compute.hostnames = [`${doc.metadata.name}-admin`];
  const functions = lambda.functions as Array<{ name: string; image: string }>;
  functions.push({ name: "batch", image: functions[0]!.image });
  triggers.webhook = { ...(triggers.webhook as Record<string, unknown>), image: "webhook" };
  return stringify(doc);
}

async function renderStackInterface(root: string): Promise<{ outputs: string; variables: string }> {
  const source = `${FULL_FIXTURE} (with the optional fields that add outputs)`;
  const { config, diagnostics } = loadSpecText(source, interfaceVariant(root), SPEC_CHECKS);
  if (!config) throw new Error(`${source} is invalid: ${diagnostics.map((d) => `${d.path}: ${d.message}`).join("; ")}`);
  const generalize = generalizer(config.spec.lambda?.functions ?? []);
  const { stack, context } = await buildStack(Testing.app({ stackTraces: false }), config, resolveSettings({}, {}));
  const json = JSON.parse(renderStack(stack)) as { variable?: Record<string, { description?: string }> };

  const seen = new Set<string>();
  const outputRows: string[] = [];
  for (const output of context.outputs.all()) {
    const key = generalize(output.key);
    if (seen.has(key)) continue;
    seen.add(key);
    outputRows.push(`| ${code(key)} | ${code(generalize(output.name))} | ${cell(generalize(output.description))} |`);
  }
  const variableRows = new Set<string>();
  for (const [name, variable] of Object.entries(json.variable ?? {})) {
    const description = (variable.description ?? "").split(config.serviceName).join("<service>");
    variableRows.add(`| ${code(generalize(name))} | ${cell(generalize(description))} |`);
  }
  return {
    outputs: ["| key | Terraform output | meaning |", "|---|---|---|", ...outputRows].join("\n"),
    variables: ["| variable | meaning |", "|---|---|", ...variableRows].join("\n"),
  };
}

/** Generated blocks of docs/spec.md, by marker name. */
export async function renderReference(root: string): Promise<Record<string, string>> {
  const example = (await import("yaml")).parse(readFileSync(`${root}/${FULL_FIXTURE}`, "utf8")).spec as Record<string, unknown>;
  const { outputs, variables } = await renderStackInterface(root);
  return { capabilities: renderCapabilities(), fields: renderFields(example), environment: renderEnvironment(), outputs, variables, settings: renderSettings() };
}

/** `text` with each `<!-- generated:NAME -->...<!-- /generated:NAME -->` block replaced. */
export function fillGenerated(text: string, blocks: Record<string, string>): string {
  let out = text;
  for (const [name, body] of Object.entries(blocks)) {
    const pattern = new RegExp(`(<!-- generated:${name} -->)[\\s\\S]*?(<!-- /generated:${name} -->)`);
    if (!pattern.test(out)) throw new Error(`no generated:${name} block to fill`);
    out = out.replace(pattern, (_m, open: string, close: string) => `${open}\n${body}\n${close}`);
  }
  return out;
}
