// The stand-in providers' value handling, without Terraform: cty's MessagePack encoding, the plan
// (unknown computed values, replacements from a force-new table), apply's fake values, lookups
// in the world file, drift on refresh.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decode } from "@msgpack/msgpack";
import { describe, expect, it } from "vitest";
import { apply, type Context, lookup, plan, refresh, validate, type World } from "../../test-support/stand-in-provider/behaviour.js";
import { type CtyType, decodeValue, DynamicValue, encodeValue, UNKNOWN, type Value } from "../../test-support/stand-in-provider/cty.js";
import { BUILT_IN_FORCE_NEW } from "../../test-support/stand-in-provider/force-new.js";
import { blockType } from "../../test-support/stand-in-provider/schema-gen.js";
import { schemaFor } from "../../test-support/stand-in-provider/server.js";
import { ROOT } from "../helpers/spec.js";

const aws = schemaFor(ROOT, "aws", "6.28.0");
const world = JSON.parse(readFileSync(join(ROOT, "test-support", "stand-in-provider", "world.json"), "utf8")) as World;
const ctx: Context = { region: "us-east-1", accountId: "123456789012", partition: "aws", defaultTags: { team: "platform" } };
type Obj = Record<string, Value>;

describe("cty values on the wire (stand-in providers)", () => {
  const type: CtyType = ["object", { name: "string", count: "number", tags: ["map", "string"], any: "dynamic" }];

  it("encodes an unknown as MessagePack extension 0 and reads it back", () => {
    const bytes = encodeValue("string", UNKNOWN);
    expect([...bytes]).toEqual([0xd4, 0x00, 0x00]);
    expect(decodeValue("string", bytes)).toBe(UNKNOWN);
  });

  it("reads a refined unknown (extension 12) as unknown", () => {
    expect(decodeValue("string", Uint8Array.from([0xd4, 0x0c, 0x80]))).toBe(UNKNOWN);
  });

  it("round-trips objects, maps, numbers and dynamic values ([type JSON, value])", () => {
    const value = { name: "x", count: 3, tags: { a: "b" }, any: new DynamicValue(["list", "string"], ["p", "q"]) };
    const bytes = encodeValue(type, value);
    const raw = decode(bytes) as Record<string, unknown>;
    expect(Buffer.from((raw.any as [Uint8Array, unknown])[0]).toString()).toBe('["list","string"]');
    expect(decodeValue(type, bytes)).toEqual(value);
  });

  it("reads numbers sent as strings (cty's big numbers)", () => {
    expect(decodeValue("number", encodeValue("string", "12.5"))).toBe(12.5);
  });
});

describe("plan and apply (stand-in providers)", () => {
  const role = aws.resource_schemas.aws_iam_role!.block;
  const config: Obj = { name: "app", assume_role_policy: "{}", tags: { svc: "a" } };
  const proposed = Object.fromEntries(Object.keys((blockType(role) as ["object", Record<string, CtyType>])[1]).map((k) => [k, config[k] ?? null])) as Obj;

  it("on create keeps configured values and leaves unset computed attributes unknown", () => {
    const { planned, requiresReplace } = plan("aws_iam_role", role, null, proposed, BUILT_IN_FORCE_NEW);
    expect((planned as Obj).name).toBe("app");
    expect((planned as Obj).arn).toBe(UNKNOWN);
    expect((planned as Obj).unique_id).toBe(UNKNOWN);
    expect(requiresReplace).toEqual([]);
  });

  it("applies deterministic, well-formed values: ARN of the right shape, tags_all with the provider's default tags", () => {
    const { planned } = plan("aws_iam_role", role, null, proposed, BUILT_IN_FORCE_NEW);
    const first = apply("aws_iam_role", role, planned, ctx) as Obj;
    const second = apply("aws_iam_role", role, planned, ctx) as Obj;
    expect(first).toEqual(second);
    expect(first.arn).toBe("arn:aws:iam::123456789012:role/app");
    expect(first.id).toBe("app");
    expect(first.tags_all).toEqual({ team: "platform", svc: "a" });
    expect(JSON.stringify(first)).not.toContain("unknown");
  });

  it("an ECS service's ARN has the service ARN shape", () => {
    const service = aws.resource_schemas.aws_ecs_service!.block;
    const state = apply("aws_ecs_service", service, { ...emptyOf(service), name: "web", id: UNKNOWN, arn: UNKNOWN } as Obj, ctx) as Obj;
    expect(state.id).toMatch(/^arn:aws:ecs:us-east-1:123456789012:service\/[\w-]+\/web$/);
  });

  it("marks a change at a force-new path as requiring replacement, and nothing else", () => {
    const before = apply("aws_iam_role", role, plan("aws_iam_role", role, null, proposed, BUILT_IN_FORCE_NEW).planned, ctx) as Obj;
    const renamed = { ...before, name: "app2" };
    expect(plan("aws_iam_role", role, before, renamed, BUILT_IN_FORCE_NEW).requiresReplace).toEqual([[{ attribute_name: "name" }]]);
    const retagged = { ...before, tags: { svc: "b" } };
    expect(plan("aws_iam_role", role, before, retagged, BUILT_IN_FORCE_NEW).requiresReplace).toEqual([]);
  });

  it("takes the force-new table as an input (a table naming tags replaces on a tag change)", () => {
    const before = apply("aws_iam_role", role, plan("aws_iam_role", role, null, proposed, BUILT_IN_FORCE_NEW).planned, ctx) as Obj;
    expect(plan("aws_iam_role", role, before, { ...before, tags: { svc: "b" } }, { aws_iam_role: [["tags"]] }).requiresReplace).toEqual([[{ attribute_name: "tags" }]]);
  });

  it("reports a missing required argument with its path", () => {
    const diags = validate(role, { ...proposed, assume_role_policy: null });
    expect(diags).toEqual([expect.objectContaining({ severity: "error", summary: "Missing required argument", path: [{ attribute_name: "assume_role_policy" }] })]);
  });
});

function emptyOf(block: { attributes: object; block_types: object }): Obj {
  return Object.fromEntries([...Object.keys(block.attributes), ...Object.keys(block.block_types)].map((k) => [k, null]));
}

describe("lookups in the world file, and drift (stand-in providers)", () => {
  const data = (type: string) => aws.data_source_schemas[type]!.block;

  it("aws_subnets by tags finds the private subnets, in three Availability Zones", () => {
    const { state } = lookup("aws_subnets", data("aws_subnets"), { ...emptyOf(data("aws_subnets")), tags: { network: "private" } }, world, ctx);
    const ids = (state as Obj).ids as string[];
    expect(ids).toHaveLength(3);
    const zones = ids.map((id) => (lookup("aws_subnet", data("aws_subnet"), { ...emptyOf(data("aws_subnet")), id }, world, ctx).state as Obj).availability_zone);
    expect(new Set(zones).size).toBe(3);
  });

  it("aws_ssm_parameter by name answers the world's value; an unknown name is an error naming the world file", () => {
    const ok = lookup("aws_ssm_parameter", data("aws_ssm_parameter"), { ...emptyOf(data("aws_ssm_parameter")), name: "/cloudflare/zone_id" }, world, ctx);
    expect((ok.state as Obj).value).toBe("023e105f4ecef8ad9ca31a8372d0c353");
    const missing = lookup("aws_ssm_parameter", data("aws_ssm_parameter"), { ...emptyOf(data("aws_ssm_parameter")), name: "/nope" }, world, ctx);
    expect(missing.state).toBeNull();
    expect(missing.diagnostics[0]).toMatchObject({ severity: "error", summary: "no matching aws_ssm_parameter found" });
    expect(missing.diagnostics[0]!.detail).toContain('name = "/nope"');
  });

  it("a drift entry changes a managed resource on refresh; deleted removes it", () => {
    const group = aws.resource_schemas.aws_cloudwatch_log_group!.block;
    const state = { ...emptyOf(group), name: "logs", retention_in_days: 30 } as Obj;
    const drifted = refresh("aws_cloudwatch_log_group", group, state, { drift: [{ type: "aws_cloudwatch_log_group", match: { name: "logs" }, set: { retention_in_days: 7 } }] });
    expect((drifted as Obj).retention_in_days).toBe(7);
    expect(refresh("aws_cloudwatch_log_group", group, state, { drift: [{ type: "aws_cloudwatch_log_group", match: { name: "logs" }, deleted: true }] })).toBeNull();
    expect(refresh("aws_cloudwatch_log_group", group, state, { drift: [] })).toEqual(state);
  });
});
