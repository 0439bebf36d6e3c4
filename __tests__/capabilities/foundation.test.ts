import { describe, expect, it } from "vitest";
import { resource, resourcesOf, specYaml, synthesize } from "../helpers/spec.js";

const compute = (extra: Record<string, unknown> = {}) => specYaml({ compute: { port: 8080, ...extra } });

describe("foundation: security groups", () => {
  it("admits the compute group only from the shared ALB's groups: requests on the Access proxy's port, health checks on the container port", async () => {
    const { json } = await synthesize(compute());
    const ingress = resourcesOf(json, "aws_vpc_security_group_ingress_rule");
    expect(Object.keys(ingress).sort()).toEqual(["compute_ingress_from_alb", "compute_ingress_health_checks_from_alb"]);
    const fromAlb = {
      for_each: "${toset(tolist(data.aws_lb.shared_alb.security_groups))}",
      referenced_security_group_id: "${each.value}",
      security_group_id: "${aws_security_group.compute_security_group.id}",
      ip_protocol: "tcp",
    };
    expect(ingress.compute_ingress_from_alb).toMatchObject({ ...fromAlb, from_port: 10000, to_port: 10000 });
    expect(ingress.compute_ingress_health_checks_from_alb).toMatchObject({ ...fromAlb, from_port: 8080, to_port: 8080 });
  });

  it("follows the container port for health checks when the spec changes it", async () => {
    const { json } = await synthesize(compute({ port: 3000 }));
    expect(resource(json, "aws_vpc_security_group_ingress_rule", "compute_ingress_health_checks_from_alb")).toMatchObject({ from_port: 3000, to_port: 3000 });
    expect(resource(json, "aws_vpc_security_group_ingress_rule", "compute_ingress_from_alb")).toMatchObject({ from_port: 10000, to_port: 10000 });
  });

  it("lets compute out on HTTPS only when no data service is declared", async () => {
    const { json } = await synthesize(compute());
    const egress = resourcesOf(json, "aws_vpc_security_group_egress_rule");
    expect(Object.values(egress).map((rule) => [rule.from_port, rule.to_port, rule.cidr_ipv4])).toEqual([[443, 443, "0.0.0.0/0"]]);
  });

  it("describes every group and rule", async () => {
    const { json } = await synthesize(compute());
    for (const type of ["aws_security_group", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_egress_rule"]) {
      for (const [id, body] of Object.entries(resourcesOf(json, type))) {
        expect(body.description, `${type}.${id}`).toEqual(expect.stringMatching(/\w{3,}/));
      }
    }
  });

  it("puts the compute group in the shared ALB's VPC, where the private subnets are looked up", async () => {
    const { json } = await synthesize(compute());
    expect(resource(json, "aws_security_group", "compute_security_group").vpc_id).toBe("${data.aws_lb.shared_alb.vpc_id}");
    expect(json.data?.aws_subnets?.target_subnets).toMatchObject({ tags: { network: "private" }, filter: [{ name: "vpc-id", values: ["${data.aws_lb.shared_alb.vpc_id}"] }, { name: "availability-zone" }] });
  });
});

describe("foundation: IAM roles", () => {
  it("creates separate task execution and task roles trusted by ECS tasks of this account only", async () => {
    const { json } = await synthesize(compute());
    for (const id of ["compute_task_execution_role", "compute_task_role"]) {
      const trust = JSON.parse(resource(json, "aws_iam_role", id).assume_role_policy as string);
      expect(trust.Statement).toEqual([
        {
          Effect: "Allow",
          Principal: { Service: "ecs-tasks.amazonaws.com" },
          Action: "sts:AssumeRole",
          Condition: {
            StringEquals: { "aws:SourceAccount": "${data.aws_caller_identity.current_account.account_id}" },
            ArnLike: { "aws:SourceArn": "arn:${data.aws_partition.current_partition.partition}:ecs:us-east-1:${data.aws_caller_identity.current_account.account_id}:*" },
          },
        },
      ]);
    }
  });

  it("scopes the execution role to the service's repository and log group; only the ECR token is account-wide", async () => {
    const { json } = await synthesize(compute());
    const policy = JSON.parse(resource(json, "aws_iam_role_policy", "compute_task_execution_policy").policy as string);
    const wildcard = policy.Statement.filter((s: { Resource: unknown }) => s.Resource === "*");
    expect(wildcard).toEqual([{ Sid: "EcrAuthorizationTokenHasNoResourceScope", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" }]);
    expect(policy.Statement.map((s: { Sid: string }) => s.Sid)).toEqual(["EcrAuthorizationTokenHasNoResourceScope", "PullServiceImage", "WriteServiceLogs"]);
  });

  it("attaches no managed policies", async () => {
    const { json } = await synthesize(compute());
    expect(resourcesOf(json, "aws_iam_role_policy_attachment")).toEqual({});
  });

  it("grants reading the secrets under the stack's own parameter path", async () => {
    const { json } = await synthesize(specYaml({ compute: {}, secrets: ["API_KEY"] }));
    const policy = JSON.parse(resource(json, "aws_iam_role_policy", "compute_task_execution_policy").policy as string);
    const read = policy.Statement.find((s: { Sid: string }) => s.Sid === "ReadStackSecrets");
    expect(read).toMatchObject({ Action: "ssm:GetParameters", Resource: expect.stringMatching(/:parameter\/test-svc\/\*$/) });
  });
});
