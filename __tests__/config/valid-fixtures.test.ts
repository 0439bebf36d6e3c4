import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SECTION_ORDER } from "../../src/config/platform-config.js";
import { fixturePath, load, show } from "../helpers/spec.js";

// Schema and semantic checks only: capabilities other than compute and secrets are being built in
// parallel, so the engine's precondition check is not part of what these fixtures must pass yet.
const VALID_FIXTURES = readdirSync(fixturePath("")).filter((name) => name.endsWith(".yaml")).sort();
const loadFixture = (name: string) => load(readFileSync(fixturePath(name), "utf8"), `fixtures/${name}`);

describe("valid fixtures", () => {
  it("include the four specs of the contract (and any example a capability adds)", () => {
    expect(VALID_FIXTURES).toEqual(expect.arrayContaining(["platform-agent-factory.yaml", "platform-minimal.yaml", "platform-redis.yaml", "platform-storage-cache.yaml"]));
  });

  it.each(VALID_FIXTURES)("%s passes the schema and the semantic rules", (name) => {
    const { config, diagnostics } = loadFixture(name);
    expect(diagnostics.filter((d) => d.severity === "error").map(show)).toEqual([]);
    expect(config).toBeDefined();
  });

  it.each(VALID_FIXTURES)("%s names the JSON Schema on its first line for editors", (name) => {
    expect(readFileSync(fixturePath(name), "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=../schema/platform-spec-v1.json");
  });

  it("keeps platform-minimal to compute (and its secrets)", () => {
    expect(loadFixture("platform-minimal.yaml").config?.declaredSections).toEqual(["compute", "secrets"]);
  });

  it("adds only cache to compute in platform-redis", () => {
    expect(loadFixture("platform-redis.yaml").config?.declaredSections).toEqual(["compute", "cache", "secrets"]);
  });

  it("declares only storage and cache in platform-storage-cache, with a reachability warning for each", () => {
    const { config, diagnostics } = loadFixture("platform-storage-cache.yaml");
    expect(config?.declaredSections).toEqual(["storage", "cache"]);
    expect(diagnostics.map((d) => [d.severity, d.path])).toEqual([
      ["warning", "spec.storage"],
      ["warning", "spec.cache"],
    ]);
  });

  it("declares every section in platform-agent-factory, as the seed's full example", () => {
    const { config, diagnostics } = loadFixture("platform-agent-factory.yaml");
    expect(diagnostics).toEqual([]);
    expect(config?.declaredSections).toEqual(SECTION_ORDER);
    expect(config?.serviceName).toBe("agent-factory");
    expect(config?.spec.storage?.accessPoint.path).toBe("/agent-factory");
    expect(config?.spec.database).toMatchObject({ engine: "postgres", instanceClass: "db.t3.micro", dbName: "dify_production", dbUsername: "dify_admin" });
    expect(config?.spec.serviceDiscovery).toMatchObject({ namespace: "agents.local" });
    expect(config?.spec.lambda?.functions.map((fn) => [fn.name, fn.image])).toEqual([
      ["pi-chat", "pi-agent-lambda"],
      ["claude-chat", "claude-agent-lambda"],
    ]);
    expect(config?.spec.triggers).toEqual({
      eventbridge: {
        scheduleGroup: "agent-factory",
        schedules: [
          {
            name: "nightly-digest",
            expression: "cron(0 3 * * ? *)",
            timezone: "Europe/Paris",
            flexibleWindowMinutes: 0,
            function: "pi-chat",
            input: { task: "nightly-digest" },
            retry: { maximumAttempts: 185, maximumEventAgeSeconds: 86400 },
          },
        ],
      },
      events: [{ name: "github-to-claude", function: "claude-chat", pattern: { source: ["platform.webhook"], "detail-type": ["push", "pull_request"] } }],
      webhookGateway: true,
      webhook: { scheme: "github", secret: "GITHUB_WEBHOOK_SECRET", memory: 512, timeout: 30, invokeMode: "BUFFERED" },
    });
    expect(config?.secrets).toEqual(["ANTHROPIC_API_KEY", "DIFY_DB_PASSWORD", "GITHUB_WEBHOOK_SECRET"]);
  });
});
