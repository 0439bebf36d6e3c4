// Per-environment `overrides:` (issue 20 item 4): an environment's patches merged onto the top-level
// ones by address, with every merged value keeping the position (and path) of the line that wrote it.
import { describe, expect, it } from "vitest";
import { formatPath, load, loadValid, show } from "../helpers/spec.js";

const TASK = "aws_ecs_task_definition.compute_task_definition";
const REPOSITORY = "aws_ecr_repository.compute_ecr_repository";

/** A compute service with top-level overrides (lines 7-17) and the given `environments:` block from line 18. */
const spec = (environments: string) => `apiVersion: platform.althq.com/v1
kind: Service
metadata:
  name: svc
spec:
  compute: {}
overrides:
  - resource: ${TASK}
    reason: the model cache needs scratch space
    set:
      ephemeral_storage.size_in_gib: 40
      tags.team: ml
    remove:
      - runtime_platform
    allowPolicies:
      - rule: PLT-ECS-003
        reason: base reason
environments:
${environments}`;

const lineOf = (text: string, fragment: string) => text.split("\n").findIndex((line) => line.includes(fragment)) + 1;

describe("per-environment overrides: the merge by address", () => {
  it("an environment without overrides gets the top-level patches unchanged", () => {
    const text = spec("  dev: {}\n");
    expect(loadValid(text, "t.yaml", "dev").overrides).toEqual(loadValid(text, "t.yaml").overrides);
  });

  it("a patch of an address the top level patches is merged: the overlay's values win per path, remove and allowPolicies add up, the reasons are joined", () => {
    const text = spec(`  prod:
    overrides:
      - resource: ${TASK}
        reason: production models are larger
        set:
          ephemeral_storage.size_in_gib: 120
          runtime_platform:
            cpu_architecture: ARM64
          pid_mode: task
        remove:
          - tags.team
        allowPolicies:
          - rule: PLT-ECS-003
            reason: prod reason
          - rule: PLT-ECS-004
            reason: another rule
`);
    const [patch, ...others] = loadValid(text, "t.yaml", "prod").overrides;
    expect(others).toEqual([]);
    expect(patch).toEqual({
      resource: TASK,
      reason: "the model cache needs scratch space; prod: production models are larger",
      // tags.team: removed by prod, so no longer set; runtime_platform: set by prod, so no longer removed
      set: { "ephemeral_storage.size_in_gib": 120, runtime_platform: { cpu_architecture: "ARM64" }, pid_mode: "task" },
      remove: ["tags.team"],
      allowPolicies: [
        { rule: "PLT-ECS-003", reason: "prod reason" },
        { rule: "PLT-ECS-004", reason: "another rule" },
      ],
    });
  });

  it("each merged value points at the line that wrote it, and is named by the path that wrote it", () => {
    const text = spec(`  prod:
    overrides:
      - resource: ${TASK}
        set:
          ephemeral_storage.size_in_gib: 120
`);
    const prod = loadValid(text, "t.yaml", "prod");
    // The overlay gave no reason: the top-level one carries on.
    expect(prod.overrides[0]!.reason).toBe("the model cache needs scratch space");
    const at = (path: Array<string | number>, where: "key" | "value" = "key") => ({ line: prod.locate(path, where).line, path: formatPath(prod.displayPath!(path)) });
    expect(at(["overrides", 0, "set", "ephemeral_storage.size_in_gib"])).toEqual({ line: lineOf(text, "size_in_gib: 120"), path: "environments.prod.overrides[0].set.ephemeral_storage.size_in_gib" });
    expect(at(["overrides", 0, "set", "tags.team"])).toEqual({ line: lineOf(text, "tags.team: ml"), path: "overrides[0].set.tags.team" });
    expect(at(["overrides", 0, "resource"], "value")).toEqual({ line: lineOf(text, `resource: ${TASK}`), path: "overrides[0].resource" });
  });

  it("a patch of a new address is added, named by its place in the overlay", () => {
    const text = spec(`  prod:
    overrides:
      - resource: ${REPOSITORY}
        reason: finance allocates image storage by cost center
        set:
          tags.cost-center: ml-42
`);
    const prod = loadValid(text, "t.yaml", "prod");
    expect(prod.overrides.map((patch) => patch.resource)).toEqual([TASK, REPOSITORY]);
    expect(prod.overrides[1]).toEqual({ resource: REPOSITORY, reason: "finance allocates image storage by cost center", set: { "tags.cost-center": "ml-42" } });
    expect(prod.locate(["overrides", 1, "resource"], "value").line).toBe(lineOf(text, `resource: ${REPOSITORY}`));
    expect(formatPath(prod.displayPath!(["overrides", 1, "resource"]))).toBe("environments.prod.overrides[0].resource");
    // The other environment does not get it.
    expect(loadValid(text, "t.yaml").overrides.map((patch) => patch.resource)).toEqual([TASK]);
  });

  it("null takes a top-level path back; a patch with nothing left is dropped; overrides: null drops them all", () => {
    const partly = spec(`  dev:
    overrides:
      - resource: ${TASK}
        set:
          tags.team: null
`);
    expect(loadValid(partly, "t.yaml", "dev").overrides[0]!.set).toEqual({ "ephemeral_storage.size_in_gib": 40 });
    const wholly = spec(`  dev:
    overrides:
      - resource: ${TASK}
        set:
          tags.team: null
          ephemeral_storage.size_in_gib: null
        remove: []
`);
    // runtime_platform is still removed: the patch stays, without the paths taken back.
    expect(loadValid(wholly, "t.yaml", "dev").overrides).toEqual([expect.objectContaining({ remove: ["runtime_platform"] })]);
    expect(loadValid(wholly, "t.yaml", "dev").overrides[0]!.set).toBeUndefined();
    const onlySet = `apiVersion: platform.althq.com/v1
kind: Service
metadata:
  name: svc
spec:
  compute: {}
overrides:
  - resource: ${REPOSITORY}
    reason: finance tags
    set:
      tags.cost-center: ml-42
  - resource: ${TASK}
    reason: scratch space
    set:
      ephemeral_storage.size_in_gib: 60
environments:
  dev:
    overrides:
      - resource: ${REPOSITORY}
        set:
          tags.cost-center: null
`;
    expect(loadValid(onlySet, "t.yaml", "dev").overrides.map((patch) => patch.resource)).toEqual([TASK]);
    // The patch that remains is named by its own place in the file.
    expect(formatPath(loadValid(onlySet, "t.yaml", "dev").displayPath!(["overrides", 0, "resource"]))).toBe("overrides[1].resource");
    const none = spec("  dev:\n    overrides: null\n");
    expect(loadValid(none, "t.yaml", "dev").overrides).toEqual([]);
    expect(loadValid(none, "t.yaml").overrides).toHaveLength(1);
  });

  it("an empty overrides: [] in an overlay keeps the top-level patches, with a warning pointing at null (a list there merges by address, it does not replace)", () => {
    const text = spec("  dev:\n    overrides: []\n");
    const { config, diagnostics } = load(text, "t.yaml", "dev");
    expect(config).toBeDefined();
    expect(diagnostics.map((d) => `${d.severity} ${d.code} ${show(d)}; hint: ${d.hint}`)).toEqual([
      `warning environments/no-op t.yaml:${lineOf(text, "overrides: []")}:16 environments.dev.overrides: environment "dev": an empty overrides: list adds no patch: the top-level patch stays; hint: write overrides: null to drop the top-level patches for this environment, or remove the line`,
    ]);
    expect(loadValid(text, "t.yaml", "dev").overrides).toHaveLength(1);
    // Without top-level patches, an empty list is just empty: nothing to say.
    expect(load(spec("  dev:\n    overrides: []\n").replace(/^overrides:[\s\S]*?(?=^environments:)/m, ""), "t.yaml", "dev").diagnostics).toEqual([]);
  });

  it("an environment may have overrides when the spec has none at top level", () => {
    const text = `apiVersion: platform.althq.com/v1
kind: Service
metadata:
  name: svc
spec:
  compute: {}
environments:
  dev: {}
  prod:
    overrides:
      - resource: ${TASK}
        reason: scratch space
        set:
          ephemeral_storage.size_in_gib: 60
`;
    expect(loadValid(text, "t.yaml", "prod").overrides).toEqual([{ resource: TASK, reason: "scratch space", set: { "ephemeral_storage.size_in_gib": 60 } }]);
    expect(loadValid(text, "t.yaml", "dev").overrides).toEqual([]);
    expect(loadValid(text, "t.yaml").overrides).toEqual([]);
  });
});

describe("per-environment overrides: mistakes in an overlay's patches", () => {
  it("are reported at the overlay's line, named by the overlay's path and the environment", () => {
    const text = spec(`  prod:
    overrides:
      - resource: ${REPOSITORY}
        reason: finance tags
        set:
          tags.cost-center: ml-42
      - resource: ${TASK}
        set:
          pid_mode: null
          ephemeral_storage[size_in_gib: 1
`);
    const { config, diagnostics } = load(text, "t.yaml", "prod");
    expect(config).toBeUndefined();
    expect(diagnostics.map(show)).toEqual([
      `t.yaml:${lineOf(text, "pid_mode: null")}:21 environments.prod.overrides[1].set.pid_mode: environment "prod": "pid_mode" is set to nothing`,
      `t.yaml:${lineOf(text, "ephemeral_storage[size_in_gib")}:11 environments.prod.overrides[1].set.ephemeral_storage[size_in_gib: environment "prod": attribute path "ephemeral_storage[size_in_gib" does not parse: "[" at "[size_in_gib" is not closed`,
    ]);
    expect(diagnostics.find((d) => d.path.endsWith("pid_mode"))!.hint).toContain("null takes back only a path the top-level patch of the resource sets");
  });

  it("keys and paths named like Object.prototype members (constructor, toString) are the overlay's own, reported like any other", () => {
    const text = spec(`  dev:
    overrides:
      - resource: ${TASK}
        set:
          constructor: null
  prod:
    overrides:
      - resource: ${TASK}
        toString: 1
`);
    const dev = load(text, "t.yaml", "dev");
    expect(dev.config).toBeUndefined();
    expect(dev.diagnostics.map(show)).toEqual([`t.yaml:${lineOf(text, "constructor: null")}:24 environments.dev.overrides[0].set.constructor: environment "dev": "constructor" is set to nothing`]);
    const prod = load(text, "t.yaml", "prod");
    expect(prod.config).toBeUndefined();
    expect(prod.diagnostics.map(show)).toEqual([
      expect.stringMatching(new RegExp(`^t\\.yaml:${lineOf(text, "toString: 1")}:9 environments\\.prod\\.overrides\\[0\\]\\.toString: environment "prod": unknown field "toString"`)),
    ]);
  });

  it("a new address without a reason is a schema error at the overlay's patch (and, as at the top level, the patches are then not checked further)", () => {
    const text = spec(`  prod:
    overrides:
      - resource: ${REPOSITORY}
        set:
          tags.cost-center: ml-42
      - resource: ${TASK}
        set:
          pid_mode: null
`);
    expect(load(text, "t.yaml", "prod").diagnostics.map(show)).toEqual([
      `t.yaml:${lineOf(text, `- resource: ${REPOSITORY}`)}:9 environments.prod.overrides[0].reason: environment "prod": required field is missing`,
    ]);
  });

  it("an overlay's overrides of the wrong shape are schema errors at the overlay's line, not a crash", async () => {
    const { checkSpecFile } = await import("../../src/engine/specs.js");
    const { mkdtempSync, rmSync, writeFileSync } = await import("node:fs");
    const { join } = await import("node:path");
    const { tmpdir } = await import("node:os");
    const text = spec(`  dev:
    overrides:
      resource: ${TASK}
  staging:
    overrides:
      - just a string
  prod: {}
`);
    const folder = mkdtempSync(join(tmpdir(), "platform-env-overrides-shape-"));
    try {
      const file = join(folder, "t.yaml");
      writeFileSync(file, text);
      const check = await checkSpecFile(file);
      expect(check.config).toBeUndefined();
      expect(check.diagnostics.map((d) => `${d.line}:${d.column} ${d.path}: ${d.message}`)).toEqual([
        `${lineOf(text, "  dev:") + 2}:7 environments.dev.overrides: environment "dev": must be a list, got a mapping {"resource":"${TASK}"}`,
        `${lineOf(text, "just a string")}:9 environments.staging.overrides[0]: environment "staging": must be a mapping, got string "just a string"`,
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("two patches of one address in one overlay: the second is refused, naming the first", () => {
    const text = spec(`  prod:
    overrides:
      - resource: ${REPOSITORY}
        reason: first
        set:
          tags.a: "1"
      - resource: ${REPOSITORY}
        reason: second
        set:
          tags.b: "2"
`);
    const { diagnostics } = load(text, "t.yaml", "prod");
    expect(diagnostics.map(show)).toEqual([
      `t.yaml:${lineOf(text, "reason: second") - 1}:19 environments.prod.overrides[1].resource: environment "prod": ${REPOSITORY} is already patched by environments.prod.overrides[0]`,
    ]);
  });
});
