import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecFile } from "../../src/config/load.js";
import { MAX_SPEC_BYTES } from "../../src/config/yaml-source.js";
import { checkSpecFile, SPEC_CHECKS } from "../../src/engine/specs.js";
import { invalidFixtures, parseExpectations, shownText } from "../helpers/expectations.js";
import { load, ROOT, specYaml } from "../helpers/spec.js";

const fixtures = invalidFixtures();

describe("invalid fixtures", () => {
  it("cover the rules with at least 40 specs, each stating at least one error", () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    for (const fixture of fixtures) {
      expect(fixture.expected.some((e) => e.severity === "error"), fixture.file).toBe(true);
    }
  });

  // The whole check a command runs: schema, semantic rules and the capabilities' preconditions.
  it.each(fixtures.map((f) => [f.file, f] as const))("%s fails exactly as its header says", async (_name, fixture) => {
    const file = `${ROOT}${fixture.file}`;
    const { config, diagnostics } = await checkSpecFile(file);
    expect(config).toBeUndefined();
    const actual = diagnostics.map((d) => ({ severity: d.severity, file: d.file, line: d.line, column: d.column, path: d.path, text: shownText(d) }));
    const expected = fixture.expected.map((e) => ({
      severity: e.severity,
      file,
      line: e.line,
      column: e.column,
      path: e.path,
      text: expect.stringContaining(e.fragment),
    }));
    expect(actual).toEqual(expected);
  });

  it("report the same diagnostics when read from disk as from text", async () => {
    const fixture = fixtures.find((f) => f.file.endsWith("many-errors-at-once.yaml"))!;
    const fromDisk = await loadSpecFile(`${ROOT}${fixture.file}`, SPEC_CHECKS);
    const fromText = load(fixture.text, `${ROOT}${fixture.file}`);
    expect(fromDisk.diagnostics).toEqual(fromText.diagnostics);
    expect(fromDisk.diagnostics).toHaveLength(6);
  });
});

describe("expectation headers", () => {
  it("read severity, position, path and fragment", () => {
    expect(parseExpectations("# expect: warning 3:7 spec.cache: nothing can reach\n# expect: 1:1 (file): file is empty\nkind: x\n")).toEqual([
      { severity: "warning", line: 3, column: 7, path: "spec.cache", fragment: "nothing can reach" },
      { severity: "error", line: 1, column: 1, path: "", fragment: "file is empty" },
    ]);
  });

  it("reject a malformed line instead of skipping it", () => {
    expect(() => parseExpectations("# expect: spec.cache nothing\n")).toThrow(/malformed expectation/);
  });
});

describe("file size limit", () => {
  const folder = mkdtempSync(join(tmpdir(), "platform-size-"));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  /** A valid spec padded with a comment to exactly `bytes` bytes. */
  const paddedSpec = (bytes: number) => {
    const spec = specYaml({ compute: {} });
    const padding = bytes - Buffer.byteLength(spec) - 3; // "# " and the newline
    return `${spec}# ${"x".repeat(padding)}\n`;
  };

  it("accepts a spec of exactly 1 MiB", async () => {
    const file = join(folder, "at-limit.yaml");
    writeFileSync(file, paddedSpec(MAX_SPEC_BYTES));
    const { config, diagnostics } = await loadSpecFile(file);
    expect(diagnostics).toEqual([]);
    expect(config?.serviceName).toBe("test-svc");
  });

  it("refuses a file over 1 MiB before parsing it", async () => {
    const file = join(folder, "over-limit.yaml");
    writeFileSync(file, paddedSpec(MAX_SPEC_BYTES + 1));
    const { config, diagnostics } = await loadSpecFile(file);
    expect(config).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ severity: "error", file, line: 1, column: 1, path: "", message: expect.stringContaining("larger than 1 MiB") }),
    ]);
  });

  it("refuses text over 1 MiB handed over in memory", () => {
    const { diagnostics } = load(paddedSpec(MAX_SPEC_BYTES + 1));
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringContaining("larger than 1 MiB")]);
  });
});

describe("unreadable files", () => {
  it("report a missing file without a position", async () => {
    const { diagnostics } = await loadSpecFile(`${ROOT}fixtures/does-not-exist.yaml`);
    expect(diagnostics).toEqual([expect.objectContaining({ line: 0, column: 0, message: "file not found" })]);
  });

  it("report a directory as not a file", async () => {
    const { diagnostics } = await loadSpecFile(`${ROOT}fixtures`);
    expect(diagnostics).toEqual([expect.objectContaining({ message: "is a directory, not a file" })]);
  });
});
