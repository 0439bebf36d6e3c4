// The built-in webhook gateway: a Lambda function (Node.js 22, Function URL, payload format 2.0)
// that verifies each request's signature before anything else, then publishes it as one event on
// the stack's bus. Bundled with its imports into a zip by scripts/build-gateway.mjs; it imports
// nothing outside src/gateway/ and no package, so the zip is the whole program.
import { AwsError, callJson, credentialsFromEnvironment, endpointFor, type Credentials } from "./aws.js";
import {
  DEFAULT_DETAIL_TYPE,
  EVENT_SOURCE,
  GATEWAY_ENVIRONMENT,
  MAX_BODY_BYTES,
  MAX_ENTRY_BYTES,
  SCHEME_HEADERS,
  SECRET_CACHE_SECONDS,
  WEBHOOK_SCHEMES,
  type WebhookEventDetail,
  type WebhookScheme,
} from "./contract.js";
import { header, verifySignature, type Headers } from "./signature.js";

/** The part of a Function URL request (payload format 2.0) the gateway reads. */
export interface FunctionUrlEvent {
  headers?: Headers;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext?: { requestId?: string; http?: { method?: string } };
}

export interface FunctionUrlResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

/** One PutEvents entry (the fields the gateway sets). */
export interface EventEntry {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName: string;
}

/** What the gateway needs from AWS; the real ones call SSM and EventBridge (awsPorts). */
export interface GatewayPorts {
  /** The decrypted value of a SecureString parameter; rejects with an AwsError. */
  readParameter(name: string): Promise<string>;
  /** Publishes one entry; resolves to its event id; rejects when EventBridge did not take it. */
  putEvent(entry: EventEntry): Promise<string>;
  now(): Date;
  log(record: Record<string, unknown>): void;
}

export interface GatewayConfig {
  scheme: WebhookScheme;
  secretParameter: string;
  eventBus: string;
}

/** EventBridge's limit on detail-type. */
const MAX_DETAIL_TYPE = 128;
const AWS_TIMEOUT_MS = 5000;

function answer(statusCode: number, message: string, extra: Record<string, unknown> = {}): FunctionUrlResult {
  return { statusCode, headers: { "content-type": "application/json" }, body: JSON.stringify({ message, ...extra }) };
}

/** The secrets in a parameter's value: one per line, so that two can be accepted while rotating. */
function secretsIn(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");
}

function parseBody(body: Buffer): unknown {
  const text = body.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The sender's event name: a header (GitHub, generic) or the body's `type` (Stripe). */
function eventName(scheme: WebhookScheme, headers: Headers, body: unknown): string {
  const fromHeader = SCHEME_HEADERS[scheme].event ? header(headers, SCHEME_HEADERS[scheme].event!) : undefined;
  const fromBody = scheme === "stripe" && typeof body === "object" && body !== null ? (body as Record<string, unknown>).type : undefined;
  const name = (fromHeader ?? (typeof fromBody === "string" ? fromBody : undefined))?.trim();
  return name ? name.slice(0, MAX_DETAIL_TYPE) : DEFAULT_DETAIL_TYPE;
}

function deliveryId(scheme: WebhookScheme, headers: Headers, body: unknown): string | undefined {
  if (scheme === "stripe") {
    const id = typeof body === "object" && body !== null ? (body as Record<string, unknown>).id : undefined;
    return typeof id === "string" ? id : undefined;
  }
  return header(headers, SCHEME_HEADERS[scheme].delivery!);
}

/** A handler over the given configuration and ports; the secret is cached in it across invocations. */
export function createGateway(config: GatewayConfig, ports: GatewayPorts): (event: FunctionUrlEvent) => Promise<FunctionUrlResult> {
  let cached: { secrets: string[]; until: number } | undefined;

  async function secrets(nowMs: number): Promise<string[]> {
    if (cached && cached.until > nowMs) return cached.secrets;
    const value = await ports.readParameter(config.secretParameter);
    cached = { secrets: secretsIn(value), until: nowMs + SECRET_CACHE_SECONDS * 1000 };
    return cached.secrets;
  }

  return async function handle(event) {
    const requestId = event.requestContext?.requestId;
    const log = (outcome: string, details: Record<string, unknown> = {}) => ports.log({ gateway: "webhook", requestId, outcome, ...details });
    const method = event.requestContext?.http?.method ?? "POST";
    if (method !== "POST") {
      log("refused", { status: 405, method });
      return { ...answer(405, "only POST is accepted"), headers: { "content-type": "application/json", allow: "POST" } };
    }
    const encoded = event.body ?? "";
    // Base64 is 4/3 of the bytes: a body far too long is refused before it is decoded.
    if (encoded.length > (MAX_BODY_BYTES * 4) / 3 + 4) {
      log("refused", { status: 413, encodedLength: encoded.length });
      return answer(413, `the body is larger than ${MAX_BODY_BYTES} bytes`);
    }
    const body = event.isBase64Encoded ? Buffer.from(encoded, "base64") : Buffer.from(encoded, "utf8");
    if (body.length > MAX_BODY_BYTES) {
      log("refused", { status: 413, bytes: body.length });
      return answer(413, `the body is larger than ${MAX_BODY_BYTES} bytes`);
    }
    const headers = event.headers ?? {};
    const now = ports.now();
    // Without a signature header there is nothing to verify: no need to read the secret.
    if (!header(headers, SCHEME_HEADERS[config.scheme].signature)) {
      log("refused", { status: 401, reason: "missing signature" });
      return answer(401, "signature verification failed");
    }
    let accepted: string[];
    try {
      accepted = await secrets(now.getTime());
    } catch (error) {
      log("failed", { status: 500, reason: "secret unreadable", error: error instanceof AwsError ? error.code : String(error) });
      return answer(500, "the gateway could not verify the request");
    }
    if (accepted.length === 0) {
      log("failed", { status: 500, reason: "secret parameter is empty" });
      return answer(500, "the gateway could not verify the request");
    }
    const verdict = verifySignature(config.scheme, headers, body, accepted, Math.floor(now.getTime() / 1000));
    if (!verdict.ok) {
      // The sender learns only that it failed; the log says why.
      log("refused", { status: 401, reason: verdict.reason });
      return answer(401, "signature verification failed");
    }

    const parsed = parseBody(body);
    const name = eventName(config.scheme, headers, parsed);
    const detail: WebhookEventDetail = {
      scheme: config.scheme,
      event: name,
      deliveryId: deliveryId(config.scheme, headers, parsed),
      receivedAt: now.toISOString(),
      contentType: header(headers, "content-type"),
      body: parsed,
    };
    const entry: EventEntry = { Source: EVENT_SOURCE, DetailType: name, Detail: JSON.stringify(detail), EventBusName: config.eventBus };
    const size = Buffer.byteLength(entry.Source) + Buffer.byteLength(entry.DetailType) + Buffer.byteLength(entry.Detail);
    if (size > MAX_ENTRY_BYTES) {
      log("refused", { status: 413, entryBytes: size });
      return answer(413, `the event would be larger than EventBridge's ${MAX_ENTRY_BYTES} bytes`);
    }
    try {
      const eventId = await ports.putEvent(entry);
      log("published", { status: 202, event: name, deliveryId: detail.deliveryId, eventId });
      return answer(202, "accepted", { eventId });
    } catch (error) {
      // 502: the sender may retry (Stripe does); nothing was published.
      log("failed", { status: 502, reason: "PutEvents failed", error: error instanceof AwsError ? error.code : String(error) });
      return answer(502, "the event could not be published; retry later");
    }
  };
}

/** The configuration the engine sets in the function's environment. */
export function configFromEnvironment(env: NodeJS.ProcessEnv): GatewayConfig {
  const scheme = env[GATEWAY_ENVIRONMENT.scheme] as WebhookScheme | undefined;
  const secretParameter = env[GATEWAY_ENVIRONMENT.secretParameter];
  const eventBus = env[GATEWAY_ENVIRONMENT.eventBus];
  if (!scheme || !(WEBHOOK_SCHEMES as readonly string[]).includes(scheme)) throw new Error(`${GATEWAY_ENVIRONMENT.scheme} must be one of ${WEBHOOK_SCHEMES.join(", ")}`);
  if (!secretParameter) throw new Error(`${GATEWAY_ENVIRONMENT.secretParameter} is not set`);
  if (!eventBus) throw new Error(`${GATEWAY_ENVIRONMENT.eventBus} is not set`);
  return { scheme, secretParameter, eventBus };
}

/** Ports that call SSM and EventBridge over HTTPS with the function's credentials. */
export function awsPorts(env: NodeJS.ProcessEnv): GatewayPorts {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region) throw new Error("AWS_REGION is not set");
  const credentials = (): Credentials => credentialsFromEnvironment(env);
  const ssm = { service: "ssm", region, endpoint: endpointFor("ssm", region, env) };
  const events = { service: "events", region, endpoint: endpointFor("events", region, env) };
  return {
    async readParameter(name) {
      const result = await callJson<{ Parameter?: { Value?: string } }>(ssm, "AmazonSSM.GetParameter", { Name: name, WithDecryption: true }, credentials(), AWS_TIMEOUT_MS);
      const value = result.Parameter?.Value;
      if (typeof value !== "string") throw new AwsError("MalformedResponse", "GetParameter returned no value");
      return value;
    },
    async putEvent(entry) {
      const result = await callJson<{ FailedEntryCount?: number; Entries?: { EventId?: string; ErrorCode?: string; ErrorMessage?: string }[] }>(
        events,
        "AWSEvents.PutEvents",
        { Entries: [entry] },
        credentials(),
        AWS_TIMEOUT_MS,
      );
      const [first] = result.Entries ?? [];
      // PutEvents answers 200 even when it refuses an entry: the entry says so.
      if ((result.FailedEntryCount ?? 0) > 0 || !first?.EventId) throw new AwsError(first?.ErrorCode ?? "FailedEntry", first?.ErrorMessage ?? "the entry was not published");
      return first.EventId;
    },
    now: () => new Date(),
    log: (record) => console.log(JSON.stringify(record)),
  };
}

let gateway: ((event: FunctionUrlEvent) => Promise<FunctionUrlResult>) | undefined;

/** The Lambda entry point (`index.handler` in the zip). Configured on the first request, then reused. */
export async function handler(event: FunctionUrlEvent): Promise<FunctionUrlResult> {
  if (!gateway) {
    try {
      gateway = createGateway(configFromEnvironment(process.env), awsPorts(process.env));
    } catch (error) {
      console.log(JSON.stringify({ gateway: "webhook", outcome: "failed", status: 500, reason: "misconfigured", error: error instanceof Error ? error.message : String(error) }));
      return answer(500, "the gateway could not verify the request");
    }
  }
  return gateway(event);
}
