// Reads platform.yaml as YAML 1.2, keeping source positions so any spec path maps back to line:col.
import { LineCounter, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit, type Document, type Node } from "yaml";
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
  /** The scalar at `path` exactly as written (`7.10`, `0750`), for messages that quote the user. */
  sourceText?(path: SpecPath): string | undefined;
  /**
   * Position of character `offset` of the string at `path` (past an opening quote), when the string
   * is written on one line without escapes; otherwise the position of the value.
   */
  positionInString?(path: SpecPath, offset: number): { line: number; column: number };
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

/** Explicit tags that only restate what YAML 1.2's core schema would infer anyway. */
const CORE_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((name) => `tag:yaml.org,2002:${name}`));

const TAG_HINT = "a spec holds plain strings, numbers, booleans, lists and mappings; remove the tag";

const YAML_HINTS: Record<string, string> = {
  DUPLICATE_KEY: "each key may appear once per mapping; remove or merge the repeated one",
  BAD_INDENT: "indent nested keys consistently with spaces",
  TAB_AS_INDENT: "YAML indentation must use spaces, not tabs",
  MISSING_CHAR: "close the quote, bracket or brace that was opened",
};

/** The diagnostic for a spec over MAX_SPEC_BYTES; shared with the file reader, which refuses before reading. */
export function tooLargeError(file: string): Diagnostic {
  return fileError(file, `file is larger than 1 MiB (${MAX_SPEC_BYTES} bytes)`, "a platform.yaml is a few kilobytes; check that the right file was given", 1, 1);
}

export function parseYamlSource(file: string, text: string): YamlResult {
  if (Buffer.byteLength(text, "utf8") > MAX_SPEC_BYTES) return { ok: false, diagnostics: [tooLargeError(file)] };
  const lineCounter = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter, uniqueKeys: true, strict: true, prettyErrors: false, version: "1.2" });
  const docs = Array.isArray(documents) ? documents : [];
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };

  const syntax: Diagnostic[] = [];
  for (const doc of docs) {
    // Warnings (an unknown tag such as `!Ref`) are errors here: the value would silently become text.
    for (const error of [...doc.errors, ...doc.warnings]) {
      const { line, column } = at(error.pos[0]);
      const message = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      if (error.code === "TAG_RESOLVE_FAILED") {
        syntax.push(fileError(file, `YAML tag ${message.replace(/^Unresolved tag: /, "")} is not supported`, TAG_HINT, line, column));
      } else {
        syntax.push(fileError(file, `YAML syntax error: ${message}`, YAML_HINTS[error.code], line, column));
      }
    }
    // Standard tags that do resolve (!!binary, !!set, !!timestamp) would hand the schema values it
    // cannot describe; only the core scalar and collection tags are accepted.
    visit(doc, {
      Node(_key, node) {
        if (node.tag === undefined || CORE_TAGS.has(node.tag) || !node.tag.startsWith("tag:yaml.org,2002:")) return;
        const { line, column } = at(node.range?.[0] ?? 0);
        syntax.push(fileError(file, `YAML tag !!${node.tag.slice("tag:yaml.org,2002:".length)} is not supported`, TAG_HINT, line, column));
      },
    });
  }
  if (syntax.length > 0) return { ok: false, diagnostics: dedupe(syntax) };

  // Empty documents (a stray trailing `---`) carry nothing; only documents with content count.
  const nonEmpty = docs.filter((doc) => !isEmptyDocument(doc));
  if (nonEmpty.length === 0) {
    return { ok: false, diagnostics: [fileError(file, "file is empty", "start from a fixture such as fixtures/platform-minimal.yaml", 1, 1)] };
  }
  if (nonEmpty.length > 1) {
    const { line, column } = at(nonEmpty[1]!.contents!.range?.[0] ?? nonEmpty[1]!.range[0]);
    return {
      ok: false,
      diagnostics: [fileError(file, `file holds ${nonEmpty.length} YAML documents; a spec is exactly one`, "put each service in its own file", line, column)],
    };
  }
  const doc = nonEmpty[0]!;
  if (!isMap(doc.contents)) {
    const { line, column } = at(doc.contents?.range?.[0] ?? 0);
    return {
      ok: false,
      diagnostics: [fileError(file, "the top level must be a mapping (apiVersion, kind, metadata, spec)", "write those four keys at the start of a line, with no leading dash", line, column)],
    };
  }

  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    let firstAlias = 0;
    visit(doc, {
      Alias(_key, alias) {
        firstAlias = alias.range?.[0] ?? 0;
        return visit.BREAK;
      },
    });
    const { line, column } = at(firstAlias);
    return {
      ok: false,
      diagnostics: [
        fileError(file, `YAML aliases expand too far (${reason.replace(/\.$/, "")})`, "write the values out instead of nesting aliases", line, column),
      ],
    };
  }
  return {
    ok: true,
    source: {
      file,
      value,
      positionOf: (path, where = "key") => at(nodeAt(doc, path, where).range?.[0] ?? 0),
      sourceText: (path) => {
        const node = nodeAt(doc, path, "value");
        return isScalar(node) && typeof node.source === "string" ? node.source : undefined;
      },
      positionInString: (path, offset) => {
        const node = nodeAt(doc, path, "value");
        const [start = 0, end = 0] = node.range ?? [];
        if (!isScalar(node) || typeof node.value !== "string") return at(start);
        const quote = node.type === "QUOTE_DOUBLE" || node.type === "QUOTE_SINGLE" ? 1 : 0;
        // Written as-is on one line: the source spans exactly the value (plus its quotes).
        const verbatim = (node.type === "PLAIN" || quote === 1) && end - start === node.value.length + 2 * quote;
        return at(verbatim ? start + quote + Math.min(offset, node.value.length) : start);
      },
    },
  };
}

/** A document with nothing written in it (`---` followed by comments at most). */
function isEmptyDocument(doc: Document): boolean {
  const contents = doc.contents;
  return contents === null || (isScalar(contents) && contents.value === null && contents.source === "");
}

/** One diagnostic per position and message (the parser may report a problem once per pass). */
function dedupe(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.line}:${d.column}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The node at `path` (its key when `where` is "key"), or the nearest existing ancestor. */
function nodeAt(doc: Document, path: SpecPath, where: "key" | "value"): Node {
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
  return where === "key" && key ? key : node;
}
