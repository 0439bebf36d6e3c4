// A proxied Cloudflare CNAME: the service's public name, served through Cloudflare to the shared ALB.
import type { TerraformStack } from "../../../providers/cdktf.js";
import { DnsRecord } from "../../../providers/cloudflare/dns-record.js";

/** Cloudflare's "automatic" TTL, the only one allowed for proxied records. */
const AUTOMATIC_TTL = 1;

export function proxiedCname(scope: TerraformStack, id: string, args: { zoneId: string; name: string; target: string; comment: string }): DnsRecord {
  return new DnsRecord(scope, id, {
    zoneId: args.zoneId,
    name: args.name,
    type: "CNAME",
    content: args.target,
    proxied: true,
    ttl: AUTOMATIC_TTL,
    comment: args.comment,
  });
}
