import { describe, expect, it } from "vitest";
import { MAX_ALIAS_COUNT, parseYamlSource } from "../../src/config/yaml-source.js";
import { load, specYaml } from "../helpers/spec.js";

const SPEC = specYaml({ compute: {} });

describe("YAML loading", () => {
  it("reads YAML 1.2: yes and no stay text, not booleans", () => {
    const parsed = parseYamlSource("t.yaml", "a: yes\nb: no\nc: true\n");
    expect(parsed.ok && parsed.source.value).toEqual({ a: "yes", b: "no", c: true });
  });

  it("accepts a leading document marker and a stray empty document at the end", () => {
    expect(load(`---\n${SPEC}---\n`).diagnostics).toEqual([]);
  });

  it("accepts explicit core tags, which only restate the value's type", () => {
    const text = SPEC.replace("compute: {}", "compute:\n    port: !!int 8080\n  secrets:\n    - !!str API_KEY");
    const { config, diagnostics } = load(text);
    expect(diagnostics).toEqual([]);
    expect(config?.spec.compute?.port).toBe(8080);
  });

  it("accepts a few anchors and aliases", () => {
    const text = `${SPEC}  secrets: &names\n    - API_KEY\nx-shared: *names\n`.replace("x-shared: *names\n", "");
    expect(load(text).diagnostics).toEqual([]);
    const parsed = parseYamlSource("t.yaml", "a: &x [1, 2]\nb: *x\nc: *x\n");
    expect(parsed.ok && parsed.source.value).toEqual({ a: [1, 2], b: [1, 2], c: [1, 2] });
  });

  it(`refuses aliases beyond ${MAX_ALIAS_COUNT} expansions, positioned at the first alias`, () => {
    const aliases = Array.from({ length: 200 }, () => "*x").join(", ");
    const parsed = parseYamlSource("t.yaml", `a: &x [1]\nb: [${aliases}]\n`);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.diagnostics).toEqual([expect.objectContaining({ line: 2, column: 5, message: expect.stringContaining("YAML aliases expand too far") })]);
  });

  it("reports every YAML syntax error of a file, each with its position", () => {
    const { diagnostics } = load(`${SPEC}  compute:\n    port: 1\n    port: 2\n`);
    expect(diagnostics.map((d) => [d.line, d.column, d.message])).toEqual([
      [7, 3, "YAML syntax error: Map keys must be unique"],
      [9, 5, "YAML syntax error: Map keys must be unique"],
    ]);
  });

  it("keeps the scalar as written for messages", () => {
    const parsed = parseYamlSource("t.yaml", "v: 7.10\nw: 0750\n");
    expect(parsed.ok && [parsed.source.sourceText?.(["v"]), parsed.source.sourceText?.(["w"])]).toEqual(["7.10", "0750"]);
  });

  it("quotes the value as written when a string was expected", () => {
    const { diagnostics } = load(specYaml({ compute: {}, cache: { engine: "redis", nodeType: "cache.t3.micro" } }).replace("nodeType: cache.t3.micro", "nodeType: cache.t3.micro\n    engineVersion: 7.10"));
    expect(diagnostics.map((d) => d.hint)).toEqual(['write it in quotes ("7.10"): unquoted, YAML reads it as a number']);
  });
});
