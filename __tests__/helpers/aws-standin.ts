// A stand-in for the two AWS APIs the webhook gateway calls (SSM GetParameter, EventBridge
// PutEvents, AWS JSON 1.1), on 127.0.0.1. Like AWS, it checks each request's Signature Version 4,
// here recomputed with the AWS SDK's own signer (@smithy/signature-v4), and answers 403 when it
// does not match; it records every request it receives.
import { createHash, createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { SignatureV4 } from "@smithy/signature-v4";

export const FAKE_CREDENTIALS = { accessKeyId: "AKIDSTANDIN", secretAccessKey: "stand-in-secret-key", sessionToken: "stand-in-session-token" } as const;
export const STANDIN_REGION = "eu-west-1";

export interface RecordedRequest {
  service: "ssm" | "events";
  target: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
  signatureValid: boolean;
}

export interface AwsStandIn {
  endpoint: string;
  requests: RecordedRequest[];
  /** SSM parameters by name (decrypted values). */
  parameters: Map<string, string>;
  /** When set, PutEvents reports the entry as failed with this code. */
  failPutEvents?: string;
  stop(): Promise<void>;
}

/** The environment that points the AWS SDK (and the webhook gateway's clients) at `standIn` with the fake credentials. */
export function standInClientEnvironment(standIn: Pick<AwsStandIn, "endpoint">): Record<string, string> {
  return {
    AWS_REGION: STANDIN_REGION,
    AWS_ACCESS_KEY_ID: FAKE_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: FAKE_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: FAKE_CREDENTIALS.sessionToken,
    AWS_ENDPOINT_URL_SSM: standIn.endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: standIn.endpoint,
  };
}

function bytes(data: string | ArrayBuffer | ArrayBufferView): Buffer {
  if (typeof data === "string") return Buffer.from(data, "utf8");
  if (data instanceof ArrayBuffer) return Buffer.from(data);
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

/** The hash constructor the SDK's signer takes, over node:crypto (HMAC when given a key). */
class NodeSha256 {
  private hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash("sha256") : createHmac("sha256", bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.hash.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
  reset() {}
}

/** True when the request's Authorization header is the one the SDK's signer computes for it. */
export async function sdkSignatureMatches(request: { method: string; host: string; path: string; headers: Record<string, string>; body: string }, service: string, region: string, credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }): Promise<boolean> {
  const authorization = request.headers.authorization ?? "";
  const signed = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(";") ?? [];
  const amzDate = request.headers["x-amz-date"] ?? "";
  const date = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
  const headers: Record<string, string> = { host: request.host };
  for (const name of signed) if (name !== "host" && request.headers[name] !== undefined) headers[name] = request.headers[name]!;
  const signer = new SignatureV4({ service, region, credentials, sha256: NodeSha256, applyChecksum: false });
  const [hostname, port] = request.host.split(":");
  const result = await signer.sign(
    { method: request.method, protocol: "http:", hostname: hostname!, port: port ? Number(port) : undefined, path: request.path, query: {}, headers, body: request.body },
    { signingDate: date },
  );
  return result.headers.authorization === authorization;
}

export async function startAwsStandIn(): Promise<AwsStandIn> {
  const requests: RecordedRequest[] = [];
  const parameters = new Map<string, string>();
  const standIn: AwsStandIn = { endpoint: "", requests, parameters, stop: async () => {} };
  let eventCount = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void (async () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const target = String(req.headers["x-amz-target"] ?? "");
        const service = target.startsWith("AmazonSSM.") ? "ssm" : "events";
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        const signatureValid = await sdkSignatureMatches({ method: req.method ?? "", host: req.headers.host ?? "", path: req.url ?? "/", headers, body: text }, service, STANDIN_REGION, FAKE_CREDENTIALS);
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(text) as Record<string, unknown>;
        } catch {
          // recorded as empty
        }
        requests.push({ service, target, headers: req.headers, body, signatureValid });
        const send = (status: number, payload: unknown) => {
          res.writeHead(status, { "content-type": "application/x-amz-json-1.1" });
          res.end(JSON.stringify(payload));
        };
        if (!signatureValid) return send(403, { __type: "SignatureDoesNotMatch", message: "The request signature we calculated does not match the signature you provided." });
        if (target === "AmazonSSM.GetParameter") {
          const value = parameters.get(String(body.Name));
          if (value === undefined) return send(400, { __type: "com.amazonaws.ssm#ParameterNotFound", message: "" });
          return send(200, { Parameter: { Name: body.Name, Type: "SecureString", Value: value, Version: 1 } });
        }
        if (target === "AWSEvents.PutEvents") {
          const entries = (body.Entries as unknown[] | undefined) ?? [];
          if (standIn.failPutEvents) return send(200, { FailedEntryCount: entries.length, Entries: entries.map(() => ({ ErrorCode: standIn.failPutEvents, ErrorMessage: "refused by the stand-in" })) });
          return send(200, { FailedEntryCount: 0, Entries: entries.map(() => ({ EventId: `standin-event-${++eventCount}` })) });
        }
        return send(400, { __type: "UnknownOperationException", message: target });
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  standIn.endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  standIn.stop = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return standIn;
}
