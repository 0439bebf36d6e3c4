// A minimal Language Server Protocol client over stdio (JSON-RPC with Content-Length framing), for
// driving the real yaml-language-server the way an editor does. One server process per test file.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

export interface LspDiagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  message: string;
  severity?: number;
  source?: string;
}

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export class LanguageServer {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly diagnostics = new Map<string, { version?: number; items: LspDiagnostic[] }>();
  private readonly diagnosticWaiters: Array<() => void> = [];
  private stderr = "";

  constructor(private readonly settings: Record<string, unknown>) {
    const packageJson = require.resolve("yaml-language-server/package.json");
    const bin = join(dirname(packageJson), "bin", "yaml-language-server");
    this.child = spawn(process.execPath, [bin, "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdout.on("data", (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.on("data", (chunk: Buffer) => void (this.stderr += chunk.toString()));
    this.child.on("exit", () => {
      for (const { reject } of this.pending.values()) reject(new Error(`yaml-language-server exited${this.stderr ? `: ${this.stderr}` : ""}`));
      this.pending.clear();
    });
  }

  private send(message: Record<string, unknown>): void {
    const body = JSON.stringify({ jsonrpc: "2.0", ...message });
    this.child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8");
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.handle(JSON.parse(body) as Record<string, unknown>);
    }
  }

  private handle(message: Record<string, unknown>): void {
    const { id, method } = message as { id?: number; method?: string };
    if (method === undefined && id !== undefined) {
      const waiter = this.pending.get(id);
      this.pending.delete(id);
      if (message.error) waiter?.reject(new Error(JSON.stringify(message.error)));
      else waiter?.resolve(message.result);
      return;
    }
    if (method === "workspace/configuration") {
      // One answer per requested section: the `yaml` settings, or nothing for others.
      const items = ((message.params as { items?: Array<{ section?: string }> }).items ?? []).map((item) => (item.section === "yaml" ? this.settings : null));
      this.send({ id, result: items });
      return;
    }
    if (method === "textDocument/publishDiagnostics") {
      const params = message.params as { uri: string; version?: number; diagnostics: LspDiagnostic[] };
      this.diagnostics.set(params.uri, { version: params.version, items: params.diagnostics });
      for (const wake of this.diagnosticWaiters.splice(0)) wake();
      return;
    }
    // Other requests from the server (client/registerCapability, ...): acknowledge.
    if (id !== undefined && method !== undefined) this.send({ id, result: null });
  }

  request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  async start(): Promise<void> {
    await this.request("initialize", {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        workspace: { configuration: true },
        textDocument: {
          completion: { completionItem: { snippetSupport: true, documentationFormat: ["markdown", "plaintext"] } },
          hover: { contentFormat: ["markdown", "plaintext"] },
          publishDiagnostics: { relatedInformation: false },
        },
      },
    });
    this.notify("initialized", {});
    this.notify("workspace/didChangeConfiguration", { settings: { yaml: this.settings } });
  }

  private versions = new Map<string, number>();

  /** Opens (or replaces) a document's text. */
  open(uri: string, text: string): void {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.diagnostics.delete(uri);
    if (version === 1) this.notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version, text } });
    else this.notify("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** The diagnostics the server publishes for the document's current version. */
  async diagnosticsOf(uri: string, timeoutMs = 10_000): Promise<LspDiagnostic[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const published = this.diagnostics.get(uri);
      if (published && (published.version === undefined || published.version === this.versions.get(uri))) return published.items;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no diagnostics published for ${uri} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.diagnosticWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.request("shutdown", null), new Promise((resolve) => setTimeout(resolve, 2000))]);
      this.notify("exit", null);
    } finally {
      setTimeout(() => this.child.kill(), 500).unref();
    }
  }
}
