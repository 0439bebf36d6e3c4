import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { POLICY_RULES } from "../../src/engine/policy-rules.js";
import { CAPABILITY_LIST } from "../../src/engine/registry.js";
import { fillGenerated, renderOptOuts, renderPolicyRules } from "../../src/docs/reference.js";
import { ROOT } from "../helpers/spec.js";

const doc = readFileSync(`${ROOT}docs/security.md`, "utf8");
/** The rules table: rows that start with a rule id. */
const rows = new Map(
  doc
    .split("\n")
    .filter((line) => /^\| PLT-[A-Z][A-Z0-9]*-\d{3} \|/.test(line))
    .map((line) => [line.split("|")[1]!.trim(), line] as const),
);

describe("docs/security.md", () => {
  it("has the rules and opt-out tables the registry generates (run `npm run docs:write`)", () => {
    expect(fillGenerated(doc, { "policy-rules": renderPolicyRules(), "opt-outs": renderOptOuts() })).toBe(doc);
  });

  it("lists opt-outs only for rules that accept an exception", () => {
    for (const definition of CAPABILITY_LIST) {
      for (const optOut of definition.optOuts ?? []) for (const id of optOut.rules) expect(POLICY_RULES.find((rule) => rule.id === id)?.exceptable, `${definition.section}: ${id}`).toBe(true);
    }
  });

  it("has a row for every rule, and no row for a rule that does not exist", () => {
    expect([...rows.keys()].sort()).toEqual(POLICY_RULES.map((rule) => rule.id).sort());
  });

  it.each(POLICY_RULES.map((rule) => [rule.id, rule] as const))("%s's row names its scanner equivalents and opt-out", (id, rule) => {
    const cells = rows.get(id)!.split("|").map((cell) => cell.trim());
    const [, , title, , checkov, trivy, optOut] = cells;
    expect(title).toBe(rule.title.replace(/\|/g, "\\|"));
    expect(checkov).toBe(rule.equivalents.checkov.length > 0 ? rule.equivalents.checkov.map((c) => `\`${c}\``).join(", ") : "—");
    expect(trivy).toBe(rule.equivalents.trivy.length > 0 ? rule.equivalents.trivy.map((t) => `\`${t}\``).join(", ") : "—");
    expect(optOut).toBe(rule.exceptable ? "yes" : "no");
  });

  it("maps every rule with an opt-out to the spec field that uses it", () => {
    const optOuts = doc.slice(doc.indexOf("## Declared exceptions"), doc.indexOf("## Deliberate exceptions"));
    for (const rule of POLICY_RULES.filter((r) => r.exceptable)) expect(optOuts).toContain(rule.id);
  });
});
