import { describe, expect, it } from "vitest";
import { load, specYaml } from "../helpers/spec.js";

/** The resolved config of a spec that must load without errors. */
function resolved(spec: Record<string, unknown>, metadata: Record<string, unknown> = {}) {
  const { config, diagnostics } = load(specYaml(spec, "test-svc", metadata));
  if (!config) throw new Error(diagnostics.map((d) => `${d.path}: ${d.message}`).join("\n"));
  return config;
}

const DATABASE = { engine: "postgres", instanceClass: "db.t3.micro", dbName: "app", dbUsername: "app_admin" };

describe("schema defaults", () => {
  it("resolve a minimal compute section", () => {
    expect(resolved({ compute: {} }).spec.compute).toEqual({
      type: "ecs",
      port: 80,
      environment: {},
      cpu: 256,
      memory: 512,
      instances: { min: 1 },
      healthCheck: { path: "/health", successCodes: "200" },
      architecture: "x86_64",
      capacity: "on-demand",
      exec: false,
      access: "cloudflare-access",
      hostnames: [],
    });
  });

  it("leave listenerPriority unset so AWS assigns the next free priority", () => {
    expect(resolved({ compute: {} }).spec.compute).not.toHaveProperty("listenerPriority");
    expect(resolved({ compute: {} }).spec.compute).not.toHaveProperty("command");
    expect(resolved({ compute: {} }).spec.compute?.instances).not.toHaveProperty("max");
  });

  it("resolve a minimal storage section, access point included", () => {
    expect(resolved({ compute: {}, storage: { accessPoint: { path: "/data" } } }).spec.storage).toEqual({
      type: "efs",
      encrypted: true,
      lifecyclePolicy: "AFTER_30_DAYS",
      backup: true,
      mountPath: "/mnt/data",
      accessPoint: { path: "/data", uid: 1000, gid: 1000, permissions: "0750" },
    });
  });

  it("resolve a minimal cache section", () => {
    expect(resolved({ compute: {}, cache: { engine: "redis", nodeType: "cache.t3.micro" } }).spec.cache).toEqual({
      engine: "redis",
      nodeType: "cache.t3.micro",
      engineVersion: "7.1",
      numNodes: 1,
      transitEncryption: true,
      atRestEncryption: true,
      snapshotRetentionDays: 1,
    });
  });

  it("resolve a minimal database section with a major-only engine version and deletion protection on", () => {
    expect(resolved({ compute: {}, database: DATABASE }).spec.database).toEqual({
      ...DATABASE,
      engineVersion: "16",
      allocatedStorage: 20,
      multiAz: false,
      backupRetentionDays: 7,
      deletionProtection: true,
    });
  });

  it("resolve a minimal serviceDiscovery section with a short TTL", () => {
    expect(resolved({ compute: {}, serviceDiscovery: { namespace: "internal.local" } }).spec.serviceDiscovery).toEqual({ namespace: "internal.local", ttl: 10 });
  });

  it("resolve every function of a lambda section", () => {
    expect(resolved({ lambda: { functions: [{ name: "chat", image: "chat" }, { name: "sync", image: "chat", memory: 512 }] } }).spec.lambda).toEqual({
      functions: [
        { name: "chat", image: "chat", memory: 2048, timeout: 120, environment: {}, url: true, invokeMode: "RESPONSE_STREAM", urlAuth: "AWS_IAM" },
        { name: "sync", image: "chat", memory: 512, timeout: 120, environment: {}, url: true, invokeMode: "RESPONSE_STREAM", urlAuth: "AWS_IAM" },
      ],
    });
  });

  it("resolve a triggers section with the webhook gateway off and the webhook sizing defaults", () => {
    expect(resolved({ lambda: { functions: [{ name: "job", image: "job" }] }, triggers: { eventbridge: { scheduleGroup: "jobs" } } }).spec.triggers).toEqual({
      eventbridge: { scheduleGroup: "jobs", schedules: [] },
      events: [],
      webhookGateway: false,
      webhook: { memory: 512, timeout: 30, invokeMode: "BUFFERED" },
    });
  });

  it("resolve a schedule to UTC, on time, with Scheduler's retry defaults", () => {
    const schedule = { name: "nightly", expression: "cron(0 3 * * ? *)", function: "job" };
    expect(resolved({ lambda: { functions: [{ name: "job", image: "job" }] }, triggers: { eventbridge: { scheduleGroup: "jobs", schedules: [schedule] } } }).spec.triggers?.eventbridge?.schedules).toEqual([
      { ...schedule, timezone: "UTC", flexibleWindowMinutes: 0, retry: { maximumAttempts: 185, maximumEventAgeSeconds: 86400 } },
    ]);
  });

  it("give an empty secrets list when none are declared", () => {
    const config = resolved({ compute: {} });
    expect(config.secrets).toEqual([]);
    expect(config.spec.secrets).toBeUndefined();
  });

  it("never replace a value the spec wrote", () => {
    const config = resolved({ compute: { port: 9000, cpu: 1024, memory: 4096, instances: { min: 3 }, healthCheck: { path: "/ready" }, listenerPriority: 120 } });
    expect(config.spec.compute).toEqual({
      type: "ecs",
      port: 9000,
      environment: {},
      cpu: 1024,
      memory: 4096,
      instances: { min: 3 },
      healthCheck: { path: "/ready", successCodes: "200" },
      architecture: "x86_64",
      capacity: "on-demand",
      exec: false,
      access: "cloudflare-access",
      hostnames: [],
      listenerPriority: 120,
    });
  });

  it("keep the spec as written in rawSpec", () => {
    expect(resolved({ compute: { port: 9000 } }).rawSpec).toEqual({ compute: { port: 9000 } });
  });
});

describe("typed config", () => {
  it("lists declared sections in the contract's order, not the file's", () => {
    const config = resolved({ secrets: ["API_KEY"], cache: { engine: "redis", nodeType: "cache.t3.micro" }, compute: {} });
    expect(config.declaredSections).toEqual(["compute", "cache", "secrets"]);
  });

  it("carries the service name and keeps extra metadata labels", () => {
    const config = resolved({ compute: {} }, { description: "demo", team: "payments", labels: { tier: "web" } });
    expect(config.serviceName).toBe("test-svc");
    expect(config.metadata).toEqual({ name: "test-svc", description: "demo", team: "payments", labels: { tier: "web" } });
  });

  it("locates a spec path in the source file", () => {
    const config = resolved({ compute: { port: 9000 } });
    // specYaml writes apiVersion, kind, metadata (2 lines), then spec on line 5.
    // The key's range: `port` spans columns 5 to 9 (end exclusive).
    expect(config.locate(["spec", "compute", "port"])).toEqual({ line: 7, column: 5, endLine: 7, endColumn: 9 });
    expect(config.locate(["spec", "compute", "cpu"])).toEqual({ line: 6, column: 3, endLine: 6, endColumn: 10 });
  });
});
