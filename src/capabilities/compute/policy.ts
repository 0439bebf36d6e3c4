// Policy rules of the compute unit's resources. ECS: Container Insights on clusters, no public IPs
// on services, no privileged containers, separate roles for ECS itself (execution) and for the
// running container (task), and EFS volumes mounted with encryption in transit.
import type { PolicyRule } from "../../policy/rule.js";
import { asBlocks, asBool, containersOf } from "../../policy/values.js";
import { violation } from "../../policy/wording.js";


const containerName = (container: Record<string, unknown>) => (typeof container.name === "string" ? container.name : "(unnamed)");

export const COMPUTE_RULES: readonly PolicyRule[] = [
  {
    id: "PLT-ENC-002",
    title: "ECS task definitions mount EFS volumes with encryption in transit.",
    severity: "error",
    appliesTo: ["aws_ecs_task_definition"],
    equivalents: { checkov: ["CKV_AWS_97"], trivy: ["AVD-AWS-0035"] },
    exceptable: false,
    check: (task) =>
      task
        .blocks("volume")
        .flatMap((volume) => {
          const efs = asBlocks(volume.efs_volume_configuration)[0];
          if (!efs) return [];
          return efs.transit_encryption === "ENABLED"
            ? []
            : [violation(`volume "${String(volume.name)}" mounts EFS without encryption in transit`, "efs_volume_configuration.transit_encryption", efs.transit_encryption, '"ENABLED"')];
        }),
  },

  {
    id: "PLT-ECS-001",
    title: "ECS clusters have Container Insights enabled.",
    severity: "error",
    appliesTo: ["aws_ecs_cluster"],
    equivalents: { checkov: ["CKV_AWS_65"], trivy: ["AVD-AWS-0034"] },
    exceptable: false,
    check: (cluster) => {
      const insights = cluster.blocks("setting").find((setting) => setting.name === "containerInsights");
      return insights && (insights.value === "enabled" || insights.value === "enhanced")
        ? []
        : [violation("Container Insights is off", "setting containerInsights", insights?.value, '"enabled" (or "enhanced")')];
    },
  },
  {
    id: "PLT-ECS-002",
    title: "ECS services do not assign public IP addresses.",
    severity: "error",
    appliesTo: ["aws_ecs_service"],
    equivalents: { checkov: ["CKV_AWS_333"], trivy: [] },
    exceptable: false,
    check: (service) =>
      asBool(service.block("network_configuration")?.assign_public_ip) === true
        ? [violation("tasks get public IP addresses", "network_configuration.assign_public_ip", true, "false")]
        : [],
  },
  {
    id: "PLT-ECS-003",
    title: "ECS containers are not privileged and do not share the host's process namespace.",
    severity: "error",
    appliesTo: ["aws_ecs_task_definition"],
    equivalents: { checkov: ["CKV_AWS_334", "CKV_AWS_335"], trivy: [] },
    exceptable: false,
    check: (task) => {
      const problems = task.string("pid_mode") === "host" ? [violation("the task shares the host's process namespace", "pid_mode", "host", 'not "host"')] : [];
      const read = containersOf(task);
      if ("problem" in read) return [...problems, read.problem];
      for (const container of read.containers) {
        if (container.privileged === true) problems.push(`container "${containerName(container)}" runs privileged`);
      }
      return problems;
    },
  },
  {
    id: "PLT-ECS-004",
    title: "ECS task definitions use different roles for execution (ECS) and for the task (the container).",
    severity: "error",
    appliesTo: ["aws_ecs_task_definition"],
    equivalents: { checkov: ["CKV_AWS_249"], trivy: [] },
    exceptable: false,
    check: (task) => {
      const execution = task.string("execution_role_arn");
      const taskRole = task.string("task_role_arn");
      return execution !== undefined && execution === taskRole
        ? ["the execution role is also the task role: the container would hold ECS's pull and secret-read permissions"]
        : [];
    },
  },
];
