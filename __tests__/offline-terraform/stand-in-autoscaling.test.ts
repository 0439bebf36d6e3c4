// Issue 18: "the second plan of an autoscaled service would not reset its desired count". Real
// terraform applies a fixture's stack with the stand-in providers (local state), then the world
// changes the ECS service's desired_count as Application Auto Scaling would, and a second plan is
// read from `terraform show -json`: an autoscaled service (the public API on arm64, the Spot
// worker) keeps the scaler's count
// (lifecycle.ignore_changes), a service without scaling is set back to its spec's count.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SharedStandIns, startSharedStandIns } from "../../scripts/offline-terraform.mjs";
import type { World } from "../../test-support/stand-in-provider/behaviour.js";
import { ROOT } from "../helpers/spec.js";
import { requireTerraform, tempDir } from "../helpers/terraform.js";
import { offlineStack, readStackJson, synthFixture, tail, variableArgs } from "./stand-in-harness.js";

/** The parts of `terraform show -json <plan>` read here. */
interface PlanJson {
  resource_drift?: Array<{ address: string; change: { actions: string[]; before: Record<string, unknown>; after: Record<string, unknown> } }>;
  resource_changes?: Array<{ address: string; change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null } }>;
}

const SERVICE = "aws_ecs_service.compute_ecs_service";
/** What the scaler set: neither fixture's instances.min nor its max. */
const SCALED_COUNT = 7;

let root: string;
let worldFile: string;
let shared: SharedStandIns;
const baseWorld = JSON.parse(readFileSync(join(ROOT, "test-support", "stand-in-provider", "world.json"), "utf8")) as World;
const setWorld = (changes: Partial<World>) => writeFileSync(worldFile, JSON.stringify({ ...baseWorld, ...changes }));

beforeAll(async () => {
  requireTerraform();
  root = tempDir("stand-in-autoscaling");
  worldFile = join(root, "world.json");
  setWorld({});
  // The stand-ins re-read the world file on every refresh, so one start serves both stacks.
  shared = await startSharedStandIns({ world: worldFile });
});
afterAll(async () => {
  await shared?.stop();
  if (root) await rm(root, { recursive: true, force: true });
});

/**
 * Applies `fixture`'s stack, lets the world's ECS service run SCALED_COUNT tasks, and returns
 * the second plan (as JSON), its exit code under -detailed-exitcode and the spec's count.
 */
async function secondPlanAfterScaling(fixture: string, service: string) {
  const { out, stacks } = await synthFixture(fixture);
  const [stackDir] = stacks;
  const json = readStackJson(stackDir!);
  const vars = variableArgs(json);
  const specCount = (json.resource?.aws_ecs_service?.compute_ecs_service as { desired_count?: number } | undefined)?.desired_count;
  const stack = await offlineStack(stackDir!, { world: worldFile, shared });
  try {
    const apply = await stack.tf(["apply", "-input=false", "-no-color", "-auto-approve", ...vars]);
    expect(apply.code, tail(apply)).toBe(0);
    setWorld({ drift: [{ type: "aws_ecs_service", match: { name: service }, set: { desired_count: SCALED_COUNT } }] });
    try {
      const plan = await stack.tf(["plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=second.tfplan", ...vars]);
      expect([0, 2], tail(plan)).toContain(plan.code);
      const show = await stack.tf(["show", "-json", "second.tfplan"]);
      expect(show.code, tail(show)).toBe(0);
      return { code: plan.code, stdout: plan.stdout, plan: JSON.parse(show.stdout) as PlanJson, specCount };
    } finally {
      setWorld({});
    }
  } finally {
    stack.cleanup();
    rmSync(out, { recursive: true, force: true });
  }
}

describe("desired count after the scaler changed it (stand-in providers, real terraform)", () => {
  it.each([
    ["platform-api-autoscaled.yaml", "orders-api", 2],
    ["platform-worker-spot.yaml", "queue-worker", 1],
  ])("%s: the second plan sees the scaler's count and leaves it alone (no changes, exit 0)", async (fixture, name, min) => {
    const { code, stdout, plan, specCount } = await secondPlanAfterScaling(fixture, name);
    expect(specCount).toBe(min);
    // Terraform did read the changed count (so the test would see a reset if there were one)...
    const drift = plan.resource_drift?.find((d) => d.address === SERVICE);
    expect(drift?.change.after.desired_count).toBe(SCALED_COUNT);
    // ...and plans nothing for it: lifecycle.ignore_changes = [desired_count].
    const service = plan.resource_changes?.find((c) => c.address === SERVICE);
    expect(service?.change.actions).toEqual(["no-op"]);
    expect(service?.change.after?.desired_count).toBe(SCALED_COUNT);
    expect(plan.resource_changes?.filter((c) => !c.change.actions.includes("no-op") && !c.change.actions.includes("read")).map((c) => c.address)).toEqual([]);
    expect(code, stdout.slice(-3000)).toBe(0);
  }, 300_000);

  it("platform-minimal (no scaling): the second plan sets desired_count back to the spec's instances.min (exit 2)", async () => {
    const { code, plan, specCount } = await secondPlanAfterScaling("platform-minimal.yaml", "platform-minimal");
    expect(specCount).toBe(2);
    const service = plan.resource_changes?.find((c) => c.address === SERVICE);
    expect(service?.change.actions).toEqual(["update"]);
    expect(service?.change.before?.desired_count).toBe(SCALED_COUNT);
    expect(service?.change.after?.desired_count).toBe(specCount);
    expect(code).toBe(2);
  }, 300_000);
});
