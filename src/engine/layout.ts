// Where synthesis writes: <out>/stacks/<name>/cdk.tf.json, with the stack's output manifest beside it.
import { join } from "node:path";

export const STACK_FILE = "cdk.tf.json";
/** The stack's outputs (`OutputManifestEntry[]`): what each namespaced key is called in Terraform. */
export const OUTPUTS_FILE = "outputs.json";

/** `<out>/stacks/<name>`: a service's stack directory. */
export const stackDirectory = (outDir: string, name: string) => join(outDir, "stacks", name);

/** One output of a stack, as the manifest lists it. */
export interface OutputManifestEntry {
  /** The namespaced key capabilities export (`compute.service_url`). */
  key: string;
  /** The Terraform output name (`compute_service_url`). */
  terraformName: string;
  description: string;
}
