// `platform create <spec>`: validate, synthesize, store the declared secrets, then terraform init,
// plan, confirm and apply in the stack directory. Two phases: the image repositories first (they
// start empty), everything else once the image tags are given.
import { resolve } from "node:path";
import { ignoredRegionNote, parameterClient, ssmEndpoint } from "../../lifecycle/aws.js";
import { CREATE_PHASES, decideCreateRun, parseVars, deployVariables, type CreateRun } from "../../lifecycle/create-plan.js";
import { hasChanges, renderPlanSummary, summarizePlan } from "../../lifecycle/plan-summary.js";
import { pushSecrets, secretsFromEnvironment, type SecretValue } from "../../lifecycle/secrets.js";
import type { TerraformRunner } from "../../lifecycle/terraform.js";
import { namespacedOutputs, PLAN_FILE, removePlan, renderOutputs, synthesizeWorkspace, terraformFor, type StackWorkspace } from "../../lifecycle/workspace.js";
import { checkSpecFiles } from "../../engine/specs.js";
import type { EngineSettings } from "../../settings/settings.js";
import { oneOf, requireOneStack, settingsFor, specPaths } from "../args.js";
import type { Command } from "../command.js";
import { confirmed, requireConfirmable } from "../confirm.js";
import { EXIT, UsageError, type ExitCode } from "../errors.js";
import { checkOutDir } from "../paths.js";
import type { Io } from "../io.js";
import { plural, printDiagnostics } from "../report.js";
import { DEFAULT_OUT_DIR } from "./synth.js";

const USAGE = "platform create <spec> [--env NAME] [--yes] [--var name=value]... [--skip-secrets] [--phase auto|repositories|all] [--out DIR]";

export const create: Command = {
  name: "create",
  summary: "create or update a service's stack: secrets to SSM, then terraform init + apply (repositories first, then the rest)",
  usage: USAGE,
  options: {
    env: { type: "string" },
    yes: { type: "boolean", short: "y" },
    var: { type: "string", multiple: true },
    "skip-secrets": { type: "boolean" },
    phase: { type: "string" },
    out: { type: "string", short: "o" },
  },
  withSettings: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "no spec given" : "create takes one spec", `usage: ${USAGE}`);
    const specArg = positionals[0]!;
    const choice = oneOf("phase", values.phase, CREATE_PHASES, "auto");
    const yes = values.yes === true;

    const checked = await checkSpecFiles(specPaths([specArg], io.cwd), typeof values.env === "string" ? values.env : undefined);
    requireOneStack(checked.configs, specArg);
    printDiagnostics(io, checked.files[0]!.diagnostics.map((d) => ({ ...d, file: positionals[0]! })), "text"); // the spec as the user wrote it
    const config = checked.configs[0];
    if (!checked.ok || !config) {
      io.stderr("nothing created: the spec has errors\n");
      return EXIT.invalid;
    }
    // After the spec's own problems (a missing or misspelt --env among them), before anything is done.
    requireConfirmable(io, yes, "create");
    // The environment's settings: its block of the settings file, under the variables and flags.
    const settings = settingsFor(io, values, config.file, config.environment);
    const note = ignoredRegionNote(settings.region, io.env, "the stack", "--region / PLATFORM_REGION");
    if (note) io.stderr(`${note}\n`);

    const outDir = checkOutDir(typeof values.out === "string" ? values.out : DEFAULT_OUT_DIR, io.cwd);
    const workspace = await synthesizeWorkspace(config, settings, outDir);
    io.stderr(`synthesized ${workspace.file} (${plural(workspace.resources, "resource")})\n`);

    const run = decideCreateRun(workspace.json, choice, parseVars((values.var as string[] | undefined) ?? [], workspace.json), io.env, specArg);
    // Checked before terraform starts, so a missing value costs seconds, not an init.
    const secrets = run.phase === "all" && !values["skip-secrets"] ? secretsFromEnvironment(config.serviceName, config.secrets, io.env) : [];
    io.stderr(
      run.phase === "repositories"
        ? `phase 1 of 2: image repositories only (${run.targets.join(", ")}); the rest needs ${run.missing.join(", ")}\n`
        : `applying the whole stack${workspace.json.resource?.aws_ecr_repository ? " (phase 2 of 2)" : ""}\n`,
    );

    const terraform = terraformFor(io, workspace.dir);
    try {
      await terraform.init();
      await terraform.plan(PLAN_FILE, { vars: run.vars, ...(run.phase === "repositories" ? { targets: run.targets } : {}) });
      const summary = summarizePlan(await terraform.showJson(PLAN_FILE));
      for (const line of renderPlanSummary(summary)) io.stderr(`${line}\n`);

      const changes = hasChanges(summary);
      if ((changes || secrets.length > 0) && !yes) {
        const what = [changes ? "apply this plan" : "", secrets.length > 0 ? `store ${plural(secrets.length, "secret")} in SSM` : ""].filter(Boolean).join(" and ");
        if (!(await confirmed(io, `${what[0]!.toUpperCase()}${what.slice(1)} for ${config.serviceName}? Type "yes" to continue: `, "yes"))) {
          io.stderr("cancelled: nothing was applied\n");
          return EXIT.usage;
        }
      }
      await storeSecrets(io, settings, secrets);
      if (changes) await terraform.applyPlan(PLAN_FILE);
      else io.stderr("no changes to apply\n");
    } finally {
      await removePlan(workspace.dir);
    }
    return run.phase === "repositories" ? await reportRepositories(io, terraform, workspace, run, specArg) : await reportOutputs(io, terraform, workspace);
  },
};

async function storeSecrets(io: Io, settings: EngineSettings, secrets: SecretValue[]): Promise<void> {
  if (secrets.length === 0) return;
  await pushSecrets(
    parameterClient(settings, io.env),
    secrets,
    (secret, version) => io.stderr(`secret ${secret.name} -> SSM ${secret.parameter} (SecureString${version ? `, version ${version}` : ""})\n`),
    ssmEndpoint(io.env),
  );
}

async function reportOutputs(io: Io, terraform: TerraformRunner, workspace: StackWorkspace): Promise<ExitCode> {
  const lines = renderOutputs(namespacedOutputs(workspace.outputs, await terraform.outputs()));
  io.stdout(`${workspace.name}: created\n`);
  for (const line of lines) io.stdout(`${line}\n`);
  return EXIT.ok;
}

interface StateJson {
  values?: { root_module?: { resources?: Array<{ address: string; type: string; values?: Record<string, unknown> }> } };
}

/** After the first phase: where to push, and the command that finishes the job. */
async function reportRepositories(io: Io, terraform: TerraformRunner, workspace: StackWorkspace, run: Extract<CreateRun, { phase: "repositories" }>, specArg: string): Promise<ExitCode> {
  const state = await terraform.showJson<StateJson>();
  const repositories = (state.values?.root_module?.resources ?? []).filter((resource) => resource.type === "aws_ecr_repository");
  io.stdout(`${workspace.name}: phase 1 of 2 done: image repositories exist\n`);
  for (const repository of repositories) io.stdout(`  ${repository.address.padEnd(40)}${String(repository.values?.repository_url ?? "")}\n`);
  const variables = deployVariables(workspace.json).filter((variable) => run.missing.includes(variable.name));
  io.stdout("next: build and push each image with a tag unique to the build (e.g. the git SHA; tags are immutable):\n");
  for (const variable of variables) io.stdout(`  ${variable.name}: ${variable.description}\n`);
  io.stdout(`then: platform create ${specArg} ${variables.map((variable) => `--var ${variable.name}=<tag>`).join(" ")}\n`);
  return EXIT.ok;
}
