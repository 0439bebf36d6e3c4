// Reads platform.yaml as YAML 1.2, keeping source positions so any spec path maps back to line:col.
import { LineCounter, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from "yaml";
import type { Diagnostic, SpecPath } from "./diagnostics.js";

/** Specs are small; anything larger is a mistake (or an attack) and is refused before parsing. */
export const MAX_SPEC_BYTES = 1024 * 1024;
/** Aliases a spec may expand; a handful is plenty, thousands is a "billion laughs" bomb. */
export const MAX_ALIAS_COUNT = 50;

export interface YamlSource {
  file: string;
  value: unknown;
  /** Position (1-based line and column) of the node at `path`, or of its nearest existing ancestor. */
  positionOf(path: SpecPath, at?: "key" | "value"): { line: number; column: number };
}

export type YamlResult = { ok: true; source: YamlSource } | { ok: false; diagnostics: Diagnostic[] };

const fileError = (file: string, message: string, hint?: string, line = 0, column = 0): Diagnostic => ({
  severity: "error",
  file,
  line,
  column,
  path: "",
  message,
  ...(hint ? { hint } : {}),
});

const YAML_HINTS: Record<string, string> = {
  DUPLICATE_KEY: "each key may appear once per mapping; remove or merge the repeated one",
  BAD_INDENT: "indent nested keys consistently with spaces",
  TAB_AS_INDENT: "YAML indentation must use spaces, not tabs",
  MISSING_CHAR: "close the quote, bracket or brace that was opened",
};

export function parseYamlSource(file: string, text: string): YamlResult {
  if (Buffer.byteLength(text, "utf8") > MAX_SPEC_BYTES) {
    return { ok: false, diagnostics: [fileError(file, `file is larger than ${MAX_SPEC_BYTES} bytes`, "a platform.yaml is a few kilobytes; check that the right file was given")] };
  }
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, uniqueKeys: true, strict: true, prettyErrors: false, version: "1.2" });
  const docs = Array.isArray(documents) ? documents : [];
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const syntax: Diagnostic[] = [];
  for (const doc of docs) {
    for (const error of doc.errors) {
      const { line, column } = at(error.pos[0]);
      const message = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      syntax.push(fileError(file, `YAML syntax error: ${message}`, YAML_HINTS[error.code], line, column));
    }
  }
  if (syntax.length > 0) return { ok: false, diagnostics: syntax };

  const nonEmpty = docs.filter((doc) => doc.contents !== null);
  if (nonEmpty.length === 0) {
    return { ok: false, diagnostics: [fileError(file, "file is empty", "start from a fixture such as fixtures/platform-minimal.yaml", 1, 1)] };
  }
  if (docs.length > 1) {
    const second = docs[1]!;
    const { line, column } = at(second.range[0]);
    return { ok: false, diagnostics: [fileError(file, `file holds ${docs.length} YAML documents; a spec is exactly one`, "put each service in its own file", line, column)] };
  }
  const doc = docs[0]!;
  if (!isMap(doc.contents)) {
    const { line, column } = at(doc.contents?.range?.[0] ?? 0);
    return { ok: false, diagnostics: [fileError(file, "the top level must be a mapping (apiVersion, kind, metadata, spec)", undefined, line, column)] };
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      diagnostics: [fileError(file, `YAML aliases expand too far (${reason.replace(/\.$/, "")})`, "write the values out instead of nesting aliases", 1, 1)],
    };
  }
  return { ok: true, source: { file, value, positionOf: (path, where = "key") => locate(doc, path, where, at) } };
}

function locate(doc: Document, path: SpecPath, where: "key" | "value", at: (offset: number) => { line: number; column: number }) {
  let node: Node = doc.contents as Node;
  let key: Node | undefined;
  for (const segment of path) {
    let segmentKey: Node | undefined;
    let next: Node | null | undefined;
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair) {
        segmentKey = pair.key as Node;
        next = pair.value as Node | null;
      }
    } else if (isSeq(node) && typeof segment === "number") {
      next = node.items[segment] as Node | undefined;
    }
    if (next === undefined) break; // report at the nearest ancestor that exists
    key = segmentKey;
    if (next === null) {
      node = segmentKey ?? node; // `key:` with no value: the key is all there is
      break;
    }
    node = next;
  }
  const target = where === "key" && key ? key : node;
  return at(target.range?.[0] ?? 0);
}
