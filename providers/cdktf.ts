// The boundary around CDK for Terraform's core: the project imports cdktf only from here, so a
// move to another distribution (for example the community fork) is a change to this folder.
import type * as Cdktf from "cdktf";
import type { IConstruct } from "constructs";
import { load, loadDependencyOf } from "./load.js";

const cdktf = load<typeof Cdktf>("cdktf");

// cdktf records a full, unlimited-depth stack trace for every token it creates, only to decorate
// its own error messages; with thousands of tokens per stack that dominated synthesis time. Keep
// them only when debugging (PLATFORM_DEBUG=1). cdktf reads this export at each call.
if (!process.env.PLATFORM_DEBUG) {
  load<{ captureStackTrace: () => string[] }>("cdktf/lib/tokens/private/stack-trace.js").captureStackTrace = () => [];
}

export const {
  Annotations,
  App,
  Aspects,
  CloudBackend,
  DataResource,
  dependable,
  Fn,
  Lazy,
  NamedCloudWorkspace,
  Op,
  S3Backend,
  TerraformIterator,
  TerraformDataSource,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
  TerraformVariable,
  Testing,
  Token,
} = cdktf;

// Some constructs (terraform_data, the cloud block) make cdktf run `terraform version` while
// synthesizing, once per stack. Synthesis must not need a local terraform (nor spend 80 ms per
// stack spawning one): every stack states `required_version`, which terraform enforces when it runs.
load<{ ValidateBinaryVersion: { prototype: { validate: () => string[] } } }>("cdktf/lib/validations/validate-binary-version.js").ValidateBinaryVersion.prototype.validate = () => [];

/** Runs the aspects of a construct tree, as cdktf's own synthesizer does before rendering. */
export const invokeAspects = load<{ invokeAspects: (root: IConstruct) => void }>("cdktf/lib/synthesize/synthesizer.js").invokeAspects;

/** The JSON writer cdktf uses for cdk.tf.json (sorted keys, its own spacing), so output matches `cdktf synth` byte for byte. */
export const stableStringify = loadDependencyOf<(value: unknown, options: { space: number }) => string>("cdktf", "json-stable-stringify");

export type { IAspect, IResolvable, ITerraformDependable, TerraformElement, TerraformProvider } from "cdktf";
export type TerraformResource = Cdktf.TerraformResource;
export type DataResource = Cdktf.DataResource;
export type TerraformDataSource = Cdktf.TerraformDataSource;
export type App = Cdktf.App;
export type TerraformStack = Cdktf.TerraformStack;
export type TerraformOutput = Cdktf.TerraformOutput;
export type TerraformVariable = Cdktf.TerraformVariable;
export type TerraformIterator = Cdktf.TerraformIterator;
export type { Construct, IConstruct } from "constructs";
