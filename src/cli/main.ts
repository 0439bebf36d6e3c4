// The `platform` command line: every command, each module loaded only when its command runs.
import { dispatch, type CommandTable } from "./dispatch.js";
import type { ExitCode } from "./errors.js";
import type { Io } from "./io.js";

/** Command name -> loader; each command module is imported only when it runs. */
export const COMMANDS: CommandTable = {
  validate: async () => (await import("./commands/validate.js")).validate,
  synth: async () => (await import("./commands/synth.js")).synth,
  schema: async () => (await import("./commands/schema.js")).schema,
  diff: async () => (await import("./commands/diff.js")).diff,
  preview: async () => (await import("./commands/preview.js")).preview,
  create: async () => (await import("./commands/create.js")).create,
  destroy: async () => (await import("./commands/destroy.js")).destroy,
  drift: async () => (await import("./commands/drift.js")).drift,
  list: async () => (await import("./commands/list.js")).list,
  setup: async () => (await import("./commands/setup.js")).setup,
  init: async () => (await import("./commands/init.js")).init,
  outputs: async () => (await import("./commands/outputs.js")).outputs,
  render: async () => (await import("./commands/render.js")).render,
  status: async () => (await import("./commands/status.js")).status,
  settings: async () => (await import("./commands/settings.js")).settings,
};

export function main(argv: string[], io?: Io): Promise<ExitCode> {
  return dispatch(COMMANDS, argv, io);
}
