// Runs the CLI in-process (fast) or as the real `platform` command (exit codes, no stack traces).
import { spawn, spawnSync } from "node:child_process";
import { main } from "../../src/cli/main.js";
import type { Io } from "../../src/cli/io.js";
import { ROOT } from "./spec.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; answers?: string[] } = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const answers = [...(options.answers ?? [])];
  const io: Io = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    env: options.env ?? {},
    cwd: options.cwd ?? ROOT,
    interactive: options.answers !== undefined,
    readLine: async (prompt) => {
      stderr += prompt;
      return answers.shift();
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** false: never from the startup snapshot (PLATFORM_NO_SNAPSHOT=1), as when it cannot be used. */
  snapshot?: boolean;
}

/** bin/platform.mjs, the package's `platform` command, run directly (its shebang), as node_modules/.bin/platform is. */
function commandLine(argv: string[]): [string, string[]] {
  return [`${ROOT}bin/platform.mjs`, argv];
}

function environment(options: SpawnOptions): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env, ...(options.snapshot === false ? { PLATFORM_NO_SNAPSHOT: "1" } : {}) };
}

/** Spawns the `platform` command as a user would; stdin is closed. */
export function spawnPlatform(argv: string[], options: SpawnOptions = {}): CliRun {
  const result = spawnSync(...commandLine(argv), {
    cwd: options.cwd ?? ROOT,
    env: environment(options),
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 120_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Like spawnPlatform, without blocking the test process: needed when the test itself serves the
 * command (an S3 server started in the test).
 */
export function spawnPlatformAsync(argv: string[], options: SpawnOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(...commandLine(argv), {
      cwd: options.cwd ?? ROOT,
      env: environment(options),
      stdio: ["ignore", "pipe", "pipe"],
      timeout: 120_000,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (text: string) => void (stdout += text));
    child.stderr.setEncoding("utf8").on("data", (text: string) => void (stderr += text));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}
