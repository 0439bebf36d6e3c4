// Rules of spec.compute the schema cannot express.
import { describeFargateMemory, isValidFargatePair } from "../../config/fargate.js";
import type { PlatformConfig } from "../../config/platform-config.js";
import type { Report } from "../shared/definition.js";

export function checkCompute({ spec, rawSpec }: PlatformConfig, error: Report): void {
  if (!spec.compute) return;
  const { cpu, memory } = spec.compute;
  if (isValidFargatePair(cpu, memory)) return;
  const written = (rawSpec.compute ?? {}) as Record<string, unknown>;
  const cpuNote = written.cpu === undefined ? ` (cpu is not set, so it is the default ${cpu})` : "";
  error(
    ["spec", "compute", "memory"],
    `${memory} MiB is not a valid Fargate memory size for ${cpu} CPU units${cpuNote}`,
    `with cpu ${cpu}, memory must be ${describeFargateMemory(cpu)}; or choose a cpu that fits ${memory} MiB`,
  );
}
