#!/usr/bin/env node
// @ts-check
// The app command of cdktf.json: runs the bundled cdktf app (rebuilding dist/ first in a checkout whose sources changed).
import { ensureBundle } from "./start.mjs";

/** @type {{ runApp(): Promise<number> }} */
const { runApp } = await import(await ensureBundle("app"));
process.exitCode = await runApp();
