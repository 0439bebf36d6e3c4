// The gateway's Lambda package: a zip written byte for byte the same by every build, and, end to
// end, its handler extracted with `unzip` and run by Node in a process of its own against a local
// stand-in for SSM and EventBridge (AWS_ENDPOINT_URL_SSM / AWS_ENDPOINT_URL_EVENTBRIDGE on
// 127.0.0.1, fake credentials), asserting the PutEvents request it sends.
import { execFile, execFileSync } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildGatewayZip, deterministicZip, GATEWAY_FILE, GATEWAY_ZIP } from "../../scripts/build-gateway.mjs";
import { EVENT_SOURCE, GATEWAY_ENVIRONMENT } from "../../src/gateway/contract.js";
import { FAKE_CREDENTIALS, standInClientEnvironment, startAwsStandIn, type AwsStandIn } from "../helpers/aws-standin.js";

const root = join(import.meta.dirname, "..", "..");
const work = mkdtempSync(join(tmpdir(), "platform-gateway-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the gateway's zip", () => {
  it("is byte-for-byte the same on every build, and the same as the one in dist/", async () => {
    const first = readFileSync(await buildGatewayZip(join(work, "first.zip")));
    const second = readFileSync(await buildGatewayZip(join(work, "second.zip")));
    expect(second.equals(first)).toBe(true);
    expect(readFileSync(join(root, GATEWAY_ZIP)).equals(first)).toBe(true);
  });

  it("holds one file, index.mjs, stored with a fixed date and mode 0644 (zipinfo reads it)", async () => {
    const listing = execFileSync("zipinfo", ["-l", await buildGatewayZip(join(work, "listing.zip"))], { encoding: "utf8" });
    const lines = listing.split("\n").filter((line) => line.includes(GATEWAY_FILE));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^-rw-r--r-- .* stor 80-Jan-01 00:00 index\.mjs$/);
  });

  it("writes the same bytes for the same files whatever the time (no clock in the zip)", () => {
    const files = [{ name: "a.txt", data: Buffer.from("hello") }];
    const zip = deterministicZip(files);
    expect(deterministicZip(files).equals(zip)).toBe(true);
    expect(deterministicZip([{ name: "a.txt", data: Buffer.from("hellO") }]).equals(zip)).toBe(false);
  });

  it("bundles no package: the handler imports only node: built-ins", async () => {
    const directory = join(work, "imports");
    execFileSync("unzip", ["-q", "-o", await buildGatewayZip(join(work, "imports.zip")), "-d", directory]);
    const code = readFileSync(join(directory, GATEWAY_FILE), "utf8");
    const specifiers = [...code.matchAll(/^import .* from "([^"]+)";$/gm)].map((match) => match[1]);
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.every((specifier) => specifier!.startsWith("node:"))).toBe(true);
  });
});

describe("the gateway's zip run end to end by Node (SSM and EventBridge: a local stand-in on 127.0.0.1)", () => {
  const secret = "e2e-shared-secret";
  const parameter = "/orders/GITHUB_WEBHOOK_SECRET";
  let standIn: AwsStandIn;
  let handlerFile: string;

  beforeAll(async () => {
    standIn = await startAwsStandIn();
    standIn.parameters.set(parameter, secret);
    const directory = join(work, "extracted");
    execFileSync("unzip", ["-q", "-o", join(root, GATEWAY_ZIP), "-d", directory]);
    handlerFile = join(directory, GATEWAY_FILE);
  });
  afterAll(async () => standIn.stop());

  /**
   * Runs the zip's handler in a fresh Node process over the given requests, in order; returns its
   * answers. Asynchronously: the stand-in answers from this process's event loop.
   */
  async function runHandler(events: unknown[]): Promise<{ statusCode: number; body: string }[]> {
    const script = `const { handler } = await import(${JSON.stringify(pathToFileURL(handlerFile).href)});
const answers = [];
for (const event of JSON.parse(process.env.EVENTS)) answers.push(await handler(event));
process.stdout.write("ANSWERS " + JSON.stringify(answers));`;
    const env = {
      PATH: process.env.PATH,
      EVENTS: JSON.stringify(events),
      ...standInClientEnvironment(standIn),
      [GATEWAY_ENVIRONMENT.scheme]: "github",
      [GATEWAY_ENVIRONMENT.secretParameter]: parameter,
      [GATEWAY_ENVIRONMENT.eventBus]: "orders-events",
    };
    const result = await new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ["--input-type=module", "-e", script], { timeout: 30_000, env }, (error, stdout, stderr) =>
        resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
      );
    });
    expect(result.status, result.stderr).toBe(0);
    const line = result.stdout.split("\n").find((text) => text.startsWith("ANSWERS "));
    return JSON.parse(line!.slice("ANSWERS ".length)) as { statusCode: number; body: string }[];
  }

  const event = (body: string, signature: string) => ({
    version: "2.0",
    rawPath: "/",
    headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": "d-42", "x-hub-signature-256": signature },
    body,
    isBase64Encoded: false,
    requestContext: { requestId: "r-1", http: { method: "POST", path: "/", sourceIp: "192.0.2.1" } },
  });

  it("verifies, reads the secret once, and sends one signed PutEvents per accepted request; a forged one gets 401", async () => {
    standIn.requests.length = 0;
    const body = JSON.stringify({ action: "opened", number: 7 });
    const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
    const answers = await runHandler([event(body, signature), event(body, `sha256=${"0".repeat(64)}`), event(body, signature)]);

    expect(answers.map((answer) => answer.statusCode)).toEqual([202, 401, 202]);
    expect(standIn.requests.map((request) => [request.target, request.signatureValid])).toEqual([
      ["AmazonSSM.GetParameter", true],
      ["AWSEvents.PutEvents", true],
      ["AWSEvents.PutEvents", true],
    ]);
    const putEvents = standIn.requests[1]!;
    expect(putEvents.headers["content-type"]).toBe("application/x-amz-json-1.1");
    expect(putEvents.headers.authorization).toContain(`Credential=${FAKE_CREDENTIALS.accessKeyId}/`);
    const entries = putEvents.body.Entries as Record<string, string>[];
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ Source: EVENT_SOURCE, DetailType: "pull_request", EventBusName: "orders-events" });
    expect(JSON.parse(entries[0]!.Detail!)).toMatchObject({ scheme: "github", event: "pull_request", deliveryId: "d-42", body: { action: "opened", number: 7 } });
    expect(JSON.parse(answers[0]!.body)).toEqual({ message: "accepted", eventId: "standin-event-1" });
  });

  it("answers 500 and sends no PutEvents when the secret parameter does not exist", async () => {
    standIn.parameters.delete(parameter);
    try {
      standIn.requests.length = 0;
      const body = "{}";
      const answers = await runHandler([event(body, `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`)]);
      expect(answers.map((answer) => answer.statusCode)).toEqual([500]);
      expect(standIn.requests.map((request) => request.target)).toEqual(["AmazonSSM.GetParameter"]);
    } finally {
      standIn.parameters.set(parameter, secret);
    }
  });
});
