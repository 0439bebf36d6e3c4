// Files a stack needs beside its Terraform JSON (the zip of a function whose code the engine ships):
// modules register them on the stack, synth writes them into the stack's folder with cdk.tf.json,
// and Terraform, which runs in that folder, finds them under `${path.module}`.
import type { TerraformStack } from "../../providers/cdktf.js";

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const filesOf = new WeakMap<TerraformStack, Map<string, Uint8Array>>();

/** Registers `bytes` as the file `name` beside the stack's Terraform; returns the path Terraform reads it by. */
export function addStackFile(stack: TerraformStack, name: string, bytes: Uint8Array): string {
  if (!FILE_NAME.test(name) || name === "cdk.tf.json" || name === "outputs.json") throw new Error(`stack file name "${name}" is not a plain file name of its own`);
  let files = filesOf.get(stack);
  if (!files) filesOf.set(stack, (files = new Map()));
  const earlier = files.get(name);
  if (earlier && !Buffer.from(earlier).equals(Buffer.from(bytes))) throw new Error(`stack file "${name}" was registered twice with different contents`);
  files.set(name, bytes);
  return `\${path.module}/${name}`;
}

/** The files registered on the stack, by name (sorted), for synth to write. */
export function stackFiles(stack: TerraformStack): Array<[string, Uint8Array]> {
  return [...(filesOf.get(stack) ?? new Map<string, Uint8Array>())].sort(([a], [b]) => a.localeCompare(b));
}
