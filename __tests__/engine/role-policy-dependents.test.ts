import { describe, expect, it } from "vitest";
import { resource, specYaml, synthesize } from "../helpers/spec.js";

describe("StackRoles.dependOnPolicy", () => {
  it("makes a resource wait for its role's inline policy, as a plain reference Terraform accepts", async () => {
    const { json } = await synthesize(specYaml({ lambda: { functions: [{ name: "chat", image: "agent" }] } }));
    const dependsOn = resource(json, "aws_lambda_function", "lambda_chat_function").depends_on as string[];
    expect(dependsOn).toContain("aws_iam_role_policy.lambda_chat_policy");
    for (const reference of dependsOn) expect(reference).not.toMatch(/\$\{/);
  });
});
