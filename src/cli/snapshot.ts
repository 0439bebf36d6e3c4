// The entry of the engine's startup snapshot (dist/platform.blob, built by scripts/ensure-built.mjs
// with `node --build-snapshot`). Building it loads cdktf, the provider classes and the engine, then
// runs one synthesis of the agent-factory fixture so the code it needs is compiled; V8 saves that
// heap, and `bin/platform` starts Node from it for the commands it holds, which then skip loading
// and compiling altogether. Those are the commands that neither call AWS nor run terraform; the
// lifecycle commands start the ordinary way (bin/platform.mjs).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startupSnapshot } from "node:v8";
import { dispatch } from "./dispatch.js";
import type { Io } from "./io.js";
// Every capability, so that any spec finds its steps already loaded.
import "../capabilities/cache.js";
import "../capabilities/compute.js";
import "../capabilities/database.js";
import "../capabilities/foundation/index.js";
import "../capabilities/lambda.js";
import "../capabilities/networking.js";
import "../capabilities/secrets.js";
import "../capabilities/service-discovery.js";
import "../capabilities/storage.js";
import "../capabilities/triggers.js";
import "../engine/policies.js";
import { SNAPSHOT_COMMANDS } from "./snapshot-commands.js";

const silent: Io = { stdout: () => {}, stderr: () => {}, env: {}, cwd: tmpdir(), interactive: false, readLine: async () => undefined };

/** Synthesizes and validates the full fixture once, in a folder removed afterwards, writing nothing else. */
async function warmUp(): Promise<void> {
  const fixture = fileURLToPath(new URL("../fixtures/platform-agent-factory.yaml", import.meta.url));
  if (!existsSync(fixture)) return;
  const out = mkdtempSync(join(tmpdir(), "platform-snapshot-"));
  try {
    const codes = [await dispatch(SNAPSHOT_COMMANDS, ["validate", fixture, "--policy"], silent), await dispatch(SNAPSHOT_COMMANDS, ["synth", fixture, "--out", out], silent)];
    if (codes.some((code) => code !== 0)) throw new Error(`warming up the snapshot: the fixture did not synthesize (exit codes ${codes.join(", ")})`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

// A failed warm-up rejects, and `node --build-snapshot` then exits non-zero: no snapshot is written.
void warmUp().then(() =>
  startupSnapshot.setDeserializeMainFunction(async () => {
    process.exitCode = await dispatch(SNAPSHOT_COMMANDS, process.argv.slice(1));
  }),
);
