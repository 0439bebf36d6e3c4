// The CLI's exit codes and errors live below the CLI (src/support/errors.ts), since the lifecycle
// throws them too; re-exported here for the commands.
export * from "../support/errors.js";
