// The front of the pipeline: file -> YAML with positions -> schema check -> defaults -> typed
// config -> semantic rules. Returns the config only when there is no error; diagnostics always.
import { readFile } from "node:fs/promises";
import { Value } from "typebox/value";
import { PlatformSpec, type PlatformSpec as PlatformSpecType } from "../../schema/index.js";
import { hasErrors, type Diagnostic } from "./diagnostics.js";
import { SECTION_ORDER, type PlatformConfig, type SectionConfigs } from "./platform-config.js";
import { checkSchema } from "./schema-check.js";
import { checkSemantics } from "./semantic.js";
import { MAX_SPEC_BYTES, parseYamlSource, type YamlSource } from "./yaml-source.js";

export interface LoadOptions {
  /** Environment variable names the engine injects into workloads (users may not reuse them). */
  injectedEnvironment?: ReadonlySet<string>;
}

export interface LoadResult {
  config?: PlatformConfig;
  diagnostics: Diagnostic[];
}

/** Reads and checks one spec file. Never throws for a bad spec: problems come back as diagnostics. */
export async function loadSpecFile(file: string, options: LoadOptions = {}): Promise<LoadResult> {
  let text: string;
  try {
    const buffer = await readFile(file);
    if (buffer.byteLength > MAX_SPEC_BYTES) return loadSpecText(file, buffer.subarray(0, MAX_SPEC_BYTES + 1).toString("utf8"), options);
    text = buffer.toString("utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === "ENOENT" ? "file not found" : code === "EISDIR" ? "is a directory, not a file" : `cannot be read (${code ?? String(error)})`;
    return { diagnostics: [{ severity: "error", file, line: 0, column: 0, path: "", message: reason, hint: "pass the path of a platform.yaml" }] };
  }
  return loadSpecText(file, text, options);
}

/** As loadSpecFile, for text already in memory; `file` is used in positions only. */
export function loadSpecText(file: string, text: string, options: LoadOptions = {}): LoadResult {
  const parsed = parseYamlSource(file, text);
  if (!parsed.ok) return { diagnostics: parsed.diagnostics };
  const { source } = parsed;

  const schemaDiagnostics = checkSchema(source);
  if (schemaDiagnostics.length > 0) return { diagnostics: schemaDiagnostics };

  const config = toPlatformConfig(source, source.value as PlatformSpecType);
  const diagnostics = checkSemantics({ config, source, injectedEnvironment: options.injectedEnvironment ?? new Set() });
  return hasErrors(diagnostics) ? { diagnostics } : { config, diagnostics };
}

/** Applies the schema's defaults once and builds the typed config. */
function toPlatformConfig(source: YamlSource, written: PlatformSpecType): PlatformConfig {
  const resolved = Value.Default(PlatformSpec, structuredClone(written)) as PlatformSpecType;
  const spec = resolved.spec as Partial<SectionConfigs>;
  return {
    file: source.file,
    serviceName: resolved.metadata.name,
    metadata: resolved.metadata,
    spec,
    secrets: spec.secrets ?? [],
    declaredSections: SECTION_ORDER.filter((section) => spec[section] !== undefined),
    rawSpec: written.spec as Record<string, unknown>,
    locate: (path) => source.positionOf(path),
  };
}
