// The outside world as commands and the lifecycle see it (output streams, environment, working
// folder, prompts), so both can run in-process in tests. The CLI builds the real one (src/cli/io.ts).

export interface Io {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** Whether stdin is an interactive terminal (confirmation prompts need one). */
  interactive: boolean;
  /**
   * Whether output may carry colors (terraform's): only on a terminal, and never with NO_COLOR set
   * (no-color.org) or TERM=dumb. The engine's own output has none.
   */
  color?: boolean;
  /** Reads one line from stdin (for confirmations). */
  readLine: (prompt: string) => Promise<string | undefined>;
}
