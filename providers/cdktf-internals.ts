// Every use of a CDK for Terraform internal, in one place: patches of its modules (stack traces,
// the binary-version check, token resolution), a reset of its token map, and deep imports of
// functions it does not export. They were written for exactly one cdktf version (CDKTF_VERSION):
// installCdktfPatches refuses to run against any other, so an upgrade fails at start with a clear
// message instead of misbehaving silently. __tests__/providers/cdktf-internals.test.ts has one test
// per patch. To move to another version (or to the community fork, see docs/design-decisions.md),
// re-check each entry below against its source, then change CDKTF_VERSION.
import type * as Cdktf from "cdktf";
import type { IConstruct } from "constructs";
import { deferFunctionDependency, load, loadDependencyOf } from "./load.js";
import { prepareFastResolve, type Encoding, type Resolve } from "./resolve.js";

/** The cdktf release every patch below was written and tested against. */
export const CDKTF_VERSION = "0.21.0";

/** Why the installed cdktf cannot be patched, or undefined when it is the version the patches are for. */
export function cdktfVersionProblem(installed: string): string | undefined {
  if (installed === CDKTF_VERSION) return undefined;
  return (
    `cdktf ${installed} is installed, but providers/cdktf-internals.ts patches the internals of cdktf ${CDKTF_VERSION}: ` +
    `run \`npm ci\` to install the locked version, or review every patch in that file for ${installed} and update CDKTF_VERSION`
  );
}

let installed = false;

/** Checks the installed cdktf's version, then applies the patches (once per process), before cdktf is loaded. */
export function installCdktfPatches(): void {
  if (installed) return;
  const problem = cdktfVersionProblem(load<{ version: string }>("cdktf/package.json").version);
  if (problem) throw new Error(problem);
  installed = true;
  deferArchiver();
  silenceStackTraces();
  skipBinaryVersionCheck();
  installFastResolve();
}

/**
 * Patch 1. cdktf loads `archiver` (zip files for TerraformAsset, which the engine never creates) and
 * its dozen dependencies at start-up: about 60 ms of every run. It now loads on first use only.
 */
function deferArchiver(): void {
  deferFunctionDependency("cdktf", "archiver");
}

/**
 * Patch 2. cdktf records a full, unlimited-depth stack trace for every token it creates, only to
 * decorate its own error messages; with thousands of tokens per stack that dominated synthesis
 * time. Keep them only when debugging (PLATFORM_DEBUG=1). cdktf reads this export at each call; the
 * variable is read then too, since the startup snapshot loads this module long before the command runs.
 */
function silenceStackTraces(): void {
  const stackTraces = load<{ captureStackTrace: (below?: unknown) => string[] }>("cdktf/lib/tokens/private/stack-trace.js");
  const captureStackTrace = stackTraces.captureStackTrace;
  stackTraces.captureStackTrace = (below) => (process.env.PLATFORM_DEBUG ? captureStackTrace(below ?? stackTraces.captureStackTrace) : []);
}

/**
 * Patch 3. Some constructs (terraform_data, the cloud block) make cdktf run `terraform version` while
 * synthesizing, once per stack. Synthesis must not need a local terraform (nor spend 80 ms per
 * stack spawning one): every stack states `required_version`, which terraform enforces when it runs.
 */
function skipBinaryVersionCheck(): void {
  load<{ ValidateBinaryVersion: { prototype: { validate: () => string[] } } }>("cdktf/lib/validations/validate-binary-version.js").ValidateBinaryVersion.prototype.validate =
    () => [];
}

/**
 * Patch 4. Token resolution walks token-free values without cdktf's per-value overhead: resolveFast
 * (resolve.ts) takes the place of cdktf's internal resolve, which it defers to for every token.
 */
function installFastResolve(): void {
  const resolveModule = load<{ resolve: Resolve }>("cdktf/lib/tokens/private/resolve.js");
  const { Token, Tokenization } = load<typeof Cdktf>("cdktf");
  resolveModule.resolve = prepareFastResolve({ cdktfResolve: resolveModule.resolve, encoding: load<Encoding>("cdktf/lib/tokens/private/encoding.js"), Token, Tokenization });
}

// Before anything below loads cdktf's modules.
installCdktfPatches();

/**
 * Internal 5: the token map. Forgets every token cdktf has registered. Its process-wide token map
 * never drops an entry, and each token keeps its construct (and so its whole stack) alive:
 * synthesizing many stacks in one process grew memory with every stack. The map itself stays
 * (modules hold on to it) and so does its counter, so a key is never handed out twice. Call only
 * once a stack is completely rendered.
 */
export function releaseTokens(): void {
  const map = (globalThis as { __cdktfTokenMap?: { stringTokenMap: Map<string, unknown>; numberTokenMap: Map<number, unknown> } }).__cdktfTokenMap;
  map?.stringTokenMap.clear();
  map?.numberTokenMap.clear();
}

/** Internal 6 (deep path): runs the aspects of a construct tree, as cdktf's own synthesizer does before rendering. */
export const invokeAspects = load<{ invokeAspects: (root: IConstruct) => void }>("cdktf/lib/synthesize/synthesizer.js").invokeAspects;

/** Internal 7 (cdktf's dependency): the JSON writer cdktf uses for cdk.tf.json (sorted keys, its own spacing), so output matches `cdktf synth` byte for byte. */
export const stableStringify = loadDependencyOf<(value: unknown, options: { space: number }) => string>("cdktf", "json-stable-stringify");

/** Internal 8 (deep path and private members): cdktf's own helpers for rendering an element's attributes. */
const elementUtil = load<{
  deepMerge(target: unknown, ...sources: unknown[]): Record<string, unknown>;
  processDynamicAttributes(attributes: Record<string, unknown>): Record<string, unknown>;
}>("cdktf/lib/util");

/**
 * A resource's or provider's Terraform arguments (snake_case, overrides applied, tokens unresolved)
 * as `toTerraform()` renders them, without the meta-arguments (for_each, lifecycle, depends_on) and
 * the wrapping that inspection does not need and that cost as much again to render.
 */
export function terraformArguments(element: Cdktf.TerraformResource | Cdktf.TerraformProvider): Record<string, unknown> {
  const { synthesizeAttributes, rawOverrides } = element as unknown as {
    synthesizeAttributes(this: unknown): Record<string, unknown>;
    rawOverrides: Record<string, unknown>;
  };
  const attributes = elementUtil.processDynamicAttributes(synthesizeAttributes.call(element));
  return Object.keys(rawOverrides).length > 0 ? elementUtil.deepMerge(attributes, rawOverrides) : attributes;
}

/** What the provider binding says about one top-level argument of a resource type. */
export interface AttributeSchema {
  /** A nested block (`ephemeral_storage`), rather than an argument. */
  isBlock: boolean;
  /** `simple`, `list`, `set`, `map`, or `struct`. */
  type: string;
  /** `string`, `number`, `boolean`, `stringList`, `numberList`, `stringMap`, ..., or a block's list class. */
  storageClassType: string;
}

const attributeSchemas = new WeakMap<object, ReadonlyMap<string, AttributeSchema>>();

/** Stands in for every field of a binding instance, so that each converter reports its attribute (see attributeSchemaOf). */
const PLACEHOLDER = { resolve: () => undefined, creationStack: [] as string[], toString: () => "placeholder" };
const placeholderField = new Proxy({}, { get: (_target, key) => (key === "internalValue" ? PLACEHOLDER : undefined) });
const placeholderInstance = new Proxy({}, { get: (_target, key) => (typeof key === "string" && key.startsWith("_") ? placeholderField : undefined) });

/**
 * Internal 9 (a protected method of the generated bindings): the top-level arguments and blocks of a
 * resource's type, with their kinds, read from the binding class's `synthesizeHclAttributes`, which
 * lists every argument the provider schema has with its type. It is called on a stand-in whose every
 * field is a resolvable placeholder, so no attribute is left out for being unset. Cached per class.
 */
export function attributeSchemaOf(resource: Cdktf.TerraformResource): ReadonlyMap<string, AttributeSchema> {
  const prototype = Object.getPrototypeOf(resource) as { synthesizeHclAttributes?: (this: unknown) => Record<string, AttributeSchema> };
  const cached = attributeSchemas.get(prototype);
  if (cached) return cached;
  const attributes = prototype.synthesizeHclAttributes?.call(placeholderInstance) ?? {};
  const schema = new Map(Object.entries(attributes).map(([name, { isBlock, type, storageClassType }]) => [name, { isBlock, type, storageClassType }]));
  attributeSchemas.set(prototype, schema);
  return schema;
}

/**
 * Internal 10 (a protected method): replaces top-level arguments of one resource as it renders, with
 * plain values (tokens already resolved to `${...}` text): `undefined` leaves the argument out. The
 * element's own `addOverride`s are merged over the result as before, so an argument the engine
 * overrides must not be replaced (src/engine/overrides.ts refuses it). Used by `overrides:` only.
 */
export function replaceArguments(element: Cdktf.TerraformResource, replacements: Readonly<Record<string, unknown>>): void {
  const target = element as unknown as { synthesizeAttributes(): Record<string, unknown> };
  const original = target.synthesizeAttributes;
  target.synthesizeAttributes = function (this: unknown) {
    return { ...original.call(this), ...replacements };
  };
}

/** The arguments the element's own `addOverride` calls set (top-level names), which replaceArguments cannot replace. */
export function overriddenArguments(element: Cdktf.TerraformResource): string[] {
  return Object.keys((element as unknown as { rawOverrides: Record<string, unknown> }).rawOverrides);
}
