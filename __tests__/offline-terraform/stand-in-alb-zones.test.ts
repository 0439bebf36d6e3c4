// The service's tasks run only in private subnets of the Availability Zones the shared ALB is
// enabled in (an ALB never routes to a target outside its zones). Real terraform with the stand-in
// providers (offline): the stand-in answers the subnet lookups from its world file, applying EC2's
// `vpc-id` and `availability-zone` filters as EC2 does; what it cannot prove is that EC2 itself
// reports the zones this way (the provider's documented filters are the authority for that).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT } from "../helpers/spec.js";
import { offlineStack, readStackJson, synthFixture, tail, variableArgs } from "./stand-in-harness.js";

type World = { subnets: Array<Record<string, unknown>>; data: { aws_lb: Array<Record<string, unknown>> } };
const baseWorld = JSON.parse(readFileSync(join(ROOT, "test-support", "stand-in-provider", "world.json"), "utf8")) as World;

/** The base world with the shared ALB's subnets replaced. */
function worldWithAlbSubnets(dir: string, subnets: Array<{ id: string; zone: string }>): string {
  const world = structuredClone(baseWorld);
  world.subnets = [
    ...world.subnets.filter((s) => (s.tags as Record<string, string>).network !== "public"),
    ...subnets.map(({ id, zone }) => ({ id, vpc_id: "vpc-0123456789abcdef0", availability_zone: zone, state: "available", tags: { network: "public" } })),
  ];
  world.data.aws_lb = world.data.aws_lb.map((lb) => ({ ...lb, subnets: subnets.map((s) => s.id) }));
  const file = join(dir, `world-${subnets.map((s) => s.zone).join("-")}.json`);
  writeFileSync(file, JSON.stringify(world));
  return file;
}

describe("the service's subnets follow the shared ALB's zones (stand-in providers, real terraform)", () => {
  let synthesized: { out: string; stacks: string[] };
  const work = mkdtempSync(join(tmpdir(), "stand-in-alb-zones-"));
  beforeAll(async () => {
    synthesized = await synthFixture("platform-minimal.yaml");
  });
  afterAll(() => {
    rmSync(synthesized?.out ?? work, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  const privateIn = (zones: string[]) =>
    baseWorld.subnets
      .filter((s) => (s.tags as Record<string, string>).network === "private" && zones.includes(s.availability_zone as string))
      .map((s) => s.id as string)
      .sort();

  it("an ALB in two of the three zones: the tasks get the private subnets of those two only", async () => {
    const world = worldWithAlbSubnets(work, [
      { id: "subnet-0a1b2c3d4e5f60101", zone: "us-east-1a" },
      { id: "subnet-0a1b2c3d4e5f60102", zone: "us-east-1b" },
    ]);
    const [stackDir] = synthesized.stacks;
    const stack = await offlineStack(stackDir!, { world });
    try {
      const apply = await stack.tf(["apply", "-auto-approve", "-input=false", "-no-color", ...variableArgs(readStackJson(stackDir!))]);
      expect(apply.code, tail(apply)).toBe(0);
      const show = await stack.tf(["show", "-json"]);
      const resources = (JSON.parse(show.stdout) as { values: { root_module: { resources: Array<{ address: string; values: Record<string, unknown> }> } } }).values.root_module.resources;
      const service = resources.find((r) => r.address === "aws_ecs_service.compute_ecs_service")!;
      const subnets = (service.values.network_configuration as Array<{ subnets: string[] }>)[0]!.subnets;
      expect([...subnets].sort()).toEqual(privateIn(["us-east-1a", "us-east-1b"]));
      expect(privateIn(["us-east-1a", "us-east-1b", "us-east-1c"]).length).toBeGreaterThan(subnets.length);
    } finally {
      stack.cleanup();
    }
  });

  it("an ALB in no zone of the private subnets: the plan fails with the message, before anything is created", async () => {
    const world = worldWithAlbSubnets(work, [
      { id: "subnet-0a1b2c3d4e5f60201", zone: "us-east-1d" },
      { id: "subnet-0a1b2c3d4e5f60202", zone: "us-east-1e" },
    ]);
    const [stackDir] = synthesized.stacks;
    const stack = await offlineStack(stackDir!, { world });
    try {
      const plan = await stack.tf(["plan", "-input=false", "-no-color", ...variableArgs(readStackJson(stackDir!))]);
      expect(plan.code, tail(plan)).not.toBe(0);
      expect(`${plan.stdout}${plan.stderr}`.replace(/[│\s]+/g, " ")).toContain("No private subnet for the service's tasks");
    } finally {
      stack.cleanup();
    }
  });
});
