import { describe, expect, it } from "vitest";
import { resource, resourcesOf, specYaml, synthesize, type TerraformJson } from "../helpers/spec.js";

const storage = (over: Record<string, unknown> = {}, accessPoint: Record<string, unknown> = {}) => ({ accessPoint: { path: "/data", ...accessPoint }, ...over });
const withCompute = (over: Record<string, unknown> = {}, accessPoint: Record<string, unknown> = {}) => specYaml({ compute: {}, storage: storage(over, accessPoint) });

const policyOf = (json: TerraformJson, type: string, id: string) => JSON.parse(resource(json, type, id).policy as string);
const containerOf = (json: TerraformJson) =>
  (JSON.parse(resource(json, "aws_ecs_task_definition", "compute_task_definition").container_definitions as string) as Array<Record<string, unknown>>)[0]!;

describe("storage capability", () => {
  it("encrypts the file system and applies the lifecycle policy by default", async () => {
    const { json } = await synthesize(specYaml({ storage: storage() }));
    expect(resource(json, "aws_efs_file_system", "storage_file_system")).toMatchObject({
      creation_token: "test-svc",
      encrypted: true,
      throughput_mode: "elastic",
      lifecycle_policy: [{ transition_to_ia: "AFTER_30_DAYS" }],
    });
  });

  it("takes encryption and the lifecycle policy from the spec", async () => {
    const { json } = await synthesize(specYaml({ storage: storage({ encrypted: false, lifecyclePolicy: "AFTER_365_DAYS" }) }));
    expect(resource(json, "aws_efs_file_system", "storage_file_system")).toMatchObject({ encrypted: false, lifecycle_policy: [{ transition_to_ia: "AFTER_365_DAYS" }] });
  });

  it("puts one mount target in each Availability Zone of the private subnets, chosen at plan time", async () => {
    const { json } = await synthesize(specYaml({ storage: storage() }));
    expect(json.data?.aws_subnet?.private_subnet).toMatchObject({ for_each: "${toset(data.aws_subnets.private_subnets.ids)}", id: "${each.value}" });
    expect(resource(json, "aws_efs_mount_target", "storage_mount_target")).toEqual({
      for_each: "${{ for key, val in { for key, val in data.aws_subnet.private_subnet: val.availability_zone => val.id... }: key => sort(val)[0] }}",
      file_system_id: "${aws_efs_file_system.storage_file_system.id}",
      subnet_id: "${each.value}",
      security_groups: ["${aws_security_group.storage_security_group.id}"],
    });
  });

  it("creates the access point from the spec's path, uid, gid and permissions", async () => {
    const { json } = await synthesize(specYaml({ storage: storage({}, { path: "/agents", uid: 2000, gid: 3000, permissions: "0700" }) }));
    expect(resource(json, "aws_efs_access_point", "storage_access_point")).toMatchObject({
      posix_user: { uid: 2000, gid: 3000 },
      root_directory: { path: "/agents", creation_info: { owner_uid: 2000, owner_gid: 3000, permissions: "0700" } },
    });
  });

  it("defaults the access point to uid and gid 1000 and mode 0750", async () => {
    const { json } = await synthesize(specYaml({ storage: storage() }));
    expect(resource(json, "aws_efs_access_point", "storage_access_point").root_directory).toEqual({
      path: "/data",
      creation_info: { owner_uid: 1000, owner_gid: 1000, permissions: "0750" },
    });
  });

  it("backs the file system up unless the spec turns backups off", async () => {
    const on = await synthesize(specYaml({ storage: storage() }));
    expect(resource(on.json, "aws_efs_backup_policy", "storage_backup_policy").backup_policy).toEqual({ status: "ENABLED" });
    const off = await synthesize(specYaml({ storage: storage({ backup: false }) }));
    expect(resource(off.json, "aws_efs_backup_policy", "storage_backup_policy").backup_policy).toEqual({ status: "DISABLED" });
  });

  it("denies access without TLS, and names no client when the stack has none", async () => {
    const { json } = await synthesize(specYaml({ storage: storage() }));
    const policy = policyOf(json, "aws_efs_file_system_policy", "storage_file_system_policy");
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(["DenyAccessWithoutTls"]);
  });

  it("lets the task role mount through the access point, in the file system policy and in its own policy", async () => {
    const { json } = await synthesize(withCompute());
    const resourcePolicy = policyOf(json, "aws_efs_file_system_policy", "storage_file_system_policy");
    expect(resourcePolicy.Statement[1]).toMatchObject({
      Principal: { AWS: "${aws_iam_role.compute_task_role.arn}" },
      Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": "${aws_efs_access_point.storage_access_point.arn}" } },
    });
    const taskPolicy = policyOf(json, "aws_iam_role_policy", "compute_task_policy");
    expect(taskPolicy.Statement).toContainEqual({
      Sid: "MountStackFileSystemThroughAccessPoint",
      Effect: "Allow",
      Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
      Resource: "${aws_efs_file_system.storage_file_system.arn}",
      Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": "${aws_efs_access_point.storage_access_point.arn}" } },
    });
  });

  it("mounts the file system in the container at the spec's path, with TLS and IAM through the access point", async () => {
    const { json } = await synthesize(withCompute({ mountPath: "/mnt/work" }));
    const definition = resource(json, "aws_ecs_task_definition", "compute_task_definition");
    expect(definition.volume).toEqual([
      {
        name: "efs",
        efs_volume_configuration: {
          file_system_id: "${aws_efs_file_system.storage_file_system.id}",
          transit_encryption: "ENABLED",
          authorization_config: { access_point_id: "${aws_efs_access_point.storage_access_point.id}", iam: "ENABLED" },
        },
      },
    ]);
    const container = containerOf(json);
    expect(container.mountPoints).toEqual([{ sourceVolume: "efs", containerPath: "/mnt/work", readOnly: false }]);
    expect(container.environment).toContainEqual({ name: "STORAGE_MOUNT_PATH", value: "/mnt/work" });
  });

  it("starts the ECS service only after the mount targets exist", async () => {
    const { json } = await synthesize(withCompute());
    expect(resource(json, "aws_ecs_service", "compute_ecs_service").depends_on).toContain("aws_efs_mount_target.storage_mount_target");
  });

  it("offers the file system to every workload through the context", async () => {
    const { context } = await synthesize(specYaml({ storage: storage({ mountPath: "/mnt/shared" }) }));
    expect(context.workload.fileSystem).toMatchObject({ mountPath: "/mnt/shared" });
    expect(context.workload.fileSystem?.mountTargets).toHaveLength(1);
    expect(context.require("storage.fileSystem").friendlyUniqueId).toBe("storage_file_system");
  });

  it("exports the file system and access point ids", async () => {
    const { context, json } = await synthesize(specYaml({ storage: storage() }));
    expect(context.outputs.all().map((o) => o.key)).toEqual([
      "storage.efs.filesystem_id",
      "storage.efs.filesystem_arn",
      "storage.efs.access_point_id",
      "storage.efs.access_point_arn",
    ]);
    expect(json.output?.storage_efs_filesystem_id?.value).toBe("${aws_efs_file_system.storage_file_system.id}");
    expect(json.output?.storage_efs_access_point_id?.value).toBe("${aws_efs_access_point.storage_access_point.id}");
  });

  it("admits NFS on the storage group only from the stack's client groups", async () => {
    const { json } = await synthesize(withCompute());
    const ingress = Object.entries(resourcesOf(json, "aws_vpc_security_group_ingress_rule")).filter(([id]) => id.startsWith("storage_"));
    expect(ingress).toEqual([
      [
        "storage_ingress_from_compute",
        expect.objectContaining({
          security_group_id: "${aws_security_group.storage_security_group.id}",
          referenced_security_group_id: "${aws_security_group.compute_security_group.id}",
          from_port: 2049,
          to_port: 2049,
        }),
      ],
    ]);
    expect(resource(json, "aws_vpc_security_group_egress_rule", "compute_egress_to_storage")).toMatchObject({ from_port: 2049, to_port: 2049 });
  });
});
