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
    const before = { setting: [{ name: "containerInsights", value: "enabled" }] };
    const after = { setting: [{ name: "containerInsights", value: "disabled" }] };
    expect(diffValues(before, after)).toEqual([{ path: "setting[0].value", before: "enabled", after: "disabled" }]);
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
  });

  it("strips cdktf's // metadata at every level", () => {
    expect(stripMetadata({ "//": { metadata: {} }, resource: { t: { n: { "//": { metadata: { path: "x" } }, a: 1 } } } })).toEqual({ resource: { t: { n: { a: 1 } } } });
  });
});
