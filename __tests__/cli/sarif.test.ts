// `--format json` and `--format sarif`: stable rule codes and start/end positions on every
// diagnostic and policy finding; the SARIF log validated against the published SARIF 2.1.0 JSON
// schema (as shipped in the @microsoft/jest-sarif package) with Ajv, a maintained validator.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { toSarif } from "../../src/cli/sarif.js";
import { DIAGNOSTIC_CODES } from "../../src/config/codes.js";
import { runCli } from "../helpers/cli.js";
import { specYaml } from "../helpers/spec.js";

const require = createRequire(import.meta.url);
// CommonJS packages: required, so their default exports need no interop guesswork.
const Ajv04 = require("ajv-draft-04") as typeof import("ajv-draft-04").default;
const addFormats = require("ajv-formats") as typeof import("ajv-formats").default;
const SCHEMA_FILE = require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json");
const sarifSchema = JSON.parse(readFileSync(SCHEMA_FILE, "utf8")) as Record<string, unknown>;
// The schema's language-tag pattern is not valid in Unicode mode (`]?` unescaped): plain RegExps, as draft-04 meant.
const ajv = new Ajv04({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats(ajv);
const validateSarif = ajv.compile(sarifSchema);

const EVERY_LAYER = "fixtures/invalid/every-layer-at-once.yaml";
const folder = mkdtempSync(join(tmpdir(), "platform-sarif-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
/** A valid spec whose stack has a declared policy exception (an unencrypted file system). */
const EXCEPTION = join(folder, "unencrypted storage.yaml");
writeFileSync(EXCEPTION, specYaml({ compute: {}, storage: { encrypted: false, accessPoint: { path: "/data" } } }, "sarif-svc"));

type SarifResult = {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region?: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }>;
};
type SarifLog = { version: string; runs: Array<{ tool: { driver: { name: string; rules: Array<{ id: string }> } }; results: SarifResult[] }> };

describe("validate --format sarif", () => {
  it("the schema check itself rejects a log that breaks SARIF 2.1.0", () => {
    expect(validateSarif({ version: "2.1.0", runs: [{ results: [] }] })).toBe(false); // no tool
    expect(validateSarif({ version: "2.0.0", runs: [] })).toBe(false);
    expect(validateSarif({ version: "2.1.0", runs: [{ tool: { driver: { name: "x" } }, results: [{ message: { text: "m" }, level: "fatal" }] }] })).toBe(false);
  });

  it("writes spec errors of every layer as a valid SARIF 2.1.0 log, each with its rule, level and region", async () => {
    const { code, stdout } = await runCli(["validate", "--format", "sarif", EVERY_LAYER]);
    expect(code).toBe(1);
    const log = JSON.parse(stdout) as SarifLog;
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    const [run] = log.runs;
    expect(run!.tool.driver.name).toBe("platform");
    const lines = run!.results.map((r) => `${r.ruleId} ${r.level} ${r.locations[0]!.physicalLocation.artifactLocation.uri}:${r.locations[0]!.physicalLocation.region?.startLine}`);
    expect(lines).toEqual([
      `cache/redis-version error ${EVERY_LAYER}:20`,
      `schema/required error ${EVERY_LAYER}:21`,
      `capability/requires error ${EVERY_LAYER}:23`,
      `schema/unknown-field error ${EVERY_LAYER}:25`,
      `lambda/duplicate-function error ${EVERY_LAYER}:30`,
      `triggers/aws-schedule-group error ${EVERY_LAYER}:34`,
      `schema/unknown-section error ${EVERY_LAYER}:35`,
    ]);
    for (const result of run!.results) expect(run!.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    // The value `"5.0"` (quotes included) spans columns 20 to 25 of line 20.
    expect(run!.results[0]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 20, startColumn: 20, endLine: 20, endColumn: 25 });
  });

  it("writes a problem without a position (a file the engine could not process) as a result without a region", () => {
    // A missing path is a usage error (exit 2) before any check; line 0 remains for files the engine could not process.
    const log = toSarif([
      {
        file: "services/no such spec.yaml",
        diagnostics: [{ severity: "error", code: "file/not-processed", file: "services/no such spec.yaml", line: 0, column: 0, endLine: 0, endColumn: 0, path: "", message: "could not be processed" }],
        findings: [],
      },
    ]) as SarifLog;
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    expect(log.runs[0]!.results.map((r) => [r.ruleId, r.locations[0]!.physicalLocation])).toEqual([
      ["file/not-processed", { artifactLocation: { uri: "services/no%20such%20spec.yaml" } }],
    ]);
  });

  it("writes policy findings with their rule ids, located at the section that created the resource", async () => {
    const { code, stdout } = await runCli(["validate", "--format", "sarif", "--policy", EXCEPTION]);
    expect(code).toBe(0);
    const log = JSON.parse(stdout) as SarifLog;
    expect(validateSarif(log), JSON.stringify(validateSarif.errors, null, 2)).toBe(true);
    const finding = log.runs[0]!.results.find((r) => r.ruleId === "PLT-ENC-001");
    expect(finding).toMatchObject({ level: "warning", message: { text: expect.stringContaining("aws_efs_file_system.storage_file_system") } });
    const location = finding!.locations[0]!.physicalLocation;
    // An absolute path becomes a file: URI (the space encoded); the region is the field the exception names.
    expect(location.artifactLocation.uri).toBe(`file://${EXCEPTION.replace(/ /g, "%20")}`);
    const text = readFileSync(EXCEPTION, "utf8").split("\n");
    expect(text[location.region!.startLine - 1]!.slice(location.region!.startColumn - 1)).toMatch(/^encrypted: false/);
  });
});

describe("validate --format json", () => {
  it("gives every diagnostic a documented code and a start and end position", async () => {
    const { stdout } = await runCli(["validate", "--format", "json", EVERY_LAYER]);
    const { files } = JSON.parse(stdout) as { files: Array<{ diagnostics: Array<Record<string, unknown>> }> };
    const diagnostics = files[0]!.diagnostics;
    expect(diagnostics).toHaveLength(7);
    for (const d of diagnostics) {
      expect(Object.keys(DIAGNOSTIC_CODES)).toContain(d.code);
      expect(d).toMatchObject({ line: expect.any(Number), column: expect.any(Number), endLine: expect.any(Number), endColumn: expect.any(Number) });
      const [line, column, endLine, endColumn] = [d.line, d.column, d.endLine, d.endColumn] as number[];
      expect(endLine! > line! || (endLine === line && endColumn! >= column!)).toBe(true);
    }
    // The unknown key `tll` spans its three characters.
    expect(diagnostics.find((d) => d.code === "schema/unknown-field")).toMatchObject({ line: 25, column: 5, endLine: 25, endColumn: 8 });
  });

  it("gives every policy finding its rule code and the position of its section", async () => {
    const { stdout } = await runCli(["validate", "--format", "json", "--policy", EXCEPTION]);
    const { files } = JSON.parse(stdout) as { files: Array<{ findings: Array<Record<string, unknown>> }> };
    const finding = files[0]!.findings.find((f) => f.code === "PLT-ENC-001");
    // The declared exception names the field that asked for it: the finding points there.
    const fieldLine = readFileSync(EXCEPTION, "utf8").split("\n").findIndex((line) => line.startsWith("    encrypted:")) + 1;
    expect(finding).toMatchObject({ ruleId: "PLT-ENC-001", severity: "warning", specPath: "spec.storage.encrypted", line: fieldLine, column: 5, endLine: fieldLine, endColumn: 14 });
  });
});

describe("diagnostic codes", () => {
  it("are all documented in docs/spec.md", () => {
    const doc = readFileSync(new URL("../../docs/spec.md", import.meta.url), "utf8");
    const missing = Object.keys(DIAGNOSTIC_CODES).filter((code) => !doc.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});
