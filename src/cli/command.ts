// The shape of a CLI command.
import type { OptionSpec, ParsedArgs } from "./args.js";
import type { ExitCode } from "./errors.js";
import type { Io } from "./io.js";

export interface Command {
  name: string;
  summary: string;
  usage: string;
  options: OptionSpec;
  /** Accepts the engine-setting flags (--region, --state-bucket, ...). */
  withSettings: boolean;
  run(args: ParsedArgs, io: Io): Promise<ExitCode>;
}
