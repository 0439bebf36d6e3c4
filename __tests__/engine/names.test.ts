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

/** A deterministic pseudo-random generator (mulberry32), so a failure names a reproducible pair. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SERVICE_NAME = /^[a-z](-?[a-z0-9])+$/;
const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A valid service name of `length` characters (2..40) that starts with `prefix` (itself a valid start). */
function serviceName(next: () => number, prefix: string, length: number): string {
  let name = prefix;
  while (name.length < length) {
    const hyphen = name.length > 0 && !name.endsWith("-") && name.length < length - 1 && next() < 0.15;
    name += hyphen ? "-" : ALPHABET[Math.floor(next() * (name.length === 0 ? 26 : ALPHABET.length))];
  }
  return name;
}

/** Pairs of different valid service names: 40-character ones sharing long prefixes, and short ones. */
function servicePairs(count: number): Array<[string, string]> {
  const next = random(15);
  const pairs: Array<[string, string]> = [
    ["customer-notification-preferences-center", "customer-notification-preferences-api"],
    ["customer-notification-preferences-center", "customer-notification-preferences-cente"],
  ];
  while (pairs.length < count) {
    const shared = 20 + Math.floor(next() * 19); // 20..38 common characters
    const prefix = serviceName(next, "", shared).replace(/-$/, "x");
    const a = serviceName(next, prefix, next() < 0.7 ? 40 : shared + 1 + Math.floor(next() * (40 - shared)));
    const b = serviceName(next, prefix, next() < 0.7 ? 40 : shared + 1 + Math.floor(next() * (40 - shared)));
    if (a !== b) pairs.push([a, b]);
  }
  for (const pair of pairs) for (const name of pair) if (!SERVICE_NAME.test(name) || name.length > 40) throw new Error(`bad generated name ${name}`);
  return pairs;
}

describe("account- and region-unique names of two different services", () => {
  const pairs = servicePairs(3000);
  /** The suffixes the engine names resources with, per kind (see the capabilities' `ctx.name` calls). */
  const suffixes: Array<[keyof typeof AWS_NAME_LIMITS, string[]]> = [
    ["iamRole", ["task-execution"]],
    ["iamRole", ["task"]],
    ["iamRole", ["scheduler"]],
    ["iamRole", ["lambda-webhook"]],
    ["iamRole", ["lambda-a-function-name-of-thirty-chars"]],
    ["lambdaFunction", ["webhook"]],
    ["ecrRepository", []],
    ["ecrRepository", ["webhook"]],
    ["ecsCluster", []],
    ["ecsService", []],
    ["ecsTaskFamily", []],
    ["elasticacheReplicationGroup", []],
    ["elasticacheSubnetGroup", []],
    ["dbIdentifier", []],
    ["dbSubnetGroup", []],
    ["dbParameterGroupPrefix", ["postgres16"]],
    ["securityGroup", ["compute"]],
    ["eventBus", ["events"]],
    ["efsCreationToken", []],
  ];

  it("differ for every generated pair and kind (3000 pairs, most 40 characters with 20-38 shared)", () => {
    const collisions: string[] = [];
    for (const [a, b] of pairs) {
      for (const [kind, suffix] of suffixes) {
        const limit = AWS_NAME_LIMITS[kind]!;
        if (resourceName(limit, a, ...suffix) === resourceName(limit, b, ...suffix)) collisions.push(`${kind}: ${a} / ${b}`);
      }
    }
    expect(collisions).toEqual([]);
  });

  it("gives target groups on the same port, protocol and target type different names", () => {
    const limit = AWS_NAME_LIMITS.targetGroup!;
    const collisions = pairs.filter(([a, b]) => replacementName(limit, a, 10000, "HTTP", "ip") === replacementName(limit, b, 10000, "HTTP", "ip"));
    expect(collisions.slice(0, 5)).toEqual([]);
  });
});
