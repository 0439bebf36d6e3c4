import { describe, expect, it } from "vitest";
import { OutputCollisionError, OutputRegistry, outputName } from "../../src/capabilities/shared/outputs.js";

describe("stack outputs", () => {
  it("maps namespaced keys to Terraform output names one way", () => {
    expect(outputName("cache.redis.endpoint")).toBe("cache_redis_endpoint");
    expect(outputName("serviceDiscovery.namespace_id")).toBe("service_discovery_namespace_id");
    expect(outputName("lambda.pi-chat.function_url")).toBe("lambda_pi_chat_function_url");
  });

  it("rejects two keys that map to the same Terraform name", () => {
    const outputs = new OutputRegistry();
    outputs.add("storage.efs_id", "x", "first");
    expect(() => outputs.add("storage.efs.id", "y", "second")).toThrow(new OutputCollisionError('outputs "storage.efs_id" and "storage.efs.id" both map to the Terraform output name "storage_efs_id"'));
  });

  it("rejects a key exported twice", () => {
    const outputs = new OutputRegistry();
    outputs.add("compute.service_url", "x", "url");
    expect(() => outputs.add("compute.service_url", "x", "url")).toThrow(/exported twice/);
  });

  it("rejects keys without a capability namespace", () => {
    expect(() => new OutputRegistry().add("endpoint", "x", "bad")).toThrow(/not of the form/);
  });
});
