// Lookups of the shared environment the stack runs in (never created here). Each data source is
// added to the stack on first use, so a stack holds only the lookups its capabilities need.
import { DataAwsCallerIdentity } from "../../providers/aws/data-aws-caller-identity.js";
import { DataAwsLb } from "../../providers/aws/data-aws-lb.js";
import { DataAwsLbListener } from "../../providers/aws/data-aws-lb-listener.js";
import { DataAwsPartition } from "../../providers/aws/data-aws-partition.js";
import { DataAwsSubnet } from "../../providers/aws/data-aws-subnet.js";
import { DataAwsSubnets } from "../../providers/aws/data-aws-subnets.js";
import { Fn, TerraformIterator, type IResolvable, type TerraformStack } from "../../providers/cdktf.js";
import type { EngineSettings } from "../settings/settings.js";

/** Every stack runs something in the private subnets; per-zone needs are checked where they arise (RDS, Redis). */
const MIN_PRIVATE_SUBNETS = 1;

/** A settings value as literal text inside a Terraform string (never an interpolation or directive). */
export const literal = (text: string) => text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");

export class SharedInfrastructure {
  private readonly cache = new Map<string, unknown>();

  constructor(
    private readonly scope: TerraformStack,
    readonly settings: EngineSettings,
  ) {}

  private once<T>(id: string, create: () => T): T {
    if (!this.cache.has(id)) this.cache.set(id, create());
    return this.cache.get(id) as T;
  }

  /**
   * The shared VPC's private subnets: those with the tag, in the shared ALB's VPC (a list known only
   * at plan time). An account may hold several VPCs with the tag; subnets of another VPC could not
   * reach the ALB's targets. No subnet fails the plan, before anything is created.
   */
  get privateSubnets(): DataAwsSubnets {
    return this.once("private_subnets", () =>
      this.taggedSubnets(
        "private_subnets",
        [],
        `No private subnet found: the stack needs at least ${MIN_PRIVATE_SUBNETS} subnet tagged ${literal(this.settings.privateSubnetTag)} ` +
          `in the VPC of the shared load balancer ${literal(this.settings.albName)} (${this.vpcId}). Tag that VPC's private subnets, ` +
          "or set privateSubnetTag or albName in the engine settings to the ones the platform uses.",
      ),
    );
  }

  /**
   * The private subnets the service's tasks run in: those of `privateSubnets` in an Availability
   * Zone the shared ALB is enabled in. The ALB routes only to targets in its own zones: a task
   * elsewhere is registered but never receives traffic or passes a health check. No such subnet
   * fails the plan, before anything is created.
   */
  get targetSubnetIds(): string[] {
    return this.once("target_subnets", () => {
      const albZones = TerraformIterator.fromDataSources(this.albSubnetDetails).forExpressionForList("val.availability_zone");
      return this.taggedSubnets(
        "target_subnets",
        [{ name: "availability-zone", values: albZones as unknown as string[] }],
        `No private subnet for the service's tasks: none tagged ${literal(this.settings.privateSubnetTag)} is both in the VPC of the shared load balancer ` +
          `${literal(this.settings.albName)} (${this.vpcId}) and in an Availability Zone the load balancer is enabled in (it routes only to targets in its zones). ` +
          "Tag that VPC's private subnets, enable the load balancer in their zones, or set privateSubnetTag or albName in the engine settings to the ones the platform uses.",
      );
    }).ids;
  }

  /** The subnets with the private-subnet tag in the ALB's VPC, narrowed by `filters`; none fails the plan with `missing`. */
  private taggedSubnets(id: string, filters: Array<{ name: string; values: string[] }>, missing: string): DataAwsSubnets {
    const [key, ...value] = this.settings.privateSubnetTag.split("=");
    return new DataAwsSubnets(this.scope, id, {
      filter: [{ name: "vpc-id", values: [this.vpcId] }, ...filters],
      tags: { [literal(key!)]: literal(value.join("=")) },
      lifecycle: { postcondition: [{ condition: `\${length(self.ids) >= ${MIN_PRIVATE_SUBNETS}}`, errorMessage: missing }] },
    });
  }

  /** The shared ALB's subnets looked up by id (one data source instance per subnet), for their Availability Zones. */
  private get albSubnetDetails(): DataAwsSubnet {
    return this.once("shared_alb_subnet", () => {
      const each = TerraformIterator.fromList(this.alb.subnets);
      return new DataAwsSubnet(this.scope, "shared_alb_subnet", { forEach: each, id: each.value });
    });
  }

  /** Ids of the private subnets, as a plan-time list token. */
  get privateSubnetIds(): string[] {
    return this.privateSubnets.ids;
  }

  /** Each private subnet looked up by id (one data source instance per subnet), for its Availability Zone. */
  get privateSubnetDetails(): DataAwsSubnet {
    return this.once("private_subnet", () => {
      const each = TerraformIterator.fromList(this.privateSubnetIds);
      return new DataAwsSubnet(this.scope, "private_subnet", { forEach: each, id: each.value });
    });
  }

  /**
   * One private subnet per Availability Zone, as a plan-time map `{ <az> = <subnet id> }`: the
   * lexically first subnet of each zone, so the choice is stable while the subnets are. For resources
   * that allow one per zone (EFS mount targets: two in one zone conflict).
   */
  get privateSubnetPerAz(): IResolvable {
    return this.once("private_subnet_per_az", () => {
      const byZone = TerraformIterator.fromDataSources(this.privateSubnetDetails).forExpressionForMap("val.availability_zone", "val.id...");
      return TerraformIterator.fromMap(byZone as unknown as Record<string, string[]>).forExpressionForMap("key", "sort(val)[0]");
    });
  }

  /** How many Availability Zones the private subnets span (known at plan time). */
  get privateAzCount(): number {
    return Fn.lengthOf(this.privateSubnetPerAz);
  }

  /** The stack's VPC: the shared ALB's, where its targets (and so the private subnets) must be. */
  get vpcId(): string {
    return this.alb.vpcId;
  }

  /** The shared application load balancer, by name. */
  get alb(): DataAwsLb {
    return this.once("shared_alb", () => new DataAwsLb(this.scope, "shared_alb", { name: this.settings.albName }));
  }

  /** The shared ALB's HTTPS listener. */
  get httpsListener(): DataAwsLbListener {
    return this.once(
      "shared_alb_https_listener",
      () => new DataAwsLbListener(this.scope, "shared_alb_https_listener", { loadBalancerArn: this.alb.arn, port: this.settings.httpsListenerPort }),
    );
  }

  /** The account the stack deploys into. */
  get accountId(): string {
    return this.once("current_account", () => new DataAwsCallerIdentity(this.scope, "current_account", {})).accountId;
  }

  /** The AWS partition (aws, aws-cn, aws-us-gov), for building ARNs. */
  get partition(): string {
    return this.once("current_partition", () => new DataAwsPartition(this.scope, "current_partition", {})).partition;
  }

  get region(): string {
    return this.settings.region;
  }

  /** `arn:<partition>:<service>:<region>:<account>:<resource>` for resources of this stack's account and region. */
  arn(service: string, resource: string): string {
    return `arn:${this.partition}:${service}:${this.region}:${this.accountId}:${resource}`;
  }
}
