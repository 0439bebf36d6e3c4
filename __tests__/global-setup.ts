// Builds dist/ and the startup snapshot once before any test spawns the `platform` command, so
// parallel tests never race to build them and none sees the one-time "building" message.
import { execFileSync } from "node:child_process";

export default function setup(): void {
  execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" });
  execFileSync(process.execPath, ["--input-type=module", "-e", 'const { findSnapshot } = await import("./bin/start.mjs"); const found = findSnapshot(); if (!("blob" in found)) throw new Error(found.reason);'], { stdio: "inherit" });
}
