// User values are data: every string a spec can put into the Terraform JSON reaches Terraform as
// the literal text the user wrote, never as an expression or a template directive. Checked with
// the real terraform binary: each stack string that carries a hostile value is the input of a
// terraform_data resource in a tiny configuration (no provider plugin needed), applied, and read back.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { escapeStrings, escapeTemplate } from "../../src/engine/literal.js";
import { isExpression, splitExpressions } from "../../src/policy/values.js";
import { load, synthesize } from "../helpers/spec.js";

const HOSTILE = [
  '${file("/etc/passwd")}',
  "%{ for x in [1, 2] }${x}%{ endfor }",
  '${"',
  "${aws_iam_role.foundation_lambda_role.arn}",
  "%{ if true }yes%{ endif }",
  "$${already escaped} and %%{ this }",
  "}${",
];
/** Each hostile value with a marker of its own, so its copies can be found in the stack. */
const marked = HOSTILE.map((text, index) => `M${index}:${text}`);

/**
 * Every free-text field of the contract, found by walking its JSON schema (strings without an
 * enum or a pattern that would refuse `${`): metadata.description and function environment values.
 * Every other string field is a name, path or version whose pattern allows neither `$` nor `{`.
 */
function hostileSpec(): string {
  return stringify({
    apiVersion: "platform.althq.com/v1",
    kind: "Service",
    metadata: { name: "hostile", description: marked[0] },
    spec: {
      compute: { cpu: 256, memory: 512 },
      lambda: {
        functions: [
          { name: "one", image: "one", environment: Object.fromEntries(marked.map((value, index) => [`VALUE_${index}`, value])) },
          { name: "two", image: "two", environment: { [`K_${"x".repeat(3)}`]: marked.join(" ") } },
        ],
      },
    },
  });
}

/** Every string in `value` (keys included) that holds a marker. */
function markedStrings(value: unknown, found: string[] = []): string[] {
  if (typeof value === "string") {
    if (/M\d+:/.test(value)) found.push(value);
  } else if (Array.isArray(value)) {
    for (const item of value) markedStrings(item, found);
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      markedStrings(key, found);
      markedStrings(item, found);
    }
  }
  return found;
}

const work = mkdtempSync(join(tmpdir(), "platform-literal-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("escapeTemplate", () => {
  it("doubles the sigil of every ${ and %{, and leaves other text alone", () => {
    expect(escapeTemplate('${file("x")} %{ if } $x {y} $${z}')).toBe('$${file("x")} %%{ if } $x {y} $$${z}');
    expect(escapeStrings({ "${k}": ["%{v}", 1, true, null] })).toEqual({ "$${k}": ["%%{v}", 1, true, null] });
  });
});

describe("policy rules read escaped user text as text", () => {
  it("an escaped ${ is not an expression; a real one still is", () => {
    expect(isExpression(escapeTemplate('${file("/etc/passwd")}'))).toBe(false);
    expect(splitExpressions(`a${escapeTemplate("${b}")}c\${d}e`)).toEqual({ literal: "a${b}ce", expressions: ["d"] });
    expect(isExpression("postgres://${var.user}@db")).toBe(true);
  });
});

describe("hostile strings in every free-text field stay literal under real terraform", () => {
  it("the spec is valid: the checks read the values as written", () => {
    const { config, diagnostics } = load(hostileSpec());
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(config?.spec.lambda?.functions[0]?.environment.VALUE_0).toBe(marked[0]);
  });

  it("terraform reads every string of the stack that carries one as the text the user wrote", async () => {
    const { json } = await synthesize(hostileSpec());
    const strings = markedStrings(json);
    // Each value reaches the stack (the functions' environment at least), and the description too.
    for (const value of marked) expect(strings.some((s) => s.includes(escapeTemplate(value)))).toBe(true);

    // The tiny configuration: one terraform_data per string, its input the string exactly as the stack has it.
    const resources = Object.fromEntries(strings.map((s, index) => [`v${index}`, { input: s }]));
    const outputs = Object.fromEntries(strings.map((_, index) => [`v${index}`, { value: `\${terraform_data.v${index}.output}` }]));
    writeFileSync(join(work, "main.tf.json"), JSON.stringify({ resource: { terraform_data: resources }, output: outputs }));
    const terraform = (...args: string[]) =>
      execFileSync("terraform", args, {
        cwd: work,
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
        env: { PATH: process.env.PATH, HOME: work, TF_IN_AUTOMATION: "1", CHECKPOINT_DISABLE: "1" },
        timeout: 120_000,
      });
    terraform("init", "-input=false", "-no-color");
    terraform("apply", "-auto-approve", "-input=false", "-no-color");
    const read = JSON.parse(terraform("output", "-json")) as Record<string, { value: string }>;

    // Nothing was evaluated: no file read, no template run (a reference would have failed the apply).
    expect(Object.keys(read)).toHaveLength(strings.length);
    for (const { value } of Object.values(read)) expect(value).not.toContain("root:");
    // And every hostile value came through literally, as plain text or inside JSON text.
    const values = Object.values(read).map((entry) => entry.value);
    for (const value of marked) {
      expect(values.some((v) => v.includes(value) || v.includes(JSON.stringify(value).slice(1, -1)))).toBe(true);
    }
  });
});
