#!/usr/bin/env node
// The `platform` command: runs the compiled CLI from dist/, compiling it first when dist/ is
// missing or older than the TypeScript sources (so it works right after `npm ci`).
import { ensureBuilt } from "../scripts/ensure-built.mjs";

const entry = ensureBuilt();
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
