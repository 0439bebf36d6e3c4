import { isUtf8 } from "node:buffer";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadSpecFile } from "../../src/config/load.js";
import { firstInvalidUtf8, MAX_SPEC_BYTES } from "../../src/config/yaml-source.js";
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

  it("report a file that is not UTF-8 at its first bad byte, instead of reading U+FFFD into the stack", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "platform-encoding-")), "latin1.yaml");
    const text = specYaml({ compute: { port: 8080, environment: { GREETING: "Caf\u00e9" } } });
    writeFileSync(file, Buffer.from(text, "latin1"));
    const { config, diagnostics } = await loadSpecFile(file);
    expect(config).toBeUndefined();
    const line = text.split("\n").findIndex((l) => l.includes("GREETING")) + 1;
    const column = text.split("\n")[line - 1]!.indexOf("\u00e9") + 1;
    expect(diagnostics).toEqual([expect.objectContaining({ severity: "error", code: "file/not-utf8", file, line, column, message: expect.stringContaining("byte 0xE9") })]);
    // The same text saved as UTF-8 (with a BOM, too) is read as written.
    writeFileSync(file, text, "utf8");
    expect((await loadSpecFile(file)).config?.spec.compute?.environment).toEqual({ GREETING: "Caf\u00e9" });
    writeFileSync(file, `\uFEFF${text}`, "utf8");
    expect((await loadSpecFile(file)).diagnostics).toEqual([]);
  });

  it("finds the first byte that is not well-formed UTF-8, as Node's own check judges the whole", () => {
    const cases: Array<[number[], number]> = [
      [[0x61, 0xc3, 0xa9, 0x62], -1], // é
      [[0xf0, 0x9f, 0x98, 0x80], -1], // an emoji (four bytes)
      [[0xef, 0xbf, 0xbd], -1], // U+FFFD itself is valid
      [[0x61, 0xe9, 0x62], 1], // Latin-1 é
      [[0xc0, 0xaf], 0], // overlong "/"
      [[0xed, 0xa0, 0x80], 0], // a UTF-16 surrogate
      [[0xf4, 0x90, 0x80, 0x80], 0], // above U+10FFFF
      [[0x61, 0x62, 0xe2, 0x82], 2], // cut off at the end
      [[0x80], 0], // a continuation byte alone
    ];
    for (const [bytes, offset] of cases) {
      expect(firstInvalidUtf8(Uint8Array.from(bytes)), bytes.join(",")).toBe(offset);
      expect(isUtf8(Uint8Array.from(bytes)), bytes.join(",")).toBe(offset === -1);
    }
  });

  it("report a directory as not a file", async () => {
    const { diagnostics } = await loadSpecFile(`${ROOT}fixtures`);
    expect(diagnostics).toEqual([expect.objectContaining({ message: "is a directory, not a file" })]);
  });
});
