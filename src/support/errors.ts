// Exit codes and the errors that carry them, shared by the lifecycle and the CLI (which prints an
// error's message, never its stack, unless --debug).

/** `drift`: 4 means resources changed outside Terraform (a finding, not a failure). */
export const EXIT = { ok: 0, invalid: 1, usage: 2, external: 3, drift: 4 } as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** Wrong command, flag or argument. */
export class UsageError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.usage, hint);
  }
}

/** An external tool or cloud call failed (terraform, AWS). */
export class ExternalError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, EXIT.external, hint);
  }
}
