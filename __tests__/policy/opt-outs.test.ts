// Spec fields that turn off a secure default are declared exceptions: the finding stays visible,
// as a warning that names the field, and does not stop synthesis.
import { describe, expect, it } from "vitest";
import { checkSpecPolicies } from "../../src/engine/policies.js";
import { defaultSettings, loadValid, specYaml } from "../helpers/spec.js";

async function findingsOf(spec: Record<string, unknown>) {
  const findings = await checkSpecPolicies(loadValid(specYaml(spec)), defaultSettings());
  return findings.map((f) => [f.severity, f.ruleId, f.exception] as const);
}

const database = { engine: "postgres", instanceClass: "db.t3.micro", dbName: "app", dbUsername: "app_admin" };

describe("declared opt-outs", () => {
  it("storage.encrypted: false is a warning naming the field", async () => {
    expect(await findingsOf({ compute: {}, storage: { encrypted: false, accessPoint: { path: "/data" } } })).toEqual([
      ["warning", "PLT-ENC-001", "spec.storage.encrypted is false"],
    ]);
  });

  it("cache encryption opt-outs are warnings naming their fields", async () => {
    expect(await findingsOf({ compute: {}, cache: { engine: "redis", nodeType: "cache.t3.micro", atRestEncryption: false, transitEncryption: false } })).toEqual([
      ["warning", "PLT-ENC-003", "spec.cache.atRestEncryption is false"],
      ["warning", "PLT-ENC-004", "spec.cache.transitEncryption is false"],
    ]);
  });

  it("database.deletionProtection: false is a warning naming the field", async () => {
    expect(await findingsOf({ compute: {}, database: { ...database, deletionProtection: false } })).toEqual([
      ["warning", "PLT-RDS-003", "spec.database.deletionProtection is false"],
    ]);
  });

  it("a public function URL is a warning naming the function's field", async () => {
    const findings = await findingsOf({ lambda: { functions: [{ name: "open", image: "open", urlAuth: "NONE" }] } });
    expect(findings.map(([severity, rule]) => `${severity} ${rule}`)).toEqual(["warning PLT-LMB-003", "warning PLT-LMB-005", "warning PLT-LMB-005"]);
    expect(new Set(findings.map(([, , reason]) => reason))).toEqual(new Set(["spec.lambda.functions[0].urlAuth is NONE: the function authenticates its callers itself"]));
  });

  it("the secure defaults produce no finding at all", async () => {
    expect(await findingsOf({ compute: {}, storage: { accessPoint: { path: "/data" } }, cache: { engine: "redis", nodeType: "cache.t3.micro" }, database })).toEqual([]);
  });
});
