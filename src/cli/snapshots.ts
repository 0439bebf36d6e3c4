// The engine's startup snapshots and the commands each holds. Building a snapshot (scripts/
// ensure-built.mjs, `node --build-snapshot`) loads the modules its commands need and runs them once
// on the agent-factory fixture, so that their code is compiled too; V8 saves that heap, and
// bin/platform starts Node from it, skipping the loading and compiling. Only commands that neither
// call AWS nor run terraform are held; the lifecycle commands start the ordinary way.
//   platform.blob: cdktf, the provider classes and the whole engine, for synth and validate --policy
//     (src/cli/snapshot.ts); Node runs it with a heap bound (see SNAPSHOTS in scripts/ensure-built.mjs);
//   validate.blob: spec checking and diff, without cdktf: half the size, so it starts sooner
//     (snapshot-validate.ts).
// bin/platform routes by this table (a test keeps the two in step).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startupSnapshot } from "node:v8";
import { dispatch, type CommandTable } from "./dispatch.js";
import type { Io } from "./io.js";

export const SNAPSHOTS = {
  platform: ["validate", "synth"],
  validate: ["validate", "schema", "diff"],
} as const;

const silent: Io = { stdout: () => {}, stderr: () => {}, env: {}, cwd: tmpdir(), interactive: false, readLine: async () => undefined };

/**
 * Runs each warm-up command line ({out} becomes a folder removed afterwards; {fixture} the
 * agent-factory fixture), then makes `commands` the snapshot's main. A failure rejects, and
 * `node --build-snapshot` then exits non-zero: no snapshot is written.
 */
export async function prepareSnapshot(name: keyof typeof SNAPSHOTS, commands: CommandTable, warmUps: string[][]): Promise<void> {
  const held = Object.keys(commands).sort().join(",");
  if (held !== [...SNAPSHOTS[name]].sort().join(",")) throw new Error(`the ${name} snapshot holds ${held}, not what SNAPSHOTS says`);
  const fixture = fileURLToPath(new URL("../fixtures/platform-agent-factory.yaml", import.meta.url));
  const out = mkdtempSync(join(tmpdir(), "platform-snapshot-"));
  try {
    for (const argv of warmUps) {
      const code = await dispatch(commands, argv.map((arg) => (arg === "{out}" ? out : arg === "{fixture}" ? fixture : arg)), silent);
      if (code !== 0) throw new Error(`warming up the ${name} snapshot: \`platform ${argv.join(" ")}\` ended with exit code ${code}`);
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  startupSnapshot.setDeserializeMainFunction(async () => {
    process.exitCode = await dispatch(commands, process.argv.slice(1));
  });
}
