// The engine's startup snapshot. Building it (bin/start.mjs runs `node --build-snapshot` on
// dist/snapshot-platform.cjs, the bundle of snapshot.ts) loads cdktf, the provider classes and the
// engine and runs synth and validate --policy once on the agent-factory fixture, so that their code
// is compiled too; V8 saves that heap, and bin/platform.mjs starts those two commands from it,
// skipping the loading and compiling. Every other command runs sooner without a second Node.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startupSnapshot } from "node:v8";
import { dispatch, type CommandTable } from "./dispatch.js";
import type { Io } from "./io.js";

/** The commands the snapshot holds (bin/start.mjs's snapshotHolds routes to it; a test keeps the two in step). */
export const SNAPSHOT_COMMANDS = ["synth", "validate"] as const;

const silent: Io = { stdout: () => {}, stderr: () => {}, env: {}, cwd: tmpdir(), interactive: false, readLine: async () => undefined };

/**
 * Runs each warm-up command line ({out} becomes a folder removed afterwards; {fixture} the
 * agent-factory fixture), then makes `commands` the snapshot's main. A failure rejects, and
 * `node --build-snapshot` then exits non-zero: no snapshot is written.
 */
export async function prepareSnapshot(commands: CommandTable, warmUps: string[][]): Promise<void> {
  const held = Object.keys(commands).sort().join(",");
  if (held !== [...SNAPSHOT_COMMANDS].sort().join(",")) throw new Error(`the snapshot holds ${held}, not what SNAPSHOT_COMMANDS says`);
  const fixture = fileURLToPath(new URL("../fixtures/platform-agent-factory.yaml", import.meta.url));
  const out = mkdtempSync(join(tmpdir(), "platform-snapshot-"));
  try {
    for (const argv of warmUps) {
      const code = await dispatch(commands, argv.map((arg) => (arg === "{out}" ? out : arg === "{fixture}" ? fixture : arg)), silent);
      if (code !== 0) throw new Error(`warming up the snapshot: \`platform ${argv.join(" ")}\` ended with exit code ${code}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  startupSnapshot.setDeserializeMainFunction(async () => {
    process.exitCode = await dispatch(commands, process.argv.slice(1));
  });
}
