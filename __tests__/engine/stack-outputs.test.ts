import { describe, expect, it } from "vitest";
import { resource, specYaml, synthesize } from "../helpers/spec.js";

describe("stack outputs", () => {
  it("may share a name with a resource's logical id (outputs have their own namespace)", async () => {
    // Output lambda.chat.function_url -> `lambda_chat_function_url`, also the URL resource's id.
    const { json } = await synthesize(specYaml({ lambda: { functions: [{ name: "chat", image: "agent" }] } }));
    expect(resource(json, "aws_lambda_function_url", "lambda_chat_function_url")).toBeDefined();
    expect(json.output?.lambda_chat_function_url?.value).toBe("${aws_lambda_function_url.lambda_chat_function_url.function_url}");
  });
});
