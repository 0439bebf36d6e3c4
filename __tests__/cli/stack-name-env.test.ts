// Commands that take a stack name (outputs, status, destroy) choose an environment's stack with
// --env, as <service>-<env>, and refuse a name that is not one; drift takes --env like preview.
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";
import { fixturePath } from "../helpers/spec.js";
import { tempDir } from "../helpers/terraform.js";

describe("--env on commands that act on one stack", () => {
  for (const command of ["outputs", "status"]) {
    it(`${command} --env looks for the environment's stack <service>-<env>`, async () => {
      const out = tempDir("stack-name-env-");
      const run = await runCli([command, "orders", "--env", "prod", "--out", out]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`no synthesized stack for orders-prod in ${out}/stacks`);
    });

    it(`${command} refuses an --env that is not an environment name`, async () => {
      const run = await runCli([command, "orders", "--env", "Prod_1"]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('"Prod_1" is not an environment name');
    });
  }

  it("destroy refuses an --env that is not an environment name, before anything runs", async () => {
    const run = await runCli(["destroy", "orders", "--env", "a-very-long-environment", "--yes"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('"a-very-long-environment" is not an environment name');
  });

  it("drift of a spec with environments asks for --env", async () => {
    const run = await runCli(["drift", fixturePath("platform-environments.yaml")]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/declares environments \(dev, staging, prod\): choose one with --env NAME/);
  });
});
