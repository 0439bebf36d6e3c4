// Verifies a webhook sender's signature: HMAC-SHA256 with a shared secret, in the scheme the stack
// chose. Pure (time and secrets come in as arguments); every comparison is constant-time.
import { createHmac, timingSafeEqual } from "node:crypto";
import { SCHEME_HEADERS, STRIPE_TOLERANCE_SECONDS, type WebhookScheme } from "./contract.js";

export type Headers = Readonly<Record<string, string | undefined>>;

/** Why a request was refused, for the log (the sender only ever sees 401). */
export type Rejection = "missing signature" | "malformed signature" | "timestamp outside tolerance" | "signature mismatch";
export type Verdict = { ok: true } | { ok: false; reason: Rejection };

const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** A header by its lower-case name (Function URLs lower-case them; callers in tests may not). */
export function header(headers: Headers, name: string): string | undefined {
  const direct = headers[name];
  if (direct !== undefined) return direct;
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}

function hmac(secret: string, ...parts: (string | Buffer)[]): Buffer {
  const mac = createHmac("sha256", secret);
  for (const part of parts) mac.update(part);
  return mac.digest();
}

/** True when `hex` is the HMAC of the payload under any of the secrets, compared in constant time. */
function matchesAny(hex: string, secrets: readonly string[], ...payload: (string | Buffer)[]): boolean {
  // The length of a signature is public; only its bytes are compared in constant time.
  if (!HEX_SHA256.test(hex)) return false;
  const given = Buffer.from(hex, "hex");
  let matched = false;
  // Every secret is tried, so the time taken does not say which one matched.
  for (const secret of secrets) matched = timingSafeEqual(hmac(secret, ...payload), given) || matched;
  return matched;
}

/**
 * Verifies the request's signature over its raw body. `secrets` holds every secret currently
 * accepted (more than one while a secret is rotated). `nowSeconds` is the Unix time.
 */
export function verifySignature(scheme: WebhookScheme, headers: Headers, body: Buffer, secrets: readonly string[], nowSeconds: number): Verdict {
  const signature = header(headers, SCHEME_HEADERS[scheme].signature)?.trim();
  if (!signature) return { ok: false, reason: "missing signature" };
  if (scheme === "stripe") return verifyStripe(signature, body, secrets, nowSeconds);
  const hex = scheme === "github" ? (signature.startsWith("sha256=") ? signature.slice(7) : undefined) : signature.replace(/^sha256=/, "");
  if (hex === undefined || !HEX_SHA256.test(hex)) return { ok: false, reason: "malformed signature" };
  return matchesAny(hex, secrets, body) ? { ok: true } : { ok: false, reason: "signature mismatch" };
}

/** Stripe-Signature: `t=<unix seconds>,v1=<hex>[,v1=<hex>...]` over `<t>.<body>`; other schemes (v0) are ignored. */
function verifyStripe(signature: string, body: Buffer, secrets: readonly string[], nowSeconds: number): Verdict {
  let timestamp: string | undefined;
  const candidates: string[] = [];
  for (const part of signature.split(",")) {
    const [key, value] = part.split("=", 2).map((text) => text.trim());
    if (key === "t" && value) timestamp = value;
    else if (key === "v1" && value) candidates.push(value);
  }
  if (timestamp === undefined || !/^\d+$/.test(timestamp) || candidates.length === 0) return { ok: false, reason: "malformed signature" };
  // Checked after the MAC too would say nothing more; checked first, a replay costs no HMAC.
  if (Math.abs(nowSeconds - Number(timestamp)) > STRIPE_TOLERANCE_SECONDS) return { ok: false, reason: "timestamp outside tolerance" };
  let matched = false;
  for (const candidate of candidates) matched = matchesAny(candidate, secrets, `${timestamp}.`, body) || matched;
  return matched ? { ok: true } : { ok: false, reason: "signature mismatch" };
}
