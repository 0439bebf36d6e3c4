#!/usr/bin/env node
// @ts-check
// The `platform` command (see bin/start.mjs for how it starts): synth and validate --policy run from
// the engine's startup snapshot when one can be used; everything else, and those too when it
// cannot, runs here from the bundle in dist/.
import module from "node:module";
import { ensureBundle, findSnapshot, runFromSnapshot, snapshotHolds, trace, workersNeedOrdinaryStart } from "./start.mjs";

// Node >= 22.1 keeps V8's compiled code of the modules loaded from here on between runs (in the
// system's temporary folder; NODE_DISABLE_COMPILE_CACHE=1 turns it off): the commands that run in
// this process start sooner. (@types/node is still at 20, which does not know the function.)
/** @type {{ enableCompileCache?: () => unknown }} */ (/** @type {unknown} */ (module)).enableCompileCache?.();

const argv = process.argv.slice(2);
let code;
try {
  const cli = await ensureBundle("cli");
  if (snapshotHolds(argv) && workersNeedOrdinaryStart(argv)) {
    trace("starting without the startup snapshot: from Node 22 on, worker threads cannot start from it, and this batch uses them");
  } else if (snapshotHolds(argv)) {
    const snapshot = findSnapshot();
    if ("blob" in snapshot) {
      trace(`starting from the startup snapshot ${snapshot.blob}`);
      code = await runFromSnapshot(snapshot.blob, argv);
      if (code === undefined) trace("the startup snapshot did not load; starting without it");
    } else trace(`starting without the startup snapshot: ${snapshot.reason}`);
  } else trace(`starting without the startup snapshot: "${argv[0] ?? ""}" runs sooner without it (only synth and validate --policy use it)`);
  if (code === undefined) {
    /** @type {{ main(argv: string[]): Promise<number> }} */
    const { main } = await import(cli);
    code = await main(argv);
  }
} catch (error) {
  // The launcher's own failures (no bundle in the package, esbuild missing in a checkout): one line.
  // The commands' errors never get here: the dispatcher turns them into messages and exit codes.
  const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
  process.stderr.write(`platform: cannot start: ${message}\n`);
  if (process.env.PLATFORM_DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write("  rerun with PLATFORM_DEBUG=1 for the stack trace, and report it\n");
  code = 3;
}
process.exitCode = code;
