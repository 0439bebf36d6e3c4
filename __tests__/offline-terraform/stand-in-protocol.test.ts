// The stand-in provider process as go-plugin's client (Terraform) sees it: the magic cookie, the
// handshake line, automatic mTLS with the client certificate, and the gRPC services.
import { type ChildProcess, spawn } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { standInBundle } from "../../scripts/offline-terraform.mjs";
import { selfSignedCertificate } from "../../test-support/stand-in-provider/certificate.js";
import { decodeValue, UNKNOWN } from "../../test-support/stand-in-provider/cty.js";
import { blockType } from "../../test-support/stand-in-provider/schema-gen.js";
import { loadServices, MAGIC_COOKIE_VALUE, schemaFor } from "../../test-support/stand-in-provider/server.js";
import { ROOT } from "../helpers/spec.js";

type Msg = Record<string, unknown>;
type Client = grpc.Client & Record<string, (req: Msg, cb: (err: grpc.ServiceError | null, res: Msg) => void) => void>;

const services = loadServices(join(ROOT, "test-support", "stand-in-provider"));
const ctor = (path: string) => grpc.makeGenericClientConstructor(services.get(path)!, path) as unknown as new (address: string, creds: grpc.ChannelCredentials, options?: object) => Client;
const call = (client: Client, method: string, req: Msg = {}) =>
  new Promise<Msg>((resolve, reject) => client[method]!(req, (err, res) => (err ? reject(err) : resolve(res))));

function start(env: NodeJS.ProcessEnv, bundle: string): { child: ChildProcess; line: Promise<string>; exit: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, [bundle, "--provider", "aws", "--version", "6.28.0"], { env: { PATH: process.env.PATH, STANDIN_ROOT: ROOT, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const line = new Promise<string>((resolve) => {
    let out = "";
    child.stdout!.on("data", (d) => {
      out += d;
      if (out.includes("\n")) resolve(out.split("\n")[0]!);
    });
  });
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, line, exit, stderr: () => stderr };
}

describe("stand-in provider process: go-plugin handshake, automatic mTLS, gRPC services", () => {
  let bundle: string;
  beforeAll(async () => {
    bundle = await standInBundle();
  });

  it("refuses to run without Terraform's magic cookie (exit 1, go-plugin's message)", async () => {
    const p = start({}, bundle);
    expect(await p.exit).toBe(1);
    expect(p.stderr()).toContain("This binary is a plugin.");
  });

  describe("with the cookie and a client certificate", () => {
    const client = selfSignedCertificate();
    let p: ReturnType<typeof start>;
    let line: string[];
    let serverPem: string;
    beforeAll(async () => {
      p = start({ TF_PLUGIN_MAGIC_COOKIE: MAGIC_COOKIE_VALUE, PLUGIN_CLIENT_CERT: client.certPem, PLUGIN_PROTOCOL_VERSIONS: "5,6" }, bundle);
      line = (await p.line).split("|");
      const der = Buffer.from(line[5]!, "base64");
      serverPem = `-----BEGIN CERTIFICATE-----\n${der.toString("base64")}\n-----END CERTIFICATE-----\n`;
    });
    afterAll(() => {
      if (p.child.exitCode === null) p.child.kill();
    });
    const mtls = () => grpc.credentials.createSsl(Buffer.from(serverPem), Buffer.from(client.keyPem), Buffer.from(client.certPem));
    const options = { "grpc.ssl_target_name_override": "localhost" };

    it("prints core version 1, protocol 6, a loopback TCP address, grpc and its certificate (base64 DER, no padding)", () => {
      expect(line.slice(0, 3)).toEqual(["1", "6", "tcp"]);
      expect(line[3]).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(line[4]).toBe("grpc");
      expect(line[5]).not.toMatch(/=$/);
      const cert = new X509Certificate(Buffer.from(line[5]!, "base64"));
      expect(cert.subjectAltName).toBe("DNS:localhost");
      expect(cert.ca).toBe(true);
      expect(cert.verify(cert.publicKey)).toBe(true);
    });

    it("answers the health service and the provider schema over mTLS", async () => {
      const health = new (ctor("grpc.health.v1.Health"))(line[3]!, mtls(), options);
      expect((await call(health, "Check", { service: "plugin" })).status).toBe(1);
      const provider = new (ctor("tfplugin6.Provider"))(line[3]!, mtls(), options);
      const schema = await call(provider, "GetProviderSchema");
      const resources = schema.resource_schemas as Record<string, Msg>;
      expect(Object.keys(resources)).toContain("aws_ecs_service");
      const permission = ((resources.aws_lambda_permission!.block as Msg).attributes as Msg[]).find((a) => a.name === "invoked_via_function_url")!;
      expect(JSON.parse((permission.type as Buffer).toString())).toBe("bool");
      // A create plan leaves unset computed attributes unknown (cty's msgpack unknown extension).
      const type = blockType(schemaFor(ROOT, "aws", "6.28.0").resource_schemas.aws_iam_role!.block);
      const { encodeValue } = await import("../../test-support/stand-in-provider/cty.js");
      const proposed = { name: "r", assume_role_policy: "{}" };
      const plan = await call(provider, "PlanResourceChange", {
        type_name: "aws_iam_role",
        prior_state: { msgpack: Buffer.from(encodeValue(type, null)) },
        proposed_new_state: { msgpack: Buffer.from(encodeValue(type, proposed as never)) },
        config: { msgpack: Buffer.from(encodeValue(type, proposed as never)) },
      });
      const planned = decodeValue(type, (plan.planned_state as { msgpack: Buffer }).msgpack) as Record<string, unknown>;
      expect(planned.name).toBe("r");
      expect(planned.arn).toBe(UNKNOWN);
      provider.close();
      health.close();
    });

    it("rejects a client without the certificate Terraform passed", async () => {
      const stranger = selfSignedCertificate();
      const health = new (ctor("grpc.health.v1.Health"))(line[3]!, grpc.credentials.createSsl(Buffer.from(serverPem), Buffer.from(stranger.keyPem), Buffer.from(stranger.certPem)), options);
      await expect(call(health, "Check", { service: "plugin" })).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
      health.close();
    });

    it("stops when the controller's Shutdown is called", async () => {
      const controller = new (ctor("plugin.GRPCController"))(line[3]!, mtls(), options);
      await call(controller, "Shutdown");
      controller.close();
      expect(await p.exit).toBe(0);
    });
  });
});
