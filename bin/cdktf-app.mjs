#!/usr/bin/env node
// The app command of cdktf.json: runs the bundled cdktf app (bundling first when needed).
import { ensureBuilt } from "../scripts/ensure-built.mjs";

const { runApp } = await import(await ensureBuilt("app"));
process.exitCode = await runApp();
