// Input is read as the contract says (YAML 1.2 always, no merge keys), and whatever a spec holds is
// echoed safely: one line, invisible characters escaped, truncated, in every output format.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { echo, oneLine } from "../../src/support/echo.js";
import { runCli } from "../helpers/cli.js";
import { fixturePath, load } from "../helpers/spec.js";

const folder = mkdtempSync(join(tmpdir(), "platform-hostile-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const MINIMAL = readFileSync(fixturePath("platform-minimal.yaml"), "utf8");

describe("YAML 1.2 always", () => {
  it("refuses a %YAML 1.1 directive at its position, so yes/no/on/off never become booleans", () => {
    const text = `%YAML 1.1\n---\n${MINIMAL.replace("compute:\n", "compute:\n    transitEncryption: no\n")}`;
    const { config, diagnostics } = load(text);
    expect(config).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ line: 1, column: 1, message: "YAML 1.1 directive: specs are read as YAML 1.2 only" });
  });

  it("accepts an explicit %YAML 1.2 directive", () => {
    const { config, diagnostics } = load(`%YAML 1.2\n---\n${MINIMAL}`);
    expect(diagnostics).toEqual([]);
    expect(config?.serviceName).toBe("platform-minimal");
  });

  it("refuses a merge key wherever it is, positioned on the key", () => {
    const text = MINIMAL.replace("metadata:\n", "x-base: &base {labels: 1}\nmetadata:\n").replace("  name: platform-minimal\n", "  name: platform-minimal\n  <<: *base\n");
    const { diagnostics } = load(text);
    const merge = diagnostics.find((d) => d.message.startsWith("YAML merge keys"));
    expect(merge).toMatchObject({ line: 8, column: 3 });
  });
});

describe("echo: one helper for every echoed key and value", () => {
  it("escapes line breaks, terminal escapes, NUL, zero-width and bidi characters", () => {
    expect(echo("a\nb\rc\u001b[31md\u0000e\u200bf\u202eg\u2028h")).toBe(String.raw`"a\nb\rc\u001b[31md\0e\u200bf\u202eg\u2028h"`);
    expect(echo('say "hi" \\')).toBe(String.raw`"say \"hi\" \\"`);
    expect(echo(12)).toBe("12");
  });

  it("truncates long values and says how long they were", () => {
    const shown = echo("x".repeat(600_000));
    expect(shown.length).toBeLessThan(120);
    expect(shown).toContain("…(600000 characters)");
    expect(oneLine("y".repeat(10_000)).length).toBeLessThan(1100);
  });
});

describe("echoed keys and values in every output format", () => {
  const hostileKey = "bad\nkey\r\u001b[31m\u0000\u200b\u202e::error file=x::forged";
  const file = join(folder, "hostile.yaml");
  writeFileSync(
    file,
    MINIMAL.replace("spec:\n", `spec:\n  ${JSON.stringify(hostileKey)}: 1\n`).replace("path: /healthz", `path: ${JSON.stringify(`/${"z".repeat(5000)}\n`)}`),
  );

  const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f\u200b\u202e]/;

  it("text: one line per problem, nothing raw, long values cut", async () => {
    const { code, stderr } = await runCli(["validate", file], { cwd: folder });
    expect(code).toBe(1);
    // Two problems (the unknown section, the over-long health check path): two lines.
    const lines = stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).not.toMatch(CONTROL);
      expect(line.length).toBeLessThan(600);
    }
    expect(stderr).toContain(String.raw`unknown section "bad\nkey\r\u001b[31m\0\u200b\u202e::error file=x::forged"`);
  });

  it("github: no forged annotation line", async () => {
    const { stdout } = await runCli(["validate", "--format", "github", file], { cwd: folder });
    const annotations = stdout.split("\n").filter((line) => line.startsWith("::"));
    expect(annotations).toHaveLength(2);
    expect(stdout.trimEnd().split("\n").filter((line) => !line.startsWith("::") && !/^1 file: /.test(line))).toEqual([]);
    expect(stdout).not.toMatch(CONTROL);
  });

  it("json: messages escaped the same way", async () => {
    const { stdout } = await runCli(["validate", "--format", "json", file], { cwd: folder });
    const report = JSON.parse(stdout) as { files: Array<{ diagnostics: Array<{ message: string; path: string }> }> };
    const [diagnostic] = report.files[0]!.diagnostics;
    expect(diagnostic!.message).not.toMatch(CONTROL);
    expect(diagnostic!.path).not.toMatch(CONTROL);
  });

  it("a long value is truncated in the message", async () => {
    const text = MINIMAL.replace("cpu: 256", `cpu: ${JSON.stringify("9".repeat(600_000))}`);
    const { diagnostics } = load(text);
    const cpu = diagnostics.find((d) => d.path === "spec.compute.cpu");
    expect(cpu?.message.length).toBeLessThan(300);
    expect(cpu?.message).toContain("…(600000 characters)");
  });
});

describe("policy findings carry the position of the spec entry that caused them", () => {
  it("validate --policy: a declared exception points at the field that declared it", async () => {
    const { stdout } = await runCli(["validate", "--policy", "--format", "json", "fixtures/platform-agent-factory.yaml"]);
    const report = JSON.parse(stdout) as { files: Array<{ findings: Array<{ ruleId: string; line?: number; column?: number; specPath?: string }> }> };
    const findings = report.files[0]!.findings;
    expect(findings.length).toBeGreaterThan(0);
    const text = readFileSync(fixturePath("platform-agent-factory.yaml"), "utf8").split("\n");
    for (const finding of findings) {
      expect(finding.specPath).toBe("spec.triggers.webhookGateway");
      expect(text[finding.line! - 1]!.slice(finding.column! - 1)).toMatch(/^webhookGateway:/);
    }
  });

  it("text output prints file:line:col before the construct path", async () => {
    const { stderr } = await runCli(["validate", "--policy", "fixtures/platform-agent-factory.yaml"]);
    expect(stderr.split("\n")[0]).toMatch(/^fixtures\/platform-agent-factory\.yaml:\d+:\d+: warning: \[agent-factory\//);
  });
});
