import { describe, expect, it } from "vitest";
import { fitName, replacementName, resourceName } from "../../src/capabilities/shared/names.js";
import { AWS_NAME_LIMITS } from "../../src/engine/registry.js";

const longest = `a${"b".repeat(38)}c`; // 40 characters: the longest valid service name

describe("generated names", () => {
  it("leaves names that fit unchanged", () => {
    expect(resourceName(AWS_NAME_LIMITS.iamRole!, "orders", "task-execution")).toBe("orders-task-execution");
  });

  it("shortens a name over the limit to exactly the limit, deterministically", () => {
    const name = resourceName(AWS_NAME_LIMITS.elasticacheReplicationGroup!, longest, "redis");
    expect(name).toHaveLength(AWS_NAME_LIMITS.elasticacheReplicationGroup);
    expect(resourceName(AWS_NAME_LIMITS.elasticacheReplicationGroup!, longest, "redis")).toBe(name);
  });

  it("keeps two long names distinct when only their ends differ", () => {
    expect(fitName(`${longest}-task-execution`, 40)).not.toBe(fitName(`${longest}-task-exec`, 40));
  });

  it("never ends the kept prefix with a hyphen or produces a double hyphen", () => {
    for (let cut = 20; cut < 45; cut++) {
      const name = fitName(`${"a".repeat(cut)}-${"b".repeat(30)}`, 32);
      expect(name).not.toMatch(/--/);
      expect(name.length).toBeLessThanOrEqual(32);
    }
  });

  it("gives target groups a 32-character name that changes with a replacing field", () => {
    const a = replacementName(AWS_NAME_LIMITS.targetGroup!, longest, 8080, "HTTP", "ip");
    const b = replacementName(AWS_NAME_LIMITS.targetGroup!, longest, 9090, "HTTP", "ip");
    expect(a.length).toBeLessThanOrEqual(32);
    expect(a).not.toBe(b);
    expect(replacementName(AWS_NAME_LIMITS.targetGroup!, longest, 8080, "HTTP", "ip")).toBe(a);
  });
});
