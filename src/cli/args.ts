// Command-line parsing: each command declares its options; engine-setting flags (--region, ...)
// are accepted by every command that synthesizes.
import { SERVICE_NAME_PATTERN } from "../../schema/shared.js";
import { MAX_ENVIRONMENT_NAME_LENGTH } from "../config/environments.js";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { SETTINGS_FILE_NAME, SETTINGS_FILE_VARIABLE } from "../settings/file.js";
import { type EngineSettings as ResolvedSettings, EngineSettings, envVarFor, flagFor, SettingsError, type SettingName } from "../settings/settings.js";
import { gatherSettings, NO_SPEC, stackSettings, type GatheredSettings, type SettingsSources } from "../settings/sources.js";
import { echo } from "../support/echo.js";
import { CliError, EXIT, UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { printDiagnostics } from "./report.js";
import { closest } from "./suggest.js";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

const SETTING_OPTIONS: OptionSpec = {
  ...Object.fromEntries((Object.keys(EngineSettings.properties) as SettingName[]).map((name) => [flagFor(name).slice(2), { type: "string" as const }])),
  settings: { type: "string" },
};

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Every option a command accepts: its own, the engine settings (when it synthesizes), --debug and --help. */
export function allOptions(options: OptionSpec, withSettings: boolean): OptionSpec {
  return { ...options, ...(withSettings ? SETTING_OPTIONS : {}), debug: { type: "boolean" }, help: { type: "boolean", short: "h" } };
}

/** A usage problem found while reading the arguments (turned into a UsageError as parseArgs' own). */
class CliUsage extends Error {}

export function parseCommandArgs(argv: string[], options: OptionSpec, withSettings: boolean, command?: string): ParsedArgs {
  const accepted = allOptions(options, withSettings);
  try {
    const { values, positionals, tokens } = parseArgs({ args: argv, options: accepted, allowPositionals: true, strict: true, tokens: true });
    // An option that takes one value, given twice with different ones: parseArgs keeps the last
    // silently (`--env dev --env prod` would act on prod alone).
    const given = new Map<string, string[]>();
    for (const token of tokens ?? []) {
      if (token.kind !== "option" || accepted[token.name]?.multiple || typeof token.value !== "string") continue;
      given.set(token.name, [...(given.get(token.name) ?? []), token.value]);
    }
    for (const [name, list] of given) {
      if (new Set(list).size > 1) throw new CliUsage(`--${name} given ${list.length === 2 ? "twice" : `${list.length} times`} (${list.map((value) => JSON.stringify(value)).join(", ")}); give it once`);
    }
    return { values: values as ParsedArgs["values"], positionals };
  } catch (error) {
    if (error instanceof CliUsage) throw new UsageError(error.message);
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, "");
    // A mistyped flag: say which one was meant.
    const unknown = /^Unknown option '--([^']+)'/.exec(message)?.[1];
    const meant = unknown === undefined ? undefined : closest(unknown.split("=")[0]!, Object.keys(accepted));
    if (meant) throw new UsageError(`${message}; did you mean --${meant}?`);
    // No close flag, or a flag without its value: say where the options are listed.
    const listed = `see platform help${command ? ` ${command}` : ""} for the options`;
    const valueless = /^Option '(?:-\w, )?(--[\w-]+) <value>' argument missing/.exec(message)?.[1];
    throw new UsageError(message, valueless ? `give ${valueless} a value (${valueless} <value>); ${listed}` : listed);
  }
}

/** The engine-setting flags with the environment variable each can come from, for help texts. */
export function settingFlags(): string[] {
  return [
    `--settings <file>  (or ${SETTINGS_FILE_VARIABLE}; default: the first ${SETTINGS_FILE_NAME} in the spec's folder or above, up to the repository root)`,
    ...(Object.keys(EngineSettings.properties) as SettingName[]).map((name) => `${flagFor(name)} <value>  (or ${envVarFor(name)})`),
  ];
}

/**
 * The spec files named on the command line, resolved against the working directory. A path that
 * does not exist is a usage error naming it (exit 2): the command line is wrong, not a spec.
 */
export function specPaths(positionals: string[], cwd: string): string[] {
  const resolved = positionals.map((file) => resolve(cwd, file));
  const missing = positionals.filter((_, index) => !existsSync(resolved[index]!));
  if (missing.length > 0) {
    throw new UsageError(`${missing.map((file) => `${echo(file)}: no such file`).join("; ")}`, "give the path of a platform.yaml, relative to the working directory");
  }
  // A folder is a mistake of the command line too (the specs in it are not read one by one).
  const folders = positionals.filter((_, index) => statSync(resolved[index]!).isDirectory());
  if (folders.length > 0) {
    throw new UsageError(
      `${folders.map((folder) => `${echo(folder)}: is a directory`).join("; ")}`,
      `give the path of a platform.yaml; for every spec under a folder, let the shell list them: ${echo(`${folders[0]!.replace(/\/+$/, "")}/*/platform.yaml`)}`,
    );
  }
  return resolved;
}

/** The setting flags given on the command line. */
function settingFlagValues(values: ParsedArgs["values"]): Partial<Record<SettingName, string>> {
  const flags: Partial<Record<SettingName, string>> = {};
  for (const name of Object.keys(EngineSettings.properties) as SettingName[]) {
    const value = values[flagFor(name).slice(2)];
    if (typeof value === "string") flags[name] = value;
  }
  return flags;
}

/**
 * Where each stack's settings come from (flags, variables, the settings file of each spec: see
 * src/settings/sources.ts), with the settings files' problems as positioned diagnostics. `specs`
 * are absolute paths; a command without specs looks for the settings file from `cwd`. A flag or
 * variable with a wrong value, or a --settings file that does not exist, is a usage error.
 */
export function settingsSourcesFrom(values: ParsedArgs["values"], env: NodeJS.ProcessEnv, cwd: string, specs: readonly string[] = []): GatheredSettings {
  const explicit = typeof values.settings === "string" ? values.settings : undefined;
  const given = explicit ?? env[SETTINGS_FILE_VARIABLE];
  if (given !== undefined && given !== "" && !existsSync(resolve(cwd, given))) {
    throw new UsageError(
      `${explicit !== undefined ? "--settings" : SETTINGS_FILE_VARIABLE} ${echo(given)}: no such file`,
      `give the path of a ${SETTINGS_FILE_NAME}, relative to the working directory (or leave it out: the file is then looked for from the spec's folder up)`,
    );
  }
  try {
    return gatherSettings(settingFlagValues(values), env, cwd, specs, explicit);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * The settings of one stack from gathered sources; a combination that fails only here (it was
 * reported by the file check otherwise) is a usage error.
 */
export function settingsOf(sources: SettingsSources, spec: string, environment?: string): ResolvedSettings {
  try {
    return stackSettings(sources, spec, environment);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
}

/** A path as the user sees it: relative to the working directory when inside it. */
export const shownPath = (cwd: string, file: string) => (file.startsWith(`${cwd}/`) ? file.slice(cwd.length + 1) : file);

/** Which settings file the walk-up picked is not obvious: said on stderr once per file in use (nothing when none is). */
export function announceSettingsFiles(io: Io, sources: SettingsSources): void {
  for (const file of Object.keys(sources.files)) io.stderr(`platform settings file: ${shownPath(io.cwd, file)}\n`);
}

/**
 * The gathered sources of a command that needs valid settings: the settings files' problems are
 * printed (all of them, positioned) and stop the command with exit 1 before anything runs.
 */
export function checkedSettingsSources(io: Io, values: ParsedArgs["values"], specs: readonly string[] = []): SettingsSources {
  const { sources, diagnostics } = settingsSourcesFrom(values, io.env, io.cwd, specs);
  if (diagnostics.length === 0) {
    announceSettingsFiles(io, sources);
    return sources;
  }
  printDiagnostics(io, diagnostics.map((d) => ({ ...d, file: shownPath(io.cwd, d.file) })), "text");
  const files = [...new Set(diagnostics.map((d) => shownPath(io.cwd, d.file)))];
  throw new CliError(`nothing done: ${diagnostics.length === 1 ? "1 error" : `${diagnostics.length} errors`} in the platform settings file ${files.join(", ")}`, EXIT.invalid);
}

/**
 * The settings of the one stack a command acts on: `spec`'s (absolute path) with its settings file,
 * or for a command without a spec, the working directory's settings file; `environment`'s block.
 */
export function settingsFor(io: Io, values: ParsedArgs["values"], spec?: string, environment?: string): ResolvedSettings {
  const sources = checkedSettingsSources(io, values, spec === undefined ? [] : [spec]);
  if (spec === undefined) warnCloseBlock(io, sources, environment);
  return settingsOf(sources, spec ?? NO_SPEC, environment);
}

/**
 * A command without a spec (`list`, `setup`, `destroy`, `settings`) has only the settings file's
 * blocks to check `--env` against, and an environment without a block is allowed (it takes the
 * defaults): a name close to a block's (`prd` for `prod`) is said on stderr, so a typo does not
 * quietly act on the defaults' bucket or account.
 */
export function warnCloseBlock(io: Io, sources: SettingsSources, environment: string | undefined): void {
  const path = sources.fileOf[NO_SPEC];
  const file = path === undefined ? undefined : sources.files[path];
  if (environment === undefined || !file || Object.hasOwn(file.environments, environment)) return;
  const suggestion = closest(environment, Object.keys(file.environments));
  if (suggestion === undefined) return;
  io.stderr(`${shownPath(io.cwd, file.file)}: warning: no block for environment ${JSON.stringify(environment)} under environments, so it takes the defaults; did you mean ${JSON.stringify(suggestion)}?\n`);
}

export function oneOf<T extends string>(flag: string, value: unknown, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value === "string" && (allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`--${flag} must be one of ${allowed.join(", ")}; got ${JSON.stringify(value)}`);
}

/** Commands that act on one stack: a spec with environments needs --env to choose one. */
export function requireOneStack(configs: ReadonlyArray<{ environment?: string }>, spec: string): void {
  if (configs.length <= 1) return;
  throw new UsageError(`${spec} declares environments (${configs.map((c) => c.environment).join(", ")}): choose one with --env NAME`);
}

const SERVICE_NAME = new RegExp(SERVICE_NAME_PATTERN);

/**
 * The stack a command that takes a stack name acts on: `<service>`, or `<service>-<env>` with
 * `--env` (an environment's stack). Both are checked so a path never reaches the file system.
 */
export function stackNameArgument(service: string, env: unknown): { service: string; environment?: string; name: string } {
  if (!SERVICE_NAME.test(service)) throw new UsageError(`"${service}" is not a service name`, "give the stack's name (metadata.name of its spec), as `platform list` shows it");
  const environment = environmentArgument(env);
  if (environment === undefined) return { service, name: service };
  return { service, environment, name: `${service}-${environment}` };
}

/** `--env` of a command without a spec to check it against: absent, or a name a spec could declare (else a usage error). */
export function environmentArgument(env: unknown): string | undefined {
  if (typeof env !== "string") return undefined;
  if (!SERVICE_NAME.test(env) || env.length > MAX_ENVIRONMENT_NAME_LENGTH) {
    throw new UsageError(`"${env}" is not an environment name`, `environment names follow the service-name rule, ${MAX_ENVIRONMENT_NAME_LENGTH} characters at most`);
  }
  return env;
}

/**
 * The error for a stack name with no synthesized stack in `outDir`: when the service has stacks of
 * environments there (`orders-dev`, ...), which ones and the `--env` to give (or the one meant by
 * a misspelt `--env`); otherwise `hint` (synthesize first).
 */
export function missingStackError(outDir: string, service: string, environment: string | undefined, hint: string): UsageError {
  const name = environment === undefined ? service : `${service}-${environment}`;
  let entries: string[] = [];
  try {
    entries = readdirSync(join(outDir, "stacks"));
  } catch {
    // No synthesis there at all: the hint says to synthesize.
  }
  const environments = entries
    .filter((entry) => entry.startsWith(`${service}-`) && existsSync(join(outDir, "stacks", entry, "cdk.tf.json")))
    .map((entry) => entry.slice(service.length + 1))
    .filter((rest) => SERVICE_NAME.test(rest) && rest.length <= MAX_ENVIRONMENT_NAME_LENGTH)
    .sort();
  const where = `no synthesized stack for ${name} in ${outDir}/stacks`;
  if (environments.length === 0) return new UsageError(where, hint);
  if (environment === undefined) return new UsageError(`${where}; ${service} has stacks of environments there: ${environments.join(", ")}: give one with --env NAME`);
  const suggestion = closest(environment, environments);
  return new UsageError(`${where}${suggestion ? `; did you mean --env ${suggestion}?` : ""}`, `${service} has stacks of environments there: ${environments.join(", ")}`);
}
