// The commands on a spec with environments: validate and synth (all environments, or one with
// --env), render (the merged spec, with origins), and the commands that need one stack.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const ENVS = "fixtures/platform-environments.yaml";
const folder = mkdtempSync(join(tmpdir(), "platform-envs-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe("validate with environments", () => {
  it("checks the base and every environment and names their stacks", async () => {
    const { code, stdout } = await runCli(["validate", ENVS]);
    expect(code).toBe(0);
    expect(stdout).toContain(`${ENVS}: valid (service orders, stacks orders-dev, orders-staging, orders-prod)`);
  });

  it("checks one environment with --env", async () => {
    const { code, stdout } = await runCli(["validate", ENVS, "--env", "prod"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`${ENVS}: valid (service orders, stacks orders-prod)`);
  });

  it("refuses an unknown --env with its position and a did-you-mean", async () => {
    const { code, stdout, stderr } = await runCli(["validate", ENVS, "--env", "prd"]);
    expect(code).toBe(1);
    expect(stdout + stderr).toContain(`${ENVS}:22:1`);
    expect(stdout + stderr).toContain('unknown environment "prd"; did you mean "prod"?');
  });

  it("reports an environment's error at the overlay's line, naming the environment", async () => {
    const { code, stdout, stderr } = await runCli(["validate", "fixtures/invalid/environment-unknown-field.yaml"]);
    expect(code).toBe(1);
    expect(stdout + stderr).toContain('fixtures/invalid/environment-unknown-field.yaml:15:7');
    expect(stdout + stderr).toContain('environment "prod": unknown field "cpus"; did you mean "cpu"?');
  });
});

describe("synth with environments", () => {
  const stateKeyOf = (out: string, stack: string) =>
    (JSON.parse(readFileSync(join(out, "stacks", stack, "cdk.tf.json"), "utf8")) as { terraform: { backend: { s3: { key: string } } } }).terraform.backend.s3.key;

  it("writes every environment's stack without --env, each with its own state key", async () => {
    const out = join(folder, "all");
    const { code, stderr } = await runCli(["synth", ENVS, "--out", out]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(readdirSync(join(out, "stacks")).sort()).toEqual(["orders-dev", "orders-prod", "orders-staging"]);
    expect(["dev", "staging", "prod"].map((env) => stateKeyOf(out, `orders-${env}`))).toEqual([
      "platform/orders/dev/terraform.tfstate",
      "platform/orders/staging/terraform.tfstate",
      "platform/orders/prod/terraform.tfstate",
    ]);
  });

  it("writes one environment's stack with --env", async () => {
    const out = join(folder, "one");
    const { code } = await runCli(["synth", ENVS, "--out", out, "--env", "staging"]);
    expect(code).toBe(0);
    expect(readdirSync(join(out, "stacks"))).toEqual(["orders-staging"]);
  });

  it("writes nothing for an unknown --env", async () => {
    const out = join(folder, "none");
    const { code, stderr } = await runCli(["synth", ENVS, "--out", out, "--env", "qa"]);
    expect(code).toBe(1);
    expect(stderr).toContain('unknown environment "qa"');
    expect(existsSync(join(out, "stacks"))).toBe(false);
  });
});

describe("platform render", () => {
  it("prints an environment's merged spec", async () => {
    const { code, stdout } = await runCli(["render", ENVS, "--env", "prod"]);
    expect(code).toBe(0);
    expect(stdout).not.toContain("environments:");
    expect(stdout).toMatch(/compute:\n    port: 8080\n    cpu: 1024\n    memory: 2048\n    instances:\n      min: 3\n/);
    expect(stdout).toContain("multiAz: true");
  });

  it("with --origins, names the line each value was written on (base or overlay)", async () => {
    const { code, stdout } = await runCli(["render", ENVS, "--env", "prod", "--origins"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`port: 8080 # ${ENVS}:12`);
    expect(stdout).toContain(`cpu: 1024 # ${ENVS}:32`);
    expect(stdout).toContain(`dbName: orders # ${ENVS}:18`);
    expect(stdout).toContain(`instanceClass: db.m6g.large # ${ENVS}:37`);
    expect(stdout).toContain(`multiAz: true # ${ENVS}:38`);
  });

  it("needs --env for a spec with environments", async () => {
    const { code, stderr } = await runCli(["render", ENVS]);
    expect(code).toBe(2);
    expect(stderr).toContain("choose one with --env NAME");
  });
});

describe("commands that act on one stack", () => {
  it("preview needs --env for a spec with environments, and takes one", async () => {
    const without = await runCli(["preview", ENVS]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain("declares environments (dev, staging, prod): choose one with --env NAME");
    const withEnv = await runCli(["preview", ENVS, "--env", "prod"]);
    expect(withEnv.code).toBe(0);
    expect(withEnv.stdout).toContain("orders-prod");
  });

  it("create says what is wrong with the spec or --env before asking for --yes (it asked for --yes first, then refused the spec)", async () => {
    const without = await runCli(["create", ENVS, "--out", join(folder, "create-no-env")]);
    expect(without.code).toBe(2);
    expect(without.stderr).toContain("declares environments (dev, staging, prod): choose one with --env NAME");
    expect(without.stderr).not.toContain("--yes");
    const typo = await runCli(["create", ENVS, "--env", "prd", "--out", join(folder, "create-typo")]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('unknown environment "prd"; did you mean "prod"?');
    expect(existsSync(join(folder, "create-no-env")) || existsSync(join(folder, "create-typo"))).toBe(false);
  });
});

describe("positions of the commands that act on one stack", () => {
  it("name the spec as written (relative), as validate and render do: preview, create and drift", async () => {
    for (const command of [["preview"], ["create", "--yes"], ["drift"]]) {
      const run = await runCli([...command, ENVS, "--env", "prd"]);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(new RegExp(`^${ENVS.replaceAll(".", "\\.")}:22:1 environments: unknown environment "prd"; did you mean "prod"\\?`, "m"));
      expect(run.stderr).not.toContain("/fixtures/");
    }
  });
});

describe("commands that take a stack name (outputs, status, destroy)", () => {
  it("say which environments' stacks of the service the synthesis has when the named one is not there (no --env, or a misspelt one)", async () => {
    const out = join(folder, "named");
    expect((await runCli(["synth", ENVS, "--out", out])).code).toBe(0);
    for (const command of [["outputs"], ["status"], ["destroy", "--yes"]]) {
      const bare = await runCli([...command, "orders", "--out", out]);
      expect(bare.code, bare.stderr).toBe(2);
      expect(bare.stderr).toContain(`no synthesized stack for orders in ${out}/stacks; orders has stacks of environments there: dev, prod, staging: give one with --env NAME`);
      const typo = await runCli([...command, "orders", "--env", "prd", "--out", out]);
      expect(typo.code, typo.stderr).toBe(2);
      expect(typo.stderr).toContain(`no synthesized stack for orders-prd in ${out}/stacks; did you mean --env prod?`);
    }
    // A service with no stack there at all: as before, synthesize first.
    const none = await runCli(["outputs", "billing", "--out", out]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no synthesized stack for billing in .*\/stacks\n  hint: outputs reads the state/);
  });
});

describe("platform diff between environments", () => {
  it("compares one environment's stack with another's (--env BASE:HEAD), and an environment with itself (--env NAME)", async () => {
    const out = join(folder, "diff");
    expect((await runCli(["synth", ENVS, "--out", out])).code).toBe(0);
    const between = await runCli(["diff", out, out, "--env", "staging:prod"]);
    expect(between.code).toBe(1);
    expect(between.stdout).toContain("orders");
    expect(between.stdout).toMatch(/multi_az/);
    expect(between.stdout).not.toMatch(/orders-(staging|prod).*(added|removed)/);
    const same = await runCli(["diff", out, out, "--env", "prod"]);
    expect(same.code).toBe(0);
    const bad = await runCli(["diff", out, out, "--env", "a:b:c"]);
    expect(bad.code).toBe(2);
  });

  it("refuses an environment no stack of either synthesis has (a typo said \"no differences\", exit 0), with a did-you-mean; BASE:HEAD needs each on its side", async () => {
    const out = join(folder, "diff-typo");
    const other = join(folder, "diff-typo-prod");
    expect((await runCli(["synth", ENVS, "--out", out])).code).toBe(0);
    expect((await runCli(["synth", ENVS, "--env", "prod", "--out", other])).code).toBe(0);
    const typo = await runCli(["diff", out, out, "--env", "prd"]);
    expect(typo.code).toBe(2);
    expect(typo.stdout).toBe("");
    expect(typo.stderr).toContain('platform diff: no stack of environment "prd" in either synthesis; did you mean "prod"?');
    expect(typo.stderr).toContain("environments of their stacks: dev, prod, staging");
    const headTypo = await runCli(["diff", out, out, "--env", "staging:prd"]);
    expect(headTypo.code).toBe(2);
    expect(headTypo.stderr).toMatch(/no stack of environment "prd" in the head synthesis \(.*diff-typo\); did you mean "prod"\?/);
    // An environment only one side has is a change (a new environment), not a mistake: --env NAME compares it.
    const added = await runCli(["diff", other, out, "--env", "staging"]);
    expect(added.code).toBe(1);
    expect(added.stdout).toMatch(/1 stack added/);
    // BASE:HEAD compares two environments of syntheses that have them: staging is only in `out`.
    expect((await runCli(["diff", other, out, "--env", "staging:prod"])).code).toBe(2);
  });
});
