// The two AWS calls the gateway makes (SSM GetParameter, EventBridge PutEvents) as plain HTTPS
// requests signed with Signature Version 4, instead of bundling the AWS SDK: the SDK's SSM client
// alone bundles to about 630 kB, which every cold start would parse; this is a few kB. Both APIs
// speak the AWS JSON 1.1 protocol. Endpoints follow the SDK's variables (AWS_ENDPOINT_URL_SSM,
// AWS_ENDPOINT_URL_EVENTBRIDGE, AWS_ENDPOINT_URL), so tests can stand in for AWS on 127.0.0.1.
import { createHash, createHmac } from "node:crypto";

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface AwsTarget {
  /** Signing name: `ssm`, `events`. */
  service: string;
  region: string;
  /** Base URL of the service. */
  endpoint: string;
}

export interface SignedRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** Failure of an AWS call: the error code AWS returned (or `NetworkError`) and its message. */
export class AwsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status?: number,
  ) {
    super(`${code}: ${message}`);
    this.name = "AwsError";
  }
}

const sha256Hex = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** `20300131T090000Z`: the x-amz-date form of a time. */
export function amzDate(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/**
 * Signs a POST of `body` to `target` calling the JSON 1.1 operation `amzTarget` (SigV4, headers
 * host, content-type, x-amz-date, x-amz-target and, with temporary credentials, x-amz-security-token).
 */
export function signJsonRequest(target: AwsTarget, amzTarget: string, body: string, credentials: Credentials, now: Date): SignedRequest {
  const url = new URL(target.endpoint);
  const path = url.pathname === "" ? "/" : url.pathname;
  const stamp = amzDate(now);
  const day = stamp.slice(0, 8);
  const headers: Record<string, string> = {
    "content-type": "application/x-amz-json-1.1",
    host: url.host,
    "x-amz-date": stamp,
    "x-amz-target": amzTarget,
  };
  if (credentials.sessionToken) headers["x-amz-security-token"] = credentials.sessionToken;
  const names = Object.keys(headers).sort();
  const signedHeaders = names.join(";");
  const canonicalRequest = ["POST", path, "", ...names.map((name) => `${name}:${headers[name]!.trim()}`), "", signedHeaders, sha256Hex(body)].join("\n");
  const scope = `${day}/${target.region}/${target.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", stamp, scope, sha256Hex(canonicalRequest)].join("\n");
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), target.region), target.service), "aws4_request");
  const signature = createHmac("sha256", signingKey).update(stringToSign, "utf8").digest("hex");
  headers.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  // fetch sets Host itself (from the URL, the same value); it refuses to be given one.
  delete headers.host;
  return { url: url.href, headers, body };
}

/** The credentials Lambda gives a function in its environment. */
export function credentialsFromEnvironment(env: NodeJS.ProcessEnv): Credentials {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) throw new AwsError("MissingCredentials", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set");
  return { accessKeyId, secretAccessKey, sessionToken: env.AWS_SESSION_TOKEN || undefined };
}

/** Where a service is reached: its AWS_ENDPOINT_URL_<ID> variable, AWS_ENDPOINT_URL, or the regional endpoint. */
export function endpointFor(service: "ssm" | "events", region: string, env: NodeJS.ProcessEnv): string {
  const serviceVariable = service === "ssm" ? "AWS_ENDPOINT_URL_SSM" : "AWS_ENDPOINT_URL_EVENTBRIDGE";
  return env[serviceVariable] || env.AWS_ENDPOINT_URL || `https://${service}.${region}.amazonaws.com`;
}

/** One AWS JSON 1.1 call; resolves to the parsed response, rejects with an AwsError. */
export async function callJson<T>(target: AwsTarget, amzTarget: string, input: unknown, credentials: Credentials, timeoutMs: number): Promise<T> {
  const request = signJsonRequest(target, amzTarget, JSON.stringify(input), credentials, new Date());
  let response: Response;
  try {
    response = await fetch(request.url, { method: "POST", headers: request.headers, body: request.body, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new AwsError("NetworkError", error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text === "" ? {} : (JSON.parse(text) as Record<string, unknown>);
  } catch {
    if (response.ok) throw new AwsError("MalformedResponse", `${amzTarget} answered with something other than JSON`, response.status);
  }
  if (!response.ok) {
    // `__type` may carry a namespace (com.amazonaws.ssm#ParameterNotFound); the code is after the #.
    const type = String(parsed.__type ?? response.headers.get("x-amzn-errortype") ?? `HTTP${response.status}`);
    const code = type.split("#").pop()!.split(":")[0]!;
    throw new AwsError(code, String(parsed.message ?? parsed.Message ?? response.statusText), response.status);
  }
  return parsed as T;
}
