// Runs the real `terraform` binary in a stack directory: streams its output as it comes, shows
// progress while a step is quiet, and turns a failure into one readable line (terraform-errors.ts).
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { ExternalError } from "../support/errors.js";
import { explainTerraformFailure } from "./terraform-errors.js";

/** Environment variable that points the engine at a terraform binary elsewhere. */
export const TERRAFORM_BINARY_VARIABLE = "PLATFORM_TERRAFORM";
/** Where the machines this engine runs on install terraform. */
export const DEFAULT_TERRAFORM = "/usr/local/bin/terraform";

const isExecutable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** `PLATFORM_TERRAFORM`, else `terraform` on PATH, else /usr/local/bin/terraform. */
export function locateTerraform(env: NodeJS.ProcessEnv, fallback: string = DEFAULT_TERRAFORM): string {
  const explicit = env[TERRAFORM_BINARY_VARIABLE];
  if (explicit) {
    if (isExecutable(explicit)) return explicit;
    throw new ExternalError(`terraform not found: ${TERRAFORM_BINARY_VARIABLE}=${explicit} is not an executable file`, `point ${TERRAFORM_BINARY_VARIABLE} at a terraform >= 1.10 binary`);
  }
  for (const folder of (env.PATH ?? "").split(delimiter).filter(Boolean)) {
    const candidate = join(folder, "terraform");
    if (isExecutable(candidate)) return candidate;
  }
  if (isExecutable(fallback)) return fallback;
  throw new ExternalError(
    `terraform not found (not on PATH, not at ${fallback})`,
    `install Terraform >= 1.10 (https://developer.hashicorp.com/terraform/install), or set ${TERRAFORM_BINARY_VARIABLE} to its path`,
  );
}

export interface TerraformRunnerOptions {
  /** The stack directory (holds cdk.tf.json). */
  dir: string;
  /** Environment of the terraform process (credentials, TF_* variables). */
  env: NodeJS.ProcessEnv;
  /** Receives terraform's output (stdout and stderr) as it is written. */
  onOutput: (text: string) => void;
  /** Receives the engine's own progress lines (step started, still running, done). */
  onProgress: (line: string) => void;
  /** Keep terraform's colors (only when a person watches a terminal). */
  color?: boolean;
  /** Seconds of silence after which a "still running" line is shown. */
  quietSeconds?: number;
  /** Binary to run; located from the environment when absent. */
  binary?: string;
  /** Check the binary's version before its first step (on unless a test's stand-in cannot answer). */
  checkVersion?: boolean;
}

/** The oldest terraform the stacks work with (S3 native locking, `ephemeral` resources). */
export const MIN_TERRAFORM_VERSION = [1, 10, 0] as const;
/** Seconds a step may run: `PLATFORM_TERRAFORM_TIMEOUT`, else two hours (an RDS instance takes tens of minutes). */
export const STEP_TIMEOUT_VARIABLE = "PLATFORM_TERRAFORM_TIMEOUT";
const DEFAULT_STEP_TIMEOUT_SECONDS = 2 * 60 * 60;
/** Seconds `terraform version` and other machine-readable commands may take. */
const QUICK_TIMEOUT_SECONDS = 60;
/** Binaries whose version was checked in this process. */
const checkedBinaries = new Set<string>();

function stepTimeoutSeconds(env: NodeJS.ProcessEnv): number {
  const raw = env[STEP_TIMEOUT_VARIABLE] ?? process.env[STEP_TIMEOUT_VARIABLE];
  const seconds = raw === undefined ? NaN : Number(raw);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_STEP_TIMEOUT_SECONDS;
}

/** `1.11.4` -> [1, 11, 4]; undefined for anything else. */
function parseVersion(text: unknown): number[] | undefined {
  if (typeof text !== "string" || !/^\d+\.\d+\.\d+/.test(text)) return undefined;
  return text.split(/[.-]/).slice(0, 3).map(Number);
}

const atLeast = (version: readonly number[], minimum: readonly number[]) => {
  for (let i = 0; i < minimum.length; i++) if (version[i] !== minimum[i]) return version[i]! > minimum[i]!;
  return true;
};

export interface TerraformRun {
  exitCode: number;
  stdout: string;
  /** stdout and stderr interleaved as written, for error explanations. */
  output: string;
}

/** `-var` arguments for variable values. */
export const varArgs = (vars: Readonly<Record<string, string>>) => Object.entries(vars).flatMap(([name, value]) => ["-var", `${name}=${value}`]);

/** Keeps the last part of a long output: errors come at the end. */
const OUTPUT_LIMIT = 1_000_000;

export class TerraformRunner {
  readonly binary: string;
  private readonly options: TerraformRunnerOptions;

  constructor(options: TerraformRunnerOptions) {
    this.options = options;
    this.binary = options.binary ?? locateTerraform(options.env);
  }

  /** `terraform init` with the backend in the stack's configuration. */
  async init(): Promise<void> {
    await this.step("init", ["init", "-input=false"]);
  }

  /** Writes a plan to `planFile`; `targets` limit it to those addresses (and what they depend on). */
  async plan(planFile: string, options: { vars?: Record<string, string>; targets?: readonly string[]; destroy?: boolean } = {}): Promise<void> {
    const args = ["plan", "-input=false", `-out=${planFile}`, ...(options.destroy ? ["-destroy"] : [])];
    for (const target of options.targets ?? []) args.push(`-target=${target}`);
    await this.step(options.destroy ? "plan -destroy" : "plan", [...args, ...varArgs(options.vars ?? {})]);
  }

  /** Applies a saved plan (the plan was confirmed, so terraform does not ask again). */
  async applyPlan(planFile: string): Promise<void> {
    await this.step("apply", ["apply", "-input=false", planFile]);
  }

  /** `apply -auto-approve`: only after the caller has confirmed, or was told --yes. */
  async apply(vars: Record<string, string> = {}): Promise<void> {
    await this.step("apply", ["apply", "-input=false", "-auto-approve", ...varArgs(vars)]);
  }

  /** `destroy -auto-approve`: only after the caller has confirmed, or was told --yes. */
  async destroy(vars: Record<string, string> = {}): Promise<void> {
    await this.step("destroy", ["destroy", "-input=false", "-auto-approve", ...varArgs(vars)]);
  }

  /** `terraform output -json`: name -> { value, sensitive, type }. */
  async outputs(): Promise<Record<string, { value: unknown; sensitive: boolean }>> {
    return this.parseJson("output -json", (await this.step("output", ["output", "-json"], { quiet: true })).stdout || "{}");
  }

  /** `terraform show -json [planFile]`: the plan, or the current state when no file is given. */
  async showJson<T = unknown>(planFile?: string): Promise<T> {
    return this.parseJson("show -json", (await this.step("show", ["show", "-json", ...(planFile ? [planFile] : [])], { quiet: true })).stdout) as T;
  }

  /** terraform's JSON output; anything else is terraform misbehaving (exit 3), not an engine crash. */
  private parseJson<T>(command: string, text: string): T {
    try {
      return JSON.parse(text) as T;
    } catch {
      throw new ExternalError(`terraform ${command} printed output that is not JSON (${this.binary})`, `check that ${this.binary} is a real terraform >= ${MIN_TERRAFORM_VERSION.join(".")}`);
    }
  }

  /**
   * `terraform version -json`, once per binary and process: a binary that is not terraform, or
   * too old, or does not answer, is refused before it is given a stack.
   */
  private async checkVersion(): Promise<void> {
    if (this.options.checkVersion === false || checkedBinaries.has(this.binary)) return;
    const run = await this.spawn(["version", "-json"], "version", true, QUICK_TIMEOUT_SECONDS);
    if (run.exitCode !== 0) throw new ExternalError(`${this.binary} version -json failed (exit ${run.exitCode}): is it terraform?`, `point ${TERRAFORM_BINARY_VARIABLE} at a terraform >= ${MIN_TERRAFORM_VERSION.join(".")} binary`);
    const reported = this.parseJson<{ terraform_version?: unknown }>("version -json", run.stdout);
    const version = parseVersion(reported?.terraform_version);
    if (!version) throw new ExternalError(`${this.binary} did not report a terraform version`, `point ${TERRAFORM_BINARY_VARIABLE} at a terraform >= ${MIN_TERRAFORM_VERSION.join(".")} binary`);
    if (!atLeast(version, MIN_TERRAFORM_VERSION)) {
      throw new ExternalError(`terraform ${version.join(".")} is too old: the stacks need ${MIN_TERRAFORM_VERSION.join(".")} or newer`, "install a newer terraform (https://developer.hashicorp.com/terraform/install)");
    }
    checkedBinaries.add(this.binary);
  }

  /**
   * Runs one terraform command. Output streams through `onOutput` unless `quiet` (machine-readable
   * commands); a non-zero exit becomes an ExternalError explaining terraform's own error text.
   */
  async step(name: string, args: string[], { quiet = false }: { quiet?: boolean } = {}): Promise<TerraformRun> {
    const { onProgress } = this.options;
    const started = Date.now();
    await this.checkVersion();
    if (!quiet) onProgress(`==> terraform ${name}`);
    const timeout = quiet ? Math.min(QUICK_TIMEOUT_SECONDS * 5, stepTimeoutSeconds(this.options.env)) : stepTimeoutSeconds(this.options.env);
    const run = await this.spawn([...args.slice(0, 1), ...(this.options.color ? [] : ["-no-color"]), ...args.slice(1)], name, quiet, timeout);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (run.exitCode !== 0) {
      const explained = explainTerraformFailure(name, run.output, this.options.dir);
      throw new ExternalError(explained.message, explained.hint);
    }
    if (!quiet) onProgress(`==> terraform ${name} done in ${seconds}s`);
    return run;
  }

  /** Runs terraform; one that runs past `timeoutSeconds` is stopped (TERM, then KILL) and reported (exit 3). */
  private spawn(args: string[], name: string, quiet: boolean, timeoutSeconds: number): Promise<TerraformRun> {
    const { dir, env, onOutput, onProgress } = this.options;
    const quietMs = (this.options.quietSeconds ?? 20) * 1000;
    return new Promise((resolve, reject) => {
      const child = spawn(this.binary, args, {
        cwd: dir,
        // No call home to HashiCorp's version checkpoint unless the user asks for it.
        env: { CHECKPOINT_DISABLE: "1", ...env, TF_IN_AUTOMATION: "1", TF_INPUT: "0" },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let output = "";
      const started = Date.now();
      let lastOutput = started;
      const keep = (text: string) => (text.length > OUTPUT_LIMIT ? text.slice(-OUTPUT_LIMIT) : text);
      const ticker = setInterval(() => {
        if (Date.now() - lastOutput < quietMs) return;
        lastOutput = Date.now();
        onProgress(`    ... terraform ${name} still running (${Math.round((Date.now() - started) / 1000)}s)`);
      }, 1000);
      ticker.unref();
      let timedOut = false;
      const deadline = setTimeout(() => {
        timedOut = true;
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }, timeoutSeconds * 1000);
      deadline.unref();
      child.stdout.setEncoding("utf8").on("data", (text: string) => {
        stdout = keep(stdout + text);
        output = keep(output + text);
        lastOutput = Date.now();
        if (!quiet) onOutput(text);
      });
      child.stderr.setEncoding("utf8").on("data", (text: string) => {
        output = keep(output + text);
        lastOutput = Date.now();
        // Even quiet commands show their errors.
        onOutput(text);
      });
      child.on("error", (error: NodeJS.ErrnoException) => {
        clearInterval(ticker);
        clearTimeout(deadline);
        reject(
          error.code === "ENOENT" || error.code === "EACCES"
            ? new ExternalError(`terraform could not be started: ${this.binary} (${error.code})`, `install Terraform >= 1.10 or set ${TERRAFORM_BINARY_VARIABLE}`)
            : new ExternalError(`terraform could not be started: ${error.message}`),
        );
      });
      child.on("close", (code, signal) => {
        clearInterval(ticker);
        clearTimeout(deadline);
        if (timedOut) {
          reject(new ExternalError(`terraform ${name} did not finish within ${timeoutSeconds}s and was stopped`, `set ${STEP_TIMEOUT_VARIABLE} (seconds) if it needs longer`));
          return;
        }
        resolve({ exitCode: code ?? (signal ? 128 : 1), stdout, output });
      });
    });
  }
}
