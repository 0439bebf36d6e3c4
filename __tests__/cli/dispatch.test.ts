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

  it("refuses unknown commands with the usage, including names every object has", async () => {
    for (const name of ["deploy", "constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const run = await runCli([name]);
      expect(run.code, name).toBe(2);
      expect(run.stderr, name).toMatch(new RegExp(`^platform: unknown command "${name}"\\nusage: platform <command>`));
    }
  });
});
