import { describe, expect, it } from "vitest";
import { diffValues, schemaPath, stripMetadata } from "../../src/diff/values.js";

describe("structural value diff", () => {
  it("reports nothing for equal values, whatever the key order", () => {
    expect(diffValues({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it("names a nested block attribute by its dotted path", () => {
    expect(diffValues({ health_check: { path: "/healthz", matcher: "200" } }, { health_check: { path: "/ready", matcher: "200" } })).toEqual([
      { path: "health_check.path", before: "/healthz", after: "/ready" },
    ]);
  });

  it("names an attribute inside a list of blocks by its index", () => {
    const before = { ingress: [{ from_port: 80, to_port: 80 }] };
    const after = { ingress: [{ from_port: 80, to_port: 81 }] };
    expect(diffValues(before, after)).toEqual([{ path: "ingress[0].to_port", before: 80, after: 81 }]);
  });

  it("names an element of a list of named blocks by its name (settings, containers, environment variables)", () => {
    const before = { setting: [{ name: "containerInsights", value: "enabled" }] };
    const after = { setting: [{ name: "containerInsights", value: "disabled" }] };
    expect(diffValues(before, after)).toEqual([{ path: 'setting[name="containerInsights"].value', before: "enabled", after: "disabled" }]);

    const containers = (environment: Array<{ name: string; value: string }>) =>
      JSON.stringify([{ name: "app", image: "app:1", environment }, { name: "proxy", image: "envoy" }]);
    const base = { container_definitions: containers([{ name: "A", value: "1" }, { name: "LOG_LEVEL", value: "info" }, { name: "Z", value: "9" }]) };
    const head = { container_definitions: containers([{ name: "A", value: "1" }, { name: "DATABASE_URL", value: "x" }, { name: "LOG_LEVEL", value: "debug" }]) };
    expect(diffValues(base, head)).toEqual([
      { path: 'container_definitions[name="app"].environment[name="DATABASE_URL"]', after: { name: "DATABASE_URL", value: "x" } },
      { path: 'container_definitions[name="app"].environment[name="LOG_LEVEL"].value', before: "info", after: "debug" },
      { path: 'container_definitions[name="app"].environment[name="Z"]', before: { name: "Z", value: "9" } },
    ]);
  });

  it("reports a reordering of named blocks by index (the list Terraform compares changed)", () => {
    const before = { setting: [{ name: "a", value: "1" }, { name: "b", value: "2" }] };
    const after = { setting: [{ name: "b", value: "2" }, { name: "a", value: "1" }] };
    expect(diffValues(before, after).map((change) => change.path)).toEqual(["setting[0]", "setting[1]"]);
  });

  it("reports an inserted list element once, not as a change at every later index", () => {
    expect(diffValues({ actions: ["a", "c", "d"] }, { actions: ["a", "b", "c", "d"] })).toEqual([{ path: "actions[1]", after: "b" }]);
  });

  it("reports a removed list element at its index in the base", () => {
    expect(diffValues(["a", "b", "c"], ["a", "c"])).toEqual([{ path: "[1]", before: "b" }]);
  });

  it("reports added and removed attributes with only the side that exists", () => {
    expect(diffValues({ a: 1 }, { b: 2 })).toEqual([
      { path: "a", before: 1 },
      { path: "b", after: 2 },
    ]);
  });

  it("compares JSON-encoded strings (IAM policies, container definitions) as the JSON they hold", () => {
    const policy = (actions: string[]) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: "*" }] });
    expect(diffValues({ policy: policy(["s3:GetObject"]) }, { policy: policy(["s3:GetObject", "s3:PutObject"]) })).toEqual([
      { path: "policy.Statement[0].Action[1]", after: "s3:PutObject" },
    ]);
  });

  it("compares ordinary strings as strings", () => {
    expect(diffValues({ name: "{not json" }, { name: "{still not" })).toEqual([{ path: "name", before: "{not json", after: "{still not" }]);
  });

  it("quotes keys that are not identifiers", () => {
    expect(diffValues({ tags: { "platform:service": "a" } }, { tags: { "platform:service": "b" } })).toEqual([
      { path: 'tags["platform:service"]', before: "a", after: "b" },
    ]);
  });

  it("reports a type change as one change of the whole value", () => {
    expect(diffValues({ subnets: ["a"] }, { subnets: "${data.x.ids}" })).toEqual([{ path: "subnets", before: ["a"], after: "${data.x.ids}" }]);
  });

  it("drops list indexes for the replacement table's paths", () => {
    expect(schemaPath("encryption_configuration[0].kms_key")).toBe("encryption_configuration.kms_key");
    expect(schemaPath('volume[name="data"].efs_volume_configuration[0].root_directory')).toBe("volume.efs_volume_configuration.root_directory");
  });

  it("strips cdktf's // metadata at every level", () => {
    expect(stripMetadata({ "//": { metadata: {} }, resource: { t: { n: { "//": { metadata: { path: "x" } }, a: 1 } } } })).toEqual({ resource: { t: { n: { a: 1 } } } });
  });
});
