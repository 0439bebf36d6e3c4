import { describe, expect, it } from "vitest";
import { AWS_NAME_LIMITS } from "../../src/engine/registry.js";
import { DB_SNAPSHOT_IDENTIFIER_LIMIT } from "../../src/modules/database/final-snapshot.js";
import { resourceAddresses, resourcesOf, specYaml, synthesize, synthesizeFixture, type TerraformJson } from "../helpers/spec.js";

const storage = { accessPoint: { path: "/data" } };
const cache = { engine: "redis", nodeType: "cache.t3.micro", numNodes: 2 };
const database = { engine: "postgres", instanceClass: "db.t3.micro", dbName: "app", dbUsername: "app_admin" };
const serviceDiscovery = { namespace: "agents.local" };
const everything = { compute: {}, storage, cache, database, serviceDiscovery, secrets: ["API_KEY"] };

/** The longest valid service name: 40 characters. */
const LONGEST = `a${"b".repeat(38)}c`;

describe("data capabilities composed", () => {
  it("makes only EFS, Redis and their security groups for a storage + cache spec: nothing of compute or networking", async () => {
    const { json } = await synthesize(specYaml({ storage, cache }));
    expect(resourceAddresses(json)).toEqual([
      "aws_efs_access_point.storage_access_point",
      "aws_efs_backup_policy.storage_backup_policy",
      "aws_efs_file_system.storage_file_system",
      "aws_efs_file_system_policy.storage_file_system_policy",
      "aws_efs_mount_target.storage_mount_target",
      "aws_elasticache_replication_group.cache_replication_group",
      "aws_elasticache_subnet_group.cache_subnet_group",
      "aws_security_group.cache_security_group",
      "aws_security_group.storage_security_group",
    ]);
    // The ALB is looked up for its VPC only: the private subnets are those of its VPC.
    expect(Object.keys(json.data ?? {}).sort()).toEqual(["aws_lb", "aws_subnet", "aws_subnets"]);
    expect(json.variable).toBeUndefined();
  });

  it("builds every data resource, wired into compute, for a spec that declares them all", async () => {
    const { json, steps } = await synthesize(specYaml(everything));
    expect(steps.map((s) => `${s.phase}/${s.name}`)).toEqual([
      "foundation/foundation",
      "infrastructure/storage",
      "infrastructure/cache",
      "infrastructure/database",
      "infrastructure/serviceDiscovery",
      "infrastructure/secrets",
      "compute/compute",
      "networking/networking",
    ]);
    for (const type of ["aws_efs_file_system", "aws_elasticache_replication_group", "aws_db_instance", "aws_service_discovery_service", "aws_ecs_service"]) {
      expect(Object.keys(resourcesOf(json, type)), type).toHaveLength(1);
    }
    const egress = Object.values(resourcesOf(json, "aws_vpc_security_group_egress_rule")).map((rule) => rule.from_port);
    // 80: the container port, to the service's own tasks (service discovery).
    expect(egress.sort()).toEqual([2049, 443, 5432, 6379, 80]);
  });

  it("puts the database password nowhere in the synthesized JSON", async () => {
    const { json } = await synthesize(specYaml(everything));
    const text = JSON.stringify(json);
    expect(text).not.toMatch(/"(password|master_password|password_wo|auth_token)"\s*:/);
    const instance = resourcesOf(json, "aws_db_instance").database_instance!;
    expect(instance.manage_master_user_password).toBe(true);
    // The only mention of the password is the name of the JSON key ECS reads from the managed secret.
    expect(text.match(/password/gi)?.sort()).toEqual(["PASSWORD", "password", "password"]);
  });

  it("admits traffic into every security group by group reference only, never by address range", async () => {
    const stacks: TerraformJson[] = [
      (await synthesize(specYaml(everything))).json,
      (await synthesize(specYaml({ storage, cache }))).json,
      (await synthesize(specYaml({ database }))).json,
      (await synthesizeFixture("platform-minimal.yaml")).json,
    ];
    for (const json of stacks) {
      for (const [id, rule] of Object.entries(resourcesOf(json, "aws_vpc_security_group_ingress_rule"))) {
        expect(rule.referenced_security_group_id, id).toEqual(expect.stringMatching(/^\$\{/));
        for (const key of ["cidr_ipv4", "cidr_ipv6", "prefix_list_id"]) expect(rule, id).not.toHaveProperty(key);
      }
      expect(resourcesOf(json, "aws_security_group_rule")).toEqual({});
      for (const group of Object.values(resourcesOf(json, "aws_security_group"))) expect(group).not.toHaveProperty("ingress");
    }
  });

  it("lets the data groups accept connections only from the stack's client groups", async () => {
    const { json } = await synthesize(specYaml(everything));
    const ingress = Object.keys(resourcesOf(json, "aws_vpc_security_group_ingress_rule")).sort();
    expect(ingress).toEqual([
      "cache_ingress_from_compute",
      "compute_ingress_discovery_from_compute",
      "compute_ingress_from_alb",
      "compute_ingress_health_checks_from_alb",
      "database_ingress_from_compute",
      "storage_ingress_from_compute",
    ]);
  });

  it("fits every generated name into its AWS limit for a 40-character service name", async () => {
    const { json } = await synthesize(specYaml(everything, LONGEST));
    const one = <T = Record<string, unknown>>(type: string) => Object.values(resourcesOf(json, type))[0] as T;
    const names: Array<[string, string, number]> = [
      ["replication group id", one("aws_elasticache_replication_group").replication_group_id as string, AWS_NAME_LIMITS.elasticacheReplicationGroup],
      ["cache subnet group", one("aws_elasticache_subnet_group").name as string, AWS_NAME_LIMITS.elasticacheSubnetGroup],
      ["DB identifier", one("aws_db_instance").identifier as string, AWS_NAME_LIMITS.dbIdentifier],
      ["DB subnet group", one("aws_db_subnet_group").name as string, AWS_NAME_LIMITS.dbSubnetGroup],
      ["DB parameter group prefix", one("aws_db_parameter_group").name_prefix as string, AWS_NAME_LIMITS.dbParameterGroupPrefix],
      ["EFS creation token", one("aws_efs_file_system").creation_token as string, AWS_NAME_LIMITS.efsCreationToken],
      ["Cloud Map service", one("aws_service_discovery_service").name as string, AWS_NAME_LIMITS.dnsLabel],
      ["target group", one("aws_lb_target_group").name as string, AWS_NAME_LIMITS.targetGroup],
    ];
    for (const [what, name, limit] of names) {
      expect(name.length, `${what} "${name}"`).toBeLessThanOrEqual(limit);
      expect(name, what).not.toMatch(/--/);
      // Only the parameter group's name_prefix ends in a hyphen: Terraform appends its unique suffix.
      if (!what.endsWith("prefix")) expect(name, what).not.toMatch(/-$/);
    }
    for (const role of Object.values(resourcesOf(json, "aws_iam_role"))) expect((role.name as string).length).toBeLessThanOrEqual(AWS_NAME_LIMITS.iamRole);
    // name_prefix and Terraform's 26-character suffix within the 255 AWS allows.
    for (const group of Object.values(resourcesOf(json, "aws_security_group"))) expect((group.name_prefix as string).length + 26).toBeLessThanOrEqual(255);
    // The final snapshot: the 63-character identifier, "-final-" and 8 hex characters.
    const snapshot = one("aws_db_instance").final_snapshot_identifier as string;
    expect(snapshot.replace(/\$\{.*\}$/, "").length + 8).toBeLessThanOrEqual(DB_SNAPSHOT_IDENTIFIER_LIMIT);
  });

  it("uses a 40-character service name itself as the ElastiCache id (exactly the limit), the same on every synth", async () => {
    const first = await synthesize(specYaml({ cache }, LONGEST));
    const second = await synthesize(specYaml({ cache }, LONGEST));
    const id = (json: TerraformJson) => Object.values(resourcesOf(json, "aws_elasticache_replication_group"))[0]!.replication_group_id;
    expect(id(first.json)).toBe(id(second.json));
    expect(id(first.json)).toBe(LONGEST);
  });

  it("exports distinct Terraform output names for every data output", async () => {
    const { json } = await synthesize(specYaml(everything));
    expect(Object.keys(json.output ?? {})).toEqual(
      expect.arrayContaining([
        "storage_efs_filesystem_id",
        "storage_efs_access_point_id",
        "cache_redis_endpoint",
        "cache_redis_port",
        "database_endpoint",
        "database_port",
        "database_master_user_secret_arn",
        "service_discovery_namespace_id",
        "service_discovery_service_name",
      ]),
    );
  });
});
