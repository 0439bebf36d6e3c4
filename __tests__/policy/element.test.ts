import { describe, expect, it } from "vitest";
import { EcrRepository } from "../../providers/aws/ecr-repository.js";
import { IamRolePolicy } from "../../providers/aws/iam-role-policy.js";
import { Fn, Lazy } from "../../providers/cdktf.js";
import { parseJson, PolicyElement, splitExpressions } from "../../src/policy/element.js";
import { newStack } from "./helpers.js";

describe("splitExpressions", () => {
  it("separates literal text from Terraform expressions, braces nested or not", () => {
    expect(splitExpressions('postgres://app:${var.password}@${jsonencode({ a = "b" })}:5432')).toEqual({
      literal: "postgres://app:@:5432",
      expressions: ["var.password", 'jsonencode({ a = "b" })'],
    });
  });
});

describe("PolicyElement", () => {
  it("reads arguments in Terraform's spelling, with references resolved to expressions", () => {
    const stack = newStack();
    const repository = new EcrRepository(stack, "repository", { name: "svc", imageScanningConfiguration: { scanOnPush: true } });
    const policy = new IamRolePolicy(stack, "policy", { role: "svc", policy: "{}", name: repository.name });
    const element = new PolicyElement(policy, stack);
    expect(element.address).toBe("aws_iam_role_policy.policy");
    expect(element.string("name")).toBe("${aws_ecr_repository.repository.name}");
    expect(new PolicyElement(repository, stack).block("image_scanning_configuration")).toEqual({ scan_on_push: true });
  });

  it("includes overrides", () => {
    const stack = newStack();
    const repository = new EcrRepository(stack, "repository", { name: "svc" });
    repository.addOverride("image_tag_mutability", "IMMUTABLE");
    expect(new PolicyElement(repository, stack).string("image_tag_mutability")).toBe("IMMUTABLE");
  });

  it("parses a JSON document produced lazily", () => {
    const stack = newStack();
    const policy = new IamRolePolicy(stack, "policy", {
      role: "svc",
      policy: Lazy.stringValue({ produce: () => JSON.stringify({ Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] }) }),
    });
    expect(new PolicyElement(policy, stack).json("policy")).toEqual({ ok: true, value: { Statement: [{ Effect: "Allow", Action: "s3:GetObject", Resource: "*" }] } });
  });

  it("says when a document is a Terraform expression and cannot be read", () => {
    const stack = newStack();
    const policy = new IamRolePolicy(stack, "policy", { role: "svc", policy: Fn.jsonencode({ Statement: [] }) });
    expect(new PolicyElement(policy, stack).json("policy")).toEqual({ ok: false, reason: "is a Terraform expression, not a literal JSON document, so it cannot be checked" });
  });
});

describe("parseJson", () => {
  it("reports invalid JSON", () => {
    expect(parseJson("{nope")).toEqual({ ok: false, reason: "is not valid JSON" });
  });
});
