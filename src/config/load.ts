// The front of the pipeline: file -> YAML with positions -> schema check -> defaults -> typed
// config -> the rules beyond the schema, which the engine passes in (each capability's own, in its
// unit). Returns the config only when there is no error; diagnostics always.
import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { Value } from "typebox/value";
import { PlatformSpec, type PlatformSpec as PlatformSpecType } from "../../schema/index.js";
import { compareDiagnostics, hasErrors, type Diagnostic } from "./diagnostics.js";
import { SECTION_ORDER, type PlatformConfig, type SectionConfigs } from "./platform-config.js";
import { checkEnvironmentBlock, environmentNames, inEnvironment, mergeEnvironment, unknownEnvironment } from "./environments.js";
import { checkSchema } from "./schema-check.js";
import { MAX_SPEC_BYTES, parseYamlSource, tooLargeError, type YamlSource } from "./yaml-source.js";

export interface LoadOptions {
  /**
   * The rules beyond the schema: the capability registry's (the engine's checkSections: which
   * sections are declared, and each declared unit's own rules). The config layer knows no section.
   */
  checkSections?: (config: PlatformConfig) => Diagnostic[];
  /**
   * Load this environment's merged spec instead of the base spec. The base is checked first (an
   * error there is reported once, not once per environment); an undeclared name is an error.
   */
  environment?: string;
}

export interface LoadResult {
  config?: PlatformConfig;
  diagnostics: Diagnostic[];
}

/** Reads and checks one spec file. Never throws for a bad spec: problems come back as diagnostics. */
export async function loadSpecFile(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  let text: string;
  try {
    // The size is checked before reading, so a huge file (or a device) is never loaded into memory.
    // Synchronous: a spec is small, and a batch reads its files one after another anyway (waiting
    // on the thread pool for each of four calls cost more than the reading).
    // Non-blocking: opening a FIFO (or a device) must not wait for a writer; fstat then refuses it.
    const handle = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stat = fstatSync(handle);
      if (stat.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      if (!stat.isFile()) throw Object.assign(new Error("not a regular file"), { code: "ENOTREG" });
      if (stat.size > MAX_SPEC_BYTES) return { diagnostics: [tooLargeError(file)] };
      text = readFileSync(handle, "utf8");
    } finally {
      closeSync(handle);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = { ENOENT: "file not found", EISDIR: "is a directory, not a file", ENOTREG: "is not a regular file", ELOOP: "is a symbolic link loop" };
    const reason = (code && reasons[code]) ?? `cannot be read (${code ?? String(error)})`;
    return { diagnostics: [{ severity: "error", file, line: 0, column: 0, path: "", message: reason, hint: "pass the path of a platform.yaml" }] };
  }
  return loadSpecText(file, text, options);
}

/**
 * As loadSpecFile, for text already in memory; `file` is used in positions only. Diagnostics come
 * back sorted by position. Each stage runs only when the one before found no error: the rules beyond
 * the schema read typed values, which a spec that fails the schema does not have.
 */
export function loadSpecText(file: string, text: string, options: LoadOptions = {}): LoadResult {
  const parsed = parseYamlSource(file, text);
  if (!parsed.ok) return { diagnostics: sorted(parsed.diagnostics) };
  const { source } = parsed;

  const schemaDiagnostics = [...checkSchema(source), ...checkEnvironmentBlock(source)];
  if (schemaDiagnostics.length > 0) return { diagnostics: sorted(schemaDiagnostics) };

  const environments = environmentNames(source.value);
  const base = checkedConfig(source, environments, undefined, options);
  const { environment } = options;
  if (environment === undefined || !base.config) return base;
  if (!environments.includes(environment)) return { diagnostics: [unknownEnvironment(file, environment, environments, environments.length > 0 ? source.positionOf(["environments"]) : undefined)] };

  const merged = mergeEnvironment(source, environment);
  const mergedSchema = checkSchema(merged);
  if (mergedSchema.length > 0) return { diagnostics: sorted(mergedSchema.map((d) => inEnvironment(environment, d))) };
  const result = checkedConfig(merged, environments, environment, options);
  return { ...(result.config ? { config: result.config } : {}), diagnostics: result.diagnostics.map((d) => inEnvironment(environment, d)) };
}

/** The typed config of a schema-valid document, with the rules beyond the schema applied. */
function checkedConfig(source: YamlSource, environments: string[], environment: string | undefined, options: LoadOptions): LoadResult {
  const config = toPlatformConfig(source, source.value as PlatformSpecType, environments, environment);
  const diagnostics = sorted(options.checkSections?.(config) ?? []);
  return hasErrors(diagnostics) ? { diagnostics } : { config, diagnostics };
}

const sorted = (diagnostics: Diagnostic[]) => [...diagnostics].sort(compareDiagnostics);

/** Applies the schema's defaults once and builds the typed config. */
function toPlatformConfig(source: YamlSource, written: PlatformSpecType, environments: string[], environment: string | undefined): PlatformConfig {
  const resolved = Value.Default(PlatformSpec, structuredClone(written)) as PlatformSpecType;
  const spec = resolved.spec as Partial<SectionConfigs>;
  return {
    file: source.file,
    serviceName: environment === undefined ? resolved.metadata.name : `${resolved.metadata.name}-${environment}`,
    ...(environment === undefined ? {} : { environment }),
    environments,
    metadata: resolved.metadata,
    spec,
    secrets: spec.secrets ?? [],
    declaredSections: SECTION_ORDER.filter((section) => spec[section] !== undefined),
    overrides: written.overrides ?? [],
    rawSpec: written.spec as Record<string, unknown>,
    locate: (path, at) => source.positionOf(path, at),
    locateInString: (path, offset) => source.positionInString?.(path, offset) ?? source.positionOf(path, "value"),
  };
}
