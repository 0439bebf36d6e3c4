// Where each stack's settings come from: flags, PLATFORM_* variables and the platform settings file
// its spec finds. Gathered once per command (the files read and checked up front), as plain data so
// that it crosses into worker threads; each stack's settings are then resolved from it.
import { dirname, relative, resolve } from "node:path";
import { formatPath, pointRange, type Diagnostic, type SourceRange, type SpecPath } from "../config/diagnostics.js";
import { closest } from "../config/suggest.js";
import { findSettingsFile, loadSettingsFile, SETTINGS_FILE_VARIABLE, type LoadedSettingsFile } from "./file.js";
import { EngineSettings, envVarFor, resolveSettings, resolveWithOrigins, SettingsError, type SettingName } from "./settings.js";

/** Key of `fileOf` for a command that acts on no spec (`list`, `destroy`, `setup`): the working directory's file. */
export const NO_SPEC = "";

export interface SettingsSources {
  flags: Partial<Record<SettingName, string>>;
  /** The PLATFORM_* variables of the settings (only those). */
  variables: Record<string, string>;
  /** Each settings file in use, checked, by path. */
  files: Record<string, LoadedSettingsFile>;
  /** The settings file of each spec (by the path the command passes around); a spec absent here has none. */
  fileOf: Record<string, string>;
}

/** No flags, no variables, no file: the engine defaults for every stack. */
export const engineDefaults = (): SettingsSources => ({ flags: {}, variables: {}, files: {}, fileOf: {} });

/** The PLATFORM_* variables of the settings in `env`. */
export function settingVariables(env: NodeJS.ProcessEnv): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const name of Object.keys(EngineSettings.properties) as SettingName[]) {
    const value = env[envVarFor(name)];
    if (value !== undefined) variables[envVarFor(name)] = value;
  }
  return variables;
}

/**
 * The settings of one stack: `spec`'s settings file (its defaults, then its block for
 * `environment`), under the variables and the flags. Throws SettingsError (naming the flag, the
 * variable or the file position) when they do not make valid settings.
 */
export function stackSettings(sources: SettingsSources, spec: string, environment?: string): EngineSettings {
  return explainSettings(sources, spec, environment).settings;
}

/** As stackSettings, with where each setting came from (absent: the engine default) and the settings file in use. */
export function explainSettings(
  sources: SettingsSources,
  spec: string,
  environment?: string,
): { settings: EngineSettings; origins: Partial<Record<SettingName, string>>; file?: string } {
  const path = sources.fileOf[spec];
  const file = path === undefined ? undefined : sources.files[path];
  const shared = resolveWithOrigins(sources.flags, sources.variables, file ? [file.defaults] : []);
  const block = environment === undefined || !file || !Object.hasOwn(file.environments, environment) ? undefined : file.environments[environment];
  if (!file || !block) return { ...shared, ...(file ? { file: file.file } : {}) };
  const resolved = resolveWithOrigins(sources.flags, sources.variables, [file.defaults, block]);
  // Its own zone: the block names a zone-id parameter, and it is the one in effect (no flag or
  // variable replaced it for every stack alike) and another than the shared one.
  const ownZone = block.values.cloudflareZoneIdParameter !== undefined && resolved.settings.cloudflareZoneIdParameter !== shared.settings.cloudflareZoneIdParameter;
  return { settings: ownZone ? { ...resolved.settings, environmentZone: true } : resolved.settings, origins: resolved.origins, file: file.file };
}

export interface GatheredSettings {
  sources: SettingsSources;
  /** Problems of the settings files (positioned); `sources` then leaves the files with problems out. */
  diagnostics: Diagnostic[];
}

/**
 * Gathers the sources for a command: the explicit file (`--settings`, else PLATFORM_SETTINGS,
 * relative to `cwd`), else for each spec the first platform-settings.yaml walking up from its
 * folder (for a command without specs, from `cwd`). Each file is read and checked once, and then
 * resolved for its defaults and each of its environment blocks, so a combination that cannot work
 * (backend `cloud` without an organization) is reported at once, at its position. Flags and
 * variables that are invalid whatever the file says throw SettingsError naming them.
 */
export function gatherSettings(flags: Partial<Record<SettingName, string>>, env: NodeJS.ProcessEnv, cwd: string, specs: readonly string[], explicit?: string): GatheredSettings {
  const variables = settingVariables(env);
  const given = explicit ?? env[SETTINGS_FILE_VARIABLE];
  const fileOf: Record<string, string> = {};
  // Many specs share a folder: each folder is looked up once.
  const byFolder = new Map<string, string | undefined>();
  const lookUp = (folder: string) => {
    if (!byFolder.has(folder)) byFolder.set(folder, findSettingsFile(folder));
    return byFolder.get(folder);
  };
  for (const spec of specs.length > 0 ? specs : [NO_SPEC]) {
    const found = given !== undefined && given !== "" ? resolve(cwd, given) : lookUp(spec === NO_SPEC ? cwd : dirname(spec));
    if (found) fileOf[spec] = found;
  }
  const files: Record<string, LoadedSettingsFile> = {};
  const diagnostics: Diagnostic[] = [];
  for (const path of new Set(Object.values(fileOf))) {
    const loaded = loadSettingsFile(path);
    diagnostics.push(...loaded.diagnostics);
    if (!loaded.settings) continue;
    const problems = combinationProblems(loaded.settings, flags, variables);
    diagnostics.push(...problems);
    if (problems.length === 0) files[path] = loaded.settings;
  }
  for (const [spec, path] of Object.entries(fileOf)) if (!files[path]) delete fileOf[spec];
  // A flag or variable that is wrong alone is wrong for every stack: said once, naming it (and for
  // a stack without a file, so is backend `cloud` without an organization).
  const withoutFile = (specs.length > 0 ? specs : [NO_SPEC]).some((spec) => fileOf[spec] === undefined);
  resolveFlagsAlone(flags, variables, withoutFile);
  return { sources: { flags, variables, files, fileOf }, diagnostics };
}

function resolveFlagsAlone(flags: SettingsSources["flags"], variables: Record<string, string>, complete: boolean): void {
  try {
    resolveSettings(flags, variables);
  } catch (error) {
    // Unless every stack has a file, which may complete backend `cloud` with an organization.
    if (!(error instanceof SettingsError) || complete || !/needs an organization/.test(error.message)) throw error;
  }
}

/** The file's defaults and each environment block, resolved with the flags and variables: what does not fit together, positioned. */
function combinationProblems(file: LoadedSettingsFile, flags: SettingsSources["flags"], variables: Record<string, string>): Diagnostic[] {
  const problems = new Map<string, Diagnostic>();
  const blocks = [[file.defaults], ...Object.values(file.environments).map((block) => [file.defaults, block])];
  for (const layers of blocks) {
    try {
      resolveSettings(flags, variables, layers);
    } catch (error) {
      if (!(error instanceof SettingsError)) throw error;
      // From a flag or variable: the command line is wrong, not the file.
      if (!error.position) throw error;
      const { line, column, path } = error.position;
      problems.set(`${line}:${column}`, {
        severity: "error",
        code: "settings/invalid",
        file: file.file,
        ...pointRange(line, column),
        path,
        message: error.message.replace(/; "cloud" comes from .*$/, ""),
        hint: "set cloudOrganization beside backend (or in defaults), or pass --cloud-organization",
      });
    }
  }
  return [...problems.values()];
}

/**
 * A spec's environments that have no block in its settings file while a block that no environment
 * of the spec has is named close to one (`prdo` beside `prod`): a misspelt block, which would leave
 * that environment's stack on the file's defaults (another account, bucket, zone). A warning at the
 * spec's environment, with a did-you-mean; a block for an environment of other specs is fine.
 */
export function misspeltEnvironmentBlocks(
  sources: SettingsSources,
  spec: string,
  declared: readonly string[],
  checked: readonly string[],
  locate: (path: SpecPath, at?: "key" | "value") => SourceRange,
): Diagnostic[] {
  const path = sources.fileOf[spec];
  const file = path === undefined ? undefined : sources.files[path];
  if (!file) return [];
  const blocks = Object.keys(file.environments);
  const spare = blocks.filter((block) => !declared.includes(block));
  const shown = relative(dirname(spec), file.file) || file.file;
  return checked.flatMap((environment): Diagnostic[] => {
    if (blocks.includes(environment)) return [];
    const suggestion = closest(environment, spare);
    if (suggestion === undefined) return [];
    return [
      {
        severity: "warning",
        code: "settings/environment-block",
        file: spec,
        ...locate(["environments", environment], "key"),
        path: formatPath(["environments", environment]),
        message: `environment "${environment}" has no block in the platform settings file ${shown}, so its stack takes the file's defaults; did you mean the block "${suggestion}"?`,
        hint: `a block applies to the environment of exactly its name: rename environments.${suggestion} in the settings file to ${environment}`,
      },
    ];
  });
}
