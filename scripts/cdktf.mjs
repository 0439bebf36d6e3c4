#!/usr/bin/env node
// @ts-check
// `npm run cdktf -- <command>`: the cdktf CLI with its version check turned off. The CLI asks
// checkpoint-api.hashicorp.com for the latest version on every run and, offline, prints a red
// `getaddrinfo ENOTFOUND checkpoint-api.hashicorp.com`; CHECKPOINT_DISABLE=1 stops the call (a value
// already set in the environment wins). cdktf.json cannot set environment variables, hence this.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const cli = createRequire(import.meta.url).resolve("cdktf-cli/bundle/bin/cdktf");
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], { stdio: "inherit", env: { CHECKPOINT_DISABLE: "1", ...process.env } });
for (const signal of /** @type {NodeJS.Signals[]} */ (["SIGINT", "SIGTERM", "SIGHUP"])) process.on(signal, () => child.kill(signal));
child.on("exit", (code, signal) => {
  if (signal) process.kill(process.pid, signal);
  else process.exitCode = code ?? 1;
});
