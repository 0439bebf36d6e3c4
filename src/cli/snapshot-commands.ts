// The commands the startup snapshot holds (src/cli/snapshot.ts): those that neither call AWS nor
// run terraform. bin/platform sends exactly these to the snapshot (a test keeps the two lists equal).
import { diff } from "./commands/diff.js";
import { schema } from "./commands/schema.js";
import { synth } from "./commands/synth.js";
import { validate } from "./commands/validate.js";
import type { CommandTable } from "./dispatch.js";

export const SNAPSHOT_COMMANDS: CommandTable = {
  validate: async () => validate,
  synth: async () => synth,
  schema: async () => schema,
  diff: async () => diff,
};
