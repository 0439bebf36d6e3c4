// The per-spec work of `platform validate` and `platform synth`, over many files: each file is
// checked (and, for synth, built, policy-checked and staged) on its own; with enough files the
// work is spread over worker threads, one per core. Outcomes are plain data, in argument order.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { compareDiagnostics, pointRange, SpecRejectedError, type Diagnostic, type SourceRange } from "../config/diagnostics.js";
import type { PlatformConfig } from "../config/platform-config.js";
import type { Finding } from "../policy/finding.js";
import { misspeltEnvironmentBlocks, stackSettings, type SettingsSources } from "../settings/sources.js";
import type { Phase } from "../capabilities/shared/phases.js";
import { planSteps } from "./plan.js";
import { hostClaims, hostCollisionsWithin, nameCollisions, type NameClaim } from "./claims.js";
import { checkSpecFile, claimsOf } from "./specs.js";
import type { StackSummary } from "./synth.js";

export interface BatchOptions {
  mode: "validate" | "synth";
  /** Build each valid spec's stack and run the policy checks (always on for synth). */
  policy: boolean;
  /**
   * Where each stack's settings come from (plain data: it crosses into the worker threads, which
   * resolve each stack's settings from it, per spec and environment).
   */
  settings: SettingsSources;
  /** synth: the folder stacks are staged in. */
  staging?: string;
  /** `--env`: check (and build) this environment of each spec only; absent: the base and every environment. */
  environment?: string;
}

export interface FileOutcome {
  file: string;
  diagnostics: Diagnostic[];
  /** Present when the spec passed its checks. */
  service?: {
    name: string;
    steps: Array<{ name: string; phase: Phase; summary: string }>;
    /** The stacks the spec makes: `[name]`, or `<name>-<env>` for each environment checked. */
    stacks: string[];
    /** How many `overrides:` patches the spec has (absent when none, and for a spec with environments). */
    overrides?: number;
    /** A spec with environments: how many patches each environment's stack applies (absent when none has any). */
    overridesPerStack?: Record<string, number>;
  };
  findings: Finding[];
  /** synth: the stacks staged for this spec, one per environment (absent when a policy refused one). */
  stacks?: StackSummary[];
}

interface Processed extends FileOutcome {
  /** The names the spec's stack takes in the account, region or shared VPC. */
  claims?: NameClaim[];
}

/** Runs the pipeline for one file. */
export async function processFile(file: string, options: BatchOptions): Promise<Processed> {
  const check = await checkSpecFile(file, options.environment);
  const config = check.config;
  const targets = check.targets ?? [];
  if (!config) return { file, diagnostics: check.diagnostics, findings: [] };
  const environments = targets.flatMap((target) => (target.environment === undefined ? [] : [target.environment]));
  const blockWarnings = misspeltEnvironmentBlocks(options.settings, file, config.environments, environments, (path, at) => config.locate(path, at));
  if (blockWarnings.length > 0) check.diagnostics = [...check.diagnostics, ...blockWarnings].sort(compareDiagnostics);
  // Each stack's settings, resolved once: its zone (host names), then its build and policies.
  const settingsOf = new Map(targets.map((target) => [target, stackSettings(options.settings, file, target.environment)]));
  // The DNS names each stack creates in its Cloudflare zone (which zone depends on its settings).
  const hosts = targets.flatMap((target) => hostClaims(target, settingsOf.get(target)!));
  const hostsTaken = hostCollisionsWithin(file, hosts);
  if (hostsTaken.length > 0) return { file, diagnostics: [...check.diagnostics, ...hostsTaken].sort(compareDiagnostics), findings: [] };
  const outcome: Processed = {
    file,
    diagnostics: check.diagnostics,
    findings: [],
    service: {
      name: config.metadata.name,
      steps: planSteps(config).map(({ name, phase, summary }) => ({ name, phase, summary })),
      stacks: targets.map((target) => target.serviceName),
      ...overrideCounts(config, targets),
    },
    claims: [...claimsOf(config, targets), ...hosts],
  };
  // What only the built stack can show (an `overrides:` patch that does not fit it): the spec is
  // invalid. Every environment's stack is still built, so each one's problems are reported at once.
  const rejected: Diagnostic[] = [];
  const rejecting = async <T>(build: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await build();
    } catch (error) {
      if (!(error instanceof SpecRejectedError)) throw error;
      rejected.push(...error.diagnostics);
      return undefined;
    }
  };
  if (options.mode === "synth") {
    const { stageStack } = await import("./synth.js");
    const stacks: StackSummary[] = [];
    let refused = false;
    for (const target of targets) {
      const staged = await rejecting(() => stageStack(target, settingsOf.get(target)!, options.staging!));
      if (!staged) continue;
      outcome.findings.push(...staged.summary.findings);
      if (staged.passed) stacks.push(staged.summary);
      else refused = true;
    }
    if (rejected.length > 0) return { file, diagnostics: [...check.diagnostics, ...rejected].sort(compareDiagnostics), findings: [] };
    return { ...outcome, ...(refused ? {} : { stacks }) };
  }
  if (options.policy) {
    const { checkSpecPolicies } = await import("./policies.js");
    for (const target of targets) outcome.findings.push(...((await rejecting(() => checkSpecPolicies(target, settingsOf.get(target)!))) ?? []));
    if (rejected.length > 0) return { file, diagnostics: [...check.diagnostics, ...rejected].sort(compareDiagnostics), findings: [] };
  }
  return outcome;
}

/** The patch counts of FileOutcome.service: the spec's, or each environment's (its own merged with the top-level ones). */
function overrideCounts(config: PlatformConfig, targets: readonly PlatformConfig[]): { overrides?: number; overridesPerStack?: Record<string, number> } {
  if (targets.every((target) => target === config)) return config.overrides.length > 0 ? { overrides: config.overrides.length } : {};
  if (targets.every((target) => target.overrides.length === 0)) return {};
  return { overridesPerStack: Object.fromEntries(targets.map((target) => [target.serviceName, target.overrides.length])) };
}

/** Files below which starting worker threads costs more than it saves (they load the engine anew). */
const MIN_FILES_PER_THREAD = { validate: 150, synth: 8 } as const;
const WORKER_SCRIPT = new URL("./worker.js", import.meta.url);
const requireBuiltin = createRequire(import.meta.url);
/**
 * Old-generation heap of each worker. A stack's live objects take a few tens of MiB; left alone,
 * V8 lets garbage pile up as the batch grows, so a bound keeps memory flat however many specs come.
 */
const WORKER_HEAP_MB = 128;

/** How many threads to use: PLATFORM_WORKERS if set, else one per core when the batch is large enough. */
export function threadCount(files: number, mode: BatchOptions["mode"], env: NodeJS.ProcessEnv = process.env): number {
  const requested = env.PLATFORM_WORKERS === undefined ? undefined : Number(env.PLATFORM_WORKERS);
  const cores = Number.isInteger(requested) && requested! >= 1 ? requested! : availableParallelism();
  const threads = Math.min(cores, Math.floor(files / (requested ? 1 : MIN_FILES_PER_THREAD[mode])));
  // Workers run the bundled engine (dist/worker.js); running from the TypeScript sources, there is none.
  return threads > 1 && existsSync(fileURLToPath(WORKER_SCRIPT)) ? threads : 1;
}

/** The outcome of a file whose processing failed (an engine bug, or a worker out of memory): this file's answer only. */
export function failedOutcome(file: string, error: unknown): Processed {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    file,
    diagnostics: [
      {
        severity: "error",
        code: "file/not-processed",
        file,
        ...pointRange(),
        path: "",
        message: `could not be processed: ${reason}`,
        hint: "this is a resource limit or an engine bug; rerun with PLATFORM_WORKERS=1 and --debug, and report it",
      },
    ],
    findings: [],
  };
}

/** processFile, with a failure turned into that file's outcome instead of the batch's end. */
async function processOne(file: string, options: BatchOptions): Promise<Processed> {
  try {
    return await processFile(file, options);
  } catch (error) {
    return failedOutcome(file, error);
  }
}

/**
 * Runs files in one worker thread; resolves with the error that stopped it, if one did. Outcomes
 * arrive in order, so the files reported are the first `reported` of the slice.
 */
function runWorker(files: string[], options: BatchOptions, onOutcome: (outcome: Processed, position: number) => void): Promise<Error | undefined> {
  // Loaded here, not on import: Node's worker module must initialize in the running process, not in
  // a startup snapshot (src/cli/snapshots.ts), or the workers it starts fail on their first call.
  // (require, since a snapshot cannot import().)
  const { Worker } = requireBuiltin("node:worker_threads") as typeof import("node:worker_threads");
  return new Promise((resolve) => {
    let failure: Error | undefined;
    const worker = new Worker(WORKER_SCRIPT, { workerData: { files, options }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    worker.on("message", (message: { outcome?: Processed; position?: number; error?: { message: string; stack?: string } }) => {
      if (message.outcome) onOutcome(message.outcome, message.position!);
      if (message.error) failure ??= Object.assign(new Error(message.error.message), message.error.stack ? { stack: message.error.stack } : {});
    });
    worker.on("error", (error: Error & { code?: string }) => {
      failure ??= error.code === "ERR_WORKER_OUT_OF_MEMORY" ? new Error(`a worker thread ran out of its ${WORKER_HEAP_MB} MiB heap on this file`) : error;
    });
    worker.on("exit", (code) => resolve(failure ?? (code === 0 ? undefined : new Error(`a worker thread stopped with exit code ${code}`))));
  });
}

/**
 * Runs a slice of the files (starting at `first`) in worker threads: when a worker fails, the file
 * it was on gets the failure as its outcome, and a new worker takes the files after it.
 */
async function inWorker(files: string[], first: number, options: BatchOptions, onOutcome: (outcome: Processed, index: number) => void): Promise<void> {
  let start = 0;
  while (start < files.length) {
    let reported = 0;
    const offset = start;
    const failure = await runWorker(files.slice(offset), options, (outcome, position) => {
      reported = Math.max(reported, position + 1);
      onOutcome(outcome, first + offset + position);
    });
    if (!failure) return;
    const failed = offset + reported;
    if (failed >= files.length) return;
    onOutcome(failedOutcome(files[failed]!, failure), first + failed);
    start = failed + 1;
  }
}

/**
 * Processes every file, then refuses specs that take a name an earlier one already takes (the
 * service name, or any other name unique in the account, region or shared VPC).
 * `onOutcome` sees each outcome as it completes (for progress), in no particular order.
 */
export async function processFiles(files: readonly string[], options: BatchOptions, onOutcome?: (outcome: FileOutcome) => void): Promise<FileOutcome[]> {
  const outcomes: Processed[] = new Array(files.length);
  const record = (outcome: Processed, index: number) => {
    outcomes[index] = outcome;
    onOutcome?.(outcome);
  };
  const threads = threadCount(files.length, options.mode);
  // Contiguous slices; this thread takes the first while workers take the others.
  const size = Math.ceil(files.length / threads);
  const workers: Array<Promise<void>> = [];
  for (let first = size; first < files.length; first += size) {
    const worker = inWorker(files.slice(first, first + size), first, options, record);
    // Awaited below, once this thread's share is done; until then a failure must not count as unhandled.
    worker.catch(() => {});
    workers.push(worker);
  }
  for (let i = 0; i < Math.min(size, files.length); i++) record(await processOne(files[i]!, options), i);
  await Promise.all(workers);

  const claiming = outcomes.map((o) => (o.service && o.claims ? { file: o.file, claims: o.claims } : undefined));
  for (const [i, collisions] of nameCollisions(claiming)) {
    const outcome = outcomes[i]!;
    outcome.diagnostics.push(...collisions);
    delete outcome.service;
    delete outcome.stacks;
  }
  return outcomes.map(({ claims: _claims, ...outcome }) => outcome);
}
