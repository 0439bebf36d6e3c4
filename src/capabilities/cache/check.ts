// Rules of spec.cache the schema cannot express: versions and node types ElastiCache accepts.
import type { PlatformConfig } from "../../config/platform-config.js";
import type { Report } from "../shared/definition.js";
import { echo } from "../../support/echo.js";

/**
 * Redis OSS versions ElastiCache offers for new replication groups that this engine supports
 * (major.minor; ElastiCache manages patches from 6.0 on). 7.1 is the last Redis OSS release; 4.0
 * and 5.0 left standard support on 2026-01-31 (Extended Support is billed).
 */
export const SUPPORTED_REDIS_VERSIONS = ["6.2", "7.0", "7.1"] as const;

export function checkCache({ spec }: PlatformConfig, error: Report): void {
  if (!spec.cache) return;
  const { engineVersion, nodeType, snapshotRetentionDays } = spec.cache;
  if (!(SUPPORTED_REDIS_VERSIONS as readonly string[]).includes(engineVersion)) {
    error("cache/redis-version", ["spec", "cache", "engineVersion"], `Redis ${echo(engineVersion).slice(1, -1)} is not supported`, `use one of ${SUPPORTED_REDIS_VERSIONS.map((v) => `"${v}"`).join(", ")}`);
  }
  if (nodeType.startsWith("cache.t1.") && snapshotRetentionDays > 0) {
    error(
      "cache/t1-snapshots",
      ["spec", "cache", "snapshotRetentionDays"],
      `${nodeType} nodes cannot keep snapshots`,
      "set snapshotRetentionDays: 0, or choose a current node type such as cache.t4g.micro",
    );
  }
}
