// Written by scripts/add-provider-binding.mjs: SqsQueuePolicy, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/sqs-queue-policy/index.js";
import { load } from "../load.js";

export const { SqsQueuePolicy } = load<typeof Binding>("@cdktf/provider-aws/lib/sqs-queue-policy");
export type SqsQueuePolicy = Binding.SqsQueuePolicy;
export type * from "@cdktf/provider-aws/lib/sqs-queue-policy/index.js";
