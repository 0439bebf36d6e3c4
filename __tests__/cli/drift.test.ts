// `platform drift`'s summary of a refresh-only plan (terraform show -json), without terraform; the
// command end to end runs in __tests__/offline-terraform/stand-in-lifecycle.test.ts.
import { describe, expect, it } from "vitest";
import { driftOf, ignoredInStack, renderDrift, summarizeDrift } from "../../src/cli/commands/drift.js";

const plan = {
  resource_drift: [
    {
      address: "aws_ecs_service.compute_ecs_service",
      mode: "managed",
      change: {
        actions: ["update"],
        before: { desired_count: 2, tags: { a: "1" }, load_balancer: [{ container_port: 80 }], secret: "old" },
        after: { desired_count: 5, tags: { a: "1", b: "2" }, load_balancer: [{ container_port: 8080 }], secret: "new" },
        before_sensitive: { secret: true },
        after_sensitive: { secret: true },
      },
    },
    { address: "aws_cloudwatch_log_group.logs", mode: "managed", change: { actions: ["delete"], before: { name: "x" }, after: null } },
    { address: "data.aws_lb.shared", mode: "data", change: { actions: ["update"], before: { a: 1 }, after: { a: 2 } } },
    { address: "aws_iam_role.same", mode: "managed", change: { actions: ["update"], before: { a: 1 }, after: { a: 1 } } },
  ],
};

describe("platform drift: summary of a refresh-only plan", () => {
  it("lists changed leaf attributes by path, sensitive values masked, deletions, and skips data sources and no-op entries", () => {
    expect(summarizeDrift(plan)).toEqual([
      { address: "aws_cloudwatch_log_group.logs", kind: "deleted", attributes: [] },
      {
        address: "aws_ecs_service.compute_ecs_service",
        kind: "changed",
        attributes: [
          { path: "desired_count", before: "2", after: "5" },
          { path: "load_balancer[0].container_port", before: "80", after: "8080" },
          { path: "secret", before: "(sensitive)", after: "(sensitive)" },
          { path: "tags.b", before: "null", after: '"2"' },
        ],
      },
    ]);
  });

  it("renders one line per resource and per attribute, or one line saying there is no drift", () => {
    expect(renderDrift("svc", summarizeDrift(plan))).toEqual([
      "svc: 2 resources changed outside Terraform",
      "  - aws_cloudwatch_log_group.logs: deleted outside Terraform",
      "  ~ aws_ecs_service.compute_ecs_service",
      "      desired_count: 2 -> 5",
      "      load_balancer[0].container_port: 80 -> 8080",
      "      secret: (sensitive) -> (sensitive)",
      '      tags.b: null -> "2"',
    ]);
    expect(renderDrift("svc", summarizeDrift({}))).toEqual(["svc: no drift: every resource matches the state"]);
  });

  it("counts no drift in what lifecycle.ignore_changes leaves to others (the scaler's desired count), and says so after the verdict", () => {
    const stack = { resource: { aws_ecs_service: { compute_ecs_service: { desired_count: 2, lifecycle: { ignore_changes: ["desired_count"] } } } } };
    const { drifted, ignored } = driftOf(plan, ignoredInStack(stack));
    expect(drifted.find((resource) => resource.address === "aws_ecs_service.compute_ecs_service")?.attributes.map((a) => a.path)).toEqual([
      "load_balancer[0].container_port",
      "secret",
      "tags.b",
    ]);
    expect(ignored).toEqual([{ address: "aws_ecs_service.compute_ecs_service", kind: "changed", attributes: [{ path: "desired_count", before: "2", after: "5" }] }]);
    expect(renderDrift("svc", drifted, ignored).at(-1)).toBe("  (aws_ecs_service.compute_ecs_service desired_count: 2 -> 5, left to others by lifecycle.ignore_changes)");

    const scaledOnly = { resource_drift: [{ address: "aws_ecs_service.compute_ecs_service", mode: "managed", change: { actions: ["update"], before: { desired_count: 2 }, after: { desired_count: 7 } } }] };
    const only = driftOf(scaledOnly, ignoredInStack(stack));
    expect(only.drifted).toEqual([]);
    expect(renderDrift("svc", only.drifted, only.ignored)).toEqual([
      "svc: no drift: every resource matches the state",
      "  (aws_ecs_service.compute_ecs_service desired_count: 2 -> 7, left to others by lifecycle.ignore_changes)",
    ]);
    // Without ignore_changes the same change is drift.
    expect(summarizeDrift(scaledOnly, ignoredInStack({ resource: { aws_ecs_service: { compute_ecs_service: { desired_count: 2 } } } }))).toHaveLength(1);
  });
});
