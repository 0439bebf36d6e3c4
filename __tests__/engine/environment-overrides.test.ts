// Per-environment overrides on the built stacks (issue 20 item 4): an environment's patches reach only
// its own stack, merge with the top-level ones, are checked against that stack (policies included)
// with the overlay's positions, and are shown with their reasons by preview, diff and render.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkAndSynthesize, renderStack } from "../../src/engine/synth.js";
import { policyErrors } from "../../src/policy/index.js";
import { defaultSettings, fixturePath, loadValid, ROOT, synthesize, type TerraformJson } from "../helpers/spec.js";

const TASK = "aws_ecs_task_definition.compute_task_definition";
const REPOSITORY = "aws_ecr_repository.compute_ecr_repository";

const header = `apiVersion: platform.althq.com/v1
kind: Service
metadata:
  name: svc
spec:
  compute: {}
`;
/** The same spec with and without prod's own patch of the repository. */
const prodPatch = (patch: string) => `${header}environments:
  dev: {}
  prod:
    overrides:
${patch}`;
const TAG_PATCH = `      - resource: ${REPOSITORY}
        reason: finance allocates image storage by cost center
        set:
          tags.cost-center: ml-42
`;
const withoutPatch = `${header}environments:
  dev: {}
  prod: {}
`;

const json = async (text: string, environment: string) => JSON.parse(renderStack((await synthesize(loadValid(text, "svc.yaml", environment))).stack)) as TerraformJson;
const body = (stack: TerraformJson, address: string) => {
  const [type, name] = address.split(".") as [string, string];
  return stack.resource![type]![name]!;
};
const lineOf = (text: string, fragment: string) => text.split("\n").findIndex((line) => line.includes(fragment)) + 1;

describe("per-environment overrides: on the stacks", () => {
  it("an environment's own patch changes only that environment's stack, and only the patched resource in it", async () => {
    const text = prodPatch(TAG_PATCH);
    // dev: byte for byte the stack of the spec without the patch.
    expect(renderStack((await synthesize(loadValid(text, "svc.yaml", "dev"))).stack)).toBe(renderStack((await synthesize(loadValid(withoutPatch, "svc.yaml", "dev"))).stack));
    // prod: the repository gains the tag (and the record of the patch); nothing else differs.
    const patched = await json(text, "prod");
    const plain = await json(withoutPatch, "prod");
    const repository = body(patched, REPOSITORY);
    expect(repository.tags).toEqual({ "cost-center": "ml-42" });
    expect((repository["//"] as Record<string, unknown>).platformOverride).toEqual({ reason: "finance allocates image storage by cost center", set: ["tags.cost-center"] });
    const { tags: _tags, "//": _comment, ...rest } = repository;
    const { "//": _plainComment, ...plainRest } = body(plain, REPOSITORY);
    expect(rest).toEqual(plainRest);
    delete patched.resource!.aws_ecr_repository;
    delete plain.resource!.aws_ecr_repository;
    // The stack's metadata lists the resource types with `//` records; the rest must be identical.
    const withoutMetadata = (stack: TerraformJson) => ({ ...stack, "//": undefined });
    expect(withoutMetadata(patched)).toEqual(withoutMetadata(plain));
  });

  it("an environment's patch of an address the top level patches is merged into it on that stack", async () => {
    const text = `${header}overrides:
  - resource: ${TASK}
    reason: the model cache needs scratch space
    set:
      ephemeral_storage.size_in_gib: 40
      tags.team: ml
environments:
  dev: {}
  prod:
    overrides:
      - resource: ${TASK}
        reason: production models are larger
        set:
          ephemeral_storage.size_in_gib: 120
`;
    const dev = body(await json(text, "dev"), TASK);
    const prod = body(await json(text, "prod"), TASK);
    expect([dev.ephemeral_storage, dev.tags]).toEqual([{ size_in_gib: 40 }, { team: "ml" }]);
    expect([prod.ephemeral_storage, prod.tags]).toEqual([{ size_in_gib: 120 }, { team: "ml" }]);
    expect((prod["//"] as Record<string, { reason: string }>).platformOverride!.reason).toBe("the model cache needs scratch space; prod: production models are larger");
  });

  it("the fixture: dev takes a tag back, prod refines the size and adds a patch of its own", async () => {
    const text = readFileSync(fixturePath("platform-environments-overrides.yaml"), "utf8");
    const dev = await json(text, "dev");
    const prod = await json(text, "prod");
    expect([body(dev, TASK).ephemeral_storage, body(dev, TASK).tags]).toEqual([{ size_in_gib: 30 }, undefined]);
    expect([body(prod, TASK).ephemeral_storage, body(prod, TASK).tags]).toEqual([{ size_in_gib: 120 }, { "cost-center": "reports" }]);
    expect([body(dev, REPOSITORY).tags, body(prod, REPOSITORY).tags]).toEqual([undefined, { "cost-center": "reports-prod" }]);
  });
});

describe("per-environment overrides: secure defaults survive in each environment", () => {
  const folder = mkdtempSync(join(tmpdir(), "platform-env-overrides-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const mutable = `      - resource: ${REPOSITORY}
        reason: release tooling re-tags images
        set:
          image_tag_mutability: MUTABLE
`;

  it("an environment's patch that breaks a policy fails that environment's synth at the overlay's line; the other environment passes", async () => {
    const text = prodPatch(mutable);
    const prod = await checkAndSynthesize(loadValid(text, "svc.yaml", "prod"), defaultSettings(), join(folder, "prod"), false);
    expect(prod.passed).toBe(false);
    expect(policyErrors(prod.summary.findings).map((f) => ({ rule: f.ruleId, path: f.path, line: f.line, column: f.column, specPath: f.specPath }))).toEqual([
      { rule: "PLT-ECR-002", path: "svc-prod/compute_ecr_repository", line: lineOf(text, `resource: ${REPOSITORY}`), column: 9, specPath: "environments.prod.overrides[0]" },
    ]);
    const dev = await checkAndSynthesize(loadValid(text, "svc.yaml", "dev"), defaultSettings(), join(folder, "dev"), false);
    expect(dev.passed).toBe(true);
  });

  it("allowPolicies in the environment's patch turns it into that stack's declared exception", async () => {
    const text = prodPatch(`${mutable}        allowPolicies:
          - rule: PLT-ECR-002
            reason: tags are re-pointed by the release tooling
`);
    const prod = await checkAndSynthesize(loadValid(text, "svc.yaml", "prod"), defaultSettings(), join(folder, "allowed"), false);
    expect(prod.passed).toBe(true);
    expect(prod.summary.findings).toEqual([
      expect.objectContaining({ ruleId: "PLT-ECR-002", severity: "warning", address: REPOSITORY, exception: "allowed by overrides: tags are re-pointed by the release tooling" }),
    ]);
  });
});

describe("per-environment overrides: a stale allowance", () => {
  it("is a warning at the environment's allowPolicies entry, naming the environment's patch", async () => {
    const folder = mkdtempSync(join(tmpdir(), "platform-env-overrides-stale-"));
    try {
      const text = prodPatch(`${TAG_PATCH}        allowPolicies:
          - rule: PLT-ECR-002
            reason: left over from an old patch
`);
      const { summary, passed } = await checkAndSynthesize(loadValid(text, "svc.yaml", "prod"), defaultSettings(), folder, false);
      expect(passed).toBe(true);
      expect(summary.findings).toEqual([
        expect.objectContaining({
          ruleId: "PLT-ECR-002",
          severity: "warning",
          message: "allowed by environments.prod.overrides[0], but the patched resource does not break it: remove the entry",
          specPath: "environments.prod.overrides[0].allowPolicies[0].rule",
          line: lineOf(text, "- rule: PLT-ECR-002"),
          column: 19,
        }),
      ]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe("per-environment overrides: review", () => {
  const folder = mkdtempSync(join(tmpdir(), "platform-env-overrides-review-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));
  const text = readFileSync(fixturePath("platform-environments-overrides.yaml"), "utf8");
  const reasons = (lines: string[]) => lines.filter((line) => line.includes("override:")).map((line) => line.trim());

  it("platform preview of each environment shows the reasons of its own effective patches", async () => {
    const { previewSpec, renderPreview } = await import("../../src/lifecycle/preview.js");
    const preview = async (environment: string) => renderPreview(await previewSpec(loadValid(text, "fixtures/platform-environments-overrides.yaml", environment), defaultSettings()));
    expect(reasons(await preview("dev"))).toEqual(["override: report rendering spills to local disk (ask for compute.ephemeralStorage, issue 31)"]);
    expect(reasons(await preview("prod"))).toEqual([
      "override: finance allocates production image storage by cost center",
      "override: report rendering spills to local disk (ask for compute.ephemeralStorage, issue 31); prod: month-end reports are four times larger",
    ]);
  });

  it("platform diff of an environment's synthesis shows the reason beside the change its patch makes", async () => {
    const { loadSynthesis } = await import("../../src/diff/load.js");
    const { compareSyntheses } = await import("../../src/diff/compare.js");
    const { renderText } = await import("../../src/diff/render-text.js");
    await checkAndSynthesize(loadValid(withoutPatch, "svc.yaml", "prod"), defaultSettings(), join(folder, "base"), true);
    await checkAndSynthesize(loadValid(prodPatch(TAG_PATCH), "svc.yaml", "prod"), defaultSettings(), join(folder, "head"), true);
    const diff = compareSyntheses(loadSynthesis(join(folder, "base")), loadSynthesis(join(folder, "head")));
    expect(diff.stacks.flatMap((stack) => stack.blocks.map((block) => block.address))).toEqual([REPOSITORY]);
    expect(renderText(diff)).toContain(`~ ${REPOSITORY}\n        override: finance allocates image storage by cost center\n`);
  });

  it("platform render --env --origins shows the effective patches, each value with the line that wrote it", async () => {
    const { runCli } = await import("../helpers/cli.js");
    const file = "fixtures/platform-environments-overrides.yaml";
    const run = await runCli(["render", file, "--env", "prod", "--origins"], { cwd: ROOT });
    expect(run.code).toBe(0);
    const rendered = run.stdout.slice(run.stdout.indexOf("\noverrides:\n"));
    expect(rendered).toBe(
      [
        "",
        "overrides:",
        `  - resource: ${TASK} # ${file}:${lineOf(text, `- resource: ${TASK}`)}`,
        `    reason: "report rendering spills to local disk (ask for compute.ephemeralStorage, issue 31); prod: month-end reports are four times larger" # ${file}:${lineOf(text, "reason: month-end")}`,
        "    set:",
        `      ephemeral_storage.size_in_gib: 120 # ${file}:${lineOf(text, "size_in_gib: 120")}`,
        `      tags.cost-center: reports # ${file}:${text.split("\n").findIndex((line) => line.endsWith("tags.cost-center: reports")) + 1}`,
        `  - resource: ${REPOSITORY} # ${file}:${lineOf(text, `- resource: ${REPOSITORY}`)}`,
        `    reason: finance allocates production image storage by cost center # ${file}:${lineOf(text, "reason: finance")}`,
        "    set:",
        `      tags.cost-center: reports-prod # ${file}:${lineOf(text, "tags.cost-center: reports-prod")}`,
        "",
      ].join("\n"),
    );
    const dev = await runCli(["render", file, "--env", "dev", "--origins"], { cwd: ROOT });
    expect(dev.stdout).toContain(`      ephemeral_storage.size_in_gib: 30 # ${file}:${lineOf(text, "size_in_gib: 30")}\n`);
    expect(dev.stdout).not.toContain("cost-center");
  });

  it("platform validate counts the patches of each environment's stack", async () => {
    const { runCli } = await import("../helpers/cli.js");
    const run = await runCli(["validate", "fixtures/platform-environments-overrides.yaml"], { cwd: ROOT });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("  overrides:      1 patch in reports-dev, 2 patches in reports-prod, shape checked only;");
    // Only an environment has patches: still counted.
    const { writeFileSync } = await import("node:fs");
    writeFileSync(join(folder, "only-prod.yaml"), prodPatch(TAG_PATCH));
    const onlyProd = await runCli(["validate", "--policy", join(folder, "only-prod.yaml")], { cwd: ROOT });
    expect(onlyProd.stdout).toContain("  overrides:      0 patches in svc-dev, 1 patch in svc-prod, checked against the stack\n");
  });

  it("the real binary: synth of an environment's patch that does not fit its stack names the environment at the overlay's line; nothing is written", async () => {
    const { spawnPlatform } = await import("../helpers/cli.js");
    const out = join(folder, "out");
    const run = spawnPlatform(["synth", "fixtures/invalid/stack/environment-overrides-unknown-address.yaml", "--out", out], { cwd: ROOT });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'fixtures/invalid/stack/environment-overrides-unknown-address.yaml:25:19 environments.prod.overrides[0].resource: environment "prod": no resource aws_ecs_task_definition.compute_task_def in the stack of bad-env-overrides-prod; hint: did you mean aws_ecs_task_definition.compute_task_definition?',
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect((await import("node:fs")).existsSync(out)).toBe(false);
  });
});
