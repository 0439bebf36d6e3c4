import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SECTION_ORDER } from "../../src/config/platform-config.js";
import { renderJsonSchema } from "../../schema/export.js";
import { closest } from "../../src/config/suggest.js";
import { load, ROOT, specYaml } from "../helpers/spec.js";

type Schema = {
  type?: string;
  description?: string;
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  patternProperties?: Record<string, Schema>;
  items?: Schema;
  pattern?: string;
};

const committed = readFileSync(`${ROOT}schema/platform-spec-v1.json`, "utf8");
const schema = JSON.parse(committed) as Schema;

/** Every object schema in the document, with its dotted path. */
function objects(node: Schema, path = ""): Array<[string, Schema]> {
  const found: Array<[string, Schema]> = [];
  if (node.type === "object") found.push([path || "(root)", node]);
  for (const [key, child] of Object.entries(node.properties ?? {})) found.push(...objects(child, path ? `${path}.${key}` : key));
  if (node.items) found.push(...objects(node.items, `${path}[]`));
  return found;
}

/** Every property schema, with its dotted path and whether its object requires it. */
function properties(node: Schema, path = ""): Array<{ path: string; schema: Schema; required: boolean }> {
  const found: Array<{ path: string; schema: Schema; required: boolean }> = [];
  for (const [key, child] of Object.entries(node.properties ?? {})) {
    const childPath = path ? `${path}.${key}` : key;
    found.push({ path: childPath, schema: child, required: (node.required ?? []).includes(key) }, ...properties(child, childPath));
  }
  if (node.items) found.push(...properties(node.items, `${path}[]`));
  return found;
}

describe("JSON Schema export", () => {
  it("is committed and matches the TypeBox modules (run `npm run schema:write` after changing them)", () => {
    expect(committed).toBe(renderJsonSchema());
  });

  it("declares its dialect and id", () => {
    expect(schema).toMatchObject({ $schema: "https://json-schema.org/draft/2020-12/schema", $id: "https://platform.althq.com/schema/platform-spec-v1.json" });
  });

  it("rejects unknown keys on every object except metadata, which may carry labels, an override's set, whose keys are attribute paths, and the JSON a trigger passes on", () => {
    const open = objects(schema)
      .filter(([, node]) => node.additionalProperties !== false)
      .map(([path]) => path);
    // The paths of `overrides[].set` are checked against the synthesized stack (src/engine/overrides.ts);
    // a schedule's input is the target's payload; an event pattern is checked by the triggers unit's rules.
    expect(open).toEqual(["metadata", "spec.triggers.eventbridge.schedules[].input", "spec.triggers.events[].pattern", "overrides[].set"]);
    expect(schema.properties?.metadata?.additionalProperties).toBe(true);
  });

  it("describes every field", () => {
    const undescribed = properties(schema)
      .filter(({ schema: node }) => !node.description)
      .map(({ path }) => path);
    expect(undescribed).toEqual([]);
  });

  it("gives every optional field a default, or says in its description what leaving it out means", () => {
    const sections = new Set(SECTION_ORDER.map((section) => `spec.${section}`));
    const withoutDefault = properties(schema)
      .filter(({ schema: node, required }) => !required && node.default === undefined)
      // A section is optional by design: absent, nothing of it is provisioned.
      .filter(({ path }) => !sections.has(path));
    expect(withoutDefault.filter(({ schema: node }) => !/\b(Unset|Absent)\b/.test(node.description ?? "")).map(({ path }) => path)).toEqual([]);
    expect(withoutDefault.map(({ path }) => path)).toEqual(expect.arrayContaining(["metadata.description", "spec.compute.listenerPriority", "spec.triggers.eventbridge"]));
  });

  it("keeps every pattern free of look-around, so any JSON Schema validator can run it", () => {
    const patterns = properties(schema).flatMap(({ schema: node }) => [node.pattern, ...Object.keys(node.patternProperties ?? {})]).filter(Boolean);
    expect(patterns.length).toBeGreaterThan(5);
    for (const pattern of patterns) expect(pattern).not.toMatch(/\(\?[=!<]/);
  });

  it("lists the eight sections of the contract, in its order (sections the engine adds come among them)", () => {
    const contract = ["compute", "storage", "cache", "database", "serviceDiscovery", "lambda", "triggers", "secrets"];
    expect(Object.keys(schema.properties?.spec?.properties ?? {}).filter((name) => contract.includes(name))).toEqual(contract);
  });
});

describe("service name rule", () => {
  const nameErrors = (name: string) => load(specYaml({ compute: {} }, name)).diagnostics.map((d) => d.message);

  it.each(["ab", "my-service", "a1-b2-c3", "x".repeat(40)])("accepts %s", (name) => expect(nameErrors(name)).toEqual([]));
  it.each([
    ["a", "must be at least 2 characters long"],
    ["1service", "it must start with a letter"],
    ["-service", "it must start with a letter"],
    ["my--service", "two hyphens in a row are not allowed"],
    ["service-", "it must not end with a hyphen"],
    ["My-Service", "use lowercase letters only"],
    ["my.service", '"." is not allowed'],
  ])("rejects %s (%s)", (name, reason) => expect(nameErrors(name)).toEqual([expect.stringContaining(reason)]));
});

describe("schema check", () => {
  it("never converts types: a quoted number stays an error", () => {
    const { config, diagnostics } = load(specYaml({ compute: { memory: "1024" } }));
    expect(config).toBeUndefined();
    expect(diagnostics.map((d) => [d.path, d.message])).toEqual([["spec.compute.memory", 'must be a whole number, got string "1024"']]);
  });

  it("never converts a string to a boolean", () => {
    const { diagnostics } = load(specYaml({ compute: {}, storage: { encrypted: "true", accessPoint: { path: "/data" } } }));
    expect(diagnostics.map((d) => [d.path, d.message])).toEqual([["spec.storage.encrypted", 'must be true or false, got string "true"']]);
  });

  it("never drops an unknown key silently", () => {
    const { diagnostics } = load(specYaml({ compute: { replicas: 2 } }));
    expect(diagnostics.map((d) => [d.path, d.message])).toEqual([["spec.compute.replicas", 'unknown field "replicas"']]);
  });

  it("reports every error at once, in file order", () => {
    const { diagnostics } = load(specYaml({ compute: { port: 0, cpu: 3, memory: "x" }, cache: { engine: "memcached" }, secrets: ["lower"] }));
    expect(diagnostics.map((d) => d.path)).toEqual(["spec.compute.port", "spec.compute.cpu", "spec.compute.memory", "spec.cache.nodeType", "spec.cache.engine", "spec.secrets[0]"]);
    const lines = diagnostics.map((d) => d.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
  });

  it("positions a wrong value on the value and an unknown key on the key", () => {
    const text = "apiVersion: platform.althq.com/v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n  compute:\n    port:   99999\n    prots: 1\n";
    expect(load(text).diagnostics.map((d) => [d.path, d.line, d.column])).toEqual([
      ["spec.compute.port", 7, 13],
      ["spec.compute.prots", 8, 5],
    ]);
  });

  it("positions a missing field on the key of the object that lacks it", () => {
    const text = "apiVersion: platform.althq.com/v1\nkind: Service\nmetadata:\n  name: svc\nspec:\n  compute: {}\n  cache:\n    engine: redis\n";
    expect(load(text).diagnostics.map((d) => [d.path, d.line, d.column, d.message])).toEqual([["spec.cache.nodeType", 7, 3, "required field is missing"]]);
  });
});

describe("did you mean", () => {
  it.each([
    ["prot", ["port", "cpu"], "port"],
    ["databse", ["database", "cache"], "database"],
    ["healthcheck", ["healthCheck"], "healthCheck"],
    ["AFTER_30_DAY", ["AFTER_30_DAYS", "AFTER_1_DAY"], "AFTER_30_DAYS"],
  ])("suggests %s -> %s", (word, candidates, suggestion) => expect(closest(word, candidates)).toBe(suggestion));

  it("stays silent when nothing is close", () => expect(closest("replicas", ["port", "cpu", "memory"])).toBeUndefined());
});
