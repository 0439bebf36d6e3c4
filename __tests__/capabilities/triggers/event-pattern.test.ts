import { describe, expect, it } from "vitest";
import { checkEventPattern, EVENT_PATTERN_MAX_CHARS } from "../../../src/capabilities/triggers/event-pattern.js";

describe("event patterns EventBridge accepts", () => {
  it.each([
    ["match values", { source: ["platform.webhook"], "detail-type": ["push", "release"] }],
    ["nested fields", { detail: { body: { action: ["opened"], number: [1, 2], draft: [false], label: [null] } } }],
    ["prefix and suffix", { detail: { ref: [{ prefix: "refs/heads/" }, { suffix: ".tmp" }] } }],
    ["prefix ignoring case", { detail: { ref: [{ prefix: { "equals-ignore-case": "REFS/" } }] } }],
    ["anything-but forms", { a: [{ "anything-but": "x" }], b: [{ "anything-but": [1, 2] }], c: [{ "anything-but": { prefix: "tmp" } }], d: [{ "anything-but": { wildcard: ["*.a", "*.b"] } }] }],
    ["numeric comparison and range", { a: [{ numeric: [">", 0] }], b: [{ numeric: [">=", 0, "<", 100] }], c: [{ numeric: ["=", 3.5] }] }],
    ["exists", { detail: { sender: [{ exists: true }] } }],
    ["cidr v4 and v6", { detail: { ip: [{ cidr: "10.0.0.0/24" }, { cidr: "2001:db8::/32" }] } }],
    ["equals-ignore-case and wildcard", { detail: { a: [{ "equals-ignore-case": "Push" }], b: [{ wildcard: "repo/*/main" }] } }],
    ["$or", { source: ["platform.webhook"], $or: [{ "detail-type": ["push"] }, { detail: { action: ["opened"] } }] }],
  ])("%s", (_name, pattern) => {
    expect(checkEventPattern(pattern)).toBeUndefined();
  });
});

describe("malformed event patterns, with the path of the part at fault", () => {
  // [case, pattern, fragment of the message, path inside the pattern]
  it.each([
    ["a list, not a mapping", ["push"], "an event pattern is a mapping, not a list", []],
    ["a string", "source", "an event pattern is a mapping, not string", []],
    ["empty", {}, "cannot be empty", []],
    ["a bare value", { source: "platform.webhook" }, '"source" is string "platform.webhook"; a pattern field is a list', ["source"]],
    ["an empty list", { detail: { action: [] } }, "an empty list matches nothing", ["detail", "action"]],
    ["a nested list", { source: [["a"]] }, "a list inside a match list is not allowed", ["source", 0]],
    ["an unknown operator", { source: [{ startsWith: "a" }] }, '"startsWith" is not an EventBridge pattern operator', ["source", 0, "startsWith"]],
    ["two operators in one item", { source: [{ prefix: "a", suffix: "b" }] }, "has exactly one key, not 2", ["source", 0]],
    ["prefix of a number", { source: [{ prefix: 1 }] }, "prefix takes a string", ["source", 0, "prefix"]],
    ["exists of a string", { a: [{ exists: "yes" }] }, "exists takes true or false", ["a", 0, "exists"]],
    ["a bad cidr", { a: [{ cidr: "10.0.0.300/24" }] }, "cidr takes an IPv4 or IPv6 block", ["a", 0, "cidr"]],
    ["a cidr without prefix length", { a: [{ cidr: "10.0.0.0" }] }, "cidr takes an IPv4 or IPv6 block", ["a", 0, "cidr"]],
    ["numeric with an odd list", { a: [{ numeric: [">", 1, "<"] }] }, "numeric takes one comparison or two", ["a", 0, "numeric"]],
    ["numeric with a bad comparison", { a: [{ numeric: ["!=", 1] }] }, "is not a numeric comparison", ["a", 0, "numeric", 0]],
    ["numeric with a string bound", { a: [{ numeric: [">", "1"] }] }, "numeric compares with numbers", ["a", 0, "numeric", 1]],
    ["numeric range upside down", { a: [{ numeric: ["<", 5, ">", 1] }] }, "a lower bound (> or >=) then an upper bound", ["a", 0, "numeric"]],
    ["numeric empty range", { a: [{ numeric: [">", 5, "<", 1] }] }, "is empty", ["a", 0, "numeric"]],
    ["anything-but of mixed values", { a: [{ "anything-but": ["x", 1] }] }, "a list of strings or a list of numbers", ["a", 0, "anything-but"]],
    ["anything-but of an unknown operator", { a: [{ "anything-but": { exists: true } }] }, "anything-but takes one of prefix, suffix", ["a", 0, "anything-but"]],
    ["$or of one pattern", { $or: [{ a: ["x"] }] }, "$or takes a list of at least two patterns", ["$or"]],
    ["$or of a value", { $or: [{ a: ["x"] }, "b"] }, "$or item is string", ["$or", 1]],
    ["inside $or", { $or: [{ a: ["x"] }, { b: "y" }] }, '"b" is string "y"', ["$or", 1, "b"]],
  ])("%s", (_name, pattern, fragment, path) => {
    const problem = checkEventPattern(pattern);
    expect(problem?.message).toContain(fragment);
    expect(problem?.path).toEqual(path);
    expect(problem?.hint.length).toBeGreaterThan(5);
  });

  it(`refuses a pattern longer than ${EVENT_PATTERN_MAX_CHARS} characters as JSON`, () => {
    const values = Array.from({ length: 200 }, (_, index) => `value-${index}`);
    expect(checkEventPattern({ detail: { id: values } })?.message).toContain(`EventBridge allows ${EVENT_PATTERN_MAX_CHARS}`);
  });
});
