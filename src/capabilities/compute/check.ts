// Rules of spec.compute the schema cannot express.
import { describeFargateMemory, isValidFargatePair } from "../../config/fargate.js";
import type { PlatformConfig } from "../../config/platform-config.js";
import { ACCESS_PROXY_PORT } from "../../modules/compute/access-proxy.js";
import type { Report } from "../shared/definition.js";

export function checkCompute({ spec, rawSpec }: PlatformConfig, error: Report): void {
  if (!spec.compute) return;
  // The task's Access proxy sidecar listens on its own port; the container cannot take it too.
  if (spec.compute.port === ACCESS_PROXY_PORT) {
    error(
      "compute/port-taken",
      ["spec", "compute", "port"],
      `port ${ACCESS_PROXY_PORT} is taken by the task's Cloudflare Access proxy, which shares the container's network`,
      "have the container listen on another port",
    );
  }
  const { cpu, memory } = spec.compute;
  if (isValidFargatePair(cpu, memory)) return;
  const written = (rawSpec.compute ?? {}) as Record<string, unknown>;
  const cpuNote = written.cpu === undefined ? ` (cpu is not set, so it is the default ${cpu})` : "";
  error(
    "compute/fargate-memory",
    ["spec", "compute", "memory"],
    `${memory} MiB is not a valid Fargate memory size for ${cpu} CPU units${cpuNote}`,
    `with cpu ${cpu}, memory must be ${describeFargateMemory(cpu)}; or choose a cpu that fits ${memory} MiB`,
  );
}
