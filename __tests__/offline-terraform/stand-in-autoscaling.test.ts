// Issue 18: "the second plan of an autoscaled service would not reset its desired count". Real
// terraform applies a fixture's stack with the stand-in providers (local state), then the world
// changes the ECS service's desired_count as Application Auto Scaling would, and a second plan is
// read from `terraform show -json`: an autoscaled service (the public API on arm64, the Spot
// worker) keeps the scaler's count (lifecycle.ignore_changes), a service without scaling is set
// back to its spec's count. And a changed scaling range, target and host list read, attribute by
// attribute, in the plan summary `platform preview --plan` prints.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { driftOf, ignoredInStack } from "../../src/cli/commands/drift.js";
import { renderPlanSummary, summarizePlan } from "../../src/lifecycle/plan-summary.js";
import { editableWorld, offlineStack, readStackJson, synthFixture, tail, variableArgs } from "./stand-in-harness.js";

/** The parts of `terraform show -json <plan>` read here. */
interface PlanJson {
  resource_drift?: Array<{ address: string; change: { actions: string[]; before: Record<string, unknown>; after: Record<string, unknown> } }>;
  resource_changes?: Array<{ address: string; change: { actions: string[]; before: Record<string, unknown> | null; after: Record<string, unknown> | null } }>;
}

const SERVICE = "aws_ecs_service.compute_ecs_service";
/** What the scaler set: neither fixture's instances.min nor its max. */
const SCALED_COUNT = 7;

const world = editableWorld("stand-in-autoscaling");

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
  const stack = await offlineStack(stackDir!, { world: world.file, shared: world.shared });
  try {
    const apply = await stack.tf(["apply", "-input=false", "-no-color", "-auto-approve", ...vars]);
    expect(apply.code, tail(apply)).toBe(0);
    world.set({ drift: [{ type: "aws_ecs_service", match: { name: service }, set: { desired_count: SCALED_COUNT } }] });
    try {
      const plan = await stack.tf(["plan", "-input=false", "-no-color", "-detailed-exitcode", "-out=second.tfplan", ...vars]);
      expect([0, 2], tail(plan)).toContain(plan.code);
      const show = await stack.tf(["show", "-json", "second.tfplan"]);
      expect(show.code, tail(show)).toBe(0);
      // What `platform drift` reads: a refresh-only plan.
      const refresh = await stack.tf(["plan", "-input=false", "-no-color", "-refresh-only", "-out=refresh.tfplan", ...vars]);
      expect(refresh.code, tail(refresh)).toBe(0);
      const refreshed = await stack.tf(["show", "-json", "refresh.tfplan"]);
      const drift = driftOf(JSON.parse(refreshed.stdout), ignoredInStack(json));
      return { code: plan.code, stdout: plan.stdout, plan: JSON.parse(show.stdout) as PlanJson, specCount, drift };
    } finally {
      world.set({});
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
    const { code, stdout, plan, specCount, drift } = await secondPlanAfterScaling(fixture, name);
    expect(specCount).toBe(min);
    // `platform drift` reports no drift, and names the scaler's count as left to it.
    expect(drift.drifted).toEqual([]);
    expect(drift.ignored).toEqual([{ address: SERVICE, kind: "changed", attributes: [{ path: "desired_count", before: String(min), after: String(SCALED_COUNT) }] }]);
    // Terraform did read the changed count (so the test would see a reset if there were one)...
    const seen = plan.resource_drift?.find((d) => d.address === SERVICE);
    expect(seen?.change.after.desired_count).toBe(SCALED_COUNT);
    // ...and plans nothing for it: lifecycle.ignore_changes = [desired_count].
    const service = plan.resource_changes?.find((c) => c.address === SERVICE);
    expect(service?.change.actions).toEqual(["no-op"]);
    expect(service?.change.after?.desired_count).toBe(SCALED_COUNT);
    expect(plan.resource_changes?.filter((c) => !c.change.actions.includes("no-op") && !c.change.actions.includes("read")).map((c) => c.address)).toEqual([]);
    expect(code, stdout.slice(-3000)).toBe(0);
  }, 300_000);

  it("platform-minimal (no scaling): the second plan sets desired_count back to the spec's instances.min (exit 2)", async () => {
    const { code, plan, specCount, drift } = await secondPlanAfterScaling("platform-minimal.yaml", "platform-minimal");
    expect(specCount).toBe(2);
    expect(drift.drifted).toEqual([{ address: SERVICE, kind: "changed", attributes: [{ path: "desired_count", before: "2", after: String(SCALED_COUNT) }] }]);
    expect(drift.ignored).toEqual([]);
    const service = plan.resource_changes?.find((c) => c.address === SERVICE);
    expect(service?.change.actions).toEqual(["update"]);
    expect(service?.change.before?.desired_count).toBe(SCALED_COUNT);
    expect(service?.change.after?.desired_count).toBe(specCount);
    expect(code).toBe(2);
  }, 300_000);
});

describe("plan summary of a changed scaling range, target and host list (stand-in providers, real terraform)", () => {
  it("platform-api-autoscaled: each update names its changed attributes with both values", async () => {
    const { out, stacks } = await synthFixture("platform-api-autoscaled.yaml");
    const vars = variableArgs(readStackJson(stacks[0]!));
    const stack = await offlineStack(stacks[0]!, { world: world.file, shared: world.shared });
    try {
      const apply = await stack.tf(["apply", "-input=false", "-no-color", "-auto-approve", ...vars]);
      expect(apply.code, tail(apply)).toBe(0);
      // The head of a spec change: instances.max 10 -> 20, cpuPercent 60 -> 45, orders-v2 -> orders-v3.
      const copy = join(stack.prepared.stack, "cdk.tf.json");
      const text = readFileSync(copy, "utf8");
      const json = JSON.parse(text) as { resource: Record<string, Record<string, Record<string, any>>> };
      json.resource.aws_appautoscaling_target!.compute_scaling_target!.max_capacity = 20;
      json.resource.aws_appautoscaling_policy!.compute_scaling_cpu!.target_tracking_scaling_policy_configuration.target_value = 45;
      const hosts = json.resource.aws_lb_listener_rule!.networking_listener_rule!.condition[0].host_header.values as string[];
      hosts[2] = hosts[2]!.replace("orders-v2.", "orders-v3.");
      writeFileSync(copy, JSON.stringify(json));
      const plan = await stack.tf(["plan", "-input=false", "-no-color", "-out=change.tfplan", ...vars]);
      expect(plan.code, tail(plan)).toBe(0);
      const show = await stack.tf(["show", "-json", "change.tfplan"]);
      const lines = renderPlanSummary(summarizePlan(JSON.parse(show.stdout)));
      const after = (address: string) => lines.slice(lines.indexOf(`  ~   ${address}`) + 1);
      expect(lines).toContain("  ~   aws_appautoscaling_target.compute_scaling_target");
      expect(after("aws_appautoscaling_target.compute_scaling_target")[0]).toBe("      max_capacity: 10 -> 20");
      expect(after("aws_appautoscaling_policy.compute_scaling_cpu")[0]).toBe("      target_tracking_scaling_policy_configuration[0].target_value: 60 -> 45");
      // Hosts as the zone's lookup resolved them (the stand-in world's zone).
      expect(after("aws_lb_listener_rule.networking_listener_rule")[0]).toMatch(/^ {6}condition\[0\]\.host_header\[0\]\.values\[\d\]: "orders-v2\.[a-z0-9.-]+" -> "orders-v3\.[a-z0-9.-]+"$/);
      expect(lines.at(-1)).toBe("plan: 0 to create, 3 to update, 0 to replace, 0 to destroy");
    } finally {
      stack.cleanup();
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);
});
