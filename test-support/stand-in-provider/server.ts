// A stand-in Terraform provider: a go-plugin server speaking the provider protocol 6 over gRPC.
//
//   node <bundle> --provider aws|cloudflare --version 6.28.0
//
// Terraform starts it with TF_PLUGIN_MAGIC_COOKIE and (automatic mTLS) PLUGIN_CLIENT_CERT; it
// answers one stdout line `1|6|tcp|127.0.0.1:PORT|grpc|<server certificate, base64 DER>` and
// serves tfplugin6.Provider, plugin.GRPCController, plugin.GRPCStdio, plugin.GRPCBroker and
// grpc.health.v1.Health until Terraform calls Shutdown.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as grpc from "@grpc/grpc-js";
import protobuf from "protobufjs";
import { selfSignedCertificate } from "./certificate.js";
import { apply, type Context, type Diagnostic, lookup, plan, refresh, refuseDelete, validate, type World } from "./behaviour.js";
import { type CtyType, decodeValue, encodeValue, fromJson, type Value } from "./cty.js";
import { type ForceNewTable, loadForceNew } from "./force-new.js";
import { type AttributeSchema, type BlockSchema, blockType, type ProviderSchema, type Schema } from "./schema-gen.js";

export const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
export const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

type Msg = Record<string, unknown>;
type Unary = (call: grpc.ServerUnaryCall<Msg, Msg>, callback: grpc.sendUnaryData<Msg>) => void;

interface Options {
  provider: "aws" | "cloudflare";
  version: string;
  root: string;
  world?: string;
  forceNew: ForceNewTable;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(".").map(Number);
  const pb = b.split(".").map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** The schema served at `version`: supplemented attributes newer than it are left out. */
export function schemaFor(root: string, provider: string, version: string): ProviderSchema {
  const schema = JSON.parse(readFileSync(join(root, "test-support", "stand-in-provider", "schemas", `${provider}.json`), "utf8")) as ProviderSchema;
  for (const [kind, type, name, since] of schema.added_in) {
    if (compareVersions(version, since) >= 0) continue;
    const target = kind === "provider" ? schema.provider : kind === "resource" ? schema.resource_schemas[type] : schema.data_source_schemas[type];
    if (target) delete target.block.attributes[name];
  }
  return schema;
}

const NESTING = { single: 1, list: 2, set: 3, map: 4 } as const;

function protoAttribute(name: string, a: AttributeSchema): Msg {
  return {
    name,
    type: a.type !== undefined ? Buffer.from(JSON.stringify(a.type)) : Buffer.alloc(0),
    nested_type: a.nested_type
      ? { attributes: Object.entries(a.nested_type.attributes).map(([n, x]) => protoAttribute(n, x)), nesting: NESTING[a.nested_type.nesting_mode] }
      : undefined,
    required: !!a.required,
    optional: !!a.optional,
    computed: !!a.computed,
    sensitive: !!a.sensitive,
  };
}

function protoBlock(b: BlockSchema): Msg {
  return {
    version: 0,
    attributes: Object.entries(b.attributes).map(([n, a]) => protoAttribute(n, a)),
    block_types: Object.entries(b.block_types).map(([n, x]) => ({
      type_name: n,
      block: protoBlock(x.block),
      nesting: NESTING[x.nesting_mode],
      min_items: x.min_items ?? 0,
      max_items: x.max_items ?? 0,
    })),
  };
}

const protoSchema = (s: Schema): Msg => ({ version: s.version, block: protoBlock(s.block) });

function protoDiagnostics(diags: Diagnostic[]): Msg[] {
  return diags.map((d) => ({ severity: d.severity === "error" ? 1 : 2, summary: d.summary, detail: d.detail, attribute: d.path ? { steps: d.path } : undefined }));
}

function errorDiagnostic(summary: string, error: unknown): Msg[] {
  return protoDiagnostics([{ severity: "error", summary, detail: error instanceof Error ? (error.stack ?? error.message) : String(error) }]);
}

/**
 * gRPC service definitions straight from the .proto files with protobufjs (proto-loader's
 * descriptor building cost about half of each provider start, and Terraform starts providers often).
 */
export function loadServices(here: string): Map<string, grpc.ServiceDefinition> {
  const root = new protobuf.Root();
  root.loadSync(
    ["tfplugin6.proto", "go-plugin.proto", "health.proto"].map((f) => join(here, "proto", f)),
    { keepCase: true },
  );
  root.resolveAll();
  const toObject = { longs: Number, enums: Number, bytes: Buffer, defaults: true, oneofs: true } as const;
  const services = new Map<string, grpc.ServiceDefinition>();
  const visit = (ns: protobuf.NamespaceBase) => {
    for (const nested of ns.nestedArray) {
      if (nested instanceof protobuf.Service) {
        const definition: Record<string, grpc.MethodDefinition<object, object>> = {};
        for (const method of nested.methodsArray) {
          const request = method.resolvedRequestType!;
          const response = method.resolvedResponseType!;
          definition[method.name] = {
            path: `/${nested.fullName.slice(1)}/${method.name}`,
            requestStream: !!method.requestStream,
            responseStream: !!method.responseStream,
            requestSerialize: (value: object) => Buffer.from(request.encode(request.fromObject(value)).finish()),
            requestDeserialize: (bytes: Buffer) => request.toObject(request.decode(bytes), toObject),
            responseSerialize: (value: object) => Buffer.from(response.encode(response.fromObject(value)).finish()),
            responseDeserialize: (bytes: Buffer) => response.toObject(response.decode(bytes), toObject),
          };
        }
        services.set(nested.fullName.slice(1), definition as grpc.ServiceDefinition);
      } else if (nested instanceof protobuf.Namespace) visit(nested);
    }
  };
  visit(root);
  return services;
}

function service(services: Map<string, grpc.ServiceDefinition>, path: string): grpc.ServiceDefinition {
  const found = services.get(path);
  if (!found) throw new Error(`no service ${path} in the .proto files`);
  return found;
}

export class StandInProvider {
  readonly schema: ProviderSchema;
  private readonly types = new Map<string, CtyType>();
  private ctx: Context = { region: "us-east-1", accountId: "123456789012", partition: "aws", defaultTags: {} };
  /** Provider configuration per client connection: a shared stand-in serves several Terraform runs at once. */
  private readonly configured = new Map<string, Context>();
  private ctxFor(peer: string): Context {
    return this.configured.get(peer) ?? this.ctx;
  }

  constructor(private readonly options: Options) {
    this.schema = schemaFor(options.root, options.provider, options.version);
    const world = this.world();
    this.ctx = { region: world.region ?? "us-east-1", accountId: world.account_id ?? "123456789012", partition: world.partition ?? "aws", defaultTags: {} };
  }

  world(): World {
    const file = this.options.world ?? join(this.options.root, "test-support", "stand-in-provider", "world.json");
    return JSON.parse(readFileSync(file, "utf8")) as World;
  }

  private typeOf(kind: string, name: string, schema: Schema): CtyType {
    const key = `${kind}.${name}`;
    let t = this.types.get(key);
    if (!t) this.types.set(key, (t = blockType(schema.block)));
    return t;
  }

  private resource(name: string): { schema: Schema; type: CtyType } {
    const schema = this.schema.resource_schemas[name];
    if (!schema) throw new Error(`the stand-in ${this.options.provider} provider has no resource type ${name}`);
    return { schema, type: this.typeOf("resource", name, schema) };
  }

  private data(name: string): { schema: Schema; type: CtyType } {
    const schema = this.schema.data_source_schemas[name];
    if (!schema) throw new Error(`the stand-in ${this.options.provider} provider has no data source ${name}`);
    return { schema, type: this.typeOf("data", name, schema) };
  }

  private ephemeral(name: string): { schema: Schema; type: CtyType } {
    const schema = this.schema.ephemeral_resource_schemas[name];
    if (!schema) throw new Error(`the stand-in ${this.options.provider} provider has no ephemeral resource type ${name}`);
    return { schema, type: this.typeOf("ephemeral", name, schema) };
  }

  handlers(): Record<string, Unary> {
    const safe =
      (summary: string, f: (req: Msg, peer: string) => Msg): Unary =>
      (call, callback) => {
        try {
          callback(null, f(call.request, call.getPeer()));
        } catch (error) {
          callback(null, { diagnostics: errorDiagnostic(summary, error) });
        }
      };
    const dv = (m: unknown) => (m as { msgpack?: Buffer } | null)?.msgpack;
    const out = (type: CtyType, v: Value) => ({ msgpack: Buffer.from(encodeValue(type, v)) });
    const providerType = blockType(this.schema.provider.block);
    return {
      GetMetadata: safe("GetMetadata", () => ({
        server_capabilities: { plan_destroy: false, get_provider_schema_optional: false },
        resources: Object.keys(this.schema.resource_schemas).map((type_name) => ({ type_name })),
        data_sources: Object.keys(this.schema.data_source_schemas).map((type_name) => ({ type_name })),
        ephemeral_resources: Object.keys(this.schema.ephemeral_resource_schemas).map((type_name) => ({ type_name })),
      })),
      GetProviderSchema: safe("GetProviderSchema", () => ({
        provider: protoSchema(this.schema.provider),
        resource_schemas: Object.fromEntries(Object.entries(this.schema.resource_schemas).map(([k, s]) => [k, protoSchema(s)])),
        data_source_schemas: Object.fromEntries(Object.entries(this.schema.data_source_schemas).map(([k, s]) => [k, protoSchema(s)])),
        ephemeral_resource_schemas: Object.fromEntries(Object.entries(this.schema.ephemeral_resource_schemas).map(([k, s]) => [k, protoSchema(s)])),
        functions: {},
        server_capabilities: { plan_destroy: false, get_provider_schema_optional: false },
      })),
      ValidateProviderConfig: safe("ValidateProviderConfig", (req) => ({
        diagnostics: protoDiagnostics(validate(this.schema.provider.block, decodeValue(providerType, dv(req.config)))),
      })),
      ValidateResourceConfig: safe("ValidateResourceConfig", (req) => {
        const { schema, type } = this.resource(req.type_name as string);
        return { diagnostics: protoDiagnostics(validate(schema.block, decodeValue(type, dv(req.config)))) };
      }),
      ValidateDataResourceConfig: safe("ValidateDataResourceConfig", (req) => {
        const { schema, type } = this.data(req.type_name as string);
        return { diagnostics: protoDiagnostics(validate(schema.block, decodeValue(type, dv(req.config)))) };
      }),
      ValidateEphemeralResourceConfig: safe("ValidateEphemeralResourceConfig", (req) => {
        const { schema, type } = this.ephemeral(req.type_name as string);
        return { diagnostics: protoDiagnostics(validate(schema.block, decodeValue(type, dv(req.config)))) };
      }),
      UpgradeResourceState: safe("UpgradeResourceState", (req) => {
        const { type } = this.resource(req.type_name as string);
        const raw = (req.raw_state as { json?: Buffer } | null)?.json;
        const value = raw && raw.length ? fromJson(type, JSON.parse(raw.toString("utf8"))) : null;
        return { upgraded_state: out(type, value) };
      }),
      ConfigureProvider: safe("ConfigureProvider", (req, peer) => {
        const config = decodeValue(providerType, dv(req.config)) as Record<string, Value> | null;
        const ctx = { ...this.ctx, defaultTags: {} };
        const region = config?.region;
        if (typeof region === "string") ctx.region = region;
        const defaultTags = (config?.default_tags as Array<{ tags?: Record<string, string> | null }> | null)?.[0]?.tags;
        if (defaultTags && typeof defaultTags === "object") ctx.defaultTags = { ...defaultTags };
        this.configured.set(peer, ctx);
        return { diagnostics: [] };
      }),
      ReadResource: safe("ReadResource", (req) => {
        const { schema, type } = this.resource(req.type_name as string);
        const state = decodeValue(type, dv(req.current_state));
        return { new_state: out(type, refresh(req.type_name as string, schema.block, state, this.world())), private: req.private };
      }),
      PlanResourceChange: safe("PlanResourceChange", (req) => {
        const { schema, type } = this.resource(req.type_name as string);
        const prior = decodeValue(type, dv(req.prior_state));
        const proposed = decodeValue(type, dv(req.proposed_new_state));
        const result = plan(req.type_name as string, schema.block, prior, proposed, this.options.forceNew);
        return { planned_state: out(type, result.planned), requires_replace: result.requiresReplace.map((steps) => ({ steps })), planned_private: req.prior_private };
      }),
      ApplyResourceChange: safe("ApplyResourceChange", (req, peer) => {
        const { schema, type } = this.resource(req.type_name as string);
        const planned = decodeValue(type, dv(req.planned_state));
        if (planned === null) {
          const refused = refuseDelete(req.type_name as string, decodeValue(type, dv(req.prior_state)));
          if (refused) return { new_state: req.prior_state, diagnostics: protoDiagnostics([refused]) };
        }
        return { new_state: out(type, apply(req.type_name as string, schema.block, planned, this.ctxFor(peer))), private: req.planned_private };
      }),
      ImportResourceState: safe("ImportResourceState", (req) => {
        const { type } = this.resource(req.type_name as string);
        const attributes = (type as ["object", Record<string, CtyType>])[1];
        const state = Object.fromEntries(Object.keys(attributes).map((k) => [k, k === "id" ? (req.id as string) : null]));
        return { imported_resources: [{ type_name: req.type_name, state: out(type, state) }] };
      }),
      ReadDataSource: safe("ReadDataSource", (req, peer) => {
        const { schema, type } = this.data(req.type_name as string);
        const config = decodeValue(type, dv(req.config));
        const result = lookup(req.type_name as string, schema.block, config, this.world(), this.ctxFor(peer));
        return { state: result.state === null ? undefined : out(type, result.state), diagnostics: protoDiagnostics(result.diagnostics) };
      }),
      OpenEphemeralResource: safe("OpenEphemeralResource", (req, peer) => {
        const { schema, type } = this.ephemeral(req.type_name as string);
        const config = decodeValue(type, dv(req.config));
        const result = lookup(req.type_name as string, schema.block, config, this.world(), this.ctxFor(peer));
        return { result: result.state === null ? undefined : out(type, result.state), diagnostics: protoDiagnostics(result.diagnostics) };
      }),
      RenewEphemeralResource: safe("RenewEphemeralResource", () => ({ diagnostics: [] })),
      CloseEphemeralResource: safe("CloseEphemeralResource", () => ({ diagnostics: [] })),
      GetFunctions: safe("GetFunctions", () => ({ functions: {}, diagnostics: [] })),
      StopProvider: safe("StopProvider", () => ({ Error: "" })),
    };
  }
}

function parseArgs(argv: string[]): { provider: "aws" | "cloudflare"; version: string } {
  const get = (flag: string) => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const provider = get("--provider");
  const version = get("--version");
  if ((provider !== "aws" && provider !== "cloudflare") || !version) {
    process.stderr.write("usage: stand-in-provider --provider aws|cloudflare --version X.Y.Z\n");
    process.exit(2);
  }
  return { provider, version };
}

/**
 * `--shared`: one long-lived stand-in that many Terraform runs attach to through
 * TF_REATTACH_PROVIDERS (Terraform then neither starts nor stops it): no cookie, no TLS, loopback
 * only; the first stdout line is the reattach entry. It runs until SIGTERM or stdin closes.
 */
export async function main(argv = process.argv.slice(2), root?: string): Promise<void> {
  const shared = argv.includes("--shared");
  if (!shared && process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    process.stderr.write("This binary is a plugin. These are not meant to be executed directly.\nPlease execute the program that consumes these plugins, which will load any plugins automatically\n");
    process.exit(1);
  }
  const { provider, version } = parseArgs(argv);
  const here = join(root ?? process.env.STANDIN_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), "..", ".."), "test-support", "stand-in-provider");
  const projectRoot = join(here, "..", "..");
  const standIn = new StandInProvider({ provider, version, root: projectRoot, world: process.env.STANDIN_WORLD, forceNew: loadForceNew(projectRoot) });
  const pkg = loadServices(here);
  const server = new grpc.Server();
  let shuttingDown = false;
  const stdioStreams: grpc.ServerWritableStream<Msg, Msg>[] = [];
  const shutdown = () => {
    if (shuttingDown) return;
    shuttingDown = true;
    for (const s of stdioStreams) s.end();
    server.forceShutdown();
    setTimeout(() => process.exit(0), 10).unref();
  };
  server.addService(service(pkg, "tfplugin6.Provider"), standIn.handlers());
  server.addService(service(pkg, "plugin.GRPCController"), {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<Msg>) => {
      callback(null, {});
      if (shared) return;
      // Let the answer reach Terraform before the connections close.
      setTimeout(shutdown, 20);
    },
  });
  server.addService(service(pkg, "plugin.GRPCStdio"), {
    StreamStdio: (call: grpc.ServerWritableStream<Msg, Msg>) => {
      stdioStreams.push(call);
    },
  });
  server.addService(service(pkg, "plugin.GRPCBroker"), {
    StartStream: (call: grpc.ServerDuplexStream<Msg, Msg>) => {
      call.on("data", () => {});
      call.on("end", () => call.end());
    },
  });
  server.addService(service(pkg, "grpc.health.v1.Health"), {
    Check: (_call: unknown, callback: grpc.sendUnaryData<Msg>) => callback(null, { status: 1 }),
  });

  const clientCert = shared ? undefined : process.env.PLUGIN_CLIENT_CERT;
  let credentials = grpc.ServerCredentials.createInsecure();
  let certField = "";
  if (clientCert) {
    const { certPem, keyPem, der } = selfSignedCertificate();
    credentials = grpc.ServerCredentials.createSsl(Buffer.from(clientCert), [{ private_key: Buffer.from(keyPem), cert_chain: Buffer.from(certPem) }], true);
    certField = der.toString("base64").replace(/=+$/, "");
  }
  const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", credentials, (error, p) => (error ? reject(error) : resolve(p))));
  if (shared) {
    const address = provider === "aws" ? "registry.terraform.io/hashicorp/aws" : "registry.terraform.io/cloudflare/cloudflare";
    const entry = { [address]: { Protocol: "grpc", ProtocolVersion: 6, Pid: process.pid, Test: true, Addr: { Network: "tcp", String: `127.0.0.1:${port}` } } };
    process.stdout.write(`${JSON.stringify(entry)}\n`);
    process.stdin.resume();
    process.stdin.on("end", shutdown);
  } else {
    process.stdout.write(`1|6|tcp|127.0.0.1:${port}|grpc|${certField}\n`);
  }
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", () => {});
}
