// The mutation fuzzer: mutates the fixtures (structure and text), runs each mutant through the
// real commands in-process, and checks the CLI contract on every one:
//   - `validate` exits 0, 1 or 2, never with an internal error or a stack trace;
//   - it answers the same twice (output and exit code);
//   - a spec that validates also synthesizes, and synthesizes the same bytes twice (a spec with
//     `overrides:`, which plain validate checks only for shape: when `validate --policy` passes);
// Inputs that break the contract are kept in fixtures/regressions/ (see scripts/fuzz.ts), and the
// test suite runs every kept input through the same checks.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { main } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/io.js";

export const ROOT = new URL("../../", import.meta.url).pathname;
export const REGRESSIONS = join(ROOT, "fixtures", "regressions");

/** mulberry32: a small seeded PRNG, so a seed names a run exactly. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

/** Values hostile to a parser, a schema, an echo or Terraform. */
const HOSTILE_VALUES: unknown[] = [
  "",
  " ",
  "no",
  "off",
  "0750",
  "7.10",
  "1e309",
  "${file(\"/etc/passwd\")}",
  "%{ for x in [1] }${x}%{ endfor }",
  "${\"",
  "line\nbreak\r\u001b[31m\u0000\u200b\u202e",
  "::error file=x::forged",
  "x".repeat(5000),
  -1,
  0,
  2 ** 53,
  1.5,
  true,
  null,
  [],
  {},
  [1, [2, [3]]],
  { nested: { deeper: { still: 1 } } },
];

/** Every path to a value in `value` (keys and list indexes); aliases can make it cyclic, so each object is visited once. */
function paths(value: unknown): Array<Array<string | number>> {
  const out: Array<Array<string | number>> = [];
  const seen = new Set<unknown>();
  const stack: Array<{ node: unknown; path: Array<string | number> }> = [{ node: value, path: [] }];
  while (stack.length > 0 && out.length < 5000) {
    const { node, path } = stack.pop()!;
    out.push(path);
    if (!node || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    const entries: Array<[string | number, unknown]> = Array.isArray(node) ? node.map((item, index) => [index, item]) : Object.entries(node);
    for (const [key, item] of entries) stack.push({ node: item, path: [...path, key] });
  }
  return out;
}

function parentOf(root: unknown, path: Array<string | number>): { parent: Record<string | number, unknown> | undefined; key: string | number | undefined } {
  let node = root as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node?.[segment] as Record<string | number, unknown>;
  return { parent: node && typeof node === "object" ? node : undefined, key: path[path.length - 1] };
}

/** One structural change: replace, delete, duplicate, rename or add. */
function mutateStructure(rng: Rng, text: string): string {
  let value: unknown;
  try {
    value = parse(text, { logLevel: "silent" });
  } catch {
    return mutateText(rng, text);
  }
  const all = paths(value).filter((path) => path.length > 0);
  if (all.length === 0) return mutateText(rng, text);
  const path = pick(rng, all);
  const { parent, key } = parentOf(value, path);
  if (!parent || key === undefined) return mutateText(rng, text);
  switch (Math.floor(rng() * 5)) {
    case 0:
      parent[key] = structuredClone(pick(rng, HOSTILE_VALUES));
      break;
    case 1:
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      break;
    case 2:
      if (Array.isArray(parent)) parent.push(structuredClone(parent[key as number]));
      else parent[`${String(key)}Copy`] = structuredClone(parent[key]);
      break;
    case 3:
      if (!Array.isArray(parent) && typeof key === "string") {
        const renamed = key.length > 1 ? key.slice(0, -1) : `${key}x`;
        parent[renamed] = parent[key];
        delete parent[key];
      }
      break;
    default:
      if (!Array.isArray(parent)) parent[pick(rng, ["extra", "enabled", "name", "<<", "${x}"])] = structuredClone(pick(rng, HOSTILE_VALUES));
  }
  return stringify(value);
}

/** One textual change: characters, lines, directives, indentation. */
function mutateText(rng: Rng, text: string): string {
  const lines = text.split("\n");
  const line = Math.floor(rng() * lines.length);
  const at = Math.floor(rng() * (text.length + 1));
  switch (Math.floor(rng() * 9)) {
    case 0:
      return text.slice(0, at) + pick(rng, [":", "-", "[", "{", "}", "]", "&a ", "*a", "!!binary ", "'", '"', "\t", "#", "\u0000", "\ufeff", "%"]) + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1 + Math.floor(rng() * 10));
    case 2:
      lines.splice(line, 1);
      return lines.join("\n");
    case 3:
      lines.splice(line, 0, lines[line] ?? "");
      return lines.join("\n");
    case 4:
      lines[line] = ` ${lines[line] ?? ""}`;
      return lines.join("\n");
    case 5:
      return `${pick(rng, ["%YAML 1.1\n---\n", "%YAML 1.2\n---\n", "\ufeff", "---\n", "--- !!map\n"])}${text}`;
    case 6:
      return `${text}\n${pick(rng, ["---\nkind: Service\n", "...\n", "x: &a [*a]\n", "metadata:\n  name: dup\n"])}`;
    case 7:
      return text.slice(0, at);
    default:
      return text.replace(/\b\d+\b/, () => pick(rng, ["-1", "0", "99999999999999999999", "1.5", "0x10", ".inf", "~"]));
  }
}

/** A mutant of `text`: one to three changes. */
export function mutate(rng: Rng, text: string): string {
  let mutant = text;
  const roll = rng();
  const changes = roll < 0.6 ? 1 : roll < 0.9 ? 2 : 3;
  for (let i = 0; i < changes; i++) mutant = rng() < 0.5 ? mutateStructure(rng, mutant) : mutateText(rng, mutant);
  return mutant;
}

/** The seed corpus: the valid fixtures and the invalid ones. */
export function corpus(): { valid: string[]; invalid: string[] } {
  const read = (dir: string) =>
    readdirSync(dir)
      .filter((name) => name.endsWith(".yaml"))
      .sort()
      .map((name) => readFileSync(join(dir, name), "utf8"));
  return { valid: read(join(ROOT, "fixtures")), invalid: read(join(ROOT, "fixtures", "invalid")) };
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a `platform` command in-process. */
export async function run(argv: string[], cwd: string): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const io: Io = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: {},
    cwd,
    interactive: false,
    readLine: async () => undefined,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

/** Every file below `dir` (links followed, the engine's generation folders left out), path -> bytes. */
function filesBelow(dir: string, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    if (name.startsWith(".platform-")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(files, filesBelow(path, `${prefix}${name}/`));
    else files[`${prefix}${name}`] = readFileSync(path, "utf8");
  }
  return files;
}

/** Output that shows the CLI failed internally (an internal error, a stack trace, a stack or heap exhaustion). */
export const broken = (result: Run) => /internal error|\n\s+at [^\n]+:\d+:\d+\)?\n|Maximum call stack|heap out of memory/.test(`${result.stdout}\n${result.stderr}`);

/** What a mutant did wrong (`problem`, absent when it kept the contract), and whether it validated. */
export async function checkContract(spec: string, runCommand: typeof run = run): Promise<{ problem?: string; valid: boolean }> {
  const verdict = await check(spec, runCommand);
  return typeof verdict === "string" ? { problem: verdict, valid: false } : verdict;
}

async function check(spec: string, run: (argv: string[], cwd: string) => Promise<Run>): Promise<string | { valid: boolean }> {
  const dir = mkdtempSync(join(tmpdir(), "platform-fuzz-"));
  try {
    writeFileSync(join(dir, "platform.yaml"), spec);
    const first = await run(["validate", "platform.yaml"], dir);
    if (![0, 1, 2].includes(first.code)) return `validate exited ${first.code}`;
    if (broken(first)) return `validate failed internally: ${(first.stderr || first.stdout).split("\n")[0]}`;
    const second = await run(["validate", "platform.yaml"], dir);
    if (second.code !== first.code || second.stdout !== first.stdout || second.stderr !== first.stderr) return "validate answered differently the second time";
    if (first.code !== 0) return { valid: false };

    // `overrides:` are checked only for shape by plain validate (it says so); whether they fit the
    // stack needs the built stack. Then `validate --policy` decides, and synth must agree with it.
    if (first.stdout.includes("\n  overrides:")) {
      const policy = await run(["validate", "--policy", "platform.yaml"], dir);
      if (broken(policy) || ![0, 1].includes(policy.code)) return `validate --policy failed internally (exit ${policy.code}): ${(policy.stderr || policy.stdout).split("\n")[0]}`;
      if (policy.code !== 0) {
        const refused = await run(["synth", "platform.yaml", "--out", "a"], dir);
        if (refused.code !== 1 || broken(refused)) return `validate --policy refuses it, synth exits ${refused.code}: ${refused.stderr.split("\n")[0]}`;
        return { valid: true };
      }
    }

    const synthA = await run(["synth", "platform.yaml", "--out", "a"], dir);
    if (synthA.code !== 0 || broken(synthA)) return `validates but does not synthesize (exit ${synthA.code}): ${synthA.stderr.split("\n")[0]}`;
    const synthB = await run(["synth", "platform.yaml", "--out", "b"], dir);
    if (synthB.code !== 0) return `synthesized once, then failed (exit ${synthB.code})`;
    if (JSON.stringify(filesBelow(join(dir, "a", "stacks"))) !== JSON.stringify(filesBelow(join(dir, "b", "stacks")))) return "two syntheses wrote different bytes";
    return { valid: true };
  } catch (error) {
    return `the check itself threw: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export interface FuzzFailure {
  index: number;
  problem: string;
  spec: string;
}

/** Runs `count` mutants from `seed`; reports each one that broke the contract, and how many validated. */
export async function fuzz(count: number, seed: number, onProgress?: (done: number, failures: number) => void): Promise<{ failures: FuzzFailure[]; validated: number }> {
  const rng = random(seed);
  const seeds = corpus();
  const failures: FuzzFailure[] = [];
  let validated = 0;
  for (let index = 0; index < count; index++) {
    // Mostly valid fixtures, so many mutants stay valid and reach synth.
    const spec = mutate(rng, pick(rng, rng() < 0.8 ? seeds.valid : seeds.invalid));
    const { problem, valid } = await checkContract(spec);
    if (problem) failures.push({ index, problem, spec });
    if (valid) validated += 1;
    onProgress?.(index + 1, failures.length);
  }
  return { failures, validated };
}
