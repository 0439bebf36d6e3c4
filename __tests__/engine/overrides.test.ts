import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { SpecRejectedError } from "../../src/config/diagnostics.js";
import { processFile } from "../../src/engine/batch.js";
import { parseAttributePath } from "../../src/engine/override-paths.js";
import { checkAndSynthesize } from "../../src/engine/synth.js";
import { checkSpecFile } from "../../src/engine/specs.js";
import { policyErrors } from "../../src/policy/index.js";
import { engineDefaults } from "../../src/settings/sources.js";
import { invalidFixtures, shownText } from "../helpers/expectations.js";
import { defaultSettings, fixturePath, load, loadValid, ROOT, synthesize, type TerraformJson } from "../helpers/spec.js";

const TASK = "aws_ecs_task_definition.compute_task_definition";
const REPOSITORY = "aws_ecr_repository.compute_ecr_repository";

/** A compute service with the given top-level `overrides:`. */
const withOverrides = (overrides: unknown[], spec: Record<string, unknown> = { compute: {} }) =>
  stringify({ apiVersion: "platform.althq.com/v1", kind: "Service", metadata: { name: "test-svc" }, spec, overrides });

const resource = (json: TerraformJson, address: string) => {
  const [type, name] = address.split(".") as [string, string];
  const body = { ...json.resource![type]![name]! };
  delete body["//"];
  return body;
};
const containers = (json: TerraformJson) => JSON.parse(resource(json, TASK).container_definitions as string) as Array<Record<string, unknown>>;

describe("overrides: the documented examples change exactly what they name", () => {
  const base = synthesize(withOverrides([]).replace(/overrides: \[\]\n/, ""));
  const patched = (overrides: unknown[]) => synthesize(withOverrides(overrides));

  it("ephemeral storage of the task: one new block, nothing else in the task changes", async () => {
    const before = resource((await base).json, TASK);
    const after = resource((await patched([{ resource: TASK, reason: "model cache", set: { "ephemeral_storage.size_in_gib": 60 } }])).json, TASK);
    expect(after).toEqual({ ...before, ephemeral_storage: { size_in_gib: 60 } });
  });

  it("a container ulimit and a log option: only those keys of the container definition change", async () => {
    const before = containers((await base).json)[0]!;
    const json = (
      await patched([
        {
          resource: TASK,
          reason: "many open sockets",
          set: {
            "container_definitions[name=test-svc].ulimits": [{ name: "nofile", softLimit: 65536, hardLimit: 65536 }],
            "container_definitions[name=test-svc].logConfiguration.options.mode": "non-blocking",
          },
        },
      ])
    ).json;
    const after = containers(json)[0]!;
    const logConfiguration = before.logConfiguration as { options: Record<string, unknown> };
    expect(after).toEqual({
      ...before,
      ulimits: [{ name: "nofile", softLimit: 65536, hardLimit: 65536 }],
      logConfiguration: { ...logConfiguration, options: { ...logConfiguration.options, mode: "non-blocking" } },
    });
    // The engine's references inside the document are kept as they were.
    expect(after.image).toBe(before.image);
  });

  it("a tag on one resource: that resource gains it, no other resource does", async () => {
    const before = (await base).json;
    const after = (await patched([{ resource: REPOSITORY, reason: "cost allocation", set: { "tags.cost-center": "ml-42" } }])).json;
    expect(resource(after, REPOSITORY)).toEqual({ ...resource(before, REPOSITORY), tags: { "cost-center": "ml-42" } });
    for (const [type, byName] of Object.entries(after.resource!)) {
      for (const name of Object.keys(byName)) {
        if (`${type}.${name}` === REPOSITORY) continue;
        expect(resource(after, `${type}.${name}`), `${type}.${name}`).toEqual(resource(before, `${type}.${name}`));
      }
    }
  });

  it("remove takes an argument out, and the reason is recorded in the resource's comment block of the written stack", async () => {
    const folder = mkdtempSync(join(tmpdir(), "platform-overrides-remove-"));
    const config = loadValid(withOverrides([{ resource: TASK, reason: "let AWS pick the platform", remove: ["runtime_platform"] }]));
    const { summary } = await checkAndSynthesize(config, defaultSettings(), folder, true);
    const json = JSON.parse(readFileSync(summary.file, "utf8")) as TerraformJson;
    rmSync(folder, { recursive: true, force: true });
    expect(resource(json, TASK).runtime_platform).toBeUndefined();
    expect(resource((await base).json, TASK).runtime_platform).toBeDefined();
    expect((json.resource!.aws_ecs_task_definition!.compute_task_definition!["//"] as Record<string, unknown>).platformOverride).toEqual({
      reason: "let AWS pick the platform",
      remove: ["runtime_platform"],
    });
  });

  it("user strings stay data: ${ and %{ are escaped, in arguments and inside the container JSON", async () => {
    const { json } = await patched([
      {
        resource: TASK,
        reason: "literal dollar braces",
        set: { "tags.note": "cost ${var.x} %{if}", "container_definitions[name=test-svc].dockerLabels.template": "${aws_iam_role.x.arn}" },
      },
    ]);
    expect((resource(json, TASK).tags as Record<string, string>).note).toBe("cost $${var.x} %%{if}");
    expect((containers(json)[0]!.dockerLabels as Record<string, string>).template).toBe("$${aws_iam_role.x.arn}");
  });
});

describe("overrides: the fixture", () => {
  it("fixtures/platform-overrides.yaml patches the task and the repository and passes the policies", async () => {
    const { json } = await synthesize(loadValid(readFileSync(fixturePath("platform-overrides.yaml"), "utf8")));
    expect(resource(json, TASK).ephemeral_storage).toEqual({ size_in_gib: 60 });
    expect(containers(json)[0]!.ulimits).toEqual([{ name: "nofile", softLimit: 65536, hardLimit: 65536 }]);
    expect(resource(json, REPOSITORY).tags).toEqual({ "cost-center": "ml-42" });
  });
});

describe("overrides: secure defaults survive", () => {
  const folder = mkdtempSync(join(tmpdir(), "platform-overrides-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const mutable = { resource: REPOSITORY, reason: "release tooling re-tags images", set: { image_tag_mutability: "MUTABLE" } };

  it("a patch that breaks a policy fails synth, and nothing is written", async () => {
    const { summary, passed } = await checkAndSynthesize(loadValid(withOverrides([mutable])), defaultSettings(), folder, true);
    expect(passed).toBe(false);
    expect(policyErrors(summary.findings).map((finding) => [finding.ruleId, finding.address])).toEqual([["PLT-ECR-002", REPOSITORY]]);
  });

  it("a privileged container set through the JSON is caught by the container rule", async () => {
    const privileged = { resource: TASK, reason: "needs to mount things", set: { "container_definitions[name=test-svc].privileged": true } };
    const { summary } = await checkAndSynthesize(loadValid(withOverrides([privileged])), defaultSettings(), folder, false);
    expect(policyErrors(summary.findings).map((finding) => finding.ruleId)).toEqual(["PLT-ECS-003"]);
  });

  it("allowPolicies turns that finding into a warning carrying the reason, and synth writes the stack", async () => {
    const allowed = { ...mutable, allowPolicies: [{ rule: "PLT-ECR-002", reason: "tags are re-pointed by the release tooling" }] };
    const { summary, passed } = await checkAndSynthesize(loadValid(withOverrides([allowed])), defaultSettings(), folder, true);
    expect(passed).toBe(true);
    expect(summary.findings).toEqual([
      expect.objectContaining({ ruleId: "PLT-ECR-002", severity: "warning", address: REPOSITORY, exception: "allowed by overrides: tags are re-pointed by the release tooling" }),
    ]);
    const written = JSON.parse(readFileSync(summary.file, "utf8")) as TerraformJson;
    expect(resource(written, REPOSITORY).image_tag_mutability).toBe("MUTABLE");
  });

  it("validate --policy reads the patched stack too (the same findings, without writing)", async () => {
    const file = join(folder, "platform.yaml");
    (await import("node:fs")).writeFileSync(file, withOverrides([mutable]));
    const outcome = await processFile(file, { mode: "validate", policy: true, settings: engineDefaults() });
    expect(policyErrors(outcome.findings).map((finding) => finding.ruleId)).toEqual(["PLT-ECR-002"]);
  });
});

describe("overrides: invalid patches", () => {
  // The shape is checked with the spec (fixtures/invalid/overrides-*.yaml, run by
  // __tests__/config/invalid-fixtures.test.ts); these need the built stack.
  const fixtures = invalidFixtures("fixtures/invalid/stack/");

  it("cover an unknown address, an unknown attribute, a wrong kind, wiring and a missing list item (also in an environment's overrides)", () => {
    expect(fixtures.map((fixture) => fixture.file.replace(/.*\//, ""))).toEqual([
      "environment-overrides-not-applicable.yaml",
      "environment-overrides-unknown-address.yaml",
      "overrides-container-name.yaml",
      "overrides-unknown-address.yaml",
      "overrides-unknown-attribute.yaml",
      "overrides-wiring.yaml",
      "overrides-wrong-type.yaml",
    ]);
  });

  it.each(fixtures.map((f) => [f.file, f] as const))("%s passes the spec checks but fails validate --policy and synth exactly as its header says", async (_name, fixture) => {
    const file = `${ROOT}${fixture.file}`;
    expect((await checkSpecFile(file)).config).toBeDefined();
    const expected = fixture.expected.map((e) => ({ severity: e.severity, file, line: e.line, column: e.column, path: e.path, text: expect.stringContaining(e.fragment) }));
    const shown = (diagnostics: Array<Parameters<typeof shownText>[0]>) =>
      diagnostics.map((d) => ({ severity: d.severity, file: d.file, line: d.line, column: d.column, path: d.path, text: shownText(d) }));
    const validated = await processFile(file, { mode: "validate", policy: true, settings: engineDefaults() });
    expect(validated.service).toBeUndefined();
    expect(shown(validated.diagnostics)).toEqual(expected);
    const staging = mkdtempSync(join(tmpdir(), "platform-overrides-synth-"));
    try {
      const synthesized = await processFile(file, { mode: "synth", policy: true, settings: engineDefaults(), staging });
      expect(synthesized.stacks).toBeUndefined();
      expect(shown(synthesized.diagnostics)).toEqual(expected);
    } finally {
      rmSync(staging, { recursive: true, force: true });
    }
  });

  it("a rejected patch applies nothing: buildStack throws before any policy check", async () => {
    const config = loadValid(withOverrides([{ resource: TASK, reason: "two changes", set: { "ephemeral_storage.size_in_gib": 60, cpu: 4096 } }]));
    await expect(synthesize(config)).rejects.toBeInstanceOf(SpecRejectedError);
  });

  it("plain validate checks only the shape: an unknown address passes it", () => {
    const { config, diagnostics } = load(withOverrides([{ resource: "aws_sqs_queue.nowhere", reason: "not in this stack", set: { delay_seconds: 5 } }]));
    expect(diagnostics).toEqual([]);
    expect(config?.overrides).toHaveLength(1);
  });
});

describe("attribute paths", () => {
  it("parse keys, item numbers, selectors and quoted keys", () => {
    expect(parseAttributePath('container_definitions[name=app].logConfiguration.options["awslogs.group"]')).toEqual({
      segments: [{ key: "container_definitions" }, { field: "name", equals: "app" }, { key: "logConfiguration" }, { key: "options" }, { key: "awslogs.group" }],
    });
    expect(parseAttributePath("ingress[0].description")).toEqual({ segments: [{ key: "ingress" }, { index: 0 }, { key: "description" }] });
  });

  it("refuse what does not parse, with the reason", () => {
    expect(parseAttributePath("Tags.x")).toEqual({ problem: expect.stringContaining("must start with a Terraform attribute name") });
    expect(parseAttributePath("a[x]")).toEqual({ problem: expect.stringContaining("neither an item number") });
    expect(parseAttributePath("a..b")).toEqual({ problem: expect.stringContaining('expected a key after "."') });
  });
});

describe("overrides: the reason is shown where the change is reviewed", () => {
  const folder = mkdtempSync(join(tmpdir(), "platform-overrides-review-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const allowed = {
    resource: REPOSITORY,
    reason: "release tooling re-tags images",
    set: { image_tag_mutability: "MUTABLE" },
    allowPolicies: [{ rule: "PLT-ECR-002", reason: "tags are re-pointed by the release tooling" }],
  };

  it("platform preview lists the reason and the allowed rule under the patched resource", async () => {
    const { previewSpec, renderPreview } = await import("../../src/lifecycle/preview.js");
    const lines = renderPreview(await previewSpec(loadValid(withOverrides([allowed])), defaultSettings()));
    const at = lines.findIndex((line) => line.includes(`+ ${REPOSITORY}`));
    expect(lines.slice(at + 1, at + 3)).toEqual(["        override: release tooling re-tags images", "        allows PLT-ECR-002: tags are re-pointed by the release tooling"]);
    expect(lines.filter((line) => line.includes("override:"))).toHaveLength(1);
  });

  it("platform diff shows the reason and the allowed rule beside the change, not as an attribute", async () => {
    const { loadSynthesis } = await import("../../src/diff/load.js");
    const { compareSyntheses } = await import("../../src/diff/compare.js");
    const { renderText } = await import("../../src/diff/render-text.js");
    await checkAndSynthesize(loadValid(withOverrides([]).replace(/overrides: \[\]\n/, "")), defaultSettings(), join(folder, "base"), true);
    await checkAndSynthesize(loadValid(withOverrides([allowed])), defaultSettings(), join(folder, "head"), true);
    const diff = compareSyntheses(loadSynthesis(join(folder, "base")), loadSynthesis(join(folder, "head")));
    const block = diff.stacks[0]!.blocks.find((candidate) => candidate.address === REPOSITORY)!;
    expect(block.override).toEqual({ reason: "release tooling re-tags images", set: ["image_tag_mutability"], allowPolicies: allowed.allowPolicies });
    expect(block.changes.map((change) => change.path)).toEqual(["image_tag_mutability"]);
    const text = renderText(diff);
    expect(text).toContain(`~ ${REPOSITORY}\n        override: release tooling re-tags images\n        allows PLT-ECR-002: tags are re-pointed by the release tooling\n`);
    expect(diff.stacks[0]!.blocks.map((candidate) => candidate.address)).toEqual([REPOSITORY]);
  });
});

describe("overrides: the CLI", () => {
  const folder = mkdtempSync(join(tmpdir(), "platform-overrides-cli-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it("plain validate says it checked only the shape; --policy says it checked against the stack", async () => {
    const { runCli } = await import("../helpers/cli.js");
    const plain = await runCli(["validate", "fixtures/platform-overrides.yaml"], { cwd: ROOT });
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("  overrides:      2 patches, shape checked only; run with --policy (or synth) to check them against the stack\n");
    const policy = await runCli(["validate", "--policy", "fixtures/platform-overrides.yaml"], { cwd: ROOT });
    expect(policy.stdout).toContain("  overrides:      2 patches, checked against the stack\n");
    // The stack-level mistakes pass plain validate and fail with --policy.
    const wiring = "fixtures/invalid/stack/overrides-wiring.yaml";
    expect((await runCli(["validate", wiring], { cwd: ROOT })).code).toBe(0);
    expect((await runCli(["validate", "--policy", wiring], { cwd: ROOT })).code).toBe(1);
  });

  it("the real binary: synth of a patch that does not fit the stack exits 1 with one positioned line per problem, no stack trace, nothing written", async () => {
    const { spawnPlatform } = await import("../helpers/cli.js");
    const out = join(folder, "out");
    const run = spawnPlatform(["synth", "fixtures/invalid/stack/overrides-unknown-address.yaml", "--out", out], { cwd: ROOT });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "fixtures/invalid/stack/overrides-unknown-address.yaml:11:15 overrides[0].resource: no resource aws_ecs_task_definition.compute_task_def in the stack of bad-overrides; hint: did you mean aws_ecs_task_definition.compute_task_definition?",
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stderr).toContain("nothing written");
    expect((await import("node:fs")).existsSync(out)).toBe(false);
  });

  it("the real binary: synth of a patch that breaks a policy exits 1 naming the rule; with allowPolicies it writes the stack and prints the exception", async () => {
    const { spawnPlatform } = await import("../helpers/cli.js");
    const { writeFileSync } = await import("node:fs");
    const breaking = { resource: REPOSITORY, reason: "release tooling re-tags images", set: { image_tag_mutability: "MUTABLE" } };
    writeFileSync(join(folder, "breaking.yaml"), withOverrides([breaking]));
    const refused = spawnPlatform(["synth", join(folder, "breaking.yaml"), "--out", join(folder, "refused")], { cwd: ROOT });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("[test-svc/compute_ecr_repository] PLT-ECR-002: image tags can be overwritten");
    // The finding points at the patch that caused it (line 8: the first entry of `overrides:`).
    expect(refused.stderr).toMatch(/breaking\.yaml:8:5: \[test-svc\/compute_ecr_repository\] PLT-ECR-002/);
    writeFileSync(join(folder, "allowed.yaml"), withOverrides([{ ...breaking, allowPolicies: [{ rule: "PLT-ECR-002", reason: "tags are re-pointed by the release tooling" }] }]));
    const allowed = spawnPlatform(["synth", join(folder, "allowed.yaml"), "--out", join(folder, "allowed")], { cwd: ROOT });
    expect(allowed.code).toBe(0);
    // A declared exception is named once, in the stack's summary (issue 16), not as a warning per resource.
    expect(allowed.stdout).toContain("  declared policy exceptions:\n    PLT-ECR-002 (1 resource): allowed by overrides: tags are re-pointed by the release tooling\n");
  });
});

describe("overrides: a stale allowance", () => {
  it("is a warning at the allowPolicies entry when the patched resource does not break the rule", async () => {
    const folder = mkdtempSync(join(tmpdir(), "platform-overrides-stale-"));
    try {
      const stale = { resource: REPOSITORY, reason: "cost allocation", set: { "tags.team": "ml" }, allowPolicies: [{ rule: "PLT-ECR-002", reason: "left over from an old patch" }] };
      const { summary, passed } = await checkAndSynthesize(loadValid(withOverrides([stale]), "stale.yaml"), defaultSettings(), folder, false);
      expect(passed).toBe(true);
      expect(summary.findings).toEqual([
        expect.objectContaining({
          ruleId: "PLT-ECR-002",
          severity: "warning",
          address: REPOSITORY,
          message: "allowed by overrides[0], but the patched resource does not break it: remove the entry",
          specPath: "overrides[0].allowPolicies[0].rule",
          line: 13,
          column: 15,
        }),
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
