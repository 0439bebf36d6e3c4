// `platform drift`'s summary of a refresh-only plan (terraform show -json), without terraform; the
// command end to end runs in __tests__/offline-terraform/stand-in-lifecycle.test.ts.
import { describe, expect, it } from "vitest";
import { renderDrift, summarizeDrift } from "../../src/cli/commands/drift.js";

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
});
