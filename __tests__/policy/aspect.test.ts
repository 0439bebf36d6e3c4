import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AwsProvider } from "../../providers/aws/provider.js";
import { App, TerraformStack, type IConstruct } from "../../providers/cdktf.js";
import { DATABASE_RULES } from "../../src/capabilities/database/policy.js";
import { POLICY_RULE_INDEX } from "../../src/engine/policy-rules.js";
import { checkStackPolicies, declareException, declaredException, formatFinding, ruleIn } from "../../src/policy/index.js";
import { cluster, database, findingsOf, idsOf, newStack, rule, STACK } from "./helpers.js";

describe("declared exceptions", () => {
  it("turn a finding into a warning that carries the reason", () => {
    const findings = findingsOf((s) => {
      const db = database(s, { deletionProtection: false });
      declareException(db, rule("PLT-RDS-003"), "spec.database.deletionProtection is false (a throwaway stack)");
    });
    expect(findings).toEqual([
      expect.objectContaining({ ruleId: "PLT-RDS-003", severity: "warning", exception: "spec.database.deletionProtection is false (a throwaway stack)" }),
    ]);
    expect(formatFinding(findings[0]!)).toBe(
      `[${STACK}/database] PLT-RDS-003: the instance can be deleted without first turning deletion protection off: deletion_protection is false; required: true (declared exception: spec.database.deletionProtection is false (a throwaway stack))`,
    );
  });

  it("cover only the rule they name", () => {
    const findings = findingsOf((s) => {
      const db = database(s, { deletionProtection: false, performanceInsightsEnabled: false });
      declareException(db, rule("PLT-RDS-003"), "spec.database.deletionProtection is false");
    });
    expect(findings.map((f) => `${f.ruleId} ${f.severity}`)).toEqual(["PLT-RDS-003 warning", "PLT-RDS-007 error"]);
  });

  it("are stored as construct metadata", () => {
    const stack = newStack();
    const db = database(stack);
    declareException(db, rule("PLT-RDS-003"), "reason");
    expect(declaredException(db, "PLT-RDS-003")).toBe("reason");
    expect(declaredException(db, "PLT-RDS-007")).toBeUndefined();
  });

  it("are refused for rules no spec field may turn off", () => {
    const db = database(newStack());
    expect(() => declareException(db, rule("PLT-RDS-002"), "public on purpose")).toThrow("policy rule PLT-RDS-002 has no documented opt-out");
  });

  it("are refused for unknown rules and without a reason", () => {
    const db = database(newStack());
    expect(() => declareException(db, ruleIn(DATABASE_RULES, "PLT-NOPE-001"), "x")).toThrow("no policy rule PLT-NOPE-001");
    expect(() => declareException(db, rule("PLT-RDS-003"), " ")).toThrow("an exception to PLT-RDS-003 needs a reason");
  });
});

describe("the policy aspect", () => {
  const outdirs: string[] = [];
  afterEach(() => {
    for (const dir of outdirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("reports each finding once however often the stack is checked", () => {
    const stack = newStack();
    cluster(stack, { setting: [] });
    checkStackPolicies(stack, POLICY_RULE_INDEX);
    expect(idsOf(checkStackPolicies(stack, POLICY_RULE_INDEX))).toEqual([`PLT-ECS-001 ${STACK}/cluster`]);
  });

  it("reports through cdktf annotations: errors as errors, exceptions as warnings", () => {
    const stack = newStack();
    const broken = cluster(stack, { setting: [] });
    const excepted = database(stack, { deletionProtection: false });
    declareException(excepted, rule("PLT-RDS-003"), "spec.database.deletionProtection is false");
    checkStackPolicies(stack, POLICY_RULE_INDEX);
    const annotations = (construct: IConstruct) => construct.node.metadata.filter((m) => m.type.startsWith("@cdktf/")).map((m) => [m.type, m.data]);
    expect(annotations(broken)).toEqual([["@cdktf/error", expect.stringMatching(/^PLT-ECS-001: Container Insights is off/)]]);
    expect(annotations(excepted)).toEqual([["@cdktf/warn", expect.stringMatching(/^PLT-RDS-003: .*\(declared exception: spec\.database\.deletionProtection is false\)$/)]]);
  });

  it("makes cdktf's own synth refuse the stack with `[path] RULE-ID: message`", () => {
    const outdir = mkdtempSync(join(tmpdir(), "policy-aspect-"));
    outdirs.push(outdir);
    const app = new App({ outdir, stackTraces: false });
    const stack = new TerraformStack(app, "svc");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    cluster(stack, { setting: [] });
    checkStackPolicies(stack, POLICY_RULE_INDEX);
    expect(() => app.synth()).toThrow(/\[svc\/cluster\] PLT-ECS-001: Container Insights is off/);
  });
});
