import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/main.js";
import { runCli } from "../helpers/cli.js";

describe("the command dispatcher", () => {
  it("lists every command for --help (exit 0) and without a command (exit 2)", async () => {
    const help = await runCli(["--help"]);
    expect(help.code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(help.stdout).toContain(`platform ${name}`);
    const none = await runCli([]);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe(help.stdout);
  });

  it("refuses an option given twice with different values (--env dev --env prod took the last silently); --var and the other repeatable options still repeat", async () => {
    const twice = await runCli(["validate", "fixtures/platform-environments.yaml", "--env", "dev", "--env", "prod"]);
    expect(twice.code).toBe(2);
    expect(twice.stdout).toBe("");
    expect(twice.stderr).toBe('platform validate: --env given twice ("dev", "prod"); give it once\n');
    expect((await runCli(["validate", "fixtures/platform-environments.yaml", "--env=prod", "--env", "prod"])).code).toBe(0);
    const vars = await runCli(["preview", "fixtures/platform-minimal.yaml", "--var", "a=1", "--var", "b=2", "--json"]);
    expect(vars.stderr).not.toContain("given twice");
  });

  it("refuses unknown commands with the usage, including names every object has", async () => {
    for (const name of ["deploy", "constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const run = await runCli([name]);
      expect(run.code, name).toBe(2);
      expect(run.stderr, name).toMatch(new RegExp(`^platform: unknown command "${name}"\\nusage: platform <command>`));
    }
  });
});
