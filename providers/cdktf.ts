// The boundary around CDK for Terraform's core: the project imports cdktf only from here, so a
// move to another distribution (for example the community fork) is a change to this folder.
import type * as Cdktf from "cdktf";
import { load } from "./load.js";

const cdktf = load<typeof Cdktf>("cdktf");

export const {
  Annotations,
  App,
  Aspects,
  CloudBackend,
  dependable,
  Fn,
  Lazy,
  NamedCloudWorkspace,
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

export type { IAspect, IResolvable, ITerraformDependable, TerraformElement, TerraformProvider } from "cdktf";
export type TerraformResource = Cdktf.TerraformResource;
export type TerraformDataSource = Cdktf.TerraformDataSource;
export type App = Cdktf.App;
export type TerraformStack = Cdktf.TerraformStack;
export type TerraformOutput = Cdktf.TerraformOutput;
export type TerraformVariable = Cdktf.TerraformVariable;
export type TerraformIterator = Cdktf.TerraformIterator;
export type { Construct, IConstruct } from "constructs";
