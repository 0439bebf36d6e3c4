// One answer per spec: input size, depth and key count are bounded explicitly, the same on every
// path (main thread, worker threads, validate, validate --policy, synth), and reported as one
// positioned error; a worker that fails takes down only its own file's result.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MAX_ENTRIES, MAX_NESTING_DEPTH } from "../../src/config/yaml-source.js";
import { spawnPlatform } from "../helpers/cli.js";
import { fixturePath, load } from "../helpers/spec.js";

const folder = mkdtempSync(join(tmpdir(), "platform-limits-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const MINIMAL = readFileSync(fixturePath("platform-minimal.yaml"), "utf8");

/** The minimal spec with `extra` as a metadata key (written as YAML text after `metadata:`). */
const withMetadata = (extra: string) => MINIMAL.replace("metadata:\n", `metadata:\n${extra}`);
const deepMapping = (depth: number) => `  deep: ${"{a: ".repeat(depth)}1${"}".repeat(depth)}\n`;
const deepList = (depth: number) => `  deep: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
let blockText = "  deep:\n";
for (let i = 0; i < 1000; i++) blockText += `${" ".repeat(4 + i)}k:\n`;

/** Copies of the minimal spec (each its own service name), so a batch is large enough for workers. */
function batch(count: number, prefix: string): string[] {
  return Array.from({ length: count }, (_, i) => {
    const name = `${prefix}-${i}.yaml`;
    writeFileSync(join(folder, name), MINIMAL.replace("name: platform-minimal", `name: ${prefix}-${i}`));
    return name;
  });
}

describe(`nesting deeper than ${MAX_NESTING_DEPTH}: one positioned answer on every path`, () => {
  const cases = { "a mapping nested 2,000 deep": deepMapping(2000), "a mapping nested 3,000 deep": deepMapping(3000), "a list nested 785 deep": deepList(785), "block mappings nested 1,000 deep": blockText };
  for (const [label, extra] of Object.entries(cases)) {
    it(`${label}: validate, validate in a worker batch, validate --policy and synth agree`, () => {
      const spec = `deep-${label.replace(/[^a-z0-9]+/g, "-")}.yaml`;
      writeFileSync(join(folder, spec), withMetadata(extra));
      const expected = new RegExp(`^${spec.replace(/\./g, "\\.")}:\\d+:\\d+ nested deeper than ${MAX_NESTING_DEPTH} levels; hint: `);
      const others = batch(5, "worker-batch");
      const runs = {
        validate: spawnPlatform(["validate", spec], { cwd: folder }),
        // The deep spec last: with two workers, the second thread takes it.
        workers: spawnPlatform(["validate", ...others, spec], { cwd: folder, env: { PLATFORM_WORKERS: "2" } }),
        policy: spawnPlatform(["validate", "--policy", spec], { cwd: folder }),
        synth: spawnPlatform(["synth", spec, "--out", join(folder, `out-${spec}`)], { cwd: folder }),
        synthWorkers: spawnPlatform(["synth", ...others, spec, "--out", join(folder, `out-w-${spec}`)], { cwd: folder, env: { PLATFORM_WORKERS: "2" } }),
      };
      for (const [path, run] of Object.entries(runs)) {
        expect({ path, code: run.code }).toEqual({ path, code: 1 });
        expect(run.stderr).not.toMatch(/stack size|heap|internal error|\n\s+at /);
        const lines = run.stderr.split("\n").filter((line) => line.startsWith(spec));
        expect({ path, lines: lines.length }).toEqual({ path, lines: 1 });
        expect(lines[0]).toMatch(expected);
      }
      expect(runs.workers.stdout).toContain("6 files: 5 valid, 1 invalid");
      expect(existsSync(join(folder, `out-w-${spec}`, "stacks"))).toBe(false);
    });
  }

  it(`${MAX_NESTING_DEPTH} levels are allowed`, () => {
    // metadata is level 1 and `deep` level 2; the flow mappings inside fill the remaining levels.
    const { config, diagnostics } = load(withMetadata(deepMapping(MAX_NESTING_DEPTH - 2)));
    expect(diagnostics).toEqual([]);
    expect(config).toBeDefined();
    expect(load(withMetadata(deepMapping(MAX_NESTING_DEPTH - 1))).diagnostics[0]?.message).toBe(`nested deeper than ${MAX_NESTING_DEPTH} levels`);
  });
});

describe("many keys: bounded and fast", () => {
  const keys = (count: number) => `  labels:\n${Array.from({ length: count }, (_, i) => `    key-${i}: value\n`).join("")}`;

  it(`${MAX_ENTRIES - 100} metadata keys are accepted quickly (no quadratic duplicate check)`, () => {
    const started = performance.now();
    const { config, diagnostics } = load(withMetadata(keys(MAX_ENTRIES - 100)));
    const elapsed = performance.now() - started;
    expect(diagnostics).toEqual([]);
    expect(config).toBeDefined();
    // Quadratic, this took about 0.75 s on an idle machine; linear, a few tens of milliseconds.
    expect(elapsed).toBeLessThan(10_000);
  });

  it("duplicate keys are still found, each at its position", () => {
    const { diagnostics } = load(withMetadata("  owner: a\n  team: b\n  owner: c\n"));
    expect(diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([[8, 3, "YAML syntax error: Map keys must be unique"]]);
  });

  it(`more than ${MAX_ENTRIES} keys and list items is one positioned error`, () => {
    // Large enough to be refused by the lexer's count, before parsing: at the key that crosses the limit.
    const { diagnostics } = load(withMetadata(keys(20_000)));
    expect(diagnostics).toEqual([expect.objectContaining({ message: `more than ${MAX_ENTRIES} keys and list items` })]);
    expect(diagnostics[0]!.line).toBeGreaterThan(MAX_ENTRIES - 10);
    // Small enough (under 64 KiB) to be parsed: at the list that crosses it.
    const small = withMetadata(`  labels: [${"1,".repeat(MAX_ENTRIES)}1]\n`);
    expect(small.length).toBeLessThan(64 * 1024);
    expect(load(small).diagnostics).toEqual([expect.objectContaining({ line: 6, column: 11, message: `more than ${MAX_ENTRIES} keys and list items` })]);
  });
});

describe("a failing worker takes down only its own file's result", () => {
  it("the file a worker died on is reported as not processed; every other file has its answer", () => {
    const files = batch(8, "crash");
    // Two threads: this one takes crash-0..3, the worker crash-4..7 and dies on crash-5.
    const run = spawnPlatform(["validate", ...files], { cwd: folder, env: { PLATFORM_WORKERS: "2", PLATFORM_TEST_WORKER_EXIT: "crash-5.yaml" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^crash-5\.yaml: could not be processed: a worker thread stopped with exit code 70; hint: /m);
    for (const i of [0, 1, 2, 3, 4, 6, 7]) expect(run.stdout).toContain(`crash-${i}.yaml: valid (service crash-${i})`);
    expect(run.stdout).toContain("8 files: 7 valid, 1 invalid");
  });

  it("synth writes nothing when a worker failed on one file", () => {
    const files = batch(4, "synth-crash");
    const out = join(folder, "synth-crash-out");
    const run = spawnPlatform(["synth", ...files, "--out", out], { cwd: folder, env: { PLATFORM_WORKERS: "2", PLATFORM_TEST_WORKER_EXIT: "synth-crash-3.yaml" } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^synth-crash-3\.yaml: could not be processed/m);
    expect(existsSync(join(out, "stacks"))).toBe(false);
  });
});
