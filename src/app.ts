// The cdktf app: synthesizes the specs listed in cdktf.json's `context.specs` (and of a spec with
// environments, those `context.environments` or the entry's `environments` name; else every one), so that
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
import { hostClaims, hostCollisions } from "./engine/claims.js";
import { policyErrors } from "./policy/finding.js";
import { unknownEnvironment } from "./config/environments.js";
import { SettingsError } from "./settings/settings.js";
import { gatherSettings, misspeltEnvironmentBlocks, stackSettings } from "./settings/sources.js";

/** One entry of `context.specs`: a spec, and the environments of it to synthesize (absent: all). */
interface SpecEntry {
  file: string;
  environments?: string[];
  /** The environments are context.environments (shared by every entry): a spec without environments is then just its one stack. */
  shared?: boolean;
}

const isNameList = (value: unknown): value is string[] => Array.isArray(value) && value.every((item) => typeof item === "string");

const SPECS_USAGE =
  'cdktf.json: context.specs must list the platform.yaml files to synthesize, e.g. ["fixtures/platform-minimal.yaml"], or entries such as {"spec": "fixtures/platform-environments.yaml", "environments": ["staging"]}';

/**
 * `context.specs` (each a path, or `{spec, environments}`) with `context.environments` (for the
 * entries that name none): which specs, and which of their environments, `cdktf synth` sees.
 */
function specEntries(specs: unknown, environments: unknown, baseDir: string): SpecEntry[] | string {
  if (!Array.isArray(specs) || specs.length === 0) return SPECS_USAGE;
  if (environments !== undefined && !isNameList(environments)) return 'cdktf.json: context.environments must be a list of environment names, e.g. ["staging"]';
  const EMPTY = "cdktf.json: an empty list of environments synthesizes nothing: name at least one environment, or leave the list out for every environment";
  if (Array.isArray(environments) && environments.length === 0) return EMPTY;
  const entries: SpecEntry[] = [];
  for (const entry of specs as unknown[]) {
    if (typeof entry === "string") {
      entries.push({ file: resolve(baseDir, entry), ...(environments === undefined ? {} : { environments: environments as string[], shared: true }) });
      continue;
    }
    const object = entry !== null && typeof entry === "object" && !Array.isArray(entry) ? (entry as Record<string, unknown>) : undefined;
    const unknownKeys = object ? Object.keys(object).filter((key) => key !== "spec" && key !== "environments") : [];
    if (!object || typeof object.spec !== "string" || (object.environments !== undefined && !isNameList(object.environments)) || unknownKeys.length > 0) return SPECS_USAGE;
    if (Array.isArray(object.environments) && object.environments.length === 0) return EMPTY;
    const chosen = (object.environments as string[] | undefined) ?? (environments as string[] | undefined);
    entries.push({ file: resolve(baseDir, object.spec), ...(chosen === undefined ? {} : { environments: chosen, shared: object.environments === undefined }) });
  }
  return entries;
}

/**
 * Builds every spec named in the app's context into `app` (a spec with environments: one stack per
 * environment, or per environment the context names) and checks its policies; returns false
 * (after printing why) when any spec or settings file is invalid or any stack breaks a policy.
 * Each stack's settings come from the PLATFORM_* variables and the settings file its spec finds
 * (or `context.settings` / PLATFORM_SETTINGS), as for `platform synth`.
 */
export async function buildApp(app: App, baseDir: string, env: NodeJS.ProcessEnv, stderr: (text: string) => void): Promise<boolean> {
  const entries = specEntries(app.node.tryGetContext("specs"), app.node.tryGetContext("environments"), baseDir);
  if (typeof entries === "string") {
    stderr(`${entries}\n`);
    return false;
  }
  const settingsFile = app.node.tryGetContext("settings") as unknown;
  if (settingsFile !== undefined && typeof settingsFile !== "string") {
    stderr("cdktf.json: context.settings must be the path of a platform-settings.yaml\n");
    return false;
  }
  let sources;
  try {
    const explicit = settingsFile === undefined ? undefined : resolve(baseDir, settingsFile);
    const gathered = gatherSettings({}, env, baseDir, entries.map((entry) => entry.file), explicit);
    for (const d of gathered.diagnostics) stderr(`${formatDiagnostic(d)}\n`);
    if (gathered.diagnostics.length > 0) return false;
    sources = gathered.sources;
  } catch (error) {
    if (error instanceof SettingsError) {
      stderr(`${error.message}\n`);
      return false;
    }
    throw error;
  }
  const checked = await checkSpecFiles(entries.map((entry) => entry.file));
  for (const check of checked.files) for (const d of check.diagnostics) stderr(`${formatDiagnostic(d)}\n`);
  if (!checked.ok) return false;
  // The environments the context names must be ones the spec declares.
  let named = true;
  for (const [index, entry] of entries.entries()) {
    const declared = checked.files[index]!.config!.environments;
    for (const environment of entry.environments ?? []) {
      if (declared.includes(environment)) continue;
      if (declared.length === 0 && entry.shared) continue;
      stderr(`${formatDiagnostic(unknownEnvironment(entry.file, environment, declared))} (cdktf.json context)\n`);
      named = false;
    }
  }
  if (!named) return false;
  const chosen = checked.configs.filter((config) => {
    if (config.environment === undefined) return true;
    const entry = entries.find((each) => each.file === config.file);
    return entry?.environments === undefined || entry.environments.includes(config.environment);
  });
  // An environment without a block in the settings file, where one is named close to it: as `platform synth` says.
  for (const [index, entry] of entries.entries()) {
    const config = checked.files[index]!.config!;
    const synthesized = chosen.filter((each) => each.file === config.file && each.environment !== undefined).map((each) => each.environment!);
    for (const d of misspeltEnvironmentBlocks(sources, entry.file, config.environments, synthesized, (path, at) => config.locate(path, at))) stderr(`${formatDiagnostic(d)}\n`);
  }
  // Two stacks built here that would create one host name in one Cloudflare zone (as `platform
  // synth` refuses them, src/engine/batch.ts).
  const settingsOf = new Map(chosen.map((config) => [config, stackSettings(sources, config.file, config.environment)]));
  const hostsTaken = hostCollisions(chosen.map((config) => ({ file: config.file, claims: hostClaims(config, settingsOf.get(config)!) })));
  for (const d of hostsTaken) stderr(`${formatDiagnostic(d)}\n`);
  if (hostsTaken.length > 0) return false;
  let passed = true;
  for (const config of chosen) {
    let findings;
    try {
      ({ findings } = await buildCheckedStack(app, config, settingsOf.get(config)!));
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
