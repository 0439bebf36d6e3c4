// Review of issue 18: deleting an ECS service also deletes its Application Auto Scaling target and
// policies on the AWS side (hashicorp/terraform-provider-aws#14254, #14615, #5747). When a plan
// replaces the service, Terraform must replace them with it; otherwise the apply leaves the new
// service without autoscaling, and only a second apply (whose refresh finds them gone) puts them
// back. Real terraform with the stand-in providers: apply the autoscaled fixture, let the world
// report a launch type other than the spec's (as ECS does for a service moved off a capacity
// provider strategy outside Terraform; launch_type forces a new service), read the next plan.
import { rmSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { editableWorld, offlineStack, readStackJson, synthFixture, tail, variableArgs } from "./stand-in-harness.js";

interface PlanJson {
  resource_changes?: Array<{ address: string; change: { actions: string[] } }>;
}

const world = editableWorld("stand-in-service-replacement");

describe("a replaced ECS service takes its autoscaling with it (stand-in providers, real terraform)", () => {
  it("platform-api-autoscaled: the scalable target and both policies are replaced with the service; an in-place update of the service leaves them alone", async () => {
    const { out, stacks } = await synthFixture("platform-api-autoscaled.yaml");
    const vars = variableArgs(readStackJson(stacks[0]!));
    const stack = await offlineStack(stacks[0]!, { world: world.file, shared: world.shared });
    const actions = async (name: string) => {
      const plan = await stack.tf(["plan", "-input=false", "-no-color", `-out=${name}.tfplan`, ...vars]);
      expect(plan.code, tail(plan)).toBe(0);
      const show = await stack.tf(["show", "-json", `${name}.tfplan`]);
      expect(show.code, tail(show)).toBe(0);
      const changes = (JSON.parse(show.stdout) as PlanJson).resource_changes ?? [];
      return (address: string) => changes.find((c) => c.address === address)?.change.actions;
    };
    try {
      const apply = await stack.tf(["apply", "-input=false", "-no-color", "-auto-approve", ...vars]);
      expect(apply.code, tail(apply)).toBe(0);

      // An in-place change of the service (what every deploy of a new task definition is).
      world.set({ drift: [{ type: "aws_ecs_service", match: { name: "orders-api" }, set: { health_check_grace_period_seconds: 5 } }] });
      const update = await actions("update");
      expect(update("aws_ecs_service.compute_ecs_service")).toEqual(["update"]);
      expect(update("aws_appautoscaling_target.compute_scaling_target")).toEqual(["no-op"]);
      expect(update("aws_appautoscaling_policy.compute_scaling_cpu")).toEqual(["no-op"]);
      expect(update("aws_appautoscaling_policy.networking_scaling_requests")).toEqual(["no-op"]);

      // A replacement of the service.
      world.set({ drift: [{ type: "aws_ecs_service", match: { name: "orders-api" }, set: { launch_type: "EC2" } }] });
      const replace = await actions("replace");
      expect(replace("aws_ecs_service.compute_ecs_service")).toEqual(["delete", "create"]);
      for (const address of ["aws_appautoscaling_target.compute_scaling_target", "aws_appautoscaling_policy.compute_scaling_cpu", "aws_appautoscaling_policy.networking_scaling_requests"]) {
        expect([address, replace(address)]).toEqual([address, ["delete", "create"]]);
      }
    } finally {
      world.set({});
      stack.cleanup();
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);
});
