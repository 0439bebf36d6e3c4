// Compiles dist/ once before any test spawns the `platform` command, so parallel tests never race to build it.
import { execFileSync } from "node:child_process";

export default function setup(): void {
  execFileSync(process.execPath, ["scripts/ensure-built.mjs"], { stdio: "inherit" });
}
