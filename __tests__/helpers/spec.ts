// Test helpers: write specs as objects, load them through the real pipeline, synthesize them in memory.
import { readFileSync } from "node:fs";
import { stringify } from "yaml";
import { Testing } from "../../providers/cdktf.js";
import { formatPath, type Diagnostic } from "../../src/config/diagnostics.js";
import { loadSpecText } from "../../src/config/load.js";
import type { PlatformConfig } from "../../src/config/platform-config.js";
import { buildStack, type BuiltStack } from "../../src/engine/build.js";
import { SPEC_CHECKS } from "../../src/engine/specs.js";
import { checkPreconditions } from "../../src/engine/plan.js";
import { resolveSettings, type EngineSettings } from "../../src/settings/settings.js";

export const ROOT = new URL("../../", import.meta.url).pathname;
export const fixturePath = (name: string) => `${ROOT}fixtures/${name}`;

/** A platform.yaml text for the given spec sections. */
export function specYaml(spec: Record<string, unknown>, name = "test-svc", metadata: Record<string, unknown> = {}): string {
  return stringify({ apiVersion: "platform.althq.com/v1", kind: "Service", metadata: { name, ...metadata }, spec });
}

export function load(text: string, file = "test.yaml", environment?: string) {
  return loadSpecText(file, text, environment === undefined ? SPEC_CHECKS : { ...SPEC_CHECKS, environment });
}

/** Loads a spec (or, given `environment`, that environment's merged spec) that must be valid (schema, semantics and preconditions). */
export function loadValid(text: string, file = "test.yaml", environment?: string): PlatformConfig {
  const { config, diagnostics } = load(text, file, environment);
  const problems = config ? checkPreconditions(config) : [];
  if (!config || problems.length > 0) {
    throw new Error(`spec is not valid:\n${[...diagnostics, ...problems].map(show).join("\n")}`);
  }
  return config;
}

export const show = (d: Diagnostic) => `${d.file}:${d.line}:${d.column} ${d.path}: ${d.message}`;
export { formatPath };

export const defaultSettings = (overrides: Partial<Record<keyof EngineSettings, string>> = {}): EngineSettings => resolveSettings(overrides, {});

export interface Synthesized extends BuiltStack {
  /** The stack's Terraform JSON (cdktf metadata stripped). */
  json: TerraformJson;
}

export type TerraformJson = {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; description?: string; sensitive?: boolean }>;
  variable?: Record<string, Record<string, unknown>>;
  provider?: Record<string, unknown[]>;
  terraform?: Record<string, unknown>;
  ephemeral?: Record<string, Record<string, Record<string, unknown>>>;
};

/** Builds and synthesizes a spec in memory. */
export async function synthesize(spec: string | PlatformConfig, settings: EngineSettings = defaultSettings()): Promise<Synthesized> {
  const config = typeof spec === "string" ? loadValid(spec) : spec;
  const app = Testing.app({ stackTraces: false });
  const built = await buildStack(app, config, settings);
  return { ...built, json: JSON.parse(Testing.synth(built.stack)) as TerraformJson };
}

export async function synthesizeFixture(name: string, settings?: EngineSettings): Promise<Synthesized> {
  return synthesize(loadValid(readFileSync(fixturePath(name), "utf8"), `fixtures/${name}`), settings);
}

/** All resources of a Terraform type, by logical id. */
export function resourcesOf(json: TerraformJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource?.[type] ?? {};
}

/** The one resource of a type with this logical id; fails the test when absent. */
export function resource(json: TerraformJson, type: string, id: string): Record<string, unknown> {
  const found = json.resource?.[type]?.[id];
  if (!found) throw new Error(`no ${type}.${id}; have: ${Object.keys(json.resource?.[type] ?? {}).join(", ") || "none"}`);
  return found;
}

/** `type.id` of every resource in the stack, sorted. */
export function resourceAddresses(json: TerraformJson): string[] {
  return Object.entries(json.resource ?? {})
    .flatMap(([type, byId]) => Object.keys(byId).map((id) => `${type}.${id}`))
    .sort();
}
