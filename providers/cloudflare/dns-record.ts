// Written by scripts/add-provider-binding.mjs: DnsRecord, imported by deep path.
import type * as Binding from "@cdktf/provider-cloudflare/lib/dns-record/index.js";
import { load } from "../load.js";

export const { DnsRecord } = load<typeof Binding>("@cdktf/provider-cloudflare/lib/dns-record");
export type DnsRecord = Binding.DnsRecord;
export type * from "@cdktf/provider-cloudflare/lib/dns-record/index.js";
