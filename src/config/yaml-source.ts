// Reads platform.yaml as YAML 1.2, keeping source positions so any spec path maps back to line:col.
import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { Composer, CST, Lexer, LineCounter, Parser, isMap, isPair, isScalar, isSeq, visit, type Document, type Node } from "yaml";
import { formatPath, pointRange, type Diagnostic, type DiagnosticCode, type SourceRange, type SpecPath } from "./diagnostics.js";

/** Specs are small; anything larger is a mistake (or an attack) and is refused before parsing. */
export const MAX_SPEC_BYTES = 1024 * 1024;
/** Aliases a spec may expand; a handful is plenty, thousands is a "billion laughs" bomb. */
export const MAX_ALIAS_COUNT = 50;
/**
 * How deep mappings and lists may nest. The contract's deepest field is a few levels down; the
 * parser, the schema check and the renderer all recurse, so nesting is bounded before any of them
 * runs, and a spec gets the same answer on every path (main thread, worker, validate, synth).
 */
export const MAX_NESTING_DEPTH = 64;
/** Mapping keys and list items a spec may hold in all (a real spec has a few hundred). */
export const MAX_ENTRIES = 10_000;

export interface YamlSource {
  file: string;
  value: unknown;
  /** Where the node at `path` starts and ends (1-based), or its nearest existing ancestor. */
  positionOf(path: SpecPath, at?: "key" | "value"): SourceRange;
  /** The scalar at `path` exactly as written (`7.10`, `0750`), for messages that quote the user. */
  sourceText?(path: SpecPath): string | undefined;
  /**
   * Position of character `offset` of the string at `path` (past an opening quote), when the string
   * is written on one line without escapes; otherwise the position of the value.
   */
  positionInString?(path: SpecPath, offset: number): { line: number; column: number };
  /** The path a diagnostic about `path` names, when it is not `path` itself (an environment's own overrides). */
  displayPathOf?(path: SpecPath): SpecPath;
}

export type YamlResult = { ok: true; source: YamlSource } | { ok: false; diagnostics: Diagnostic[] };

const fileError = (code: DiagnosticCode, file: string, message: string, hint?: string, line = 0, column = 0): Diagnostic => ({
  severity: "error",
  code,
  file,
  ...pointRange(line, column),
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
  return fileError("file/too-large", file, `file is larger than 1 MiB (${MAX_SPEC_BYTES} bytes)`, "a platform.yaml is a few kilobytes; check that the right file was given", 1, 1);
}

/**
 * Offset of the first byte that is not part of well-formed UTF-8 (the Unicode standard's table:
 * no overlong forms, no surrogates, nothing above U+10FFFF), or -1. Decoding such a file as
 * UTF-8 would silently turn the byte into U+FFFD, which would then reach Terraform as data.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const follow = lead >= 0xc2 && lead <= 0xdf ? 1 : lead >= 0xe0 && lead <= 0xef ? 2 : lead >= 0xf0 && lead <= 0xf4 ? 3 : 0;
    if (follow === 0) return i;
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    for (let k = 1; k <= follow; k++) {
      const next = bytes[i + k];
      if (next === undefined || next < (k === 1 ? low : 0x80) || next > (k === 1 ? high : 0xbf)) return i;
    }
    i += follow + 1;
  }
  return -1;
}

function notUtf8Error(file: string, bytes: Buffer, offset: number): Diagnostic {
  // Everything before the offset is valid UTF-8, so it decodes to the line and column as an editor shows them.
  const before = bytes.subarray(0, offset).toString("utf8");
  const line = before.split("\n").length;
  const column = before.length - before.lastIndexOf("\n");
  const byte = bytes[offset]!.toString(16).toUpperCase().padStart(2, "0");
  return fileError("file/not-utf8", file, `file is not UTF-8: byte 0x${byte} cannot start or continue a character here`, "save the file as UTF-8 (a Latin-1 or Windows-1252 file shows this at its first accented letter)", line, column);
}

/**
 * Reads a YAML file the engine checks (a spec, the settings file). The size is checked before
 * reading, so a huge file (or a device) is never loaded into memory; opened non-blocking, so a
 * FIFO (or a device) does not wait for a writer, and fstat then refuses it. Synchronous: the files
 * are small, and a batch reads them one after another anyway (waiting on the thread pool for each
 * of four calls cost more than the reading). Never throws: a file that cannot be read comes back as
 * a `file/unreadable` diagnostic, worded by `unreadable` from the reason.
 */
export function readYamlFile(file: string, unreadable: (reason: string) => { message: string; hint: string }): { text: string } | { diagnostic: Diagnostic } {
  try {
    const handle = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      const stat = fstatSync(handle);
      if (stat.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
      if (!stat.isFile()) throw Object.assign(new Error("not a regular file"), { code: "ENOTREG" });
      if (stat.size > MAX_SPEC_BYTES) return { diagnostic: tooLargeError(file) };
      const bytes = readFileSync(handle);
      const invalid = firstInvalidUtf8(bytes);
      if (invalid >= 0) return { diagnostic: notUtf8Error(file, bytes, invalid) };
      return { text: bytes.toString("utf8") };
    } finally {
      closeSync(handle);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reasons: Record<string, string> = { ENOENT: "file not found", EISDIR: "is a directory, not a file", ENOTREG: "is not a regular file", ELOOP: "is a symbolic link loop" };
    const { message, hint } = unreadable((code && reasons[code]) ?? `cannot be read (${code ?? String(error)})`);
    return { diagnostic: { severity: "error", code: "file/unreadable", file, ...pointRange(), path: "", message, hint } };
  }
}

export function parseYamlSource(file: string, text: string): YamlResult {
  if (Buffer.byteLength(text, "utf8") > MAX_SPEC_BYTES) return { ok: false, diagnostics: [tooLargeError(file)] };
  const lineCounter = new LineCounter();
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  // The concrete syntax tree first (the parser is iterative): its depth and size are checked
  // before the composer and toJS, which recurse, ever see it.
  // A large file is first lexed (linear, and several times faster than parsing): a file far over
  // the limits is refused before the parser spends seconds building a tree of it.
  const early = text.length > QUICK_CHECK_ABOVE ? lexicalLimit(text) : undefined;
  if (early) {
    const { line, column } = positionIn(text, early.offset);
    return { ok: false, diagnostics: [fileError("yaml/limits", file, early.message, early.hint, line, column)] };
  }
  const tokens = Array.from(new Parser(lineCounter.addNewLine).parse(text));
  const limit = structureLimit(tokens);
  if (limit) {
    const { line, column } = at(limit.offset);
    return { ok: false, diagnostics: [fileError("yaml/limits", file, limit.message, limit.hint, line, column)] };
  }
  // Duplicate keys are found below with one set per mapping: the composer's own check compares
  // each key with every earlier one, quadratic in the keys of a mapping (64,000 keys took 23 s).
  const composer = new Composer({ uniqueKeys: false, strict: true, prettyErrors: false, version: "1.2" });
  const docs = Array.from(composer.compose(tokens));

  const syntax: Diagnostic[] = [];
  for (const doc of docs) {
    // A `%YAML 1.1` directive would switch the parser to 1.1 rules (yes/no/on/off as booleans,
    // merge keys, sexagesimal numbers): the contract is YAML 1.2, whatever the file says.
    const directive = doc.directives?.yaml;
    if (directive?.explicit && directive.version !== "1.2") {
      const offset = text.search(/^%YAML\b/m);
      const { line, column } = at(offset < 0 ? 0 : offset);
      syntax.push(fileError("yaml/version", file, `YAML ${directive.version} directive: specs are read as YAML 1.2 only`, "remove the %YAML line (or write %YAML 1.2)", line, column));
      continue;
    }
    // Warnings (an unknown tag such as `!Ref`) are errors here: the value would silently become text.
    for (const error of [...doc.errors, ...doc.warnings]) {
      const { line, column } = at(error.pos[0]);
      const message = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
      if (error.code === "TAG_RESOLVE_FAILED") {
        syntax.push(fileError("yaml/tag", file, `YAML tag ${message.replace(/^Unresolved tag: /, "")} is not supported`, TAG_HINT, line, column));
      } else {
        syntax.push(fileError("yaml/syntax", file, `YAML syntax error: ${message}`, YAML_HINTS[error.code], line, column));
      }
    }
    // Standard tags that do resolve (!!binary, !!set, !!timestamp) would hand the schema values it
    // cannot describe; only the core scalar and collection tags are accepted.
    visit(doc, {
      Pair(_key, pair, ancestors) {
        // YAML 1.2 has no merge keys; a plain `<<` key is refused rather than read as a key named "<<".
        const key = pair.key;
        if (isScalar(key) && key.value === "<<" && key.type === "PLAIN") {
          const { line, column } = at(key.range?.[0] ?? 0);
          syntax.push({
            ...fileError("yaml/merge-key", file, "YAML merge keys (<<) are not supported: specs are read as YAML 1.2", "write the fields out instead of merging an anchor", line, column),
            path: formatPath([...specPathOf(ancestors), "<<"]),
          });
        }
      },
      Map(_key, map) {
        const seen = new Set<string>();
        for (const pair of map.items) {
          if (!isScalar(pair.key)) continue;
          const name = String(pair.key.value);
          if (!seen.has(name)) {
            seen.add(name);
            continue;
          }
          const { line, column } = at(pair.key.range?.[0] ?? 0);
          syntax.push(fileError("yaml/duplicate-key", file, "YAML syntax error: Map keys must be unique", YAML_HINTS.DUPLICATE_KEY, line, column));
        }
      },
      Node(_key, node) {
        if (node.tag === undefined || CORE_TAGS.has(node.tag) || !node.tag.startsWith("tag:yaml.org,2002:")) return;
        const { line, column } = at(node.range?.[0] ?? 0);
        syntax.push(fileError("yaml/tag", file, `YAML tag !!${node.tag.slice("tag:yaml.org,2002:".length)} is not supported`, TAG_HINT, line, column));
      },
    });
  }
  if (syntax.length > 0) return { ok: false, diagnostics: dedupe(syntax) };

  // Empty documents (a stray trailing `---`) carry nothing; only documents with content count.
  const nonEmpty = docs.filter((doc) => !isEmptyDocument(doc));
  if (nonEmpty.length === 0) {
    return { ok: false, diagnostics: [fileError("file/empty", file, "file is empty", "start from a fixture such as fixtures/platform-minimal.yaml", 1, 1)] };
  }
  if (nonEmpty.length > 1) {
    const { line, column } = at(nonEmpty[1]!.contents!.range?.[0] ?? nonEmpty[1]!.range[0]);
    return {
      ok: false,
      diagnostics: [fileError("yaml/documents", file, `file holds ${nonEmpty.length} YAML documents; a spec is exactly one`, "put each service in its own file", line, column)],
    };
  }
  const doc = nonEmpty[0]!;
  if (!isMap(doc.contents)) {
    const { line, column } = at(doc.contents?.range?.[0] ?? 0);
    return {
      ok: false,
      diagnostics: [fileError("yaml/top-level", file, "the top level must be a mapping (apiVersion, kind, metadata, spec)", "write those four keys at the start of a line, with no leading dash", line, column)],
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
        fileError("yaml/aliases", file, `YAML aliases expand too far (${reason.replace(/\.$/, "")})`, "write the values out instead of nesting aliases", line, column),
      ],
    };
  }
  return {
    ok: true,
    source: {
      file,
      value,
      positionOf: (path, where = "key") => {
        const range = nodeAt(doc, path, where).range;
        const start = at(range?.[0] ?? 0);
        const end = at(range?.[1] ?? range?.[0] ?? 0);
        return { ...start, endLine: end.line, endColumn: end.column };
      },
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

/** Files longer than this (characters) are lexed for the limits before they are parsed. */
const QUICK_CHECK_ABOVE = 64 * 1024;
const DEPTH_HINT = "a spec's values are a few levels deep; flatten this value";
const ENTRIES_HINT = "a spec holds a few hundred; split it, or move bulk data out of the spec";
/** Lexer markers that stand for no text of the source. */
const MARKERS = new Set([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);

/**
 * Limits the lexer alone can prove broken: flow collections (`[`, `{`) nested deeper than
 * MAX_NESTING_DEPTH, or more entries than MAX_ENTRIES, counted from indicators that each start
 * an entry of their own (`-` items, `:` pairs; or `,` between flow items). Both are lower bounds,
 * so a file within the limits is never refused here; the exact check runs on the parsed tree.
 */
function lexicalLimit(text: string): { message: string; hint: string; offset: number } | undefined {
  let offset = 0;
  let flowDepth = 0;
  let pairsAndItems = 0;
  let commas = 0;
  for (const source of new Lexer().lex(text)) {
    if (MARKERS.has(source)) continue;
    switch (source) {
      case "[":
      case "{":
        if (++flowDepth > MAX_NESTING_DEPTH) return { message: `nested deeper than ${MAX_NESTING_DEPTH} levels`, hint: DEPTH_HINT, offset };
        break;
      case "]":
      case "}":
        flowDepth -= 1;
        break;
      case "-":
      case ":":
        pairsAndItems += 1;
        break;
      case ",":
        commas += 1;
        break;
    }
    if (pairsAndItems > MAX_ENTRIES || commas > MAX_ENTRIES) return { message: `more than ${MAX_ENTRIES} keys and list items`, hint: ENTRIES_HINT, offset };
    offset += source.length;
  }
  return undefined;
}

/** Line and column (1-based) of an offset, for the few diagnostics made before a LineCounter exists. */
function positionIn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/**
 * The first place the concrete syntax tree breaks a structural limit: nesting deeper than
 * MAX_NESTING_DEPTH, or more than MAX_ENTRIES keys and list items. Walked with an explicit stack,
 * so a hostile depth cannot overflow this walk either.
 */
function structureLimit(tokens: readonly CST.Token[]): { message: string; hint: string; offset: number } | undefined {
  const stack: Array<{ token: CST.Token | undefined; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  let entries = 0;
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (!token) continue;
    if (token.type === "document") {
      stack.push({ token: token.value, depth });
      continue;
    }
    if (token.type !== "block-map" && token.type !== "block-seq" && token.type !== "flow-collection") continue;
    if (depth + 1 > MAX_NESTING_DEPTH) {
      return { message: `nested deeper than ${MAX_NESTING_DEPTH} levels`, hint: DEPTH_HINT, offset: token.offset };
    }
    entries += token.items.length;
    if (entries > MAX_ENTRIES) {
      return { message: `more than ${MAX_ENTRIES} keys and list items`, hint: ENTRIES_HINT, offset: token.offset };
    }
    for (const item of token.items as Array<{ key?: CST.Token | null; value?: CST.Token }>) {
      if (item.key) stack.push({ token: item.key, depth: depth + 1 });
      if (item.value) stack.push({ token: item.value, depth: depth + 1 });
    }
  }
  return undefined;
}

/** The spec path of a node, from the ancestors `visit` passes (maps contribute keys, sequences indexes). */
function specPathOf(ancestors: readonly unknown[]): Array<string | number> {
  const path: Array<string | number> = [];
  for (let i = 0; i < ancestors.length; i++) {
    const node = ancestors[i];
    if (isPair(node) && isScalar(node.key)) path.push(String(node.key.value));
    else if (isSeq(node) && i + 1 < ancestors.length) path.push(node.items.indexOf(ancestors[i + 1] as never));
  }
  return path;
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
