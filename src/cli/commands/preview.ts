// `platform preview <spec> [--plan]`: offline, every resource the spec would create, by phase and
// capability; with --plan, terraform init + plan against the real state, summarized.
import { resolve } from "node:path";
import { missingVariables, parseVars, placeholders, withoutImageCheck } from "../../lifecycle/create-plan.js";
import { renderPlanSummary, summarizePlan } from "../../lifecycle/plan-summary.js";
import { previewSpec, renderPreview } from "../../lifecycle/preview.js";
import { PLAN_FILE, removePlan, synthesizeWorkspace, terraformFor } from "../../lifecycle/workspace.js";
import { checkSpecFiles } from "../../engine/specs.js";
import { requireOneStack, settingsFor, specPaths } from "../args.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";
import { checkOutDir } from "../paths.js";
import { printDiagnostics } from "../report.js";
import { DEFAULT_OUT_DIR } from "./synth.js";

const USAGE = "platform preview <spec> [--env NAME] [--json] [--plan [--var name=value]... [--out DIR]]";

export const preview: Command = {
  name: "preview",
  summary: "show what a spec would create, by phase and capability (offline); --plan asks terraform what would change",
  usage: USAGE,
  options: {
    env: { type: "string" },
    plan: { type: "boolean" },
    json: { type: "boolean" },
    var: { type: "string", multiple: true },
    out: { type: "string", short: "o" },
  },
  withSettings: true,
  async run({ values, positionals }, io) {
    if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? "no spec given" : "preview takes one spec", `usage: ${USAGE}`);
    if (values.json && values.plan) throw new UsageError("--json describes the offline preview; it cannot be combined with --plan");
    const checked = await checkSpecFiles(specPaths(positionals, io.cwd), typeof values.env === "string" ? values.env : undefined);
    requireOneStack(checked.configs, positionals[0]!);
    printDiagnostics(io, checked.files[0]!.diagnostics.map((d) => ({ ...d, file: positionals[0]! })), "text"); // the spec as the user wrote it
    const config = checked.configs[0];
    if (!checked.ok || !config) return EXIT.invalid;
    const settings = settingsFor(io, values, config.file, config.environment);

    if (!values.plan) {
      const result = await previewSpec(config, settings);
      if (values.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
      else for (const line of renderPreview(result)) io.stdout(`${line}\n`);
      return EXIT.ok;
    }

    const outDir = checkOutDir(typeof values.out === "string" ? values.out : DEFAULT_OUT_DIR, io.cwd);
    const workspace = await synthesizeWorkspace(config, settings, outDir);
    const vars = parseVars((values.var as string[] | undefined) ?? [], workspace.json);
    const missing = missingVariables(workspace.json, vars, io.env);
    if (missing.length > 0) {
      io.stderr(`note: no value for ${missing.join(", ")}; planned with "${placeholders(missing)[missing[0]!]}", so what uses ${missing.length === 1 ? "it" : "them"} shows as changing\n`);
    }
    const terraform = terraformFor(io, workspace.dir);
    try {
      await terraform.init();
      // Placeholder tags are in no repository: the images check is off for this plan, which is never applied.
      const planVars = { ...vars, ...placeholders(missing) };
      await terraform.plan(PLAN_FILE, { vars: missing.length > 0 ? withoutImageCheck(workspace.json, planVars) : planVars });
      const summary = summarizePlan(await terraform.showJson(PLAN_FILE));
      io.stdout(`${workspace.name}: plan against the current state\n`);
      for (const line of renderPlanSummary(summary)) io.stdout(`${line}\n`);
    } finally {
      await removePlan(workspace.dir);
    }
    return EXIT.ok;
  },
};
