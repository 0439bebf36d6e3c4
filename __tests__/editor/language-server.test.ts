// The editor as a real client: the generated JSON Schema (schema/platform-spec-v1.json) driven
// through the real yaml-language-server over stdio (LSP initialize, didOpen, completion, hover,
// published diagnostics), as VS Code's YAML extension runs it. One server process for the file.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECTION_ORDER } from "../../src/config/platform-config.js";
import { checkSpecFile } from "../../src/engine/specs.js";
import { LanguageServer } from "../helpers/lsp.js";
import { ROOT } from "../helpers/spec.js";

const SCHEMA_URI = pathToFileURL(`${ROOT}schema/platform-spec-v1.json`).href;
const HEADER = "apiVersion: platform.althq.com/v1\nkind: Service\nmetadata:\n  name: editor-test\nspec:\n";

interface CompletionItem {
  label: string;
  kind?: number;
  detail?: string;
  documentation?: string | { kind: string; value: string };
  insertText?: string;
  textEdit?: { newText: string };
}

const folder = mkdtempSync(join(tmpdir(), "platform-editor-"));
const server = new LanguageServer({ validate: true, hover: true, completion: true, schemas: { [SCHEMA_URI]: ["*.yaml"] } });
let documents = 0;

beforeAll(async () => {
  await server.start();
  // The server loads the schema on first use: wait until it has checked one document with it.
  const diagnostics = await server.diagnosticsOf(open(`${HEADER}  compute:\n    prot: 1\n`), 20_000);
  if (diagnostics.length === 0) throw new Error("the language server did not apply the schema");
}, 30_000);
afterAll(async () => {
  await server.stop();
  rmSync(folder, { recursive: true, force: true });
});

/** Opens `text` as a new document; returns its URI. */
function open(text: string): string {
  const uri = pathToFileURL(join(folder, `doc-${++documents}.yaml`)).href;
  server.open(uri, text);
  return uri;
}

/** Completion at the place marked `|` in `text`. */
async function completeAt(textWithCursor: string): Promise<CompletionItem[]> {
  const offset = textWithCursor.indexOf("|");
  const text = textWithCursor.replace("|", "");
  const before = text.slice(0, offset).split("\n");
  const uri = open(text);
  const result = await server.request<{ items: CompletionItem[] } | CompletionItem[]>("textDocument/completion", {
    textDocument: { uri },
    position: { line: before.length - 1, character: before[before.length - 1]!.length },
  });
  return Array.isArray(result) ? result : result.items;
}

async function hoverAt(textWithCursor: string): Promise<string> {
  const offset = textWithCursor.indexOf("|");
  const text = textWithCursor.replace("|", "");
  const before = text.slice(0, offset).split("\n");
  const uri = open(text);
  const hover = await server.request<{ contents: { kind: string; value: string } } | null>("textDocument/hover", {
    textDocument: { uri },
    position: { line: before.length - 1, character: before[before.length - 1]!.length },
  });
  return hover?.contents.value ?? "";
}

const insertTextOf = (item: CompletionItem) => item.textEdit?.newText ?? item.insertText ?? item.label;
const docText = (item: CompletionItem) => (typeof item.documentation === "string" ? item.documentation : (item.documentation?.value ?? ""));

/** What a user types into a snippet's empty placeholders (those with a default keep it). */
const TYPED: Record<string, string> = {
  nodeType: "cache.t4g.micro",
  instanceClass: "db.t4g.micro",
  dbName: "app",
  dbUsername: "app_admin",
  namespace: "internal.local",
  path: "/data",
  name: "chat",
  image: "chat",
  "-": "API_KEY",
};

/** Accepts a snippet: `${n:default}` keeps its default, an empty `$n` gets what the user types for its key. */
function accept(snippet: string): string {
  return snippet
    .split("\n")
    .map((line) =>
      line
        .replace(/\$\{\d+:([^}]*)\}/g, "$1")
        .replace(/^(\s*(?:- )?)([A-Za-z]+|-)(:?\s*)(?:\$\{\d+\}|\$\d+)\s*$/, (_m, indent: string, key: string, sep: string) => `${indent}${key}${sep}${TYPED[key] ?? `<no value for ${key}>`}`)
        .replace(/^(\s*)- (?:\$\{\d+\}|\$\d+)\s*$/, (_m, indent: string) => `${indent}- ${TYPED["-"]}`),
    )
    .join("\n");
}

const indentBy = (text: string, spaces: number) =>
  text
    .split("\n")
    .map((line) => (line === "" ? line : " ".repeat(spaces) + line))
    .join("\n");

describe("yaml-language-server with the generated schema", () => {
  it("completes every section inside spec:, none described by the root schema's title", async () => {
    const items = await completeAt(`${HEADER}  |\n`);
    expect(items.map((i) => i.label).sort()).toEqual([...SECTION_ORDER].sort());
    for (const item of items) expect(`${item.detail ?? ""} ${docText(item)}`).not.toContain("Platform service specification");
  });

  it.each([
    ["compute", ["type", "port", "cpu", "memory", "instances", "healthCheck", "listenerPriority"]],
    ["storage", ["type", "encrypted", "lifecyclePolicy", "backup", "mountPath", "accessPoint"]],
    ["cache", ["engine", "engineVersion", "nodeType", "numNodes", "transitEncryption", "atRestEncryption", "snapshotRetentionDays"]],
    ["database", ["engine", "engineVersion", "instanceClass", "multiAz", "dbName", "dbUsername", "deletionProtection"]],
    ["serviceDiscovery", ["namespace", "ttl"]],
    ["triggers", ["eventbridge", "webhookGateway", "webhook"]],
  ])("completes the fields inside %s", async (section, fields) => {
    const items = await completeAt(`${HEADER}  ${section}:\n    |\n`);
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(fields));
  });

  it("completes the fields of a function inside lambda.functions", async () => {
    const items = await completeAt(`${HEADER}  lambda:\n    functions:\n      - name: chat\n        |\n`);
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(["image", "memory", "timeout", "invokeMode", "environment"]));
  });

  it.each([
    ["cache engine", "  cache:\n    engine: |\n", ["redis"]],
    ["database engine", "  database:\n    engine: |\n", ["postgres"]],
    ["compute cpu", "  compute:\n    cpu: |\n", ["256", "512", "1024", "2048", "4096", "8192", "16384"]],
    ["storage lifecyclePolicy", "  storage:\n    lifecyclePolicy: |\n", ["AFTER_1_DAY", "AFTER_30_DAYS", "AFTER_365_DAYS"]],
    ["function invokeMode", "  lambda:\n    functions:\n      - name: chat\n        invokeMode: |\n", ["RESPONSE_STREAM", "BUFFERED"]],
  ])("completes the enum values of %s", async (_name, body, values) => {
    const items = await completeAt(`${HEADER}${body}`);
    expect(items.map((i) => i.label)).toEqual(expect.arrayContaining(values));
  });

  it.each(SECTION_ORDER.map((section) => [section]))("accepting the %s snippet gives a spec that platform validate accepts", async (section) => {
    const items = await completeAt(`${HEADER}  |\n`);
    const snippetOf = (name: string) => accept(insertTextOf(items.find((i) => i.label === name)!));
    const snippet = snippetOf(section);
    // The required single-value fields come with the snippet, so the user need not know them.
    if (section === "cache") expect(snippet).toContain("engine: redis");
    if (section === "database") expect(snippet).toContain("engine: postgres");
    // serviceDiscovery and schedules need a workload, and secrets alone provision nothing: compute joins them.
    const sections = section === "compute" ? [snippet] : [snippetOf("compute"), snippet];
    const text = `${HEADER}${sections.map((s) => indentBy(s, 2)).join("\n")}\n`;
    const file = join(folder, `accepted-${section}.yaml`);
    writeFileSync(file, text);
    const { config, diagnostics } = await checkSpecFile(file);
    expect(diagnostics.filter((d) => d.severity === "error"), text).toEqual([]);
    expect(config?.declaredSections).toContain(section);
    // The editor agrees: no diagnostics for the accepted snippet.
    expect(await server.diagnosticsOf(open(text))).toEqual([]);
  });

  it("hovers a field with its name, its description as Markdown and its default", async () => {
    const hover = await hoverAt(`${HEADER}  cache:\n    engine: redis\n    nodeType: cache.t3.micro\n    num|Nodes: 2\n`);
    expect(hover).toMatch(/^#### spec\.cache\.numNodes\n/);
    expect(hover).toContain("Nodes in the replication group (one primary plus replicas).");
    expect(hover).toContain("Default: `1`");
  });

  it("keeps backticks in hover text as Markdown code, not escaped", async () => {
    const hover = await hoverAt(`${HEADER}  storage:\n    ty|pe: efs\n    accessPoint:\n      path: /data\n`);
    expect(hover).toMatch(/^#### spec\.storage\.type\n/);
    expect(hover).toContain("Only `efs`");
    expect(hover).not.toContain("\\`");
    expect(hover).toContain("Default: `efs`");
  });

  it("reports an unknown key at its position", async () => {
    const text = `${HEADER}  compute:\n    prot: 8080\n`;
    const diagnostics = await server.diagnosticsOf(open(text));
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]!.range).toEqual({ start: { line: 6, character: 4 }, end: { line: 6, character: 8 } });
    expect(diagnostics[0]!.message).toMatch(/prot/);
  });

  it("reports nothing for a valid fixture, opened where its modeline finds the schema", async () => {
    const file = `${ROOT}fixtures/platform-agent-factory.yaml`;
    const uri = pathToFileURL(file).href;
    server.open(uri, readFileSync(file, "utf8"));
    expect(await server.diagnosticsOf(uri)).toEqual([]);
  });
});
