import { describe, expect, it } from "vitest";
import { AWS_NAME_LIMITS, fitName, replacementName, resourceName } from "../../src/engine/names.js";

const longest = `a${"b".repeat(38)}c`; // 40 characters: the longest valid service name

describe("generated names", () => {
  it("leaves names that fit unchanged", () => {
    expect(resourceName("iamRole", "orders", "task-execution")).toBe("orders-task-execution");
  });

  it("shortens a name over the limit to exactly the limit, deterministically", () => {
    const name = resourceName("elasticacheReplicationGroup", longest, "redis");
    expect(name).toHaveLength(AWS_NAME_LIMITS.elasticacheReplicationGroup);
    expect(resourceName("elasticacheReplicationGroup", longest, "redis")).toBe(name);
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
    const a = replacementName("targetGroup", longest, 8080, "HTTP", "ip");
    const b = replacementName("targetGroup", longest, 9090, "HTTP", "ip");
    expect(a.length).toBeLessThanOrEqual(32);
    expect(a).not.toBe(b);
    expect(replacementName("targetGroup", longest, 8080, "HTTP", "ip")).toBe(a);
  });
});
