// `storage`: the stack's EFS file system, mounted by every workload through one access point.
import { defineCapability } from "../shared/definition.js";
import { STORAGE_RULES } from "./policy.js";
import { NFS_PORT } from "../shared/ports.js";
import { PROVIDER_DOCS, PROVIDER_SOURCE } from "../shared/stateful.js";

declare module "../shared/environment.js" {
  interface InjectedVariables {
    STORAGE_MOUNT_PATH: true;
  }
}
declare module "../shared/names.js" {
  interface NameLimits {
    efsCreationToken: true;
  }
}

export const storage = defineCapability({
  section: "storage",
  phase: "infrastructure",
  summary: "EFS file system, a mount target per Availability Zone, access point, TLS-only file system policy, backup policy",
  reachedBy: ["compute", "lambda"],
  securityGroups: () => [{ role: "storage", client: false, ingress: { port: NFS_PORT, from: "stack-clients", what: "NFS" } }],
  environment: {
    STORAGE_MOUNT_PATH: {
      capability: "storage",
      description: "Where the stack's EFS file system is mounted (spec.storage.mountPath), through its access point.",
      audience: "workloads",
    },
  },
  claims: (_storage, claims) => claims.fromService("EFS creation token", claims.name("efsCreationToken")),
  nameLimits: { efsCreationToken: 64 },
  statefulTypes: {
    aws_efs_file_system: {
      kind: "file system",
      loses: "every file on it",
      mayReplace: [],
      sources: [`${PROVIDER_DOCS}/efs_file_system.html.markdown`, `${PROVIDER_SOURCE}/efs/file_system.go`],
    },
  },
  policyRules: STORAGE_RULES,
  optOuts: [{ field: "storage.encrypted: false", secureDefault: "true", rules: ["PLT-ENC-001"], on: "the EFS file system" }],
  starter: (name) => ["  # An EFS file system, mounted by compute and the functions.", "  storage:", "    accessPoint:", `      path: /${name}`],
  load: () => import("./provision.js"),
});
