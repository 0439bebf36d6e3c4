// The platform settings file (`platform-settings.yaml`): the engine settings a platform team
// shares with every spec, as defaults and one block per environment. Read and checked like a spec
// (YAML 1.2 with positions, the TypeBox schema, did-you-mean), so every problem points at its line.
import { existsSync } from "node:fs";
import { dirname, join, parse, resolve } from "node:path";
import Type, { type Static } from "typebox";
import { SERVICE_NAME_PATTERN } from "../../schema/shared.js";
import { compareDiagnostics, formatPath, pointRange, type Diagnostic, type SpecPath } from "../config/diagnostics.js";
import { MAX_ENVIRONMENT_NAME_LENGTH } from "../config/environments.js";
import { checkSchema } from "../config/schema-check.js";
import { parseYamlSource, readYamlFile, type YamlSource } from "../config/yaml-source.js";
import { echo } from "../support/echo.js";
import { EngineSettings, type SettingName, type SettingsLayer } from "./settings.js";
import { isMapping } from "../config/plain-data.js";

/** Where editors find the settings file's JSON Schema (schema/platform-settings-v1.json, written by `npm run schema:write`). */
export const SETTINGS_SCHEMA_ID = "https://platform.althq.com/schema/platform-settings-v1.json";

/** The name the lookup walks up for. */
export const SETTINGS_FILE_NAME = "platform-settings.yaml";
/** The variable naming the settings file (as `--settings` does). */
export const SETTINGS_FILE_VARIABLE = "PLATFORM_SETTINGS";

const SETTING_NAMES = Object.keys(EngineSettings.properties) as SettingName[];

/** Any engine setting, none required; the file gives only what differs from the engine defaults. */
const SettingsBlock = (description: string) =>
  Type.Object(
    Object.fromEntries(
      SETTING_NAMES.map((name) => {
        // The same rules as the setting, without its default: an absent key is one this level leaves to the next.
        const { default: _default, ...schema } = EngineSettings.properties[name] as unknown as Record<string, unknown>;
        return [name, Type.Optional(Type.Unsafe(schema))];
      }),
    ),
    { additionalProperties: false, description },
  );

export const PlatformSettingsFile = Type.Object(
  {
    defaults: Type.Optional(SettingsBlock("Settings of every stack, unless its environment's block, a PLATFORM_* variable or a flag says otherwise.")),
    environments: Type.Optional(
      Type.Record(
        Type.String({ pattern: SERVICE_NAME_PATTERN }),
        SettingsBlock(
          "Settings of the stacks of this environment (`<name>-<env>`), over `defaults`. A `cloudflareZoneIdParameter` of its own gives the environment its own zone: hosts `<name>.<zone>` instead of `<name>-<env>.<zone>`.",
        ),
        {
          additionalProperties: false,
          description: "One block per environment name; a block for an environment no spec declares is allowed (the file is shared), and a spec's environment without a block takes `defaults`.",
        },
      ),
    ),
  },
  {
    additionalProperties: false,
    $id: SETTINGS_SCHEMA_ID,
    title: "Platform settings file (platform-settings.yaml)",
    description: "Engine settings shared by every spec: defaults, and a block per environment. Precedence: flag > PLATFORM_* variable > environment block > defaults > engine default.",
  },
);
export type PlatformSettingsFile = Static<typeof PlatformSettingsFile>;

/** A checked settings file: plain data (it crosses into worker threads), every value with its position. */
export interface LoadedSettingsFile {
  /** The path as given or found. */
  file: string;
  defaults: SettingsLayer;
  environments: Record<string, SettingsLayer>;
}

export type SettingsFileResult = { settings: LoadedSettingsFile; diagnostics: Diagnostic[] } | { settings?: undefined; diagnostics: Diagnostic[] };


/** Reads and checks a settings file. Never throws for a bad file: problems come back as diagnostics. */
export function loadSettingsFile(file: string): SettingsFileResult {
  const read = readYamlFile(file, (reason) => ({
    // "file not found" is worded for a spec: the settings file's message already says "file".
    message: `platform settings file ${reason.replace(/^file /, "")}`,
    hint: `give the path of a ${SETTINGS_FILE_NAME} with --settings or ${SETTINGS_FILE_VARIABLE}`,
  }));
  if ("diagnostic" in read) return { diagnostics: [read.diagnostic] };
  return checkSettingsText(file, read.text);
}

/** As loadSettingsFile, for text in memory (`file` names it in positions). */
export function checkSettingsText(file: string, text: string): SettingsFileResult {
  const parsed = parseYamlSource(file, text);
  if (!parsed.ok) {
    // A file with nothing in it (or comments only) sets nothing: every stack takes the engine defaults.
    if (parsed.diagnostics.every((d) => d.code === "file/empty")) return { settings: { file, defaults: { values: {}, origins: {} }, environments: {} }, diagnostics: [] };
    // The spec reader's wording names a spec's keys; a settings file has its own.
    return { diagnostics: parsed.diagnostics.map(asSettingsFile) };
  }
  const { source } = parsed;
  const diagnostics = [...checkSchema(source, PlatformSettingsFile), ...checkEnvironmentNames(source)].sort(compareDiagnostics);
  if (diagnostics.length > 0) return { diagnostics };
  const value = source.value as PlatformSettingsFile;
  const layer = (block: Record<string, unknown> | undefined, path: SpecPath): SettingsLayer => {
    const values: SettingsLayer["values"] = {};
    const origins: SettingsLayer["origins"] = {};
    const positions: NonNullable<SettingsLayer["positions"]> = {};
    for (const [name, setting] of Object.entries(block ?? {})) {
      const at = source.positionOf([...path, name], "value");
      values[name as SettingName] = setting;
      origins[name as SettingName] = `${file}:${at.line}:${at.column} (${formatPath([...path, name])})`;
      positions[name as SettingName] = { file, line: at.line, column: at.column, path: formatPath([...path, name]) };
    }
    return { values, origins, positions };
  };
  return {
    settings: {
      file,
      defaults: layer(value.defaults, ["defaults"]),
      environments: Object.fromEntries(Object.entries(value.environments ?? {}).map(([name, block]) => [name, layer(block, ["environments", name])])),
    },
    diagnostics: [],
  };
}

/** A YAML problem as the spec reader words it, reworded for a settings file (its keys, no "spec" or "service"). */
function asSettingsFile(d: Diagnostic): Diagnostic {
  if (d.code === "yaml/top-level") return { ...d, message: "the top level must be a mapping (defaults, environments)", hint: "write defaults: and environments: at the start of a line, with no leading dash" };
  if (d.code === "yaml/documents") {
    return { ...d, message: d.message.replace("a spec is exactly one", "a platform settings file is exactly one"), hint: "remove the --- and keep one defaults: and one environments: block" };
  }
  const reword = (text: string) => text.replace(/\bspecs are read\b/g, "platform settings files are read").replace(/\ba spec holds\b/g, "a platform settings file holds");
  return { ...d, message: reword(d.message), ...(d.hint === undefined ? {} : { hint: reword(d.hint) }) };
}

/** An environment block whose name no spec could declare (too long) would never apply: an error, not a silent no-op. */
function checkEnvironmentNames(source: YamlSource): Diagnostic[] {
  const environments = isMapping(source.value) ? source.value.environments : undefined;
  if (!isMapping(environments)) return [];
  return Object.keys(environments)
    .filter((name) => name.length > MAX_ENVIRONMENT_NAME_LENGTH)
    .map((name) => ({
      severity: "error" as const,
      code: "settings/environment-name" as const,
      file: source.file,
      ...source.positionOf(["environments", name], "key"),
      path: formatPath(["environments", name]),
      message: `environment name ${echo(name)} is ${name.length} characters long; a spec's environment has at most ${MAX_ENVIRONMENT_NAME_LENGTH}, so this block would never apply`,
      hint: "use the environment's name as the specs declare it (dev, staging, prod, ...)",
    }));
}

/**
 * The settings file for a spec: the first `platform-settings.yaml` in the spec's folder or a
 * folder above it, up to the repository root (the first folder holding `.git`) or the file
 * system's root. Undefined when there is none (engine defaults, as before settings files existed).
 */
export function findSettingsFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  const root = parse(dir).root;
  for (;;) {
    const candidate = join(dir, SETTINGS_FILE_NAME);
    if (existsSync(candidate)) return candidate;
    if (existsSync(join(dir, ".git")) || dir === root) return undefined;
    dir = dirname(dir);
  }
}
