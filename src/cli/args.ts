// Command-line parsing: each command declares its options; engine-setting flags (--region, ...)
// are accepted by every command that synthesizes.
import { SERVICE_NAME_PATTERN } from "../../schema/shared.js";
import { MAX_ENVIRONMENT_NAME_LENGTH } from "../config/environments.js";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { EngineSettings, envVarFor, flagFor, resolveSettings, SettingsError, type SettingName } from "../settings/settings.js";
import { echo } from "../support/echo.js";
import { UsageError } from "./errors.js";
import { closest } from "./suggest.js";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

const SETTING_OPTIONS: OptionSpec = Object.fromEntries(
  (Object.keys(EngineSettings.properties) as SettingName[]).map((name) => [flagFor(name).slice(2), { type: "string" as const }]),
);

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

/** Every option a command accepts: its own, the engine settings (when it synthesizes), --debug and --help. */
export function allOptions(options: OptionSpec, withSettings: boolean): OptionSpec {
  return { ...options, ...(withSettings ? SETTING_OPTIONS : {}), debug: { type: "boolean" }, help: { type: "boolean", short: "h" } };
}

export function parseCommandArgs(argv: string[], options: OptionSpec, withSettings: boolean): ParsedArgs {
  const accepted = allOptions(options, withSettings);
  try {
    const { values, positionals } = parseArgs({ args: argv, options: accepted, allowPositionals: true, strict: true });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (error) {
    const message = (error as Error).message.replace(/\. To specify a positional argument.*$/s, "");
    // A mistyped flag: say which one was meant.
    const unknown = /^Unknown option '--([^']+)'/.exec(message)?.[1];
    const meant = unknown === undefined ? undefined : closest(unknown.split("=")[0]!, Object.keys(accepted));
    throw new UsageError(meant ? `${message}; did you mean --${meant}?` : message);
  }
}

/** The engine-setting flags with the environment variable each can come from, for help texts. */
export function settingFlags(): string[] {
  return (Object.keys(EngineSettings.properties) as SettingName[]).map((name) => `${flagFor(name)} <value>  (or ${envVarFor(name)})`);
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
  return resolved;
}

/** Engine settings from the parsed flags and the environment. */
export function settingsFrom(values: ParsedArgs["values"], env: NodeJS.ProcessEnv) {
  const flags: Partial<Record<SettingName, string>> = {};
  for (const name of Object.keys(EngineSettings.properties) as SettingName[]) {
    const value = values[flagFor(name).slice(2)];
    if (typeof value === "string") flags[name] = value;
  }
  try {
    return resolveSettings(flags, env);
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(error.message);
    throw error;
  }
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
  if (typeof env !== "string") return { service, name: service };
  if (!SERVICE_NAME.test(env) || env.length > MAX_ENVIRONMENT_NAME_LENGTH) {
    throw new UsageError(`"${env}" is not an environment name`, `environment names follow the service-name rule, ${MAX_ENVIRONMENT_NAME_LENGTH} characters at most`);
  }
  return { service, environment: env, name: `${service}-${env}` };
}
