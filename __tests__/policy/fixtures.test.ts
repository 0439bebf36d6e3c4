import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkSpecPolicies } from "../../src/engine/policies.js";
import { capabilityOf } from "../../src/engine/registry.js";
import { formatFinding } from "../../src/policy/index.js";
import { defaultSettings, fixturePath, load, ROOT } from "../helpers/spec.js";

const FIXTURES = readdirSync(`${ROOT}fixtures`)
  .filter((name) => name.endsWith(".yaml"))
  .sort();

describe("every fixture passes the policy checks", () => {
  it("there is at least the minimal fixture", () => {
    expect(FIXTURES).toContain("platform-minimal.yaml");
  });

  /** Findings a fixture is expected to have: only declared exceptions (warnings naming the spec field). */
  const DECLARED: Record<string, string[]> = {
    // The seed's full example asks for the public webhook gateway.
    "platform-agent-factory.yaml": ["PLT-LMB-003", "PLT-LMB-005", "PLT-LMB-005"],
    "platform-triggers.yaml": ["PLT-LMB-003", "PLT-LMB-005", "PLT-LMB-005"],
  };

  it.for(FIXTURES)("%s synthesizes with no finding but its declared exceptions", async (name, ctx) => {
    const { config, diagnostics } = load(readFileSync(fixturePath(name), "utf8"), `fixtures/${name}`);
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    // Fixtures may land before their capability does; they join this test when it is registered.
    const pending = config!.declaredSections.filter((section) => !capabilityOf(section));
    if (pending.length > 0) ctx.skip(`no capability yet for ${pending.join(", ")}`);
    const findings = await checkSpecPolicies(config!, defaultSettings());
    expect(findings.filter((f) => f.severity === "error").map(formatFinding)).toEqual([]);
    expect(findings.map((f) => f.ruleId).sort()).toEqual(DECLARED[name] ?? []);
    // A fixture with environments deploys its environments: each one's stack (its own overlay and
    // overrides merged in) passes too.
    for (const environment of config!.environments) {
      const merged = load(readFileSync(fixturePath(name), "utf8"), `fixtures/${name}`, environment).config!;
      const own = await checkSpecPolicies(merged, defaultSettings());
      expect(own.filter((f) => f.severity === "error").map(formatFinding), environment).toEqual([]);
      expect(own.map((f) => f.ruleId).sort(), environment).toEqual(DECLARED[name] ?? []);
    }
  });
});
