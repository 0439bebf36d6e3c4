// The cdktf app: synthesizes the specs listed in cdktf.json's `context.specs`, so that
// `cdktf synth`, `cdktf plan <name>` and `cdktf deploy <name>` work on this project as on any cdktf app.
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { App, TerraformStack } from "../providers/cdktf.js";
import { formatDiagnostic, formatFindingLine } from "./cli/format.js";
import { exceptionSummary } from "./cli/report.js";
import { SpecRejectedError } from "./config/diagnostics.js";
import { stackFiles } from "./modules/stack-files.js";
import { buildCheckedStack } from "./engine/policies.js";
import { checkSpecFiles } from "./engine/specs.js";
import { policyErrors } from "./policy/finding.js";
import { resolveSettings, SettingsError } from "./settings/settings.js";

/**
 * Builds every spec named in the app's context into `app` and checks its policies; returns false
 * (after printing why) when any spec is invalid or any stack breaks a policy.
 */
export async function buildApp(app: App, baseDir: string, env: NodeJS.ProcessEnv, stderr: (text: string) => void): Promise<boolean> {
  const specs = app.node.tryGetContext("specs") as unknown;
  if (!Array.isArray(specs) || specs.length === 0 || !specs.every((s) => typeof s === "string")) {
    stderr('cdktf.json: context.specs must list the platform.yaml files to synthesize, e.g. ["fixtures/platform-minimal.yaml"]\n');
    return false;
  }
  let settings;
  try {
    settings = resolveSettings({}, env);
  } catch (error) {
    if (error instanceof SettingsError) {
      stderr(`${error.message}\n`);
      return false;
    }
    throw error;
  }
  const checked = await checkSpecFiles(specs.map((spec: string) => resolve(baseDir, spec)));
  for (const check of checked.files) for (const d of check.diagnostics) stderr(`${formatDiagnostic(d)}\n`);
  if (!checked.ok) return false;
  let passed = true;
  for (const config of checked.configs) {
    let findings;
    try {
      ({ findings } = await buildCheckedStack(app, config, settings));
    } catch (error) {
      if (!(error instanceof SpecRejectedError)) throw error;
      for (const d of error.diagnostics) stderr(`${formatDiagnostic(d)}\n`);
      passed = false;
      continue;
    }
    // Errors one by one; declared exceptions once per stack, as `platform synth` reports them.
    for (const finding of policyErrors(findings)) stderr(`${formatFindingLine(finding)}\n`);
    for (const line of exceptionSummary(findings)) stderr(`${config.serviceName}: declared policy exception: ${line}\n`);
    if (policyErrors(findings).length > 0) passed = false;
  }
  return passed;
}

/**
 * Writes the files stacks keep beside their Terraform (the webhook gateway's zip) into the folders
 * cdktf's synth wrote (<outdir>/stacks/<name>), as `platform synth` does.
 */
export function writeStackFiles(app: App): void {
  for (const child of app.node.children) {
    if (!(child instanceof TerraformStack)) continue;
    for (const [name, bytes] of stackFiles(child)) writeFileSync(join(app.outdir, "stacks", child.node.id, name), bytes);
  }
}

export async function runApp(): Promise<number> {
  // cdktf-cli passes the output folder (CDKTF_OUTDIR) and cdktf.json's context (CDKTF_CONTEXT_JSON).
  const app = new App({ stackTraces: false });
  if (!(await buildApp(app, process.cwd(), process.env, (text) => process.stderr.write(text)))) return 1;
  app.synth();
  writeStackFiles(app);
  return 0;
}
