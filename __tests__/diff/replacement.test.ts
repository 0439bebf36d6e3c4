// Issue 16, item 4: `platform diff` knows every replacement. One table (src/diff/force-new.json,
// read from the providers' documentation and source) lists the force-new attributes of every
// resource type the engine emits; a change of any of them is a replacement, whatever the type.
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compareStack } from "../../src/diff/compare.js";
import { FORCE_NEW, forceNewEntry } from "../../src/diff/replacement.js";
import { stripMetadata, type Json, type JsonObject } from "../../src/diff/values.js";
import { ROOT } from "../helpers/spec.js";
import { diffDirs, synthDir } from "./syntheses.js";

const SNAPSHOTS = `${ROOT}__tests__/integration/__snapshots__/`;
const goldens = readdirSync(SNAPSHOTS)
  .filter((name) => name.endsWith(".tf.json"))
  .map((name) => [name, stripMetadata(JSON.parse(readFileSync(SNAPSHOTS + name, "utf8")) as Json) as JsonObject] as const);

type Resources = Record<string, Record<string, JsonObject>>;
const resourcesOf = (stack: JsonObject) => (stack.resource ?? {}) as unknown as Resources;

/** The value at a dotted path (first element of each list on the way), if the body sets it. */
function valueAt(body: Json, path: string): Json | undefined {
  let value: Json | undefined = body;
  for (const part of path.split(".")) {
    if (Array.isArray(value)) value = value[0];
    if (value === null || typeof value !== "object" || Array.isArray(value) || !(part in value)) return undefined;
    value = value[part];
  }
  return value;
}

/** A copy of `body` with the value at `path` changed (a different value of the same kind). */
function changed(body: JsonObject, path: string): JsonObject {
  const copy = structuredClone(body);
  const parts = path.split(".");
  let parent: Json = copy;
  for (const part of parts.slice(0, -1)) {
    parent = (parent as JsonObject)[part]!;
    if (Array.isArray(parent)) parent = parent[0]!;
  }
  const key = parts.at(-1)!;
  const old = (parent as JsonObject)[key]!;
  (parent as JsonObject)[key] =
    typeof old === "string" ? `${old}-changed` : typeof old === "number" ? old + 1 : typeof old === "boolean" ? !old : Array.isArray(old) ? [...old, "changed"] : { ...old, changed: true };
  return copy;
}

describe("the force-new table", () => {
  it("has an entry, with its sources, for every resource type the engine emits", () => {
    const emitted = new Set(goldens.flatMap(([, stack]) => Object.keys(resourcesOf(stack))));
    expect(emitted.size).toBeGreaterThan(30);
    const missing = [...emitted].filter((type) => !FORCE_NEW[type] || FORCE_NEW[type].sources.length === 0);
    expect(missing).toEqual([]);
  });

  it("covers the attributes below a forcing block, and nothing beside it", () => {
    expect(forceNewEntry("aws_ecr_repository", "encryption_configuration.kms_key")).toEqual({ path: "encryption_configuration" });
    expect(forceNewEntry("aws_ecr_repository", "encryption_configuration_x")).toBeUndefined();
    expect(forceNewEntry("aws_ecr_repository", "image_tag_mutability")).toBeUndefined();
    expect(forceNewEntry("aws_lb_target_group", "health_check.path")).toBeUndefined();
  });
});

describe("diff flags the replacement of every emitted type whose force-new attributes change", () => {
  // Every force-new attribute every golden resource sets, changed alone: each must be a replacement.
  const cases = goldens.flatMap(([golden, stack]) =>
    Object.entries(resourcesOf(stack)).flatMap(([type, byName]) =>
      Object.entries(byName).flatMap(([name, body]) =>
        (FORCE_NEW[type]?.forceNew ?? []).filter((path) => valueAt(body, path) !== undefined).map((path) => ({ golden, type, name, path })),
      ),
    ),
  );

  it("tries a change for every emitted type that sets a force-new attribute", () => {
    const tried = new Set(cases.map(({ type }) => type));
    const emitted = new Set(goldens.flatMap(([, stack]) => Object.keys(resourcesOf(stack))));
    // terraform_data may set nothing that forces replacement (when its triggers_replace is not used).
    expect([...emitted].filter((type) => !tried.has(type) && type !== "terraform_data")).toEqual([]);
    expect(cases.length).toBeGreaterThan(100);
  });

  it("reports each such change as a replacement naming the attribute", () => {
    const wrong: string[] = [];
    for (const { golden, type, name, path } of cases) {
      const stack = goldens.find(([g]) => g === golden)![1];
      const head = structuredClone(stack);
      (resourcesOf(head)[type]![name] as JsonObject) = changed(resourcesOf(stack)[type]![name]!, path);
      const block = compareStack("s", stack, head).blocks.find((b) => b.address === `${type}.${name}`);
      if (block?.action !== "replace" || !block.forcesReplacement.some((p) => p.replace(/\[\d+\]/g, "").startsWith(path.split(".")[0]!))) {
        wrong.push(`${golden} ${type}.${name} ${path}: ${block?.action ?? "no change"}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});

describe("replacements of stateless resources (real syntheses)", () => {
  const base = [{ name: "orders", spec: { compute: {}, storage: { accessPoint: { path: "/data" } }, serviceDiscovery: { namespace: "orders.local" } } }];

  it("an access point path change and a namespace rename are replacements, counted as such (a target group port change: see the golden test above)", async () => {
    const head = [{ name: "orders", spec: { compute: { port: 9000 }, storage: { accessPoint: { path: "/files" } }, serviceDiscovery: { namespace: "shop.local" } } }];
    const diff = diffDirs(await synthDir(base), await synthDir(head));
    const actions = Object.fromEntries(diff.stacks[0]!.blocks.map((block) => [block.address, block.action]));
    expect(actions["aws_efs_access_point.storage_access_point"]).toBe("replace");
    expect(actions["aws_service_discovery_private_dns_namespace.service_discovery_namespace"]).toBe("replace");
    expect(diff.summary.resources.replace).toBe(Object.values(actions).filter((action) => action === "replace").length);
    // None of them holds data: no data-loss warning for them.
    expect(diff.warnings.filter((w) => !w.address.startsWith("aws_ecs_task_definition"))).toEqual([]);
  });

  it("a renamed service warns that the new stack takes names the old one still holds", async () => {
    const renamed = [{ name: "shop", spec: base[0]!.spec }];
    const diff = diffDirs(await synthDir(base), await synthDir(renamed));
    expect(diff.warnings.filter((w) => w.action === "name-taken")).toEqual([
      expect.objectContaining({
        stack: "shop",
        address: "aws_service_discovery_private_dns_namespace.service_discovery_namespace",
        attributes: ["name"],
        message: expect.stringContaining('name "orders.local" is still held by aws_service_discovery_private_dns_namespace.service_discovery_namespace of stack orders'),
      }),
    ]);
  });
});
