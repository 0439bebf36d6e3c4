// The front of the pipeline: file -> YAML with positions -> schema check -> defaults -> typed
// config -> the rules beyond the schema, which the engine passes in (each capability's own, in its
// unit). Returns the config only when there is no error; diagnostics always.
import { Value } from "typebox/value";
import { PlatformSpec, type PlatformSpec as PlatformSpecType } from "../../schema/index.js";
import { compareDiagnostics, hasErrors, pointRange, type Diagnostic } from "./diagnostics.js";
import { SECTION_ORDER, type PlatformConfig, type SectionConfigs } from "./platform-config.js";
import { checkEnvironmentBlock, checkNamedItems, checkOverlayNoOps, checkOverlayNulls, environmentNames, inEnvironment, mergeEnvironment, unknownEnvironment } from "./environments.js";
import { checkSchema } from "./schema-check.js";
import { parseYamlSource, readYamlFile, type YamlSource } from "./yaml-source.js";
import { isMapping } from "./plain-data.js";

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
  /**
   * When the spec has errors but could be read: the config the later checks ran on (sections that
   * broke the schema left out of `spec`, though still in `declaredSections`) and those sections, so
   * the capabilities' preconditions can be checked too. Never built: a spec with errors is not one.
   */
  partial?: PartialConfig;
}

export interface PartialConfig {
  config: PlatformConfig;
  /** Sections (and `metadata`) with schema errors: checks that read their values skip them. */
  broken: ReadonlySet<string>;
}

/** Reads and checks one spec file. Never throws for a bad spec: problems come back as diagnostics. */
export async function loadSpecFile(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  const read = readYamlFile(file, (reason) => ({ message: reason, hint: "pass the path of a platform.yaml" }));
  if ("diagnostic" in read) return { diagnostics: [read.diagnostic] };
  return loadSpecText(file, read.text, options);
}

/**
 * As loadSpecFile, for text already in memory; `file` is used in positions only. Diagnostics come
 * back sorted by position. Every check runs in one round: a section that breaks the schema is left
 * out of the semantic rules (they read typed values it does not have), every other section is
 * still checked. Only YAML that cannot be read, or a `spec` that is not a mapping, stops early.
 */
export function loadSpecText(file: string, text: string, options: LoadOptions = {}): LoadResult {
  const parsed = parseYamlSource(file, text);
  if (!parsed.ok) return { diagnostics: sorted(parsed.diagnostics) };
  const { source } = parsed;

  const schemaDiagnostics = [...checkSchema(source), ...checkEnvironmentBlock(source)];
  const environments = environmentNames(source.value);
  const base = checkedConfig(source, schemaDiagnostics, environments, undefined, options);
  const { environment } = options;
  if (environment === undefined || !base.config) return base;
  if (!environments.includes(environment)) return { diagnostics: [unknownEnvironment(file, environment, environments, environments.length > 0 ? source.positionOf(["environments"]) : undefined)] };

  const merged = mergeEnvironment(source, environment);
  const result = checkedConfig(merged, [...checkSchema(merged), ...checkNamedItems(source, environment), ...checkOverlayNoOps(source, environment), ...checkOverlayNulls(source, environment)], environments, environment, options);
  return {
    ...(result.config ? { config: result.config } : {}),
    ...(result.partial ? { partial: result.partial } : {}),
    diagnostics: result.diagnostics.map((d) => inEnvironment(environment, d)),
  };
}

/**
 * The typed config of a document with the rules beyond the schema applied, in one round: a section
 * that breaks the schema is left out of the semantic rules (they read typed values it does not
 * have), every other section is still checked. Only a `spec` that is not a mapping stops early.
 */
function checkedConfig(source: YamlSource, schemaDiagnostics: Diagnostic[], environments: string[], environment: string | undefined, options: LoadOptions): LoadResult {
  const broken = brokenParts(schemaDiagnostics);
  const written = source.value as Record<string, unknown>;
  if (broken.has("spec") || !isMapping(written.spec)) return { diagnostics: sorted(schemaDiagnostics) };

  const config = toPlatformConfig(source, written, broken, environments, environment);
  const diagnostics = sorted([...schemaDiagnostics, ...(options.checkSections?.(config) ?? [])]);
  return hasErrors(diagnostics) ? { diagnostics, partial: { config, broken } } : { config, diagnostics };
}


/**
 * What the schema errors leave unusable: `spec` itself (not a mapping, or missing), a section of
 * it, `metadata` or `overrides`. An unknown key breaks nothing else; nor does a wrong apiVersion or kind.
 */
function brokenParts(diagnostics: readonly Diagnostic[]): Set<string> {
  const broken = new Set<string>();
  for (const { path, severity } of diagnostics) {
    // A warning (an overlay's no-op, a close name) leaves its part usable.
    if (severity !== "error") continue;
    if (path === "spec") broken.add("spec");
    else if (path === "metadata" || path.startsWith("metadata.")) broken.add("metadata");
    // An environment's merged patches are named by the overlay path that wrote them (environments.ts).
    else if (/^(environments\.[^.[]+\.)?overrides($|[.[])/.test(path)) broken.add("overrides");
    else {
      const section = /^spec\.([A-Za-z]+)/.exec(path)?.[1];
      if (section && (SECTION_ORDER as readonly string[]).includes(section)) broken.add(section);
    }
  }
  return broken;
}

const sorted = (diagnostics: Diagnostic[]) => [...diagnostics].sort(compareDiagnostics);

/**
 * Applies the schema's defaults once and builds the typed config. Broken sections are declared
 * (they are written) but have no resolved value; unknown sections are neither.
 */
function toPlatformConfig(source: YamlSource, written: Record<string, unknown>, broken: ReadonlySet<string>, environments: string[], environment: string | undefined): PlatformConfig {
  const writtenSpec = written.spec as Record<string, unknown>;
  const healthy = Object.fromEntries(SECTION_ORDER.filter((section) => writtenSpec[section] !== undefined && !broken.has(section)).map((section) => [section, writtenSpec[section]]));
  const metadata = broken.has("metadata") || !isMapping(written.metadata) ? { name: "" } : written.metadata;
  // The environments' overlays are merged and checked on their own (environments.ts); defaults
  // applied here would only meet an overlay that may break the schema.
  const { environments: _overlays, ...document } = written;
  const resolved = Value.Default(PlatformSpec, structuredClone({ ...document, metadata, spec: healthy })) as PlatformSpecType;
  const spec = resolved.spec as Partial<SectionConfigs>;
  return {
    file: source.file,
    serviceName: environment === undefined ? resolved.metadata.name : `${resolved.metadata.name}-${environment}`,
    ...(environment === undefined ? {} : { environment }),
    environments,
    metadata: resolved.metadata,
    spec,
    secrets: spec.secrets ?? [],
    declaredSections: SECTION_ORDER.filter((section) => writtenSpec[section] !== undefined),
    // Overrides with schema errors of their own are not applied to anything (see brokenParts).
    overrides: broken.has("overrides") ? [] : (resolved.overrides ?? []),
    rawSpec: writtenSpec,
    locate: (path, at) => source.positionOf(path, at),
    ...(source.displayPathOf ? { displayPath: source.displayPathOf } : {}),
    locateInString: (path, offset) => {
      const point = source.positionInString?.(path, offset);
      return point ? pointRange(point.line, point.column) : source.positionOf(path, "value");
    },
  };
}
