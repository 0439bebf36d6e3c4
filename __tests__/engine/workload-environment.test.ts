import { describe, expect, it } from "vitest";
import { WorkloadWiring } from "../../src/capabilities/shared/context.js";
import { INJECTED_ENVIRONMENT } from "../../src/engine/registry.js";
import { specYaml, synthesize } from "../helpers/spec.js";

function wiring() {
  const workload = new WorkloadWiring(INJECTED_ENVIRONMENT);
  workload.setEnvironment("PLATFORM_SERVICE_NAME", "svc");
  workload.setEnvironment("CF_ACCESS_AUD", "aud");
  workload.setEnvironment("PLATFORM_SECRETS_PATH", "/svc/");
  workload.setEnvironment("PLATFORM_EVENT_BUS_NAME", "svc-events");
  return workload;
}
const names = (pairs: Array<[string, string]>) => pairs.map(([name]) => name);

describe("workload environment audiences", () => {
  it("gives containers the variables for all and for containers", () => {
    expect(names(wiring().environment("containers"))).toEqual(["CF_ACCESS_AUD", "PLATFORM_SERVICE_NAME"]);
  });

  it("gives functions the variables for all and for functions", () => {
    expect(names(wiring().environment("functions"))).toEqual(["PLATFORM_SECRETS_PATH", "PLATFORM_SERVICE_NAME"]);
  });

  it("gives the webhook only what every workload gets and its own: not the secrets' path", () => {
    expect(names(wiring().environment("webhook"))).toEqual(["PLATFORM_EVENT_BUS_NAME", "PLATFORM_SERVICE_NAME"]);
  });

  it("documents every variable it injects with a capability and a description", () => {
    for (const variable of Object.values(INJECTED_ENVIRONMENT)) {
      expect(variable.capability).not.toBe("");
      expect(variable.description.length).toBeGreaterThan(10);
    }
  });

  it("sets PLATFORM_SERVICE_NAME for every stack, whichever capabilities run", async () => {
    const { context } = await synthesize(specYaml({ lambda: { functions: [{ name: "chat", image: "agent" }] } }, "only-functions"));
    expect(context.workload.environment("functions")).toEqual([["PLATFORM_SERVICE_NAME", "only-functions"]]);
  });
});
