// The webhook gateway's handler with real HMAC signatures (computed here with node:crypto, the way
// each sender documents it). SSM and EventBridge are stubbed at the gateway's client ports
// (readParameter, putEvent) in the first groups; the last group runs the real clients against a
// local stand-in for AWS on 127.0.0.1 that checks their SigV4 signatures with the SDK's signer.
import { createHmac } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AwsError, signJsonRequest } from "../../src/gateway/aws.js";
import { EVENT_SOURCE, MAX_BODY_BYTES, SECRET_CACHE_SECONDS, STRIPE_TOLERANCE_SECONDS, type WebhookScheme } from "../../src/gateway/contract.js";
import { awsPorts, createGateway, type EventEntry, type FunctionUrlEvent, type GatewayPorts } from "../../src/gateway/handler.js";
import { FAKE_CREDENTIALS, sdkSignatureMatches, standInClientEnvironment, startAwsStandIn, type AwsStandIn } from "../helpers/aws-standin.js";

const SECRET = "whsec_test_0123456789abcdef";
const PARAMETER = "/orders/WEBHOOK_SECRET";
const BUS = "orders-events";
const NOW = new Date("2030-01-31T09:00:00.000Z");
const NOW_SECONDS = Math.floor(NOW.getTime() / 1000);

const hexHmac = (secret: string, payload: string | Buffer) => createHmac("sha256", secret).update(payload).digest("hex");
const githubHeaders = (body: string | Buffer, secret = SECRET) => ({ "x-hub-signature-256": `sha256=${hexHmac(secret, body)}`, "x-github-event": "push", "x-github-delivery": "delivery-1", "content-type": "application/json" });
const stripeHeaders = (body: string, t = NOW_SECONDS, secret = SECRET) => ({ "stripe-signature": `t=${t},v1=${hexHmac(secret, `${t}.${body}`)}`, "content-type": "application/json" });

function request(body: string, headers: Record<string, string>, extra: Partial<FunctionUrlEvent> = {}): FunctionUrlEvent {
  return { headers, body, isBase64Encoded: false, requestContext: { requestId: "req-1", http: { method: "POST" } }, ...extra };
}

/** Ports stubbed in memory: SSM holds `parameters`; EventBridge records what it is given. */
function stubPorts(parameters: Record<string, string> = { [PARAMETER]: SECRET }) {
  const published: EventEntry[] = [];
  const reads: string[] = [];
  const logs: Record<string, unknown>[] = [];
  const clock = { now: NOW };
  const ports: GatewayPorts & { failPublish?: boolean } = {
    async readParameter(name) {
      reads.push(name);
      const value = parameters[name];
      if (value === undefined) throw new AwsError("ParameterNotFound", name, 400);
      return value;
    },
    async putEvent(entry) {
      if (ports.failPublish) throw new AwsError("InternalException", "stubbed failure");
      published.push(entry);
      return `event-${published.length}`;
    },
    now: () => clock.now,
    log: (record) => logs.push(record),
  };
  return { ports, published, reads, logs, clock };
}

function gatewayFor(scheme: WebhookScheme, parameters?: Record<string, string>) {
  const stub = stubPorts(parameters);
  return { ...stub, handle: createGateway({ scheme, secretParameter: PARAMETER, eventBus: BUS }, stub.ports) };
}

describe("webhook gateway, github scheme (SSM and EventBridge stubbed at the client ports)", () => {
  const body = JSON.stringify({ ref: "refs/heads/main", repository: { full_name: "acme/orders" } });

  it("accepts a correctly signed request with 202 and publishes one event of the documented shape", async () => {
    const { handle, published, reads } = gatewayFor("github");
    const result = await handle(request(body, githubHeaders(body)));
    expect(result.statusCode).toBe(202);
    expect(JSON.parse(result.body)).toEqual({ message: "accepted", eventId: "event-1" });
    expect(reads).toEqual([PARAMETER]);
    expect(published).toHaveLength(1);
    const [entry] = published;
    expect({ ...entry, Detail: undefined }).toEqual({ Source: EVENT_SOURCE, DetailType: "push", EventBusName: BUS, Detail: undefined });
    expect(JSON.parse(entry!.Detail)).toEqual({
      scheme: "github",
      event: "push",
      deliveryId: "delivery-1",
      receivedAt: "2030-01-31T09:00:00.000Z",
      contentType: "application/json",
      body: JSON.parse(body),
    });
  });

  it("refuses a signature made with another secret with 401 and publishes nothing", async () => {
    const { handle, published, logs } = gatewayFor("github");
    const result = await handle(request(body, githubHeaders(body, "another-secret")));
    expect(result.statusCode).toBe(401);
    expect(published).toEqual([]);
    expect(logs.at(-1)).toMatchObject({ outcome: "refused", reason: "signature mismatch" });
  });

  it("refuses a body changed after signing with 401", async () => {
    const { handle, published } = gatewayFor("github");
    const result = await handle(request(body.replace("main", "evil"), githubHeaders(body)));
    expect(result.statusCode).toBe(401);
    expect(published).toEqual([]);
  });

  it("refuses an unsigned request with 401 without reading the secret", async () => {
    const { handle, published, reads } = gatewayFor("github");
    const result = await handle(request(body, { "x-github-event": "push" }));
    expect(result.statusCode).toBe(401);
    expect(reads).toEqual([]);
    expect(published).toEqual([]);
  });

  it("refuses a signature without the sha256= prefix GitHub sends (malformed)", async () => {
    const { handle, logs } = gatewayFor("github");
    const result = await handle(request(body, { "x-hub-signature-256": hexHmac(SECRET, body) }));
    expect(result.statusCode).toBe(401);
    expect(logs.at(-1)).toMatchObject({ reason: "malformed signature" });
  });

  it("verifies the decoded bytes of a base64-encoded body", async () => {
    const raw = Buffer.from([0xff, 0x00, 0x10, 0x80, 0x7f]);
    const { handle, published } = gatewayFor("github");
    const result = await handle(request(raw.toString("base64"), githubHeaders(raw), { isBase64Encoded: true }));
    expect(result.statusCode).toBe(202);
    expect(published).toHaveLength(1);
  });

  it("refuses with 401 a base64 body whose signature was made over the encoded text", async () => {
    const encoded = Buffer.from(body).toString("base64");
    const { handle, published } = gatewayFor("github");
    const result = await handle(request(encoded, githubHeaders(encoded), { isBase64Encoded: true }));
    expect(result.statusCode).toBe(401);
    expect(published).toEqual([]);
  });

  it(`refuses a body over ${MAX_BODY_BYTES} bytes with 413, before reading the secret`, async () => {
    const big = "x".repeat(MAX_BODY_BYTES + 1);
    const { handle, published, reads } = gatewayFor("github");
    const result = await handle(request(big, githubHeaders(big)));
    expect(result.statusCode).toBe(413);
    expect(reads).toEqual([]);
    expect(published).toEqual([]);
  });

  it(`accepts a body of exactly ${MAX_BODY_BYTES} bytes`, async () => {
    const edge = "x".repeat(MAX_BODY_BYTES);
    const { handle } = gatewayFor("github");
    expect((await handle(request(edge, githubHeaders(edge)))).statusCode).toBe(202);
  });

  it("refuses an oversized base64 body with 413 before decoding it", async () => {
    const big = Buffer.alloc(MAX_BODY_BYTES * 2, 1).toString("base64");
    const { handle, reads } = gatewayFor("github");
    expect((await handle(request(big, { "x-hub-signature-256": "sha256=00" }, { isBase64Encoded: true }))).statusCode).toBe(413);
    expect(reads).toEqual([]);
  });

  it("answers 500 and publishes nothing when the secret parameter is missing", async () => {
    const { handle, published, logs } = gatewayFor("github", {});
    const result = await handle(request(body, githubHeaders(body)));
    expect(result.statusCode).toBe(500);
    expect(published).toEqual([]);
    expect(logs.at(-1)).toMatchObject({ outcome: "failed", reason: "secret unreadable", error: "ParameterNotFound" });
  });

  it("answers 405 to a GET without reading the secret", async () => {
    const { handle, reads } = gatewayFor("github");
    const result = await handle(request("", {}, { requestContext: { http: { method: "GET" } } }));
    expect(result.statusCode).toBe(405);
    expect(result.headers.allow).toBe("POST");
    expect(reads).toEqual([]);
  });

  it("answers 502 when EventBridge does not take the event", async () => {
    const { handle, ports } = gatewayFor("github");
    ports.failPublish = true;
    expect((await handle(request(body, githubHeaders(body)))).statusCode).toBe(502);
  });

  it("publishes a body that is not JSON as text", async () => {
    const form = "payload=%7B%7D";
    const { handle, published } = gatewayFor("github");
    await handle(request(form, githubHeaders(form)));
    expect(JSON.parse(published[0]!.Detail).body).toBe(form);
  });

  it("never logs the secret or the body", async () => {
    const { handle, logs } = gatewayFor("github");
    await handle(request(body, githubHeaders(body)));
    await handle(request(body, githubHeaders(body, "wrong")));
    const logged = JSON.stringify(logs);
    expect(logged).not.toContain(SECRET);
    expect(logged).not.toContain("acme/orders");
    expect(logs).toHaveLength(2);
  });
});

describe("webhook gateway, the secret (SSM stubbed at the client port)", () => {
  const body = "{}";

  it(`reads the parameter once and reuses it for ${SECRET_CACHE_SECONDS} s`, async () => {
    const { handle, reads, clock } = gatewayFor("github");
    await handle(request(body, githubHeaders(body)));
    clock.now = new Date(NOW.getTime() + (SECRET_CACHE_SECONDS - 1) * 1000);
    await handle(request(body, githubHeaders(body)));
    expect(reads).toHaveLength(1);
    clock.now = new Date(NOW.getTime() + (SECRET_CACHE_SECONDS + 1) * 1000);
    await handle(request(body, githubHeaders(body)));
    expect(reads).toHaveLength(2);
  });

  it("accepts either of two secrets on separate lines of the parameter (rotation)", async () => {
    const { handle } = gatewayFor("github", { [PARAMETER]: `old-secret\n${SECRET}\n` });
    expect((await handle(request(body, githubHeaders(body, "old-secret")))).statusCode).toBe(202);
    expect((await handle(request(body, githubHeaders(body)))).statusCode).toBe(202);
    expect((await handle(request(body, githubHeaders(body, "retired-secret")))).statusCode).toBe(401);
  });

  it("answers 500 when the parameter holds no secret", async () => {
    const { handle, published } = gatewayFor("github", { [PARAMETER]: "\n  \n" });
    expect((await handle(request(body, githubHeaders(body)))).statusCode).toBe(500);
    expect(published).toEqual([]);
  });
});

describe("webhook gateway, stripe scheme (SSM and EventBridge stubbed at the client ports)", () => {
  const body = JSON.stringify({ id: "evt_123", type: "invoice.paid", data: { object: { id: "in_1" } } });

  it("accepts a fresh, correctly signed event; detail-type is Stripe's type and the delivery id its event id", async () => {
    const { handle, published } = gatewayFor("stripe");
    const result = await handle(request(body, stripeHeaders(body)));
    expect(result.statusCode).toBe(202);
    expect(published[0]?.DetailType).toBe("invoice.paid");
    expect(JSON.parse(published[0]!.Detail)).toMatchObject({ scheme: "stripe", event: "invoice.paid", deliveryId: "evt_123" });
  });

  it(`refuses a replayed request signed more than ${STRIPE_TOLERANCE_SECONDS} s ago with 401`, async () => {
    const { handle, published, logs } = gatewayFor("stripe");
    const old = NOW_SECONDS - STRIPE_TOLERANCE_SECONDS - 1;
    const result = await handle(request(body, stripeHeaders(body, old)));
    expect(result.statusCode).toBe(401);
    expect(published).toEqual([]);
    expect(logs.at(-1)).toMatchObject({ reason: "timestamp outside tolerance" });
  });

  it(`accepts a request signed exactly ${STRIPE_TOLERANCE_SECONDS} s ago`, async () => {
    const { handle } = gatewayFor("stripe");
    expect((await handle(request(body, stripeHeaders(body, NOW_SECONDS - STRIPE_TOLERANCE_SECONDS)))).statusCode).toBe(202);
  });

  it("refuses a timestamp too far in the future", async () => {
    const { handle } = gatewayFor("stripe");
    expect((await handle(request(body, stripeHeaders(body, NOW_SECONDS + STRIPE_TOLERANCE_SECONDS + 1)))).statusCode).toBe(401);
  });

  it("refuses a valid signature moved to a new timestamp (the timestamp is signed)", async () => {
    const { handle, logs } = gatewayFor("stripe");
    const signature = hexHmac(SECRET, `${NOW_SECONDS - 1000}.${body}`);
    const result = await handle(request(body, { "stripe-signature": `t=${NOW_SECONDS},v1=${signature}` }));
    expect(result.statusCode).toBe(401);
    expect(logs.at(-1)).toMatchObject({ reason: "signature mismatch" });
  });

  it("accepts when any of several v1 signatures matches (Stripe sends one per active secret)", async () => {
    const { handle } = gatewayFor("stripe");
    const good = hexHmac(SECRET, `${NOW_SECONDS}.${body}`);
    const other = hexHmac("rolled-secret", `${NOW_SECONDS}.${body}`);
    expect((await handle(request(body, { "stripe-signature": `t=${NOW_SECONDS},v1=${other},v1=${good},v0=abc` }))).statusCode).toBe(202);
  });

  it("refuses a header without a timestamp as malformed", async () => {
    const { handle, logs } = gatewayFor("stripe");
    await handle(request(body, { "stripe-signature": `v1=${hexHmac(SECRET, body)}` }));
    expect(logs.at(-1)).toMatchObject({ status: 401, reason: "malformed signature" });
  });

  it("refuses a request signed the GitHub way (wrong scheme) with 401", async () => {
    const { handle, published, logs } = gatewayFor("stripe");
    const result = await handle(request(body, githubHeaders(body)));
    expect(result.statusCode).toBe(401);
    expect(published).toEqual([]);
    expect(logs.at(-1)).toMatchObject({ reason: "missing signature" });
  });
});

describe("webhook gateway, generic scheme (SSM and EventBridge stubbed at the client ports)", () => {
  const body = JSON.stringify({ hello: "world" });

  it("accepts a bare hex HMAC in X-Webhook-Signature; detail-type from X-Webhook-Event", async () => {
    const { handle, published } = gatewayFor("generic");
    const result = await handle(request(body, { "X-Webhook-Signature": hexHmac(SECRET, body), "X-Webhook-Event": "order.created", "X-Webhook-Id": "w-1" }));
    expect(result.statusCode).toBe(202);
    expect(published[0]?.DetailType).toBe("order.created");
    expect(JSON.parse(published[0]!.Detail)).toMatchObject({ scheme: "generic", deliveryId: "w-1" });
  });

  it("accepts the sha256= prefix too, and names the event `webhook` when the sender does not", async () => {
    const { handle, published } = gatewayFor("generic");
    await handle(request(body, { "x-webhook-signature": `sha256=${hexHmac(SECRET, body)}` }));
    expect(published[0]?.DetailType).toBe("webhook");
  });

  it("refuses a GitHub-signed request (wrong scheme) with 401", async () => {
    const { handle, published } = gatewayFor("generic");
    expect((await handle(request(body, githubHeaders(body)))).statusCode).toBe(401);
    expect(published).toEqual([]);
  });

  it("refuses a truncated signature with 401", async () => {
    const { handle, logs } = gatewayFor("generic");
    await handle(request(body, { "x-webhook-signature": hexHmac(SECRET, body).slice(0, 40) }));
    expect(logs.at(-1)).toMatchObject({ status: 401, reason: "malformed signature" });
  });
});

describe("webhook gateway's AWS clients (real HTTP to a stand-in for SSM and EventBridge on 127.0.0.1)", () => {
  let standIn: AwsStandIn;
  const env = () => standInClientEnvironment(standIn);
  beforeAll(async () => {
    standIn = await startAwsStandIn();
    standIn.parameters.set(PARAMETER, SECRET);
  });
  afterAll(async () => standIn.stop());

  it("reads a SecureString with decryption, signed as the SDK signs", async () => {
    standIn.requests.length = 0;
    expect(await awsPorts(env()).readParameter(PARAMETER)).toBe(SECRET);
    expect(standIn.requests).toEqual([expect.objectContaining({ service: "ssm", target: "AmazonSSM.GetParameter", body: { Name: PARAMETER, WithDecryption: true }, signatureValid: true })]);
  });

  it("reports a missing parameter as ParameterNotFound", async () => {
    await expect(awsPorts(env()).readParameter("/orders/NOPE")).rejects.toMatchObject({ code: "ParameterNotFound" });
  });

  it("puts one entry on the bus and returns its event id", async () => {
    standIn.requests.length = 0;
    const entry = { Source: EVENT_SOURCE, DetailType: "push", Detail: "{}", EventBusName: BUS };
    expect(await awsPorts(env()).putEvent(entry)).toMatch(/^standin-event-/);
    expect(standIn.requests).toEqual([expect.objectContaining({ service: "events", target: "AWSEvents.PutEvents", body: { Entries: [entry] }, signatureValid: true })]);
    expect(standIn.requests[0]?.headers["x-amz-security-token"]).toBe(FAKE_CREDENTIALS.sessionToken);
  });

  it("rejects when PutEvents reports the entry failed (it answers 200 even then)", async () => {
    standIn.failPutEvents = "ThrottlingException";
    try {
      await expect(awsPorts(env()).putEvent({ Source: EVENT_SOURCE, DetailType: "push", Detail: "{}", EventBusName: BUS })).rejects.toMatchObject({ code: "ThrottlingException" });
    } finally {
      standIn.failPutEvents = undefined;
    }
  });

  it("gets 403 from the stand-in when signed with another secret key (the stand-in checks signatures)", async () => {
    await expect(awsPorts({ ...env(), AWS_SECRET_ACCESS_KEY: "wrong" }).readParameter(PARAMETER)).rejects.toMatchObject({ code: "SignatureDoesNotMatch", status: 403 });
  });
});

describe("SigV4 signing of the gateway's requests", () => {
  it("matches the AWS SDK's signer without a session token", async () => {
    const target = { service: "events", region: "us-east-1", endpoint: "https://events.us-east-1.amazonaws.com" };
    const credentials = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
    const body = JSON.stringify({ Entries: [{ Source: "a", DetailType: "b", Detail: "{}", EventBusName: "c" }] });
    const signed = signJsonRequest(target, "AWSEvents.PutEvents", body, credentials, new Date("2030-01-31T09:00:00Z"));
    expect(signed.headers["x-amz-date"]).toBe("20300131T090000Z");
    expect(signed.headers.authorization).toContain("Credential=AKIDEXAMPLE/20300131/us-east-1/events/aws4_request");
    expect(await sdkSignatureMatches({ method: "POST", host: "events.us-east-1.amazonaws.com", path: "/", headers: signed.headers, body }, "events", "us-east-1", credentials)).toBe(true);
    expect(await sdkSignatureMatches({ method: "POST", host: "events.us-east-1.amazonaws.com", path: "/", headers: signed.headers, body: `${body} ` }, "events", "us-east-1", credentials)).toBe(false);
  });
});
