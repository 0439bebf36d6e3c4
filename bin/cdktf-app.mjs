#!/usr/bin/env node
// The app command of cdktf.json: runs the compiled cdktf app (compiling first when needed).
import { ensureBuilt } from "../scripts/ensure-built.mjs";

ensureBuilt();
const { runApp } = await import("../dist/src/app.js");
process.exitCode = await runApp();
