// ECS: Container Insights on clusters, no public IPs on services, no privileged containers, and
// separate roles for ECS itself (execution) and for the running container (task).
import { asBool, type PolicyElement } from "../element.js";
import type { PolicyRule } from "../rule.js";
import { violation } from "../wording.js";

/** The containers of a task definition, or the reason they cannot be read. */
export function containersOf(task: PolicyElement): { containers: Array<Record<string, unknown>> } | { problem: string } {
  const parsed = task.json("container_definitions");
  if (!parsed.ok) return { problem: `container_definitions ${parsed.reason}` };
  if (!Array.isArray(parsed.value)) return { problem: "container_definitions is not a list of containers" };
  return { containers: parsed.value.filter((item): item is Record<string, unknown> => typeof item === "object" && item !== null) };
}

const containerName = (container: Record<string, unknown>) => (typeof container.name === "string" ? container.name : "(unnamed)");

export const ECS_RULES: readonly PolicyRule[] = [
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
