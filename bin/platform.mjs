#!/usr/bin/env node
// The `platform` command: runs the bundled CLI from dist/, bundling it first when dist/ is missing
// or older than the TypeScript sources (so it works right after `npm ci`).
import { ensureBuilt } from "../scripts/ensure-built.mjs";

const { main } = await import(await ensureBuilt("cli"));
process.exitCode = await main(process.argv.slice(2));
