// A Cloudflare Access application guarding the service's host names with the account's reusable policy.
import type { TerraformStack } from "../../../providers/cdktf.js";
import { ZeroTrustAccessApplication } from "../../../providers/cloudflare/zero-trust-access-application.js";

export interface AccessApplicationArgs {
  accountId: string;
  name: string;
  domain: string;
  /** Further host names the application covers (with `domain`, as its destinations). */
  extraDomains?: string[];
  /** Id of an account-scoped, reusable Access policy. */
  policyId: string;
}

export function accessApplication(scope: TerraformStack, id: string, args: AccessApplicationArgs): ZeroTrustAccessApplication {
  return new ZeroTrustAccessApplication(scope, id, {
    accountId: args.accountId,
    type: "self_hosted",
    name: args.name,
    domain: args.domain,
    ...(args.extraDomains?.length ? { destinations: [args.domain, ...args.extraDomains].map((uri) => ({ type: "public", uri })) } : {}),
    // Precedence starts at 1; with one policy it is the only one evaluated.
    policies: [{ id: args.policyId, precedence: 1 }],
  });
}
