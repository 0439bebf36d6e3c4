import { afterEach, describe, expect, it } from "vitest";
import { checkPreconditions, planSteps } from "../../src/engine/plan.js";
import { CAPABILITIES } from "../../src/engine/registry.js";
import { load, loadValid, specYaml } from "../helpers/spec.js";

/** Schema and semantic checks only: preconditions are what these tests examine. */
const configOf = (text: string) => load(text).config!;

const registered = { ...CAPABILITIES };
afterEach(() => {
  for (const key of Object.keys(CAPABILITIES)) delete (CAPABILITIES as Record<string, unknown>)[key];
  Object.assign(CAPABILITIES, registered);
});

describe("planning", () => {
  it("runs foundation, then the declared sections by phase, then networking for compute", () => {
    const steps = planSteps(loadValid(specYaml({ secrets: ["API_KEY"], compute: {} })));
    expect(steps.map((s) => `${s.phase}:${s.name}`)).toEqual(["foundation:foundation", "infrastructure:secrets", "compute:compute", "networking:networking"]);
  });

  it("plans no networking without compute", () => {
    // Registered only for this test: a stand-in infrastructure capability.
    (CAPABILITIES as Record<string, unknown>).cache = { section: "cache", phase: "infrastructure", summary: "stand-in", load: async () => ({ provision: () => {} }) };
    const steps = planSteps(loadValid(specYaml({ cache: { engine: "redis", nodeType: "cache.t3.micro" } })));
    expect(steps.map((s) => s.name)).toEqual(["foundation", "cache"]);
  });

  it("reports a declared section that has no capability, at the section's key", () => {
    delete (CAPABILITIES as Record<string, unknown>).compute;
    const [problem, ...rest] = checkPreconditions(configOf(specYaml({ compute: {} })));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ severity: "error", path: "spec.compute", line: 6, column: 3 });
    expect(problem?.message).toMatch(/section "compute" has no capability in this engine version/);
  });

  it("reports a missing required section with the path the precondition names", () => {
    (CAPABILITIES as Record<string, unknown>).cache = {
      section: "cache",
      phase: "infrastructure",
      summary: "stand-in",
      requires: [{ anyOf: ["compute"], because: "a stand-in needs it" }],
      load: async () => ({ provision: () => {} }),
    };
    const [problem] = checkPreconditions(configOf(specYaml({ cache: { engine: "redis", nodeType: "cache.t3.micro" } })));
    expect(problem).toMatchObject({ path: "spec.cache", message: "requires spec.compute: a stand-in needs it" });
  });

  it("skips a precondition whose condition does not hold", () => {
    (CAPABILITIES as Record<string, unknown>).cache = {
      section: "cache",
      phase: "infrastructure",
      summary: "stand-in",
      requires: [{ anyOf: ["compute"], when: () => false, because: "never" }],
      load: async () => ({ provision: () => {} }),
    };
    expect(checkPreconditions(loadValid(specYaml({ cache: { engine: "redis", nodeType: "cache.t3.micro" } })))).toEqual([]);
  });
});
