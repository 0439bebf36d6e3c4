import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli, spawnPlatform } from "../helpers/cli.js";
import { invalidFixtures } from "../helpers/expectations.js";
import { specYaml } from "../helpers/spec.js";

const MINIMAL = "fixtures/platform-minimal.yaml";
const UNKNOWN_FIELD = "fixtures/invalid/compute-unknown-field.yaml";
const WARNING_AND_ERROR = "fixtures/invalid/cache-unsupported-version.yaml";
const STORAGE_CACHE = "fixtures/platform-storage-cache.yaml";
const POSITIONED = /^fixtures\/invalid\/[a-z0-9-]+\.yaml:\d+:\d+ /;

const folder = mkdtempSync(join(tmpdir(), "platform-validate-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
/** Writes a spec into the temporary folder; returns its name (relative to that folder). */
function writeSpec(name: string, text: string): string {
  writeFileSync(join(folder, name), text);
  return name;
}

describe("platform validate (text)", () => {
  it("exits 0 for a valid spec and lists the steps that would run, by phase", async () => {
    const { code, stdout, stderr } = await runCli(["validate", MINIMAL]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toBe(
      [
        "fixtures/platform-minimal.yaml: valid (service platform-minimal)",
        "  foundation:     foundation",
        "  infrastructure: secrets",
        "  compute:        compute",
        "  networking:     networking",
        "1 file: 1 valid, 0 invalid (0 errors, 0 warnings)",
        "",
      ].join("\n"),
    );
  });

  it("exits 1 and prints each error as file:line:col path: message", async () => {
    const { code, stdout, stderr } = await runCli(["validate", UNKNOWN_FIELD]);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `${UNKNOWN_FIELD}:9:5 spec.compute.prot: unknown field "prot"; did you mean "port"?; hint: allowed here: type, port, cpu, memory, instances, healthCheck, listenerPriority\n`,
    );
    expect(stdout).toBe("1 file: 0 valid, 1 invalid (1 error, 0 warnings)\n");
  });

  it("checks every file and reports all of them before exiting 1", async () => {
    const { code, stdout, stderr } = await runCli(["validate", MINIMAL, UNKNOWN_FIELD, "fixtures/invalid/many-errors-at-once.yaml"]);
    expect(code).toBe(1);
    expect(stdout).toContain("fixtures/platform-minimal.yaml: valid (service platform-minimal)");
    expect(stdout).toContain("3 files: 1 valid, 2 invalid (7 errors, 0 warnings)");
    expect(stderr.trimEnd().split("\n")).toHaveLength(7);
  });

  it("prints warnings, marked as such, and still exits 0", async () => {
    const { code, stdout, stderr } = await runCli(["validate", STORAGE_CACHE]);
    expect(code).toBe(0);
    expect(stderr.trimEnd().split("\n")).toEqual([
      `${STORAGE_CACHE}:11:3 warning: spec.storage: nothing in this stack can reach the storage (no compute and no lambda); hint: add compute or lambda, or make sure another stack's workloads are meant to reach it`,
      `${STORAGE_CACHE}:14:3 warning: spec.cache: nothing in this stack can reach the cache (no compute and no lambda); hint: add compute or lambda, or make sure another stack's workloads are meant to reach it`,
    ]);
    expect(stdout).toContain("1 file: 1 valid, 0 invalid (0 errors, 2 warnings)");
  });

  it("reads files relative to the working directory and reports them as written", async () => {
    const file = writeSpec("relative.yaml", specYaml({ compute: { prot: 1 } }, "relative"));
    const { code, stderr } = await runCli(["validate", file], { cwd: folder });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^relative\.yaml:7:5 spec\.compute\.prot: unknown field "prot"/);
  });

  it("refuses a second spec that reuses a Cloud Map namespace and a schedule group, naming both files and positions", async () => {
    const a = writeSpec("ns-a.yaml", specYaml({ compute: {}, serviceDiscovery: { namespace: "shared.internal" }, triggers: { eventbridge: { scheduleGroup: "jobs" } } }, "orders"));
    const b = writeSpec("ns-b.yaml", specYaml({ compute: {}, serviceDiscovery: { namespace: "shared.internal" }, triggers: { eventbridge: { scheduleGroup: "jobs" } } }, "billing"));
    const { code, stdout, stderr } = await runCli(["validate", a, b], { cwd: folder });
    expect(code).toBe(1);
    expect(stderr.trimEnd().split("\n")).toEqual([
      'ns-b.yaml:8:5 spec.serviceDiscovery.namespace: Cloud Map namespace name "shared.internal" is also taken by ns-a.yaml:8:5 (spec.serviceDiscovery.namespace); it must be unique in the shared VPC; hint: change spec.serviceDiscovery.namespace here or in ns-a.yaml',
      'ns-b.yaml:11:7 spec.triggers.eventbridge.scheduleGroup: EventBridge Scheduler schedule group name "jobs" is also taken by ns-a.yaml:11:7 (spec.triggers.eventbridge.scheduleGroup); it must be unique in the account and region; hint: change spec.triggers.eventbridge.scheduleGroup here or in ns-a.yaml',
    ]);
    expect(stdout).toContain("2 files: 1 valid, 1 invalid (2 errors, 0 warnings)");
  });

  it("refuses two specs with the same service name", async () => {
    const { code, stderr } = await runCli(["validate", MINIMAL, MINIMAL]);
    expect(code).toBe(1);
    expect(stderr).toContain(`${MINIMAL}:6:3 metadata.name: service name "platform-minimal" is also used by ${MINIMAL}`);
  });
});

describe("platform validate --format json", () => {
  it("prints one JSON document with the steps of valid files and the diagnostics of invalid ones", async () => {
    const { code, stdout, stderr } = await runCli(["validate", MINIMAL, UNKNOWN_FIELD, "--format", "json"]);
    expect(code).toBe(1);
    expect(stderr).toBe("");
    const report = JSON.parse(stdout) as {
      valid: boolean;
      files: Array<{ file: string; valid: boolean; service?: string; steps: Array<{ phase: string; name: string }>; diagnostics: unknown[] }>;
    };
    expect(report.valid).toBe(false);
    expect(report.files.map((f) => [f.file, f.valid, f.service])).toEqual([
      [MINIMAL, true, "platform-minimal"],
      [UNKNOWN_FIELD, false, undefined],
    ]);
    expect(report.files[0]!.steps.map((s) => `${s.phase}/${s.name}`)).toEqual(["foundation/foundation", "infrastructure/secrets", "compute/compute", "networking/networking"]);
    expect(report.files[1]!.diagnostics).toEqual([
      {
        severity: "error",
        code: "schema/unknown-field",
        file: UNKNOWN_FIELD,
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 9,
        path: "spec.compute.prot",
        message: 'unknown field "prot"; did you mean "port"?',
        hint: "allowed here: type, port, cpu, memory, instances, healthCheck, listenerPriority",
      },
    ]);
  });

  it("exits 0 when every file is valid", async () => {
    const { code, stdout } = await runCli(["validate", "--format", "json", MINIMAL]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ valid: true });
  });
});

describe("platform validate --format github", () => {
  it("prints errors as workflow annotations with file, line, column and the spec path as title", async () => {
    const { code, stdout } = await runCli(["validate", "--format", "github", "fixtures/invalid/compute-port-out-of-range.yaml"]);
    expect(code).toBe(1);
    expect(stdout.split("\n")[0]).toBe(
      "::error file=fixtures/invalid/compute-port-out-of-range.yaml,line=9,col=11,endColumn=16,title=spec.compute.port::must be at most 65535; got 70000%0APort the container listens on; the load balancer forwards to it.",
    );
  });

  it("prints warnings as warning annotations", async () => {
    const { stdout } = await runCli(["validate", "--format=github", WARNING_AND_ERROR]);
    expect(stdout.split("\n")[0]).toBe(
      `::warning file=${WARNING_AND_ERROR},line=9,col=3,endColumn=8,title=spec.cache::nothing in this stack can reach the cache (no compute and no lambda)%0Aadd compute or lambda, or make sure another stack's workloads are meant to reach it`,
    );
    expect(stdout.split("\n")[1]).toMatch(/^::error .*title=spec\.cache\.engineVersion::Redis 5\.0 is not supported/);
  });
});

describe("platform validate usage errors", () => {
  it("exits 2 without a spec", async () => {
    const { code, stderr } = await runCli(["validate"]);
    expect(code).toBe(2);
    expect(stderr).toBe("platform validate: no spec given\n  hint: usage: platform validate <spec...>\n");
  });

  it("exits 2 for an unknown format", async () => {
    const { code, stderr } = await runCli(["validate", MINIMAL, "--format", "xml"]);
    expect(code).toBe(2);
    expect(stderr).toBe('platform validate: --format must be one of text, json, github, sarif; got "xml"\n');
  });

  it("exits 2 for an unknown option", async () => {
    const { code, stderr } = await runCli(["validate", MINIMAL, "--strict"]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^platform validate: Unknown option '--strict'/);
  });
});

describe("the platform binary", () => {
  it("validates every invalid fixture: exit 1, one positioned line per diagnostic, no stack trace", () => {
    const fixtures = invalidFixtures();
    const { code, stdout, stderr } = spawnPlatform(["validate", ...fixtures.map((f) => f.file)]);
    expect(code).toBe(1);
    const lines = stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(fixtures.reduce((total, f) => total + f.expected.length, 0));
    for (const line of lines) expect(line).toMatch(POSITIONED);
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toContain("internal error");
    const expected = fixtures.flatMap((f) => f.expected);
    const errors = expected.filter((e) => e.severity === "error").length;
    const warnings = expected.length - errors;
    expect(stdout).toBe(`${fixtures.length} files: 0 valid, ${fixtures.length} invalid (${errors} errors, ${warnings} warning${warnings === 1 ? "" : "s"})\n`);
  });

  it("validates the minimal fixture with exit 0", () => {
    const { code, stdout } = spawnPlatform(["validate", MINIMAL]);
    expect(code).toBe(0);
    expect(stdout).toContain("fixtures/platform-minimal.yaml: valid (service platform-minimal)");
  });
});
