// Checks a parsed spec against the TypeBox contract and turns every violation into a positioned,
// human-worded diagnostic (with a did-you-mean for unknown keys and near-miss enum values).
import type { TSchema } from "typebox";
import { Compile } from "typebox/compile";
import { Settings } from "typebox/system";
import { Value } from "typebox/value";
import { PlatformSpec } from "../../schema/index.js";
import type { JsonSchemaNode } from "../../schema/json-schema.js";
import { formatPath, type Diagnostic, type DiagnosticCode, type SpecPath } from "./diagnostics.js";
import { explainPatternMismatch } from "./explain.js";
import { closest } from "./suggest.js";
import type { YamlSource } from "./yaml-source.js";
import { echo } from "../support/echo.js";

/** Keys of the top level of a spec, which a newcomer may write inside `spec:` by mistake. */
const TOP_LEVEL_KEYS: readonly string[] = ["apiVersion", "kind", "metadata", "environments", "overrides"];

type JsonSchema = JsonSchemaNode;

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

/** Report every violation at once (TypeBox stops at 8 by default); a cap still bounds hostile input. */
export const MAX_SCHEMA_ERRORS = 500;

interface Validator {
  Check(value: unknown): boolean;
  Errors(value: unknown): unknown[];
}

/** Documents checked by interpretation before a schema is compiled: compiling costs more than checking a few. */
const INTERPRETED_CHECKS = 8;
interface SchemaValidator {
  checks: number;
  compiled?: Validator;
}
const validators = new Map<object, SchemaValidator>();

/** The validator of `schema`: interpreted for the first few documents, then compiled once and kept. */
function validator(schema: TSchema): Validator {
  let entry = validators.get(schema);
  if (!entry) {
    if (validators.size === 0) Settings.Set({ maxErrors: MAX_SCHEMA_ERRORS });
    entry = { checks: 0 };
    validators.set(schema, entry);
  }
  if (entry.compiled) return entry.compiled;
  if (++entry.checks <= INTERPRETED_CHECKS) return { Check: (value) => Value.Check(schema, value), Errors: (value) => Value.Errors(schema, value) };
  entry.compiled = Compile(schema);
  return entry.compiled;
}

function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** The sub-schema of `root` that describes the value at `path`. */
function schemaAt(root: JsonSchema, path: SpecPath): JsonSchema | undefined {
  let schema: JsonSchema | undefined = root;
  for (const segment of path) {
    if (!schema) return undefined;
    if (typeof segment === "number") schema = schema.items;
    else schema = schema.properties?.[segment] ?? Object.values(schema.patternProperties ?? {})[0];
  }
  return schema;
}

function valueAt(value: unknown, path: SpecPath): unknown {
  let current = value;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

/** A value the user wrote, as messages quote it (one line, escaped, truncated: src/support/echo.ts). */
const show = (value: unknown) => echo(value);
const typeName = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "a list" : typeof value === "object" ? "a mapping" : typeof value);
/** Words YAML 1.1 read as booleans; YAML 1.2 (and so this engine) reads them as text. */
const YAML11_BOOLEANS = /^(y|yes|n|no|on|off)$/i;

const TYPE_WORDS: Record<string, string> = {
  integer: "a whole number",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
};

/** What to write instead of a key with no value (`compute:` alone). */
function emptyValueHint(path: SpecPath, schema: JsonSchema | undefined): string {
  const key = path[path.length - 1];
  if (schema?.type === "object" && (schema.required ?? []).length === 0) return `write ${echo(`${String(key)}: {}`)} to take every default, or remove the key`;
  if (schema?.type === "object") return `fill in its required fields (${(schema.required ?? []).join(", ")}), or remove the key`;
  return "give it a value, or remove the key";
}

/** Why a value has the wrong type, when YAML's reading of it is the likely cause. */
function typeHint(expected: string, actual: unknown, written: string | undefined): string | undefined {
  if (typeof actual === "string" && expected === "boolean" && YAML11_BOOLEANS.test(actual)) {
    return "YAML 1.2 reads yes/no/on/off as text: write true or false";
  }
  if (typeof actual === "string" && (expected === "integer" || expected === "number" || expected === "boolean")) {
    return `values are not converted: write ${echo(actual).slice(1, -1)} without quotes`;
  }
  if (expected === "string" && (typeof actual === "number" || typeof actual === "boolean")) {
    return `write it in quotes (${echo(written ?? String(actual))}): unquoted, YAML reads it as a ${typeof actual}`;
  }
  return undefined;
}

/** The code and message for a key the schema does not know: a section (directly under spec) or a field, with a did-you-mean over `known`. */
export function unknownKey(key: string, known: readonly string[], section: boolean): { code: "schema/unknown-section" | "schema/unknown-field"; message: string } {
  const suggestion = closest(key, known);
  const where = section ? "section" : "field";
  return { code: section ? "schema/unknown-section" : "schema/unknown-field", message: `unknown ${where} ${echo(key)}${suggestion ? `; did you mean "${suggestion}"?` : ""}` };
}

/**
 * Checks `source.value` against the contract (or another document schema, such as the platform
 * settings file's); returns the diagnostics in document order.
 */
export function checkSchema(source: YamlSource, schema: TSchema = PlatformSpec): Diagnostic[] {
  const check = validator(schema);
  const root = schema as unknown as JsonSchema;
  if (check.Check(source.value)) return [];
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const add = (code: DiagnosticCode, path: SpecPath, where: "key" | "value", message: string, hint?: string) => {
    diagnostics.push({ severity: "error", code, file: source.file, ...source.positionOf(path, where), path: formatPath(source.displayPathOf?.(path) ?? path), message, ...(hint ? { hint } : {}) });
  };

  for (const error of check.Errors(source.value) as Iterable<SchemaError>) {
    const path = pointerToPath(error.instancePath);
    const dotted = formatPath(path);
    const schema = schemaAt(root, path);
    const actual = valueAt(source.value, path);

    switch (error.keyword) {
      case "boolean":
        // The per-key twin of an `additionalProperties` error, which is reported below.
        continue;
      case "additionalProperties": {
        const known = Object.keys(schema?.properties ?? {});
        const keyPattern = Object.keys(schema?.patternProperties ?? {})[0];
        for (const key of (error.params.additionalProperties as string[]) ?? []) {
          if (keyPattern) {
            const reason = explainPatternMismatch(keyPattern, key);
            add("schema/invalid-name", [...path, key], "key", `invalid name ${echo(key)}${reason ? `: ${reason}` : ""}`, `names here must match ${keyPattern}`);
            continue;
          }
          const keyPath = [...path, key];
          const where = dotted === "spec" ? "section" : "field";
          const hint =
            key === "<<"
              ? "YAML 1.2 has no merge keys: write the fields out"
              : dotted === "spec" && key === "spec"
                ? "spec's sections go directly under spec:, and an environment's overlay holds them directly too (environments.<env>.compute, not environments.<env>.spec.compute)"
                : dotted === "spec" && TOP_LEVEL_KEYS.includes(key)
                  ? `${key}: is written at the top level, next to spec:, not inside it`
                  : known.length > 0
                ? `allowed here: ${known.join(", ")}`
                : undefined;
          const unknown = unknownKey(key, known, where === "section");
          add(unknown.code, keyPath, "key", unknown.message, hint);
        }
        continue;
      }
      case "required": {
        // Reported at the missing field's path, positioned on the key of the object that lacks it.
        for (const key of (error.params.requiredProperties as string[]) ?? []) {
          add("schema/required", [...path, key], "key", "required field is missing", schema?.properties?.[key]?.description);
        }
        continue;
      }
    }

    // One message per value: the first keyword that failed says enough.
    if (reported.has(dotted)) continue;
    reported.add(dotted);
    const description = schema?.description;
    switch (error.keyword) {
      case "type": {
        const expected = String(error.params.type);
        if (actual === null) {
          add("schema/missing-value", path, "value", `has no value; it must be ${TYPE_WORDS[expected] ?? expected}`, emptyValueHint(path, schema));
          break;
        }
        add("schema/type", path, "value", `must be ${TYPE_WORDS[expected] ?? expected}, got ${typeName(actual)} ${show(actual)}`, typeHint(expected, actual, source.sourceText?.(path)));
        break;
      }
      case "enum": {
        const allowed = (error.params.allowedValues as unknown[]) ?? schema?.enum ?? [];
        const suggestion = typeof actual === "string" ? closest(actual, allowed.filter((v): v is string => typeof v === "string")) : undefined;
        // A quoted number never matches a numeric choice: say why rather than only listing the choices.
        const quotedNumber = typeof actual === "string" && allowed.every((v) => typeof v === "number") && allowed.includes(Number(actual));
        add(
          "schema/enum",
          path,
          "value",
          `must be one of ${allowed.map(show).join(", ")}; got ${typeName(actual)} ${show(actual)}${suggestion ? `; did you mean ${show(suggestion)}?` : ""}`,
          quotedNumber ? `values are not converted: write ${actual} without quotes` : undefined,
        );
        break;
      }
      case "const":
        add("schema/const", path, "value", `must be ${show(error.params.allowedValue)}; got ${show(actual)}`);
        break;
      case "pattern": {
        const reason = typeof actual === "string" && schema?.pattern ? explainPatternMismatch(schema.pattern, actual) : undefined;
        add("schema/pattern", path, "value", `${show(actual)} is not valid${reason ? `: ${reason}` : ""}`, description);
        break;
      }
      case "minimum":
      case "exclusiveMinimum":
        add("schema/minimum", path, "value", `must be at least ${error.params.limit}; got ${show(actual)}`, description);
        break;
      case "maximum":
      case "exclusiveMaximum":
        add("schema/maximum", path, "value", `must be at most ${error.params.limit}; got ${show(actual)}`, description);
        break;
      case "minLength":
        add("schema/min-length", path, "value", `must be at least ${error.params.limit} characters long; got ${show(actual)}`, description);
        break;
      case "maxLength":
        add("schema/max-length", path, "value", `must be at most ${error.params.limit} characters long; got ${String(actual).length}`, description);
        break;
      case "minItems":
        add("schema/min-items", path, "value", `must list at least ${error.params.limit} item${error.params.limit === 1 ? "" : "s"}`, description);
        break;
      case "maxItems":
        add("schema/max-items", path, "value", `must list at most ${error.params.limit} items`, description);
        break;
      default:
        add("schema/other", path, "value", error.message, description);
    }
  }
  return diagnostics;
}
