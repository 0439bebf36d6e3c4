// Checks a parsed spec against the TypeBox contract and turns every violation into a positioned,
// human-worded diagnostic (with a did-you-mean for unknown keys and near-miss enum values).
import { Compile } from "typebox/compile";
import { Settings } from "typebox/system";
import { PlatformSpec } from "../../schema/index.js";
import { formatPath, type Diagnostic, type SpecPath } from "./diagnostics.js";
import { closest } from "./suggest.js";
import type { YamlSource } from "./yaml-source.js";

type JsonSchema = {
  type?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
};

interface SchemaError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message: string;
}

/** Report every violation at once (TypeBox stops at 8 by default); a cap still bounds hostile input. */
export const MAX_SCHEMA_ERRORS = 500;

let validator: ReturnType<typeof Compile<typeof PlatformSpec>> | undefined;
/** Compiled on first use and kept: compiling costs more than checking one spec. */
function compiled() {
  if (!validator) {
    Settings.Set({ maxErrors: MAX_SCHEMA_ERRORS });
    validator = Compile(PlatformSpec);
  }
  return validator;
}

const root = PlatformSpec as unknown as JsonSchema;

function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === "") return [];
  return pointer
    .slice(1)
    .split("/")
    .map((raw) => raw.replace(/~1/g, "/").replace(/~0/g, "~"))
    .map((segment) => (/^\d+$/.test(segment) ? Number(segment) : segment));
}

/** The sub-schema that describes the value at `path`. */
function schemaAt(path: SpecPath): JsonSchema | undefined {
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

const show = (value: unknown) => (typeof value === "string" ? JSON.stringify(value) : JSON.stringify(value) ?? String(value));
const typeName = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "a list" : typeof value === "object" ? "a mapping" : typeof value);
const TYPE_WORDS: Record<string, string> = {
  integer: "a whole number",
  number: "a number",
  string: "a string",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
};

/** Checks `source.value` against the contract; returns the diagnostics in document order. */
export function checkSchema(source: YamlSource): Diagnostic[] {
  const check = compiled();
  if (check.Check(source.value)) return [];
  const diagnostics: Diagnostic[] = [];
  const reported = new Set<string>();
  const add = (path: SpecPath, where: "key" | "value", message: string, hint?: string) => {
    const { line, column } = source.positionOf(path, where);
    diagnostics.push({ severity: "error", file: source.file, line, column, path: formatPath(path), message, ...(hint ? { hint } : {}) });
  };

  for (const error of check.Errors(source.value) as Iterable<SchemaError>) {
    const path = pointerToPath(error.instancePath);
    const dotted = formatPath(path);
    const schema = schemaAt(path);
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
            add([...path, key], "key", `invalid name "${key}"`, `names here must match ${keyPattern}`);
            continue;
          }
          const suggestion = closest(key, known);
          const keyPath = [...path, key];
          const where = dotted === "spec" ? "section" : "field";
          add(
            keyPath,
            "key",
            `unknown ${where} "${key}"${suggestion ? `; did you mean "${suggestion}"?` : ""}`,
            known.length > 0 ? `allowed here: ${known.join(", ")}` : undefined,
          );
        }
        continue;
      }
      case "required": {
        for (const key of (error.params.requiredProperties as string[]) ?? []) {
          const keyPath = [...path, key];
          const description = schema?.properties?.[key]?.description;
          add(path, "key", `missing required field "${key}"`, description ? `${formatPath(keyPath)}: ${description}` : undefined);
        }
        continue;
      }
    }

    // One message per value: the first keyword that failed says enough.
    if (reported.has(dotted)) continue;
    reported.add(dotted);
    const description = schema?.description;
    switch (error.keyword) {
      case "type":
        add(path, "value", `must be ${TYPE_WORDS[String(error.params.type)] ?? error.params.type}, got ${typeName(actual)} ${show(actual)}`, typeof actual === "string" ? "values are not converted: write the number or boolean without quotes" : undefined);
        break;
      case "enum": {
        const allowed = (error.params.allowedValues as unknown[]) ?? schema?.enum ?? [];
        const suggestion = typeof actual === "string" ? closest(actual, allowed.filter((v): v is string => typeof v === "string")) : undefined;
        add(path, "value", `must be one of ${allowed.map(show).join(", ")}; got ${show(actual)}${suggestion ? `; did you mean ${show(suggestion)}?` : ""}`);
        break;
      }
      case "const":
        add(path, "value", `must be ${show(error.params.allowedValue)}; got ${show(actual)}`);
        break;
      case "pattern":
        add(path, "value", `${show(actual)} is not valid`, description);
        break;
      case "minimum":
      case "exclusiveMinimum":
        add(path, "value", `must be at least ${error.params.limit}; got ${show(actual)}`, description);
        break;
      case "maximum":
      case "exclusiveMaximum":
        add(path, "value", `must be at most ${error.params.limit}; got ${show(actual)}`, description);
        break;
      case "minLength":
        add(path, "value", `must be at least ${error.params.limit} characters long; got ${show(actual)}`, description);
        break;
      case "maxLength":
        add(path, "value", `must be at most ${error.params.limit} characters long; got ${String(actual).length}`, description);
        break;
      case "minItems":
        add(path, "value", `must list at least ${error.params.limit} item${error.params.limit === 1 ? "" : "s"}`, description);
        break;
      case "maxItems":
        add(path, "value", `must list at most ${error.params.limit} items`, description);
        break;
      default:
        add(path, "value", error.message, description);
    }
  }
  return diagnostics;
}
