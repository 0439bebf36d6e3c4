// Stack outputs: capabilities export namespaced keys (`cache.redis.endpoint`); Terraform output
// names cannot hold dots, so each key maps one way to a name, and two keys may not share a name.

/**
 * `cache.redis.endpoint` -> `cache_redis_endpoint`; `serviceDiscovery.namespace_id` ->
 * `service_discovery_namespace_id`; `lambda.pi-chat.function_url` -> `lambda_pi_chat_function_url`
 * (hyphens of function names become underscores, as in the variable `lambda_pi_chat_image_tag`).
 */
export function outputName(key: string): string {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[.-]/g, "_");
}

export const OUTPUT_KEY_PATTERN = /^[a-z][A-Za-z0-9]*(\.[a-z0-9][A-Za-z0-9_-]*)+$/;

export class OutputCollisionError extends Error {}

export interface StackOutput {
  key: string;
  name: string;
  value: string;
  description: string;
  sensitive: boolean;
}

/** Collects exported outputs and refuses keys that are malformed, repeated, or map to a taken name. */
export class OutputRegistry {
  private readonly byName = new Map<string, StackOutput>();

  add(key: string, value: string, description: string, sensitive = false): StackOutput {
    if (!OUTPUT_KEY_PATTERN.test(key)) throw new OutputCollisionError(`output key "${key}" is not of the form <capability>.<name>`);
    const name = outputName(key);
    const taken = this.byName.get(name);
    if (taken) {
      throw new OutputCollisionError(
        taken.key === key ? `output "${key}" is exported twice` : `outputs "${taken.key}" and "${key}" both map to the Terraform output name "${name}"`,
      );
    }
    const output = { key, name, value, description, sensitive };
    this.byName.set(name, output);
    return output;
  }

  /** Outputs in export order. */
  all(): StackOutput[] {
    return [...this.byName.values()];
  }
}
