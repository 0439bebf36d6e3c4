import { describe, expect, it } from "vitest";
import { TerraformStack, Testing } from "../../../providers/cdktf.js";
import { scheduleGroup } from "../../../src/modules/triggers/schedule-group.js";

describe("scheduleGroup module", () => {
  it("creates a schedule group with the given name", () => {
    const stack = new TerraformStack(Testing.app(), "test");
    scheduleGroup(stack, "group", { name: "nightly" });
    const json = JSON.parse(Testing.synth(stack)) as { resource: Record<string, Record<string, unknown>> };
    expect(json.resource.aws_scheduler_schedule_group).toEqual({ group: { name: "nightly" } });
  });
});
