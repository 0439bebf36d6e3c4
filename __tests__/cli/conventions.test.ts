// The command line's conventions: --version, help from one source, did-you-mean, a missing spec path
// as a usage error, and no colors unless a person watches a terminal.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commandHelp } from "../../src/cli/dispatch.js";
import { EXIT } from "../../src/cli/errors.js";
import { colorAllowed } from "../../src/cli/io.js";
import { COMMANDS } from "../../src/cli/main.js";
import { closest } from "../../src/cli/suggest.js";
import { runCli, spawnPlatform } from "../helpers/cli.js";
import { fixturePath, ROOT } from "../helpers/spec.js";

const versionOf = (path: string) => (JSON.parse(readFileSync(join(ROOT, path), "utf8")) as { version: string }).version;

describe("platform --version", () => {
  it("names the engine's version, cdktf's and the providers', and Node's", async () => {
    const run = await runCli(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(
      [
        `platform-engine ${versionOf("package.json")}`,
        `cdktf ${versionOf("node_modules/cdktf/package.json")}`,
        `@cdktf/provider-aws ${versionOf("node_modules/@cdktf/provider-aws/package.json")}`,
        `@cdktf/provider-cloudflare ${versionOf("node_modules/@cdktf/provider-cloudflare/package.json")}`,
        `Node.js ${process.version}`,
        "",
      ].join("\n"),
    );
    expect(spawnPlatform(["--version"]).stdout).toBe(run.stdout);
  });
});

describe("help", () => {
  it("prints the same text for `platform help <command>` and `platform <command> --help`, naming every option", async () => {
    for (const [name, load] of Object.entries(COMMANDS)) {
      const command = await load();
      const [help, flag] = await Promise.all([runCli(["help", name]), runCli([name, "--help"])]);
      expect([help.code, flag.code], name).toEqual([0, 0]);
      expect(help.stdout, name).toBe(commandHelp(command));
      expect(flag.stdout, name).toBe(help.stdout);
      expect(help.stdout).toMatch(new RegExp(`^usage: platform ${name}`));
      for (const option of Object.keys(command.options)) expect(help.stdout, `${name} --${option}`).toContain(`  --${option}`);
      expect(help.stdout.includes("PLATFORM_REGION"), name).toBe(command.withSettings);
    }
  });
});

describe("exit codes in help", () => {
  it("lists every exit code the commands use, with diff's and drift's own meanings", async () => {
    const run = await runCli(["--help"]);
    const line = run.stdout.split("\n").find((l) => l.startsWith("exit codes:"));
    expect(line).toBeDefined();
    for (const code of new Set(Object.values(EXIT))) expect(line, `exit ${code}`).toMatch(new RegExp(`[:,] ${code} [a-z]`));
    expect(line).toContain("(diff: there are differences)");
    expect(line).toContain("4 drift found");
    expect((await runCli(["help", "diff"])).stdout).toContain("exit 1 when they differ");
  });
});

describe("did you mean", () => {
  it("suggests the command or flag that was probably meant, and exits 2", async () => {
    const command = await runCli(["synht", "x.yaml"]);
    expect(command.code).toBe(2);
    expect(command.stderr.split("\n")[0]).toBe('platform: unknown command "synht"; did you mean "synth"?');
    expect((await runCli(["help", "valdate"])).stderr.split("\n")[0]).toBe('platform: unknown command "valdate"; did you mean "validate"?');
    const flag = await runCli(["validate", fixturePath("platform-minimal.yaml"), "--fromat", "json"]);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toBe("platform validate: Unknown option '--fromat'; did you mean --format?\n");
    expect((await runCli(["synth", "x.yaml", "--state-buckt", "b"])).stderr).toContain("did you mean --state-bucket?");
  });

  it("points to the command's help when no flag is close, and names the flag whose value is missing", async () => {
    const unknown = await runCli(["validate", fixturePath("platform-minimal.yaml"), "--bogus"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe("platform validate: Unknown option '--bogus'\n  hint: see platform help validate for the options\n");
    const valueless = await runCli(["synth", fixturePath("platform-minimal.yaml"), "--out"]);
    expect(valueless.code).toBe(2);
    expect(valueless.stderr).toBe("platform synth: Option '-o, --out <value>' argument missing\n  hint: give --out a value (--out <value>); see platform help synth for the options\n");
    expect((await runCli(["render", fixturePath("platform-environments.yaml"), "--env"])).stderr).toContain("hint: give --env a value (--env <value>); see platform help render");
  });

  it("suggests nothing far from every name", () => {
    expect(closest("deploy", Object.keys(COMMANDS))).toBeUndefined();
    expect(closest("xyz", ["format", "policy"])).toBeUndefined();
    expect(closest("prev", Object.keys(COMMANDS))).toBe("preview");
    expect(closest("sytnh", Object.keys(COMMANDS))).toBe("synth");
  });
});

describe("a spec path that does not exist", () => {
  it("is a usage error (exit 2) naming the path, for every command that reads specs, and writes nothing", async () => {
    const out = join(mkdtempSync(join(tmpdir(), "missing-spec-")), "out");
    for (const argv of [["validate", fixturePath("platform-minimal.yaml"), "services/orders/platform.yml"], ["synth", "services/orders/platform.yml", "--out", out], ["preview", "services/orders/platform.yml"], ["create", "services/orders/platform.yml", "--yes"]]) {
      const run = await runCli(argv);
      expect(run.code, argv[0]).toBe(2);
      expect(run.stderr, argv[0]).toBe(`platform ${argv[0]}: "services/orders/platform.yml": no such file\n  hint: give the path of a platform.yaml, relative to the working directory\n`);
    }
    expect(existsSync(out)).toBe(false);
  });

  it("a folder given as a spec is a usage error too (exit 2), with how to name the specs in it", async () => {
    const folder = mkdtempSync(join(tmpdir(), "spec-folder-"));
    for (const argv of [["validate", folder], ["synth", folder, "--out", join(folder, "out")], ["preview", folder]]) {
      const run = await runCli(argv);
      expect(run.code, argv[0]).toBe(2);
      expect(run.stderr, argv[0]).toBe(`platform ${argv[0]}: "${folder}": is a directory\n  hint: give the path of a platform.yaml; for every spec under a folder, let the shell list them: "${folder}/*/platform.yaml"\n`);
    }
    expect(existsSync(join(folder, "out"))).toBe(false);
  });
});

describe("colors", () => {
  it("only on a terminal, never with NO_COLOR or TERM=dumb", () => {
    expect(colorAllowed({}, true)).toBe(true);
    expect(colorAllowed({}, false)).toBe(false);
    expect(colorAllowed({ NO_COLOR: "1" }, true)).toBe(false);
    expect(colorAllowed({ NO_COLOR: "" }, true)).toBe(true);
    expect(colorAllowed({ TERM: "dumb" }, true)).toBe(false);
  });

  it("the command's own output, piped, has no escape sequences", () => {
    const run = spawnPlatform(["validate", fixturePath("platform-agent-factory.yaml"), fixturePath("invalid/cache-missing-node-type.yaml"), "--policy"]);
    expect(run.code).toBe(1);
    expect(`${run.stdout}${run.stderr}`).not.toContain("\u001b[");
  });
});
