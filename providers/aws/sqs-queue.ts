// Written by scripts/add-provider-binding.mjs: SqsQueue, imported by deep path.
import type * as Binding from "@cdktf/provider-aws/lib/sqs-queue/index.js";
import { load } from "../load.js";

export const { SqsQueue } = load<typeof Binding>("@cdktf/provider-aws/lib/sqs-queue");
export type SqsQueue = Binding.SqsQueue;
export type * from "@cdktf/provider-aws/lib/sqs-queue/index.js";
