// One test per use of a cdktf internal (providers/cdktf-internals.ts): each fails if cdktf stops
// behaving the way the patch relies on.
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { Aspects, DataResource, TerraformStack, Testing, Token, type IConstruct } from "../../providers/cdktf.js";
import { attributeSchemaOf, CDKTF_VERSION, cdktfVersionProblem, invokeAspects, overriddenArguments, releaseTokens, replaceArguments, stableStringify, terraformArguments } from "../../providers/cdktf-internals.js";
import { EcsTaskDefinition } from "../../providers/aws/ecs-task-definition.js";
import { load } from "../../providers/load.js";
import { resolveFast } from "../../providers/resolve.js";
import { AwsProvider } from "../../providers/aws/provider.js";
import { EcsCluster } from "../../providers/aws/ecs-cluster.js";

const cdktfRequire = createRequire(createRequire(import.meta.url).resolve("cdktf/package.json"));
const newStack = () => new TerraformStack(Testing.app({ stackTraces: false }), "internals-test");

describe("cdktf internals", () => {
  it("are patched only for the cdktf version they were written for, with a clear message otherwise", () => {
    expect(load<{ version: string }>("cdktf/package.json").version).toBe(CDKTF_VERSION);
    expect(cdktfVersionProblem(CDKTF_VERSION)).toBeUndefined();
    expect(cdktfVersionProblem("0.22.0")).toBe(
      `cdktf 0.22.0 is installed, but providers/cdktf-internals.ts patches the internals of cdktf ${CDKTF_VERSION}: run \`npm ci\` to install the locked version, or review every patch in that file for 0.22.0 and update CDKTF_VERSION`,
    );
  });

  it("patch 1: defers cdktf's archiver until it is first called, then hands over the real one", () => {
    const archiver = cdktfRequire("archiver") as (format: string) => { append: unknown; finalize: unknown };
    expect(archiver.name).toBe("deferred");
    const zip = archiver("zip");
    expect(typeof zip.append).toBe("function");
    expect((cdktfRequire("archiver") as { name: string }).name).not.toBe("deferred");
  });

  it("patch 2: records no stack trace per token unless debugging, deciding at each call", () => {
    const stackTraces = load<{ captureStackTrace: () => string[] }>("cdktf/lib/tokens/private/stack-trace.js");
    expect(stackTraces.captureStackTrace()).toEqual([]);
    process.env.PLATFORM_DEBUG = "1";
    try {
      expect(stackTraces.captureStackTrace().length).toBeGreaterThan(0);
    } finally {
      delete process.env.PLATFORM_DEBUG;
    }
    expect(stackTraces.captureStackTrace()).toEqual([]);
  });

  it("patch 3: never runs `terraform version` while validating a stack (terraform_data would make cdktf do so)", () => {
    const stack = newStack();
    new DataResource(stack, "creation", {});
    const validation = load<{ ValidateBinaryVersion: new (...args: unknown[]) => { validate(): string[] } }>("cdktf/lib/validations/validate-binary-version.js");
    // A binary that does not exist: the original check would report that it cannot run it.
    expect(new validation.ValidateBinaryVersion("terraform", ">=1.0", "/nonexistent/terraform version").validate()).toEqual([]);
    expect(stack.runAllValidations.bind(stack)).not.toThrow();
  });

  it("patch 4: cdktf's token resolution goes through the fast path", () => {
    expect(load<{ resolve: unknown }>("cdktf/lib/tokens/private/resolve.js").resolve).toBe(resolveFast);
  });

  it("internal 5: releasing tokens empties cdktf's process-wide token map, and later tokens still resolve", () => {
    const map = (globalThis as { __cdktfTokenMap?: { stringTokenMap: Map<string, unknown> } }).__cdktfTokenMap!;
    const stack = newStack();
    const cluster = new EcsCluster(stack, "cluster", { name: "x" });
    void cluster.arn;
    expect(map.stringTokenMap.size).toBeGreaterThan(0);
    releaseTokens();
    expect(map.stringTokenMap.size).toBe(0);
    const later = new EcsCluster(newStack(), "cluster", { name: "y" }).arn;
    expect(Token.isUnresolved(later)).toBe(true);
    expect(map.stringTokenMap.size).toBeGreaterThan(0);
  });

  it("internal 6: invokeAspects visits every construct of the tree with the aspects added to it", () => {
    const stack = newStack();
    const cluster = new EcsCluster(stack, "cluster", { name: "x" });
    const visited: IConstruct[] = [];
    Aspects.of(stack).add({ visit: (node) => void visited.push(node) });
    invokeAspects(stack);
    expect(visited).toContain(cluster);
    expect(visited).toContain(stack);
  });

  it("internal 7: stableStringify sorts keys and indents as cdktf's cdk.tf.json does", () => {
    expect(stableStringify({ b: 1, a: { d: [2], c: true } }, { space: 2 })).toBe('{\n  "a": {\n    "c": true,\n    "d": [\n      2\n    ]\n  },\n  "b": 1\n}');
  });

  it("internal 8: terraformArguments renders a resource's arguments as toTerraform() does, overrides applied", () => {
    const stack = newStack();
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const cluster = new EcsCluster(stack, "cluster", { name: "orders", setting: [{ name: "containerInsights", value: "enabled" }] });
    cluster.addOverride("tags.team", "a");
    const rendered = (stack.toTerraform() as { resource: Record<string, Record<string, Record<string, unknown>>> }).resource.aws_ecs_cluster!.cluster!;
    const args = terraformArguments(cluster);
    expect(args.name).toBe("orders");
    expect(args.setting).toEqual(rendered.setting);
    expect(args.tags).toEqual({ team: "a" });
  });
  it("internal 9: attributeSchemaOf lists every argument and block of a resource type with its kind, set or not", () => {
    const stack = newStack();
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const task = new EcsTaskDefinition(stack, "task", { family: "f", containerDefinitions: "[]" });
    const schema = attributeSchemaOf(task);
    expect(schema.get("cpu")).toEqual({ isBlock: false, type: "simple", storageClassType: "string" });
    expect(schema.get("skip_destroy")).toEqual({ isBlock: false, type: "simple", storageClassType: "boolean" });
    expect(schema.get("tags")).toEqual({ isBlock: false, type: "map", storageClassType: "stringMap" });
    expect(schema.get("requires_compatibilities")).toEqual({ isBlock: false, type: "set", storageClassType: "stringList" });
    expect(schema.get("ephemeral_storage")).toEqual({ isBlock: true, type: "list", storageClassType: "EcsTaskDefinitionEphemeralStorageList" });
    expect(schema.has("lifecycle")).toBe(false);
    // Every argument toTerraform would render is listed.
    expect([...schema.keys()].sort()).toEqual(Object.keys((task as unknown as { synthesizeAttributes(): object }).synthesizeAttributes()).sort());
  });

  it("internal 10: replaceArguments replaces and removes arguments as the resource renders; overriddenArguments lists the element's own overrides", () => {
    const stack = newStack();
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const task = new EcsTaskDefinition(stack, "task", { family: "f", containerDefinitions: "[]", cpu: "256" });
    task.addOverride("skip_destroy", true);
    expect(overriddenArguments(task)).toEqual(["skip_destroy"]);
    replaceArguments(task, { cpu: "512", ephemeral_storage: { size_in_gib: 40 }, family: undefined });
    const rendered = JSON.parse(Testing.synth(stack)) as { resource: { aws_ecs_task_definition: { task: Record<string, unknown> } } };
    expect(rendered.resource.aws_ecs_task_definition.task).toEqual({ container_definitions: "[]", cpu: "512", ephemeral_storage: { size_in_gib: 40 }, skip_destroy: true });
    expect(terraformArguments(task)).toMatchObject({ cpu: "512", ephemeral_storage: { size_in_gib: 40 } });
  });
});
