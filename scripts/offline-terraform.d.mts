// Types of scripts/offline-terraform.mjs for the TypeScript tests that drive it.
export interface Prepared {
  /** The temporary folder (mirror, CLI config, stack copy). */
  dir: string;
  /** The stack's copy, where terraform runs. */
  stack: string;
  env: NodeJS.ProcessEnv;
}
export interface TerraformResult {
  code: number;
  stdout: string;
  stderr: string;
}
export function standInBundle(): Promise<string>;
export function providerAddress(source: string): string;
export function chooseVersion(constraint: string | undefined, bindingsVersion: string): string;
export function requiredStandIns(stackDir: string): Map<string, Set<string>>;
export function prepare(stackDir: string, options?: { s3Endpoint?: string; world?: string; workDir?: string }): Promise<Prepared>;
export function runTerraform(args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; echo?: boolean }): Promise<TerraformResult>;
export function init(prepared: Prepared, echo?: boolean): Promise<TerraformResult>;
export function standInEnvironment(dir: string, options?: { world?: string }): Promise<NodeJS.ProcessEnv>;
export interface SharedStandIns {
  envFor(stackDir: string): Promise<{ TF_REATTACH_PROVIDERS: string }>;
  stop(): Promise<void>;
}
export function startSharedStandIns(options?: { world?: string }): Promise<SharedStandIns>;
