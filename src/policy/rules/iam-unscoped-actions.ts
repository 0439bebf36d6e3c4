// IAM actions that AWS authorizes only against Resource "*" (the Service Authorization Reference
// lists no resource type for them). A statement with Resource "*" may contain only these; any other
// action must name the stack's ARNs. Add an action here only after checking that reference.

export const UNSCOPED_ACTIONS: ReadonlySet<string> = new Set(
  [
    // Registry logins: the token is account-wide.
    "ecr:GetAuthorizationToken",
    "ecr-public:GetAuthorizationToken",
    "sts:GetServiceBearerToken",
    "sts:GetCallerIdentity",
    // Tracing and metrics.
    "xray:PutTraceSegments",
    "xray:PutTelemetryRecords",
    "xray:GetSamplingRules",
    "xray:GetSamplingTargets",
    "xray:GetSamplingStatisticSummaries",
    "cloudwatch:PutMetricData",
    "logs:DescribeLogGroups",
    // Network discovery (Lambda in a VPC, service discovery clients).
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeSubnets",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeVpcs",
    "servicediscovery:DiscoverInstances",
    "servicediscovery:DiscoverInstancesRevision",
    // Listing and describing that has no per-resource form.
    "ssm:DescribeParameters",
    "secretsmanager:ListSecrets",
    "secretsmanager:GetRandomPassword",
    "ecs:DescribeTaskDefinition",
    "ecs:RegisterTaskDefinition",
    "ecs:DeregisterTaskDefinition",
    "ecs:ListTaskDefinitions",
    "ecs:ListClusters",
    "lambda:ListFunctions",
    "lambda:GetAccountSettings",
    "tag:GetResources",
    // ECS Exec channels (Session Manager).
    "ssmmessages:CreateControlChannel",
    "ssmmessages:CreateDataChannel",
    "ssmmessages:OpenControlChannel",
    "ssmmessages:OpenDataChannel",
  ].map((action) => action.toLowerCase()),
);

export const isUnscopedAction = (action: string): boolean => UNSCOPED_ACTIONS.has(action.toLowerCase());
