import { describe, expect, it } from "vitest";
import { TerraformIterator } from "../../providers/cdktf.js";
import { efsAccessPoint } from "../../src/modules/storage/efs-access-point.js";
import { efsBackupPolicy } from "../../src/modules/storage/efs-backup-policy.js";
import { efsFileSystem } from "../../src/modules/storage/efs-file-system.js";
import { renderFileSystemPolicy } from "../../src/modules/storage/efs-file-system-policy.js";
import { efsMountTargets } from "../../src/modules/storage/efs-mount-targets.js";
import { synthModule } from "../helpers/module.js";
import { resource } from "../helpers/spec.js";

const fileSystem = (over: Partial<Parameters<typeof efsFileSystem>[2]> = {}) =>
  resource(
    synthModule((scope) => efsFileSystem(scope, "fs", { creationToken: "orders", encrypted: true, transitionToIa: "AFTER_30_DAYS", ...over })),
    "aws_efs_file_system",
    "fs",
  );

describe("efsFileSystem module", () => {
  it("takes encryption and the Infrequent Access transition from its arguments", () => {
    expect(fileSystem()).toMatchObject({ encrypted: true, lifecycle_policy: [{ transition_to_ia: "AFTER_30_DAYS" }] });
    expect(fileSystem({ encrypted: false, transitionToIa: "AFTER_7_DAYS" })).toMatchObject({
      encrypted: false,
      lifecycle_policy: [{ transition_to_ia: "AFTER_7_DAYS" }],
    });
  });

  it("uses elastic throughput and the creation token as its Name tag", () => {
    expect(fileSystem({ creationToken: "billing" })).toMatchObject({ throughput_mode: "elastic", creation_token: "billing", tags: { Name: "billing" } });
  });
});

describe("efsMountTargets module", () => {
  it("creates one mount target per key of a plan-time zone map, in that zone's subnet", () => {
    const json = synthModule((scope) => {
      const zones = TerraformIterator.fromList(["a"]).forExpressionForMap("val", "val");
      efsMountTargets(scope, "mt", { fileSystemId: "fs-1", subnetPerAz: zones, securityGroupIds: ["sg-1"] });
    });
    const target = resource(json, "aws_efs_mount_target", "mt");
    expect(target).toMatchObject({ file_system_id: "fs-1", subnet_id: "${each.value}", security_groups: ["sg-1"] });
    expect(target.for_each).toMatch(/^\$\{\{ for /);
    expect(target).not.toHaveProperty("count");
  });
});

describe("efsAccessPoint module", () => {
  const accessPoint = (uid: number, gid: number, permissions: string, path = "/data") =>
    resource(synthModule((scope) => efsAccessPoint(scope, "ap", { fileSystemId: "fs-1", path, uid, gid, permissions })), "aws_efs_access_point", "ap");

  it("runs every access as the given POSIX user and group", () => {
    expect(accessPoint(1000, 1000, "0750").posix_user).toEqual({ uid: 1000, gid: 1000 });
    expect(accessPoint(0, 4294967295, "0750").posix_user).toEqual({ uid: 0, gid: 4294967295 });
  });

  it("creates its root directory with those owners and the given permissions", () => {
    expect(accessPoint(1001, 2002, "0700", "/agents/work").root_directory).toEqual({
      path: "/agents/work",
      creation_info: { owner_uid: 1001, owner_gid: 2002, permissions: "0700" },
    });
  });
});

describe("file system policy", () => {
  const args = { fileSystemArn: "arn:fs", accessPointArn: "arn:ap" };

  it("denies every action without TLS, to everyone", () => {
    const policy = JSON.parse(renderFileSystemPolicy({ ...args, clientRoleArns: [] }));
    expect(policy.Statement).toEqual([
      { Sid: "DenyAccessWithoutTls", Effect: "Deny", Principal: { AWS: "*" }, Action: "*", Resource: "arn:fs", Condition: { Bool: { "aws:SecureTransport": "false" } } },
    ]);
  });

  it("lets the client roles mount and write only through the access point", () => {
    const policy = JSON.parse(renderFileSystemPolicy({ ...args, clientRoleArns: ["arn:task", "arn:fn"] }));
    expect(policy.Statement[1]).toEqual({
      Sid: "StackClientsMountThroughAccessPoint",
      Effect: "Allow",
      Principal: { AWS: ["arn:task", "arn:fn"] },
      Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
      Resource: "arn:fs",
      Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": "arn:ap" } },
    });
  });
});

describe("efsBackupPolicy module", () => {
  it("enables or disables automatic backups as asked", () => {
    const status = (enabled: boolean) =>
      resource(synthModule((scope) => efsBackupPolicy(scope, "bp", { fileSystemId: "fs-1", enabled })), "aws_efs_backup_policy", "bp").backup_policy;
    expect(status(true)).toEqual({ status: "ENABLED" });
    expect(status(false)).toEqual({ status: "DISABLED" });
  });
});
