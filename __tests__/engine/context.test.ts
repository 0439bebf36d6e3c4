import { describe, expect, it } from "vitest";
import { TerraformStack, Testing } from "../../providers/cdktf.js";
import { CapabilityContext, MissingContextValueError, WorkloadWiring } from "../../src/capabilities/shared/context.js";
import { SharedInfrastructure } from "../../src/shared/infrastructure.js";
import { INJECTED_ENVIRONMENT, STACK_CATALOG } from "../../src/engine/registry.js";
import { defaultSettings, loadValid, specYaml } from "../helpers/spec.js";

function newContext() {
  const settings = defaultSettings();
  const scope = new TerraformStack(Testing.app({ stackTraces: false }), "ctx-test");
  return new CapabilityContext(scope, loadValid(specYaml({ compute: {} })), settings, new SharedInfrastructure(scope, settings), STACK_CATALOG);
}

declare module "../../src/capabilities/shared/context.js" {
  interface ContextValues {
    "test.answer": number;
  }
}

describe("capability context", () => {
  it("hands a value set by one capability to another", () => {
    const ctx = newContext();
    ctx.set("test.answer", 42);
    expect(ctx.get("test.answer")).toBe(42);
    expect(ctx.require("test.answer")).toBe(42);
  });

  it("says which step should have provided a missing value", () => {
    expect(() => newContext().require("test.answer")).toThrow(new MissingContextValueError('"test.answer" is not available: the test step did not run before the step that needs it'));
  });

  it("refuses to overwrite a value", () => {
    const ctx = newContext();
    ctx.set("test.answer", 1);
    expect(() => ctx.set("test.answer", 2)).toThrow(/set twice/);
  });

  it("names resources <service>-<suffix>", () => {
    expect(newContext().name("iamRole", "task")).toBe("test-svc-task");
  });

  it("runs finalizers once, after everything else", () => {
    const ctx = newContext();
    const calls: string[] = [];
    ctx.onFinalize(() => calls.push("render"));
    ctx.finalize();
    ctx.finalize();
    expect(calls).toEqual(["render"]);
  });
});

describe("workload wiring", () => {
  it("gives containers and functions the variables meant for them, sorted by name", () => {
    const wiring = new WorkloadWiring(INJECTED_ENVIRONMENT);
    wiring.setEnvironment("PLATFORM_SERVICE_NAME", "svc");
    wiring.setEnvironment("CF_ACCESS_AUD", "aud");
    expect(wiring.environment("containers")).toEqual([["CF_ACCESS_AUD", "aud"], ["PLATFORM_SERVICE_NAME", "svc"]]);
    expect(wiring.environment("functions")).toEqual([["PLATFORM_SERVICE_NAME", "svc"]]);
  });

  it("refuses a variable set twice", () => {
    const wiring = new WorkloadWiring(INJECTED_ENVIRONMENT);
    wiring.setEnvironment("PLATFORM_SERVICE_NAME", "a");
    expect(() => wiring.setEnvironment("PLATFORM_SERVICE_NAME", "b")).toThrow(/set twice/);
  });

  it("refuses a second file system (the flat stack has one)", () => {
    const wiring = new WorkloadWiring(INJECTED_ENVIRONMENT);
    const fs = { fileSystemId: "fs", accessPointId: "ap", accessPointArn: "arn", mountPath: "/mnt/data", mountTargets: [] };
    wiring.mountFileSystem(fs);
    expect(() => wiring.mountFileSystem(fs)).toThrow(/already mounted/);
  });
});
