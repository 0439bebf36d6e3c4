// The agent-factory service written the conventional way, as a team writes a cdktf app by hand:
// namespace imports of the provider packages, one TerraformStack class, values read from the
// service's platform.yaml or written inline. The benchmark's baseline (see README.md).
import * as aws from "@cdktf/provider-aws";
import * as cloudflare from "@cdktf/provider-cloudflare";
import { App, DataResource, Fn, Op, S3Backend, TerraformIterator, TerraformOutput, TerraformStack, TerraformVariable, type ITerraformDependable } from "cdktf";
import type { Construct } from "constructs";
import { readFileSync } from "node:fs";
import { parse } from "yaml";

// ---------------------------------------------------------------------------------------------
// Settings shared by every service of the organisation.
const REGION = "us-east-1";
const STATE_BUCKET = "platform-engine-terraform-state";
const SHARED_ALB_NAME = "product-external-alb";
const PRIVATE_SUBNET_TAG = { network: "private" };
const LOG_RETENTION_DAYS = 30;
const MOUNT_PATH = "/mnt/data";
const CONTAINER_PORT = 80;
const REDIS_PORT = 6379;
const POSTGRES_PORT = 5432;
const NFS_PORT = 2049;
const POSTGRES_VERSION = "16";
const REDIS_VERSION = "7.1";
const FUNCTION_MEMORY = 2048;
const FUNCTION_TIMEOUT = 120;
const WEBHOOK_MEMORY = 512;
const WEBHOOK_TIMEOUT = 30;
const KEEP_IMAGES = 30;
const TAG_HINT = "tags are immutable, so use one per build (e.g. the git SHA).";

// The part of platform.yaml this app reads.
interface ServiceFile {
  metadata: { name: string };
  spec: {
    compute: { cpu: number; memory: number };
    storage: { accessPoint: { path: string } };
    cache: { engine: string; nodeType: string };
    database: { engine: string; instanceClass: string; dbName: string; dbUsername: string };
    serviceDiscovery: { namespace: string };
    lambda: { functions: Array<{ name: string; image: string }> };
    triggers: { eventbridge: { scheduleGroup: string }; webhookGateway: boolean; webhook: { image: string; secret: string } };
    secrets: string[];
  };
}

type Statement = Record<string, unknown>;
const policyDocument = (statements: Statement[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const snake = (s: string) => s.replace(/-/g, "_");

class AgentFactoryStack extends TerraformStack {
  constructor(scope: Construct, id: string, file: ServiceFile) {
    super(scope, id);
    const name = file.metadata.name;
    const spec = file.spec;

    // ------------------------------------------------------------------ providers and state
    new aws.provider.AwsProvider(this, "aws", {
      region: REGION,
      defaultTags: [{ tags: { "platform:service": name, "platform:managed-by": "platform-engine" } }],
    });
    this.addOverride("terraform.required_version", ">= 1.10");
    // invoked_via_function_url (below) needs hashicorp/aws 6.28.
    this.addOverride("terraform.required_providers.aws.version", "~> 6.28");
    new S3Backend(this, { bucket: STATE_BUCKET, key: `platform/${name}/terraform.tfstate`, region: REGION, encrypt: true });
    this.addOverride("terraform.backend.s3.use_lockfile", true);

    // ------------------------------------------------------------------ shared infrastructure
    const account = new aws.dataAwsCallerIdentity.DataAwsCallerIdentity(this, "current_account", {});
    const partition = new aws.dataAwsPartition.DataAwsPartition(this, "current_partition", {});
    const arn = (service: string, resource: string) => `arn:${partition.partition}:${service}:${REGION}:${account.accountId}:${resource}`;

    const privateSubnets = new aws.dataAwsSubnets.DataAwsSubnets(this, "private_subnets", { tags: PRIVATE_SUBNET_TAG });
    const subnetIterator = TerraformIterator.fromList(privateSubnets.ids);
    const privateSubnet = new aws.dataAwsSubnet.DataAwsSubnet(this, "private_subnet", { forEach: subnetIterator, id: subnetIterator.value });
    const firstSubnet = new aws.dataAwsSubnet.DataAwsSubnet(this, "private_subnet_for_vpc", { id: Fn.element(privateSubnets.ids, 0) });
    const vpcId = firstSubnet.vpcId;
    // { <az> = <first subnet id of that az> }: one EFS mount target per zone.
    const byZone = TerraformIterator.fromDataSources(privateSubnet).forExpressionForMap("val.availability_zone", "val.id...");
    const subnetPerAz = TerraformIterator.fromMap(byZone as unknown as Record<string, string[]>).forExpressionForMap("key", "sort(val)[0]");

    const alb = new aws.dataAwsLb.DataAwsLb(this, "shared_alb", { name: SHARED_ALB_NAME });
    const listener = new aws.dataAwsLbListener.DataAwsLbListener(this, "shared_alb_https_listener", { loadBalancerArn: alb.arn, port: 443 });

    // Cloudflare: the API token is read ephemerally, so it never lands in state.
    this.addOverride("ephemeral.aws_ssm_parameter.cloudflare_api_token", {
      arn: arn("ssm", "parameter/cloudflare/platform_infra_token"),
      with_decryption: true,
    });
    new cloudflare.provider.CloudflareProvider(this, "cloudflare", { apiToken: "${ephemeral.aws_ssm_parameter.cloudflare_api_token.value}" });
    const zoneId = new aws.dataAwsSsmParameter.DataAwsSsmParameter(this, "cloudflare_zone_id", { name: "/cloudflare/zone_id" });
    const zone = new cloudflare.dataCloudflareZone.DataCloudflareZone(this, "cloudflare_zone", { zoneId: zoneId.value });
    const accessPolicy = new aws.dataAwsSsmParameter.DataAwsSsmParameter(this, "cloudflare_access_policy_id", { name: "/cloudflare/access_policy_id" });
    const host = `${name}.${zone.name}`;

    // ------------------------------------------------------------------ security groups
    const securityGroup = (id: string, suffix: string, description: string) =>
      new aws.securityGroup.SecurityGroup(this, id, { name: `${name}-${suffix}`, description: `${description} of ${name}`, vpcId, lifecycle: { createBeforeDestroy: true } });
    const computeSg = securityGroup("compute_security_group", "compute", "ECS tasks");
    const lambdaSg = securityGroup("lambda_security_group", "lambda", "Lambda functions");
    const storageSg = securityGroup("storage_security_group", "storage", "EFS mount targets");
    const cacheSg = securityGroup("cache_security_group", "cache", "ElastiCache Redis");
    const databaseSg = securityGroup("database_security_group", "database", "RDS PostgreSQL");

    const allowTcp = { ipProtocol: "tcp" };
    const httpsOut = "HTTPS to AWS APIs (ECR, logs, SSM, Secrets Manager) and external services";
    const clients = [
      { key: "compute", sg: computeSg, who: "the ECS tasks" },
      { key: "lambda", sg: lambdaSg, who: "the Lambda functions" },
    ];
    const backends = [
      { key: "storage", sg: storageSg, port: NFS_PORT, egress: "EFS mount targets (NFS)", ingress: "NFS" },
      { key: "cache", sg: cacheSg, port: REDIS_PORT, egress: "ElastiCache Redis (Redis)", ingress: "Redis" },
      { key: "database", sg: databaseSg, port: POSTGRES_PORT, egress: "RDS PostgreSQL (PostgreSQL)", ingress: "PostgreSQL" },
    ];
    for (const client of clients) {
      new aws.vpcSecurityGroupEgressRule.VpcSecurityGroupEgressRule(this, `${client.key}_egress_https`, {
        ...allowTcp,
        securityGroupId: client.sg.id,
        cidrIpv4: "0.0.0.0/0",
        fromPort: 443,
        toPort: 443,
        description: httpsOut,
      });
      for (const backend of backends) {
        new aws.vpcSecurityGroupEgressRule.VpcSecurityGroupEgressRule(this, `${client.key}_egress_to_${backend.key}`, {
          ...allowTcp,
          securityGroupId: client.sg.id,
          referencedSecurityGroupId: backend.sg.id,
          fromPort: backend.port,
          toPort: backend.port,
          description: backend.egress,
        });
        new aws.vpcSecurityGroupIngressRule.VpcSecurityGroupIngressRule(this, `${backend.key}_ingress_from_${client.key}`, {
          ...allowTcp,
          securityGroupId: backend.sg.id,
          referencedSecurityGroupId: client.sg.id,
          fromPort: backend.port,
          toPort: backend.port,
          description: `${backend.ingress} from ${client.who}`,
        });
      }
    }
    const albGroups = TerraformIterator.fromList(alb.securityGroups);
    new aws.vpcSecurityGroupIngressRule.VpcSecurityGroupIngressRule(this, "compute_ingress_from_alb", {
      forEach: albGroups,
      ...allowTcp,
      securityGroupId: computeSg.id,
      referencedSecurityGroupId: albGroups.value,
      fromPort: CONTAINER_PORT,
      toPort: CONTAINER_PORT,
      description: "the container port from the shared load balancer",
    });

    // ------------------------------------------------------------------ IAM roles
    const assumeRole = (service: string, sourceArn?: string) =>
      policyDocument([
        {
          Effect: "Allow",
          Principal: { Service: service },
          Action: "sts:AssumeRole",
          Condition: { StringEquals: { "aws:SourceAccount": account.accountId }, ...(sourceArn ? { ArnLike: { "aws:SourceArn": sourceArn } } : {}) },
        },
      ]);
    const role = (id: string, roleName: string, description: string, trust: string) =>
      new aws.iamRole.IamRole(this, id, { name: roleName, description, assumeRolePolicy: trust });
    const ecsTrust = assumeRole("ecs-tasks.amazonaws.com", arn("ecs", "*"));
    const executionRole = role("compute_task_execution_role", `${name}-task-execution`, "ECS pulls the image, writes logs and reads secrets with this role.", ecsTrust);
    const taskRole = role("compute_task_role", `${name}-task`, "The running container acts with this role.", ecsTrust);
    const functions = spec.lambda.functions.map((fn) => ({
      ...fn,
      id: `lambda_${snake(fn.name)}`,
      role: role(`lambda_${snake(fn.name)}_role`, `${name}-lambda-${fn.name}`, `The ${fn.name} function runs with this role.`, assumeRole("lambda.amazonaws.com")),
    }));
    const webhookRole = role("triggers_webhook_role", `${name}-lambda-webhook`, "The webhook function runs with this role.", assumeRole("lambda.amazonaws.com"));
    const scheduleGroupName = spec.triggers.eventbridge.scheduleGroup;
    const schedulerRole = role(
      "triggers_scheduler_role",
      `${name}-scheduler`,
      `EventBridge Scheduler runs the schedules of group ${scheduleGroupName} with this role.`,
      assumeRole("scheduler.amazonaws.com", arn("scheduler", `schedule-group/${scheduleGroupName}`)),
    );

    // ------------------------------------------------------------------ secrets (SSM, created outside Terraform)
    const secretArns = spec.secrets.map((secret) => arn("ssm", `parameter/${name}/${secret}`));

    // ------------------------------------------------------------------ storage: EFS
    const fileSystem = new aws.efsFileSystem.EfsFileSystem(this, "storage_file_system", {
      creationToken: name,
      encrypted: true,
      throughputMode: "elastic",
      lifecyclePolicy: [{ transitionToIa: "AFTER_30_DAYS" }],
      tags: { Name: name },
    });
    new aws.efsBackupPolicy.EfsBackupPolicy(this, "storage_backup_policy", { fileSystemId: fileSystem.id, backupPolicy: { status: "ENABLED" } });
    const accessPoint = new aws.efsAccessPoint.EfsAccessPoint(this, "storage_access_point", {
      fileSystemId: fileSystem.id,
      posixUser: { uid: 1000, gid: 1000 },
      rootDirectory: { path: spec.storage.accessPoint.path, creationInfo: { ownerUid: 1000, ownerGid: 1000, permissions: "0750" } },
    });
    const zones = TerraformIterator.fromMap(subnetPerAz as unknown as Record<string, string>);
    const mountTarget = new aws.efsMountTarget.EfsMountTarget(this, "storage_mount_target", {
      forEach: zones,
      fileSystemId: fileSystem.id,
      subnetId: zones.value,
      securityGroups: [storageSg.id],
    });
    const mountThroughAccessPoint: Statement = {
      Sid: "MountStackFileSystemThroughAccessPoint",
      Effect: "Allow",
      Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
      Resource: fileSystem.arn,
      Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": accessPoint.arn } },
    };
    new aws.efsFileSystemPolicy.EfsFileSystemPolicy(this, "storage_file_system_policy", {
      fileSystemId: fileSystem.id,
      policy: policyDocument([
        {
          Sid: "DenyAccessWithoutTls",
          Effect: "Deny",
          Principal: { AWS: "*" },
          Action: "*",
          Resource: fileSystem.arn,
          Condition: { Bool: { "aws:SecureTransport": "false" } },
        },
        {
          Sid: "StackClientsMountThroughAccessPoint",
          Effect: "Allow",
          Principal: { AWS: [taskRole.arn, ...functions.map((fn) => fn.role.arn), webhookRole.arn] },
          Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"],
          Resource: fileSystem.arn,
          Condition: { StringEquals: { "elasticfilesystem:AccessPointArn": accessPoint.arn } },
        },
      ]),
    });

    // ------------------------------------------------------------------ cache: ElastiCache Redis
    const cacheSubnets = new aws.elasticacheSubnetGroup.ElasticacheSubnetGroup(this, "cache_subnet_group", {
      name,
      description: `Private subnets of ${name}'s Redis`,
      subnetIds: privateSubnets.ids,
    });
    const redis = new aws.elasticacheReplicationGroup.ElasticacheReplicationGroup(this, "cache_replication_group", {
      replicationGroupId: name,
      description: `Redis of ${name}`,
      engine: spec.cache.engine,
      engineVersion: REDIS_VERSION,
      nodeType: spec.cache.nodeType,
      numCacheClusters: 1,
      port: REDIS_PORT,
      automaticFailoverEnabled: false,
      multiAzEnabled: false,
      subnetGroupName: cacheSubnets.name,
      securityGroupIds: [cacheSg.id],
      atRestEncryptionEnabled: "true",
      transitEncryptionEnabled: true,
      transitEncryptionMode: "required",
      snapshotRetentionLimit: 1,
    });

    // ------------------------------------------------------------------ database: RDS PostgreSQL
    const db = spec.database;
    const dbSubnets = new aws.dbSubnetGroup.DbSubnetGroup(this, "database_subnet_group", {
      name,
      description: `Private subnets of ${name}'s PostgreSQL`,
      subnetIds: privateSubnets.ids,
      lifecycle: {
        precondition: [
          { condition: Op.gte(Fn.lengthOf(subnetPerAz), 2), errorMessage: "RDS needs private subnets in at least 2 Availability Zones for spec.database." },
        ],
      },
    });
    const parameterGroup = new aws.dbParameterGroup.DbParameterGroup(this, "database_parameter_group", {
      namePrefix: `${name}-${db.engine}${POSTGRES_VERSION}-`,
      family: `${db.engine}${POSTGRES_VERSION}`,
      description: `TLS-only connections to ${name}'s PostgreSQL`,
      parameter: [{ name: "rds.force_ssl", value: "1" }],
      lifecycle: { createBeforeDestroy: true },
    });
    const dbLogGroups = ["postgresql", "upgrade"].map(
      (log) =>
        new aws.cloudwatchLogGroup.CloudwatchLogGroup(this, `database_log_group_${log}`, {
          name: `/aws/rds/instance/${name}/${log}`,
          retentionInDays: LOG_RETENTION_DAYS,
        }),
    );
    // A fresh suffix each time the stack is created, so a re-created stack's snapshot does not collide.
    const snapshotSuffix = new DataResource(this, "database_final_snapshot_suffix", {});
    const database = new aws.dbInstance.DbInstance(this, "database_instance", {
      identifier: name,
      engine: db.engine,
      engineVersion: POSTGRES_VERSION,
      instanceClass: db.instanceClass,
      allocatedStorage: 20,
      dbName: db.dbName,
      username: db.dbUsername,
      manageMasterUserPassword: true,
      iamDatabaseAuthenticationEnabled: true,
      port: POSTGRES_PORT,
      dbSubnetGroupName: dbSubnets.name,
      vpcSecurityGroupIds: [databaseSg.id],
      parameterGroupName: parameterGroup.name,
      publiclyAccessible: false,
      storageEncrypted: true,
      multiAz: false,
      backupRetentionPeriod: 7,
      copyTagsToSnapshot: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${name}-final-${Fn.substr(Fn.replace(snapshotSuffix.id, "-", ""), 0, 8)}`,
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: true,
      performanceInsightsEnabled: true,
      enabledCloudwatchLogsExports: ["postgresql", "upgrade"],
      dependsOn: dbLogGroups,
    });
    const dbSecretArn = database.masterUserSecret.get(0).secretArn;
    const readDbSecret: Statement = { Sid: "ReadDatabaseMasterSecret", Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: dbSecretArn };

    // ------------------------------------------------------------------ service discovery: Cloud Map
    const namespace = new aws.serviceDiscoveryPrivateDnsNamespace.ServiceDiscoveryPrivateDnsNamespace(this, "service_discovery_namespace", {
      name: spec.serviceDiscovery.namespace,
      description: `Private DNS namespace of ${name}`,
      vpc: vpcId,
    });
    const discovery = new aws.serviceDiscoveryService.ServiceDiscoveryService(this, "service_discovery_service", {
      name,
      description: `Tasks of the ECS service ${name}`,
      dnsConfig: { namespaceId: namespace.id, dnsRecords: [{ ttl: 10, type: "A" }], routingPolicy: "MULTIVALUE" },
      healthCheckCustomConfig: { failureThreshold: 1 },
      forceDestroy: true,
    });
    const discoveryName = `${name}.${spec.serviceDiscovery.namespace}`;

    // ------------------------------------------------------------------ networking: ALB and Cloudflare
    const targetGroup = new aws.lbTargetGroup.LbTargetGroup(this, "networking_target_group", {
      // The suffix is a hash of port, protocol and target type: a change creates the new group first.
      name: `${name}-6210a3`,
      port: CONTAINER_PORT,
      protocol: "HTTP",
      targetType: "ip",
      vpcId,
      healthCheck: { enabled: true, path: "/health", protocol: "HTTP", matcher: "200" },
      lifecycle: { createBeforeDestroy: true },
    });
    const listenerRule = new aws.lbListenerRule.LbListenerRule(this, "networking_listener_rule", {
      listenerArn: listener.arn,
      action: [{ type: "forward", targetGroupArn: targetGroup.arn }],
      condition: [{ hostHeader: { values: [host] } }],
    });
    new cloudflare.dnsRecord.DnsRecord(this, "networking_dns_record", {
      zoneId: zone.zoneId,
      name: host,
      type: "CNAME",
      content: alb.dnsName,
      proxied: true,
      ttl: 1,
      comment: `platform service ${name}`,
    });
    const accessApp = new cloudflare.zeroTrustAccessApplication.ZeroTrustAccessApplication(this, "networking_access_application", {
      accountId: zone.account.id,
      name,
      domain: host,
      type: "self_hosted",
      policies: [{ id: accessPolicy.value, precedence: 1 }],
    });

    // ------------------------------------------------------------------ container images
    const repository = (idPrefix: string, repoName: string) => {
      const repo = new aws.ecrRepository.EcrRepository(this, `${idPrefix}_ecr_repository`, {
        name: repoName,
        imageTagMutability: "IMMUTABLE",
        imageScanningConfiguration: { scanOnPush: true },
        encryptionConfiguration: [{ encryptionType: "AES256" }],
      });
      new aws.ecrLifecyclePolicy.EcrLifecyclePolicy(this, `${idPrefix}_ecr_repository_lifecycle`, {
        repository: repo.name,
        policy: JSON.stringify({
          rules: [
            {
              rulePriority: 1,
              description: `Keep the newest ${KEEP_IMAGES} images`,
              selection: { tagStatus: "any", countType: "imageCountMoreThan", countNumber: KEEP_IMAGES },
              action: { type: "expire" },
            },
          ],
        }),
      });
      return repo;
    };
    // Lambda pulls a function's image with its own service principal, limited to this function.
    const imagePullPolicy = (id: string, repo: aws.ecrRepository.EcrRepository, functionName: string) =>
      new aws.ecrRepositoryPolicy.EcrRepositoryPolicy(this, id, {
        repository: repo.name,
        policy: policyDocument([
          {
            Sid: "LambdaPullsStackFunctionImages",
            Effect: "Allow",
            Principal: { Service: "lambda.amazonaws.com" },
            Action: ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
            Condition: { ArnLike: { "aws:SourceArn": [arn("lambda", `function:${functionName}`)] } },
          },
        ]),
      });
    const imageTag = (id: string, what: string, repoName: string) =>
      new TerraformVariable(this, id, { type: "string", nullable: false, description: `Tag of the ${what} image in ${repoName} to run; ${TAG_HINT}` });

    // ------------------------------------------------------------------ environment every workload receives
    const environment: Record<string, string> = {
      DATABASE_HOST: database.address,
      DATABASE_NAME: db.dbName,
      DATABASE_PORT: String(POSTGRES_PORT),
      DATABASE_USER: db.dbUsername,
      PLATFORM_SERVICE_NAME: name,
      REDIS_HOST: redis.primaryEndpointAddress,
      REDIS_PORT: String(REDIS_PORT),
      REDIS_TLS: "true",
      SERVICE_DISCOVERY_NAME: discoveryName,
      STORAGE_MOUNT_PATH: MOUNT_PATH,
    };

    // ------------------------------------------------------------------ Lambda functions
    const functionStatements = (logGroup: aws.cloudwatchLogGroup.CloudwatchLogGroup, extra: Statement[] = []): Statement[] => [
      mountThroughAccessPoint,
      readDbSecret,
      { Sid: "ReadDeclaredSecrets", Effect: "Allow", Action: ["ssm:GetParameter", "ssm:GetParameters"], Resource: secretArns },
      ...extra,
      { Sid: "WriteFunctionLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${logGroup.arn}:*` },
      {
        Sid: "ManageFunctionNetworkInterfaces",
        Effect: "Allow",
        Action: ["ec2:AssignPrivateIpAddresses", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:UnassignPrivateIpAddresses"],
        Resource: arn("ec2", "*"),
      },
      { Sid: "DescribeNetworkHasNoResourceScope", Effect: "Allow", Action: ["ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"], Resource: "*" },
      { Sid: "XRayTracingHasNoResourceScope", Effect: "Allow", Action: ["xray:PutTelemetryRecords", "xray:PutTraceSegments"], Resource: "*" },
    ];
    const functionEnvironment = {
      ...environment,
      DATABASE_SECRET_ARN: dbSecretArn,
      PLATFORM_SECRETS_PATH: `/${name}/`,
      PLATFORM_SECRET_NAMES: spec.secrets.join(","),
    };
    const lambdaFunction = (
      id: string,
      args: {
        fnName: string;
        shortName: string;
        repo: aws.ecrRepository.EcrRepository;
        tag: TerraformVariable;
        role: aws.iamRole.IamRole;
        memory: number;
        timeout: number;
        dependsOn: ITerraformDependable[];
        variables: Record<string, string>;
      },
    ) =>
      new aws.lambdaFunction.LambdaFunction(this, id, {
        functionName: args.fnName,
        description: `${args.shortName} function of ${name}`,
        packageType: "Image",
        imageUri: `${args.repo.repositoryUrl}:${args.tag.stringValue}`,
        role: args.role.arn,
        memorySize: args.memory,
        timeout: args.timeout,
        tracingConfig: { mode: "Active" },
        vpcConfig: { subnetIds: privateSubnets.ids, securityGroupIds: [lambdaSg.id] },
        fileSystemConfig: { arn: accessPoint.arn, localMountPath: MOUNT_PATH },
        environment: { variables: args.variables },
        dependsOn: args.dependsOn,
      });

    const deployed = functions.map((fn) => {
      const fnName = `${name}-${fn.name}`;
      const repoName = `${name}-${fn.image}`;
      const repo = repository(`lambda_${snake(fn.image)}`, repoName);
      const pull = imagePullPolicy(`lambda_${snake(fn.image)}_image_pull_policy`, repo, fnName);
      const tag = imageTag(`${fn.id}_image_tag`, `${fn.name} function's`, repoName);
      const logGroup = new aws.cloudwatchLogGroup.CloudwatchLogGroup(this, `${fn.id}_log_group`, { name: `/aws/lambda/${fnName}`, retentionInDays: LOG_RETENTION_DAYS });
      const policy = new aws.iamRolePolicy.IamRolePolicy(this, `${fn.id}_policy`, {
        role: fn.role.id,
        name: `lambda-${fn.name}`,
        policy: policyDocument(functionStatements(logGroup)),
      });
      const lambda = lambdaFunction(`${fn.id}_function`, {
        fnName,
        shortName: fn.name,
        repo,
        tag,
        role: fn.role,
        memory: FUNCTION_MEMORY,
        timeout: FUNCTION_TIMEOUT,
        dependsOn: [logGroup, pull, mountTarget, policy],
        variables: functionEnvironment,
      });
      const url = new aws.lambdaFunctionUrl.LambdaFunctionUrl(this, `${fn.id}_function_url`, {
        functionName: lambda.functionName,
        authorizationType: "AWS_IAM",
        invokeMode: "RESPONSE_STREAM",
      });
      return { ...fn, repo, lambda, url };
    });

    // ------------------------------------------------------------------ triggers: event bus, scheduler, webhook
    const bus = new aws.cloudwatchEventBus.CloudwatchEventBus(this, "triggers_event_bus", {
      name: `${name}-events`,
      description: `Events of ${name}; only its webhook gateway publishes here.`,
    });
    new aws.cloudwatchEventBusPolicy.CloudwatchEventBusPolicy(this, "triggers_event_bus_policy", {
      eventBusName: bus.name,
      policy: policyDocument([
        { Sid: "OnlyThePublisherPutsEvents", Effect: "Allow", Principal: { AWS: webhookRole.arn }, Action: "events:PutEvents", Resource: bus.arn },
        {
          Sid: "NoOtherPrincipalPutsEvents",
          Effect: "Deny",
          Principal: "*",
          Action: "events:PutEvents",
          Resource: bus.arn,
          Condition: { ArnNotEquals: { "aws:PrincipalArn": webhookRole.arn } },
        },
      ]),
    });
    const scheduleGroup = new aws.schedulerScheduleGroup.SchedulerScheduleGroup(this, "triggers_schedule_group", { name: scheduleGroupName });
    new aws.iamRolePolicy.IamRolePolicy(this, "triggers_scheduler_policy", {
      role: schedulerRole.id,
      name: "scheduler",
      policy: policyDocument([
        {
          Sid: "InvokeStackFunctions",
          Effect: "Allow",
          Action: "lambda:InvokeFunction",
          Resource: deployed.flatMap((fn) => [fn.lambda.arn, `${fn.lambda.arn}:*`]),
        },
      ]),
    });

    const webhookName = `${name}-webhook`;
    const webhookRepo = repository("triggers_webhook", webhookName);
    const webhookPull = imagePullPolicy("triggers_webhook_image_pull_policy", webhookRepo, webhookName);
    const webhookTag = imageTag("webhook_image_tag", "webhook function's", webhookName);
    const webhookLogs = new aws.cloudwatchLogGroup.CloudwatchLogGroup(this, "triggers_webhook_log_group", {
      name: `/aws/lambda/${webhookName}`,
      retentionInDays: LOG_RETENTION_DAYS,
    });
    const webhookPolicy = new aws.iamRolePolicy.IamRolePolicy(this, "triggers_webhook_policy", {
      role: webhookRole.id,
      name: "lambda-webhook",
      policy: policyDocument(
        functionStatements(webhookLogs, [
          { Sid: "PublishToStackEventBus", Effect: "Allow", Action: "events:PutEvents", Resource: bus.arn },
          { Sid: "ReadWebhookSecret", Effect: "Allow", Action: "ssm:GetParameter", Resource: arn("ssm", `parameter/${name}/${spec.triggers.webhook.secret}`) },
        ]),
      ),
    });
    const webhook = lambdaFunction("triggers_webhook_function", {
      fnName: webhookName,
      shortName: "webhook",
      repo: webhookRepo,
      tag: webhookTag,
      role: webhookRole,
      memory: WEBHOOK_MEMORY,
      timeout: WEBHOOK_TIMEOUT,
      dependsOn: [webhookLogs, webhookPull, mountTarget, webhookPolicy],
      variables: { ...functionEnvironment, PLATFORM_EVENT_BUS_NAME: bus.name, PLATFORM_WEBHOOK_SECRET_PARAMETER: `/${name}/${spec.triggers.webhook.secret}` },
    });
    const webhookUrl = new aws.lambdaFunctionUrl.LambdaFunctionUrl(this, "triggers_webhook_function_url", {
      functionName: webhook.functionName,
      authorizationType: "NONE",
      invokeMode: "BUFFERED",
    });
    // A public URL needs both statements; InvokeFunction is admitted only through the URL.
    new aws.lambdaPermission.LambdaPermission(this, "triggers_webhook_function_url_public_access", {
      functionName: webhook.functionName,
      statementId: "FunctionURLAllowPublicAccess",
      action: "lambda:InvokeFunctionUrl",
      principal: "*",
      functionUrlAuthType: "NONE",
    });
    const publicInvoke = new aws.lambdaPermission.LambdaPermission(this, "triggers_webhook_function_url_public_invoke", {
      functionName: webhook.functionName,
      statementId: "FunctionURLAllowInvokeAction",
      action: "lambda:InvokeFunction",
      principal: "*",
    });
    publicInvoke.addOverride("invoked_via_function_url", true);

    // ------------------------------------------------------------------ compute: ECS Fargate service
    const computeRepo = repository("compute", name);
    const computeTag = imageTag("image_tag", name, name);
    const computeLogs = new aws.cloudwatchLogGroup.CloudwatchLogGroup(this, "compute_log_group", { name: `/ecs/${name}`, retentionInDays: LOG_RETENTION_DAYS });
    new aws.iamRolePolicy.IamRolePolicy(this, "compute_task_execution_policy", {
      role: executionRole.id,
      name: "task-execution",
      policy: policyDocument([
        readDbSecret,
        { Sid: "ReadDeclaredSecrets", Effect: "Allow", Action: "ssm:GetParameters", Resource: secretArns },
        { Sid: "EcrAuthorizationTokenHasNoResourceScope", Effect: "Allow", Action: "ecr:GetAuthorizationToken", Resource: "*" },
        {
          Sid: "PullServiceImage",
          Effect: "Allow",
          Action: ["ecr:BatchCheckLayerAvailability", "ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"],
          Resource: computeRepo.arn,
        },
        { Sid: "WriteServiceLogs", Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: `${computeLogs.arn}:*` },
      ]),
    });
    new aws.iamRolePolicy.IamRolePolicy(this, "compute_task_policy", {
      role: taskRole.id,
      name: "task",
      policy: policyDocument([
        mountThroughAccessPoint,
        {
          Sid: "InvokeStackFunctionUrls",
          Effect: "Allow",
          Action: ["lambda:InvokeFunction", "lambda:InvokeFunctionUrl"],
          Resource: deployed.map((fn) => fn.lambda.arn),
        },
      ]),
    });
    const cluster = new aws.ecsCluster.EcsCluster(this, "compute_ecs_cluster", { name, setting: [{ name: "containerInsights", value: "enabled" }] });
    const containerEnvironment = { ...environment, CF_ACCESS_AUD: accessApp.aud };
    const containerSecrets: Record<string, string> = { DATABASE_PASSWORD: `${dbSecretArn}:password::` };
    spec.secrets.forEach((secret, i) => (containerSecrets[secret] = secretArns[i]!));
    const byName = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : 1);
    const taskDefinition = new aws.ecsTaskDefinition.EcsTaskDefinition(this, "compute_task_definition", {
      family: name,
      cpu: String(spec.compute.cpu),
      memory: String(spec.compute.memory),
      networkMode: "awsvpc",
      requiresCompatibilities: ["FARGATE"],
      runtimePlatform: { cpuArchitecture: "X86_64", operatingSystemFamily: "LINUX" },
      executionRoleArn: executionRole.arn,
      taskRoleArn: taskRole.arn,
      volume: [
        {
          name: "efs",
          efsVolumeConfiguration: {
            fileSystemId: fileSystem.id,
            transitEncryption: "ENABLED",
            authorizationConfig: { accessPointId: accessPoint.id, iam: "ENABLED" },
          },
        },
      ],
      containerDefinitions: JSON.stringify([
        {
          name,
          image: `${computeRepo.repositoryUrl}:${computeTag.stringValue}`,
          essential: true,
          portMappings: [{ containerPort: CONTAINER_PORT, protocol: "tcp" }],
          environment: Object.entries(containerEnvironment)
            .sort(byName)
            .map(([key, value]) => ({ name: key, value })),
          secrets: Object.entries(containerSecrets)
            .sort(byName)
            .map(([key, valueFrom]) => ({ name: key, valueFrom })),
          mountPoints: [{ sourceVolume: "efs", containerPath: MOUNT_PATH, readOnly: false }],
          logConfiguration: {
            logDriver: "awslogs",
            options: { "awslogs-group": computeLogs.name, "awslogs-region": REGION, "awslogs-stream-prefix": name },
          },
        },
      ]),
    });
    const service = new aws.ecsService.EcsService(this, "compute_ecs_service", {
      name,
      cluster: cluster.arn,
      taskDefinition: taskDefinition.arn,
      desiredCount: 1,
      launchType: "FARGATE",
      networkConfiguration: { subnets: privateSubnets.ids, securityGroups: [computeSg.id], assignPublicIp: false },
      loadBalancer: [{ targetGroupArn: targetGroup.arn, containerName: name, containerPort: CONTAINER_PORT }],
      serviceRegistries: { registryArn: discovery.arn },
      deploymentCircuitBreaker: { enable: true, rollback: true },
      enableEcsManagedTags: true,
      propagateTags: "SERVICE",
      dependsOn: [mountTarget, listenerRule],
    });

    // ------------------------------------------------------------------ outputs
    const out = (key: string, value: string, description: string) => {
      const outputName = key
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .toLowerCase()
        .replace(/\./g, "_");
      new TerraformOutput(this, outputName, { value, description: `${key}: ${description}`, sensitive: false });
    };
    out("storage.efs.filesystem_id", fileSystem.id, "Id of the EFS file system.");
    out("storage.efs.filesystem_arn", fileSystem.arn, "ARN of the EFS file system.");
    out("storage.efs.access_point_id", accessPoint.id, "Id of the access point every workload mounts through.");
    out("storage.efs.access_point_arn", accessPoint.arn, "ARN of the access point every workload mounts through.");
    out("cache.redis.endpoint", redis.primaryEndpointAddress, "Primary endpoint of the Redis replication group (reads and writes).");
    out("cache.redis.reader_endpoint", redis.readerEndpointAddress, "Reader endpoint of the Redis replication group (spreads reads over the replicas).");
    out("cache.redis.port", String(REDIS_PORT), "Port of the Redis replication group.");
    out("cache.redis.replication_group_id", redis.id, "Id of the Redis replication group.");
    out("database.endpoint", database.address, "Address of the PostgreSQL instance.");
    out("database.port", String(POSTGRES_PORT), "Port of the PostgreSQL instance.");
    out("database.name", db.dbName, "Name of the database created with the instance.");
    out("database.identifier", database.identifier, "Identifier of the RDS instance.");
    out("database.master_user_secret_arn", dbSecretArn, "ARN of the RDS-managed Secrets Manager secret with the master user's credentials.");
    out("serviceDiscovery.namespace_id", namespace.id, "Id of the Cloud Map private DNS namespace.");
    out("serviceDiscovery.namespace_arn", namespace.arn, "ARN of the Cloud Map private DNS namespace.");
    out("serviceDiscovery.service_arn", discovery.arn, "ARN of the Cloud Map service the ECS tasks register in.");
    out("serviceDiscovery.service_name", discoveryName, "DNS name the ECS service's tasks resolve under inside the VPC.");
    out("compute.cluster_name", cluster.name, "Name of the ECS cluster.");
    out("compute.service_name", service.name, "Name of the ECS service.");
    out("compute.ecr_repository_uri", computeRepo.repositoryUrl, "URI of the service's ECR repository; push images here.");
    out("compute.log_group_name", computeLogs.name, "CloudWatch log group of the containers.");
    out("compute.service_url", `https://${host}`, "Public URL of the service (through Cloudflare Access).");
    out("compute.target_group_arn", targetGroup.arn, "ARN of the service's target group on the shared ALB.");
    out("compute.access_application_aud", accessApp.aud, "Audience tag of the Cloudflare Access application.");
    for (const fn of deployed) {
      const key = `lambda.${fn.name}`;
      out(`${key}.function_name`, fn.lambda.functionName, `Name of the ${fn.name} function.`);
      out(`${key}.function_arn`, fn.lambda.arn, `ARN of the ${fn.name} function.`);
      out(`${key}.function_url`, fn.url.functionUrl, `Function URL of ${fn.name} (callers sign requests with SigV4, RESPONSE_STREAM).`);
      out(`${key}.ecr_repository_uri`, fn.repo.repositoryUrl, `ECR repository of the ${fn.name} function's image; push images here.`);
    }
    out("triggers.eventbridge.schedule_group_name", scheduleGroup.name, "Name of the EventBridge Scheduler schedule group; the spec's schedules are in it.");
    out("triggers.eventbridge.schedule_group_arn", scheduleGroup.arn, "ARN of the EventBridge Scheduler schedule group.");
    out("triggers.eventbridge.role_arn", schedulerRole.arn, "Role ARN the group's schedules run with.");
    out("triggers.event_bus.name", bus.name, "Name of the stack's event bus; the webhook gateway publishes there and spec.triggers.events route from it.");
    out("triggers.event_bus.arn", bus.arn, "ARN of the stack's event bus.");
    out("triggers.webhook.url", webhookUrl.functionUrl, "Public URL of the webhook gateway; it verifies each sender's signature.");
    out("triggers.webhook.function_arn", webhook.arn, "ARN of the webhook gateway's function.");
    out("triggers.webhook.ecr_repository_uri", webhookRepo.repositoryUrl, "ECR repository of the webhook gateway's image; push images here.");
  }
}

const specFile = new URL("./platform-agent-factory.yaml", import.meta.url);
const file = parse(readFileSync(specFile, "utf8")) as ServiceFile;
const app = new App();
new AgentFactoryStack(app, file.metadata.name, file);
app.synth();
