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

  it("lists what an update changes, by attribute: known values only, sensitive ones masked, environment by variable name", () => {
    const containers = (level: string) => JSON.stringify([{ name: "api", environment: [{ name: "LOG_LEVEL", value: level }] }]);
    const summary = summarizePlan({
      resource_changes: [
        {
          address: "aws_appautoscaling_target.compute_scaling_target",
          type: "aws_appautoscaling_target",
          change: {
            actions: ["update"],
            before: { max_capacity: 10, min_capacity: 2, arn: "arn:old", tags_all: { a: "1" }, secret: "s1", policy: { statement: [{ resource: "x", sid: "keep" }] } },
            // arn is known only after apply, tags_all partly: neither shows as removed.
            after: { max_capacity: 20, min_capacity: 2, arn: null, tags_all: { a: "1", b: null }, secret: "s2", policy: { statement: [{ resource: "y", sid: "keep" }] } },
            after_unknown: { arn: true, tags_all: { b: true } },
            before_sensitive: { secret: true },
            after_sensitive: { secret: true },
          },
        },
        {
          // A type outside the force-new table (for aws_ecs_task_definition this is a replacement).
          address: "aws_x_containers.app",
          type: "aws_x_containers",
          change: { actions: ["update"], before: { container_definitions: containers("info"), family: "x" }, after: { container_definitions: containers("debug"), family: "x" } },
        },
      ],
    });
    const lines = renderPlanSummary(summary);
    expect(lines.slice(0, 4)).toEqual([
      "  ~   aws_appautoscaling_target.compute_scaling_target",
      "      max_capacity: 10 -> 20",
      '      policy.statement[0].resource: "x" -> "y"',
      "      secret: (sensitive) -> (sensitive)",
    ]);
    expect(lines).toContain('      container_definitions[name="api"].environment[name="LOG_LEVEL"].value: "info" -> "debug"');
  });

  it("counts the attribute lines of a large update beyond the first eight", () => {
    const before = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${String(i).padStart(2, "0")}`, i]));
    const after = Object.fromEntries(Object.entries(before).map(([key, value]) => [key, value + 1]));
    const lines = renderPlanSummary(summarizePlan({ resource_changes: [{ address: "aws_x.y", type: "aws_x", change: { actions: ["update"], before, after } }] }));
    expect(lines.slice(1, 10)).toEqual([...Array.from({ length: 8 }, (_, i) => `      a0${i}: ${i} -> ${i + 1}`), "      … and 3 more"]);
  });
});
