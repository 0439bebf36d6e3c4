// What the built-in webhook gateway and the engine agree on: its settings (environment variables
// the engine sets on the function), its limits, and the shape of the events it publishes. Imported
// by the gateway's handler (bundled into its zip) and by the triggers capability; nothing else.

/** Signature schemes the gateway verifies. */
export const WEBHOOK_SCHEMES = ["github", "stripe", "generic"] as const;
export type WebhookScheme = (typeof WEBHOOK_SCHEMES)[number];

/** Environment variables the engine sets on the gateway function. */
export const GATEWAY_ENVIRONMENT = {
  /** Name of the stack's event bus (also injected into every workload). */
  eventBus: "PLATFORM_EVENT_BUS_NAME",
  /** One of WEBHOOK_SCHEMES. */
  scheme: "PLATFORM_WEBHOOK_SCHEME",
  /** SSM SecureString parameter holding the shared secret(s): `/<service>/<NAME>`. */
  secretParameter: "PLATFORM_WEBHOOK_SECRET_PARAMETER",
} as const;

/**
 * Largest request body accepted, in bytes after base64 decoding. A PutEvents entry may be 256 KiB
 * in all; this leaves room for the event's own fields (and JSON escaping) around the body.
 */
export const MAX_BODY_BYTES = 200 * 1024;
/** EventBridge's limit on one PutEvents entry (Source, DetailType, Detail and Resources together). */
export const MAX_ENTRY_BYTES = 256 * 1024;
/** Stripe's own default: a signed timestamp further than this from now (either way) is refused. */
export const STRIPE_TOLERANCE_SECONDS = 300;
/** How long a read secret is reused before the parameter is read again (a rotation takes effect within it). */
export const SECRET_CACHE_SECONDS = 300;

/** `source` of every event the gateway publishes. */
export const EVENT_SOURCE = "platform.webhook";
/** `detail-type` when the sender names no event. */
export const DEFAULT_DETAIL_TYPE = "webhook";

/** The headers each scheme reads (lower case: Function URLs pass header names in lower case). */
export const SCHEME_HEADERS: Record<WebhookScheme, { signature: string; event?: string; delivery?: string }> = {
  /** `X-Hub-Signature-256: sha256=<hex HMAC of the body>`; event in X-GitHub-Event. */
  github: { signature: "x-hub-signature-256", event: "x-github-event", delivery: "x-github-delivery" },
  /** `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC of "<t>.<body>">[,v1=...]`; event in the body's `type`. */
  stripe: { signature: "stripe-signature" },
  /** `X-Webhook-Signature: sha256=<hex HMAC of the body>` (the prefix is optional); event in X-Webhook-Event. */
  generic: { signature: "x-webhook-signature", event: "x-webhook-event", delivery: "x-webhook-id" },
};

/** `detail` of a published event. */
export interface WebhookEventDetail {
  scheme: WebhookScheme;
  /** The sender's event name (GitHub's X-GitHub-Event, Stripe's `type`, X-Webhook-Event), also the detail-type. */
  event: string;
  /** The sender's delivery id (X-GitHub-Delivery, Stripe's event `id`, X-Webhook-Id), when it sends one. */
  deliveryId?: string;
  /** When the gateway accepted the request (ISO 8601, UTC). */
  receivedAt: string;
  contentType?: string;
  /** The body, parsed when it is JSON, otherwise as text. */
  body: unknown;
}
