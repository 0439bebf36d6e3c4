// `platform destroy <name>`: plans the destruction of a service's stack in its synthesized stack
// directory, asks for the name to be typed back (unless --yes), then destroys. Where AWS refuses
// (deletion protection, images in a repository), the error says what to do.
import { resolve } from "node:path";
import { missingVariables, placeholders, parseVars, withoutImageCheck } from "../../lifecycle/create-plan.js";
import { hasChanges, renderPlanSummary, summarizePlan } from "../../lifecycle/plan-summary.js";
import { existingWorkspace, PLAN_FILE, removePlan, terraformFor } from "../../lifecycle/workspace.js";
import { stateKey } from "../../engine/stack.js";
import { missingStackError, settingsFor, stackNameArgument } from "../args.js";
import type { Command } from "../command.js";
import { confirmed, requireConfirmable } from "../confirm.js";
import { EXIT, UsageError } from "../errors.js";
import { DEFAULT_OUT_DIR } from "./synth.js";

const USAGE = "platform destroy <name> [--env NAME] [--yes] [--var name=value]... [--out DIR]";

export const destroy: Command = {
  name: "destroy",
  summary: "destroy every resource of a service's stack (asks for the name to be typed back unless --yes)",
  usage: USAGE,
  options: {
    env: { type: "string" },
    yes: { type: "boolean", short: "y" },
    var: { type: "string", multiple: true },
    out: { type: "string", short: "o" },
  },
  withSettings: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "no stack name given" : "destroy takes one stack name", `usage: ${USAGE}`);
    // An environment's stack is <service>-<environment>; its state is in the service's folder.
    const { service, environment, name } = stackNameArgument(positionals[0]!, values.env);
    const yes = values.yes === true;
    const settings = settingsFor(io, values, undefined, environment);

    const outDir = resolve(io.cwd, typeof values.out === "string" ? values.out : DEFAULT_OUT_DIR);
    const workspace = await existingWorkspace(outDir, name);
    if (!workspace) {
      throw missingStackError(outDir, service, environment, "destroy runs terraform in the stack the spec synthesizes (its providers and backend): run `platform synth <spec>` with the same settings first");
    }
    // After the stack is found: a missing stack is the first thing to fix, whatever the terminal.
    requireConfirmable(io, yes, "destroy");
    // Destroying never runs an image, so tags without a value get a placeholder.
    const vars = parseVars((values.var as string[] | undefined) ?? [], workspace.json);
    const allVars = withoutImageCheck(workspace.json, { ...vars, ...placeholders(missingVariables(workspace.json, vars, io.env)) });
    const where = settings.backend === "s3" ? `s3://${settings.stateBucket}/${stateKey(service, environment)}` : `HCP Terraform workspace ${settings.cloudWorkspacePrefix}${name}`;

    const terraform = terraformFor(io, workspace.dir);
    try {
      await terraform.init();
      await terraform.plan(PLAN_FILE, { vars: allVars, destroy: true });
      const summary = summarizePlan(await terraform.showJson(PLAN_FILE));
      for (const line of renderPlanSummary(summary)) io.stderr(`${line}\n`);
      if (!hasChanges(summary)) {
        io.stdout(`${name}: nothing to destroy (state ${where} holds no resources)\n`);
        return EXIT.ok;
      }
      if (!yes) {
        io.stderr(`This deletes every resource of ${name} listed above (state: ${where}).\n`);
        if (!(await confirmed(io, `Type the stack name (${name}) to destroy it: `, name))) {
          io.stderr("cancelled: nothing was destroyed\n");
          return EXIT.usage;
        }
      }
      await terraform.applyPlan(PLAN_FILE);
    } finally {
      await removePlan(workspace.dir);
    }
    io.stdout(`${name}: destroyed (the state object stays in ${where}, empty, with its history)\n`);
    return EXIT.ok;
  },
};
