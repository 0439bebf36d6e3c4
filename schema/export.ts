// Renders the TypeBox contract as the JSON Schema document that editors and other tools read.
// Editors (yaml-language-server, VS Code) get more than validation from it: every field carries a
// `title` (its spec path, which heads the hover and names the expected type in messages) and a
// `markdownDescription` (the description as Markdown, backticks intact, with the default), and
// every enum says its type, so completion snippets include required single-value fields.
import { PlatformSpec } from "./index.js";

const JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema";

type Node = Record<string, unknown> & {
  description?: string;
  default?: unknown;
  enum?: unknown[];
  type?: string;
  properties?: Record<string, Node>;
  patternProperties?: Record<string, Node>;
  items?: Node;
};

/** A default as it is written in YAML: strings that would read as something else are quoted. */
function yamlValue(value: unknown): string {
  if (typeof value === "string") return /^[A-Za-z_/][\w./-]*$/.test(value) && !/^(true|false|null|~)$/i.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value);
}

/** The enum's JSON type when all its values share one. */
function enumType(values: unknown[]): string | undefined {
  if (values.every((v) => typeof v === "string")) return "string";
  if (values.every((v) => Number.isInteger(v))) return "integer";
  if (values.every((v) => typeof v === "number")) return "number";
  return undefined;
}

/** Adds the editor annotations to `node` (at spec path `path`) and everything below it. */
function annotate(node: Node, path: string): void {
  if (path !== "") node.title ??= path;
  if (node.enum && node.type === undefined) {
    const type = enumType(node.enum);
    if (type) node.type = type;
  }
  if (node.description !== undefined) {
    const isContainer = node.type === "object" || node.type === "array";
    const defaultLine = node.default !== undefined && !isContainer ? `\n\nDefault: \`${yamlValue(node.default)}\`` : "";
    node.markdownDescription = `${node.description}${defaultLine}`;
  }
  for (const [key, child] of Object.entries(node.properties ?? {})) annotate(child, path === "" ? key : `${path}.${key}`);
  for (const child of Object.values(node.patternProperties ?? {})) annotate(child, `${path}.<name>`);
  if (node.items) annotate(node.items, `${path}[]`);
}

/** The JSON Schema for platform.yaml, with stable key order and a trailing newline. */
export function renderJsonSchema(): string {
  return renderSchemaDocument(PlatformSpec);
}

/** A TypeBox document schema as an annotated JSON Schema document (platform.yaml's, or another file's). */
export function renderSchemaDocument(schema: object): string {
  const document = { $schema: JSON_SCHEMA_DIALECT, ...(structuredClone(schema) as unknown as Node) };
  annotate(document, "");
  return `${JSON.stringify(document, null, 2)}\n`;
}
