// Command-line parsing: each command declares its options; engine-setting flags (--region, ...)
// are accepted by every command that synthesizes.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { EngineSettings, flagFor, resolveSettings, SettingsError, type SettingName } from "../settings/settings.js";
import { UsageError } from "./errors.js";

export type OptionSpec = NonNullable<ParseArgsConfig["options"]>;

const SETTING_OPTIONS: OptionSpec = Object.fromEntries(
  (Object.keys(EngineSettings.properties) as SettingName[]).map((name) => [flagFor(name).slice(2), { type: "string" as const }]),
);

export interface ParsedArgs {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
}

export function parseCommandArgs(argv: string[], options: OptionSpec, withSettings: boolean): ParsedArgs {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: { ...options, ...(withSettings ? SETTING_OPTIONS : {}), debug: { type: "boolean" }, help: { type: "boolean", short: "h" } },
      allowPositionals: true,
      strict: true,
    });
    return { values: values as ParsedArgs["values"], positionals };
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
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
