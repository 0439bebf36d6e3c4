// The CLI's view of the outside world, so commands can run in-process in tests.

export type { Io } from "../support/io.js";
import type { Io } from "../support/io.js";

/** A reader that stopped reading (`platform preview ... | head`) is not an error: stop quietly. */
function exitOnClosedPipe(stream: NodeJS.WriteStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/** Colors only on a terminal, unless NO_COLOR is set (to anything but the empty string) or TERM is dumb. */
export function colorAllowed(env: NodeJS.ProcessEnv, terminal: boolean): boolean {
  return terminal && !env.NO_COLOR && env.TERM !== "dumb";
}

export function processIo(): Io {
  exitOnClosedPipe(process.stdout);
  exitOnClosedPipe(process.stderr);
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    // Asked only by commands that prompt: opening stdin costs a few milliseconds every command paid.
    get interactive() {
      return Boolean(process.stdin.isTTY);
    },
    get color() {
      return colorAllowed(process.env, Boolean(process.stderr.isTTY));
    },
    readLine: async (prompt) => {
      const { createInterface } = await import("node:readline/promises");
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        return await rl.question(prompt);
      } catch {
        return undefined;
      } finally {
        rl.close();
      }
    },
  };
}
