// `platform outputs <name>`: the outputs of a service's deployed stack, by namespaced key
// (`compute.service_url`, from the output manifest outputs.json beside the synthesized stack), read
// by terraform from the stack's state. terraform runs in a folder of
// its own holding only the synthesized stack's backend: reading outputs needs no provider, so it
// works offline and downloads nothing.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { existingWorkspace, namespacedOutputs, renderOutputs } from "../../lifecycle/workspace.js";
import { TerraformRunner } from "../../lifecycle/terraform.js";
import { missingStackError, stackNameArgument } from "../args.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";
import { DEFAULT_OUT_DIR } from "./synth.js";

const USAGE = "platform outputs <name> [--env NAME] [--json] [--out DIR]";

export const outputs: Command = {
  name: "outputs",
  summary: "print a deployed stack's outputs by namespaced key, read from its state (sensitive values hidden)",
  usage: USAGE,
  options: { json: { type: "boolean" }, env: { type: "string" }, out: { type: "string", short: "o" } },
  withSettings: false,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "no stack name given" : "outputs takes one stack name", `usage: ${USAGE}`);
    const { service, environment, name } = stackNameArgument(positionals[0]!, values.env);
    const outDir = resolve(io.cwd, typeof values.out === "string" ? values.out : DEFAULT_OUT_DIR);
    const workspace = await existingWorkspace(outDir, name);
    if (!workspace) {
      throw missingStackError(outDir, service, environment, "outputs reads the state through the backend the spec synthesizes: run `platform synth <spec>` with the same settings first");
    }
    const { required_providers: _providers, ...terraformBlock } = (workspace.json.terraform ?? {}) as Record<string, unknown>;
    const dir = await mkdtemp(join(tmpdir(), "platform-outputs-"));
    try {
      await writeFile(join(dir, "main.tf.json"), JSON.stringify({ terraform: terraformBlock }, null, 2));
      // terraform's own output is kept for the error explanation only: stdout carries the outputs.
      const terraform = new TerraformRunner({ dir, env: io.env, onOutput: () => {}, onProgress: () => {} });
      await terraform.init();
      const raw = await terraform.outputs();
      const entries = namespacedOutputs(workspace.outputs, raw);
      if (values.json) {
        // Sensitive values stay out of the output: their presence is all it says.
        const byKey = entries.map(({ key, name: output }) => [key, { name: output, sensitive: raw[output]!.sensitive, ...(raw[output]!.sensitive ? {} : { value: raw[output]!.value }) }]);
        io.stdout(`${JSON.stringify(Object.fromEntries(byKey), null, 2)}\n`);
      } else if (entries.length === 0) {
        io.stdout(`${name}: no outputs in the state (not created yet, or destroyed)\n`);
      } else {
        for (const line of renderOutputs(entries)) io.stdout(`${line}\n`);
      }
      return EXIT.ok;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
