// Plan summaries: counts by kind of change, and replacements of resources that hold data called out.
import { describe, expect, it } from "vitest";
import { renderPlanSummary, summarizePlan } from "../../src/lifecycle/plan-summary.js";

const change = (address: string, actions: string[], mode = "managed") => ({ address, type: address.split(".")[0]!, mode, change: { actions } });

describe("plan summary", () => {
  it("counts creations, updates, replacements and destructions, ignoring reads and no-ops", () => {
    const summary = summarizePlan({
      resource_changes: [
        change("aws_ecs_cluster.compute_ecs_cluster", ["create"]),
        change("aws_ecs_service.compute_ecs_service", ["update"]),
        change("aws_lb_target_group.networking_target_group", ["create", "delete"]),
        change("aws_iam_role.old", ["delete"]),
        change("aws_cloudwatch_log_group.compute_log_group", ["no-op"]),
        change("aws_subnets.private_subnets", ["read"], "data"),
      ],
    });
    expect(summary.counts).toEqual({ create: 1, update: 1, replace: 1, destroy: 1 });
  });

  it("marks the replacement of a database loudly, as data loss", () => {
    const lines = renderPlanSummary(summarizePlan({ resource_changes: [change("aws_db_instance.database_instance", ["delete", "create"])] }));
    expect(lines).toEqual([
      "  !! -/+ aws_db_instance.database_instance  REPLACED: this database is destroyed and created anew, and its data is lost",
      "plan: 0 to create, 0 to update, 1 to replace, 0 to destroy",
      "WARNING: 1 stateful resource is replaced (aws_db_instance.database_instance): back up the data first, or change the spec so the replacement is not needed",
    ]);
  });

  it.each([
    ["aws_elasticache_replication_group.cache_replication_group", "cache"],
    ["aws_efs_file_system.storage_file_system", "file system"],
  ])("treats %s as stateful (%s)", (address, what) => {
    const [line] = renderPlanSummary(summarizePlan({ resource_changes: [change(address, ["create", "delete"])] }));
    expect(line).toContain(`REPLACED: this ${what} is destroyed`);
  });

  it("replaces a stateless resource without a warning", () => {
    const lines = renderPlanSummary(summarizePlan({ resource_changes: [change("aws_lb_target_group.networking_target_group", ["create", "delete"])] }));
    expect(lines).toEqual(["  -/+ aws_lb_target_group.networking_target_group", "plan: 0 to create, 0 to update, 1 to replace, 0 to destroy"]);
  });

  it("counts an update of a force-new attribute as a replacement and names the attribute (a provider that does not know it)", () => {
    const summary = summarizePlan({
      resource_changes: [
        {
          address: "aws_lb_target_group.networking_target_group",
          type: "aws_lb_target_group",
          change: { actions: ["update"], before: { port: 80, name: "tg" }, after: { port: 9000, name: "tg" } },
        },
        { address: "aws_ecs_service.compute_ecs_service", type: "aws_ecs_service", change: { actions: ["update"], before: { desired_count: 1 }, after: { desired_count: 2 } } },
      ],
    });
    expect(summary.counts).toEqual({ create: 0, update: 1, replace: 1, destroy: 0 });
    expect(renderPlanSummary(summary)[0]).toBe("  -/+ aws_lb_target_group.networking_target_group (replaced because of port)");
  });

  it("names the attributes terraform says force the replacement", () => {
    const summary = summarizePlan({
      resource_changes: [{ address: "aws_efs_access_point.storage_access_point", type: "aws_efs_access_point", change: { actions: ["delete", "create"], replace_paths: [["root_directory", 0, "path"]] } }],
    });
    expect(renderPlanSummary(summary)[0]).toBe("  -/+ aws_efs_access_point.storage_access_point (replaced because of root_directory.0.path)");
  });

  it("says that replacing a database with deletion protection on fails at apply, and what to do", () => {
    const db = (username: string) => ({ identifier: "orders", username, deletion_protection: true });
    const lines = renderPlanSummary(
      summarizePlan({
        resource_changes: [{ address: "aws_db_instance.database_instance", type: "aws_db_instance", change: { actions: ["delete", "create"], before: db("orders"), after: db("shop") } }],
      }),
    );
    expect(lines.slice(0, 2)).toEqual([
      "  !! -/+ aws_db_instance.database_instance  REPLACED: this database is destroyed and created anew, and its data is lost (replaced because of username)",
      "     deletion protection is on: the apply fails when Terraform deletes the old instance; to replace it anyway, take a snapshot, apply deletionProtection: false on its own first, then this change; otherwise undo the change to username",
    ]);
  });
});
