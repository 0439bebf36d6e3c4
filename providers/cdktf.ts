// The boundary around CDK for Terraform's core: the project imports cdktf only from here, so a
// move to another distribution (for example the community fork) is a change to this folder.
import type * as Cdktf from "cdktf";
import type * as Constructs from "constructs";
import type { IConstruct } from "constructs";
import { deferFunctionDependency, load, loadDependencyOf } from "./load.js";
import { installFastResolve } from "./resolve.js";

// cdktf loads `archiver` (zip files for TerraformAsset, which the engine never creates) and its
// dozen dependencies at start-up: about 60 ms of every run. It now loads on first use only.
deferFunctionDependency("cdktf", "archiver");
const cdktf = load<typeof Cdktf>("cdktf");
const constructs = load<typeof Constructs>("constructs");
// Token resolution walks token-free values without cdktf's per-value overhead (see resolve.ts).
installFastResolve();

// cdktf records a full, unlimited-depth stack trace for every token it creates, only to decorate
// its own error messages; with thousands of tokens per stack that dominated synthesis time. Keep
// them only when debugging (PLATFORM_DEBUG=1). cdktf reads this export at each call; the variable
// is read then too, since the startup snapshot loads this module long before the command runs.
const stackTraces = load<{ captureStackTrace: (below?: unknown) => string[] }>("cdktf/lib/tokens/private/stack-trace.js");
const captureStackTrace = stackTraces.captureStackTrace;
stackTraces.captureStackTrace = (below) => (process.env.PLATFORM_DEBUG ? captureStackTrace(below ?? stackTraces.captureStackTrace) : []);

export const {
  Annotations,
  App,
  Aspects,
  CloudBackend,
  DataResource,
  DefaultTokenResolver,
  dependable,
  DISABLE_STACK_TRACE_IN_METADATA,
  Fn,
  Lazy,
  NamedCloudWorkspace,
  Op,
  S3Backend,
  StringConcat,
  TerraformIterator,
  TerraformDataSource,
  TerraformOutput,
  TerraformProvider,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Testing,
  Token,
  Tokenization,
} = cdktf;

// Some constructs (terraform_data, the cloud block) make cdktf run `terraform version` while
// synthesizing, once per stack. Synthesis must not need a local terraform (nor spend 80 ms per
// stack spawning one): every stack states `required_version`, which terraform enforces when it runs.
load<{ ValidateBinaryVersion: { prototype: { validate: () => string[] } } }>("cdktf/lib/validations/validate-binary-version.js").ValidateBinaryVersion.prototype.validate = () => [];

/**
 * Forgets every token cdktf has registered. Its process-wide token map never drops an entry, and
 * each token keeps its construct (and so its whole stack) alive: synthesizing many stacks in one
 * process grew memory with every stack. The map itself stays (modules hold on to it) and so does
 * its counter, so a key is never handed out twice. Call only once a stack is completely rendered.
 */
export function releaseTokens(): void {
  const map = (globalThis as { __cdktfTokenMap?: { stringTokenMap: Map<string, unknown>; numberTokenMap: Map<number, unknown> } }).__cdktfTokenMap;
  map?.stringTokenMap.clear();
  map?.numberTokenMap.clear();
}

/** Runs the aspects of a construct tree, as cdktf's own synthesizer does before rendering. */
export const invokeAspects = load<{ invokeAspects: (root: IConstruct) => void }>("cdktf/lib/synthesize/synthesizer.js").invokeAspects;

/** The JSON writer cdktf uses for cdk.tf.json (sorted keys, its own spacing), so output matches `cdktf synth` byte for byte. */
export const stableStringify = loadDependencyOf<(value: unknown, options: { space: number }) => string>("cdktf", "json-stable-stringify");

const tokenResolver = new DefaultTokenResolver(new StringConcat());

/** cdktf's own helpers for rendering an element's attributes (cdktf 0.21 is final, so they stay put). */
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

/** Resolves the tokens in `value` as the stack of `scope` would when it synthesizes (references become `${...}`). */
export function resolveTokens<T>(scope: Cdktf.TerraformStack, value: T): T {
  return Tokenization.resolve(value, { scope, preparing: false, resolver: tokenResolver }) as T;
}

/**
 * A root for stacks that are built and checked in memory but never written: an App creates its
 * output folder when constructed, this does not. Stack traces are off, as in the engine's Apps.
 */
export function inMemoryRoot(): Constructs.Construct {
  const root = new constructs.RootConstruct("");
  root.node.setContext(DISABLE_STACK_TRACE_IN_METADATA, true);
  return root;
}

export type { IAspect, IResolvable, ITerraformDependable, TerraformElement } from "cdktf";
export type TerraformProvider = Cdktf.TerraformProvider;
export type TerraformResource = Cdktf.TerraformResource;
export type DataResource = Cdktf.DataResource;
export type TerraformDataSource = Cdktf.TerraformDataSource;
export type App = Cdktf.App;
export type TerraformStack = Cdktf.TerraformStack;
export type TerraformOutput = Cdktf.TerraformOutput;
export type TerraformVariable = Cdktf.TerraformVariable;
export type TerraformIterator = Cdktf.TerraformIterator;
export type { Construct, IConstruct } from "constructs";
