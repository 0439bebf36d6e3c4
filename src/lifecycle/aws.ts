// AWS SDK v3 clients for the lifecycle commands, configured the way the SDK's users expect
// (credential chain, endpoint overrides with path-style S3), and AWS failures turned into one line.
import { S3Client } from "@aws-sdk/client-s3";
import { SSMClient } from "@aws-sdk/client-ssm";
import { ExternalError } from "../support/errors.js";
import { envVarFor, flagFor, stateRegionOf, type EngineSettings } from "../settings/settings.js";

/** Where a client sends its requests, and why (for messages). */
export interface Endpoint {
  url: string;
  /** The setting or variable the URL came from. */
  from: string;
}

/**
 * The S3 endpoint override: the engine's `stateEndpoint` (the generated backend uses it too), else
 * the SDK's standard `AWS_ENDPOINT_URL_S3`, else `AWS_ENDPOINT_URL`; none means AWS itself.
 */
export function s3Endpoint(settings: EngineSettings, env: NodeJS.ProcessEnv): Endpoint | undefined {
  if (settings.stateEndpoint) return { url: settings.stateEndpoint, from: `${flagFor("stateEndpoint")} / ${envVarFor("stateEndpoint")}` };
  return standardEndpoint(env, "AWS_ENDPOINT_URL_S3");
}

/** The SSM endpoint override: `AWS_ENDPOINT_URL_SSM`, else `AWS_ENDPOINT_URL`. */
export function ssmEndpoint(env: NodeJS.ProcessEnv): Endpoint | undefined {
  return standardEndpoint(env, "AWS_ENDPOINT_URL_SSM");
}

function standardEndpoint(env: NodeJS.ProcessEnv, serviceVariable: string): Endpoint | undefined {
  for (const name of [serviceVariable, "AWS_ENDPOINT_URL"]) {
    const url = env[name];
    if (url) return { url, from: name };
  }
  return undefined;
}

/**
 * Static keys when the command's environment holds them (so an injected environment is honored
 * exactly); otherwise the SDK's default chain (environment, shared files, SSO, container and
 * instance metadata).
 */
function credentialsFrom(env: NodeJS.ProcessEnv) {
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return {};
  return { credentials: { accessKeyId, secretAccessKey, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) } };
}

// The SDK warns on every run that Node 20 support ends in 2027; the engine supports Node >= 20.19
// (package.json engines), and that notice would drown each command's one-line answers.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** Fail in seconds, not minutes, when an endpoint does not answer. */
const REQUEST_HANDLER = { connectionTimeout: 5_000, requestTimeout: 30_000 };

/** The client for the state bucket, in the bucket's region. */
export function stateBucketClient(settings: EngineSettings, env: NodeJS.ProcessEnv): S3Client {
  const endpoint = s3Endpoint(settings, env);
  return new S3Client({
    region: stateRegionOf(settings),
    ...credentialsFrom(env),
    requestHandler: REQUEST_HANDLER,
    // S3-compatible servers rarely resolve bucket subdomains: address buckets by path instead.
    ...(endpoint ? { endpoint: endpoint.url, forcePathStyle: true } : {}),
  });
}

/** The client for the stack's SSM parameters, in the stack's region. */
export function parameterClient(settings: EngineSettings, env: NodeJS.ProcessEnv): SSMClient {
  const endpoint = ssmEndpoint(env);
  return new SSMClient({
    region: settings.region,
    ...credentialsFrom(env),
    requestHandler: REQUEST_HANDLER,
    ...(endpoint ? { endpoint: endpoint.url } : {}),
  });
}

/** What an SDK error looks like, without depending on the SDK's class hierarchy. */
interface SdkErrorShape {
  name?: string;
  Code?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

export const errorName = (error: unknown): string => {
  const shape = (error ?? {}) as SdkErrorShape;
  return shape.name ?? shape.Code ?? shape.code ?? "";
};

export const httpStatus = (error: unknown): number | undefined => ((error ?? {}) as SdkErrorShape).$metadata?.httpStatusCode;

/**
 * True when the server does not implement the operation (S3-compatible servers: s3rver answers
 * 501 NotImplemented to most bucket settings, 405 MethodNotAllowed to reading a bucket policy).
 */
export const isNotImplemented = (error: unknown) =>
  ["NotImplemented", "MethodNotAllowed"].includes(errorName(error)) || httpStatus(error) === 501 || httpStatus(error) === 405;

/**
 * An AWS failure as one readable line with what to do. `doing` says what was attempted
 * ("listing s3://bucket/platform/"); `endpoint` is named when the call went to an override.
 */
export function awsFailure(error: unknown, doing: string, endpoint?: Endpoint): ExternalError {
  const name = errorName(error);
  const status = httpStatus(error);
  const message = ((error as SdkErrorShape | undefined)?.message ?? String(error)).split("\n")[0]!.trim();
  const where = endpoint ? ` at ${endpoint.url} (from ${endpoint.from})` : "";

  if (name === "CredentialsProviderError" || /Could not load credentials/i.test(message)) {
    return new ExternalError(
      `${doing}: no AWS credentials found`,
      "configure credentials the usual way (AWS_PROFILE, `aws sso login`, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or an instance/container role)",
    );
  }
  if (["InvalidAccessKeyId", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException", "InvalidSignatureException"].includes(name)) {
    return new ExternalError(`${doing}: AWS rejected the credentials (${name})${where}`, "refresh or replace the credentials (e.g. `aws sso login`), then retry");
  }
  if (name === "AccessDenied" || name === "AccessDeniedException" || status === 403) {
    return new ExternalError(`${doing}: access denied${where}`, "the caller's IAM policy must allow this call on that resource; check `aws sts get-caller-identity` for who you are");
  }
  if (name === "NoSuchBucket") {
    return new ExternalError(`${doing}: the state bucket does not exist${where}`, "run `platform setup` to create it, or point --state-bucket / PLATFORM_STATE_BUCKET at the right one");
  }
  const code = (error as { code?: string } | undefined)?.code ?? "";
  if (["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ETIMEDOUT", "ECONNRESET"].includes(code) || name === "TimeoutError") {
    return new ExternalError(`${doing}: cannot reach the endpoint${where} (${code || name})`, "check the network, or the endpoint override (AWS_ENDPOINT_URL*, --state-endpoint)");
  }
  return new ExternalError(`${doing}: ${name ? `${name}: ` : ""}${message}${where}`);
}

/**
 * Stacks deploy to the engine's `region` setting (it is written into the generated provider, so
 * synth stays deterministic), not to the shell's AWS_REGION: say so when the two differ.
 */
export function ignoredRegionNote(region: string, env: NodeJS.ProcessEnv, what: string, setting: string): string | undefined {
  for (const name of ["AWS_REGION", "AWS_DEFAULT_REGION"]) {
    const value = env[name];
    if (value && value !== region) return `note: ${name}=${value} is not used: ${what} is in ${region} (set by ${setting})`;
  }
  return undefined;
}

/**
 * The endpoint override for another AWS service: `AWS_ENDPOINT_URL_<SERVICE>` (the SDK's standard
 * service-specific variable, e.g. AWS_ENDPOINT_URL_ECS), else `AWS_ENDPOINT_URL`.
 */
export function serviceEndpoint(env: NodeJS.ProcessEnv, service: string): Endpoint | undefined {
  return standardEndpoint(env, `AWS_ENDPOINT_URL_${service.toUpperCase()}`);
}

/** Client settings for a read-only client of the stack's own services, in the stack's region. */
export function stackClientConfig(region: string, env: NodeJS.ProcessEnv, service: string) {
  const endpoint = serviceEndpoint(env, service);
  return { region, ...credentialsFrom(env), requestHandler: REQUEST_HANDLER, ...(endpoint ? { endpoint: endpoint.url } : {}) };
}

/** True when the failure is the SDK finding no credentials anywhere in its chain. */
export const isMissingCredentials = (error: unknown) =>
  errorName(error) === "CredentialsProviderError" || /Could not load credentials/i.test(((error as SdkErrorShape | undefined)?.message ?? ""));
