// The boundary around CDK for Terraform's core: the project imports cdktf only from here, so a
// move to another distribution (for example the community fork) is a change to this folder.
import type * as Cdktf from "cdktf";
import type * as Constructs from "constructs";
import { installCdktfPatches } from "./cdktf-internals.js";
import { load } from "./load.js";

// Every patch of a cdktf internal is in cdktf-internals.ts, checked against the installed version
// before cdktf loads (importing it installs them; the call says so here).
installCdktfPatches();
const cdktf = load<typeof Cdktf>("cdktf");
const constructs = load<typeof Constructs>("constructs");

export { attributeSchemaOf, invokeAspects, overriddenArguments, releaseTokens, replaceArguments, stableStringify, terraformArguments, type AttributeSchema } from "./cdktf-internals.js";

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

const tokenResolver = new DefaultTokenResolver(new StringConcat());

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
