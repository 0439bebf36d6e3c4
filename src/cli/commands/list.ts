// `platform list [--json]`: the stacks whose state is in the state bucket, with when each last changed.
import { stateBucketClient, s3Endpoint } from "../../lifecycle/aws.js";
import { listStacks } from "../../lifecycle/state-bucket.js";
import { stateRegionOf, type EngineSettings } from "../../settings/settings.js";
import { environmentArgument, settingsFor } from "../args.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";

/** `setup` and `list` work on the S3 state bucket; HCP Terraform keeps state itself. */
export function requireS3Backend(settings: EngineSettings, command: string): void {
  if (settings.backend !== "s3") {
    throw new UsageError(
      `${command} works on the S3 state bucket, but the backend is "${settings.backend}"`,
      "with HCP Terraform, state and workspaces are managed there; use --backend s3 for the S3 bucket",
    );
  }
}

export const list: Command = {
  name: "list",
  summary: "list the stacks that have state in the state bucket, with last-modified times",
  usage: "platform list [--json] [--env NAME]",
  options: { json: { type: "boolean" }, env: { type: "string" } },
  withSettings: true,
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new UsageError(`list takes no arguments; got ${positionals.join(" ")}`, "usage: platform list [--json]");
    const environment = environmentArgument(values.env);
    // With --env, that environment's block of the settings file (its own state bucket, if it has one).
    const settings = settingsFor(io, values, undefined, environment);
    requireS3Backend(settings, "list");
    const bucket = settings.stateBucket;
    const all = await listStacks({ client: stateBucketClient(settings, io.env), bucket, region: stateRegionOf(settings), endpoint: s3Endpoint(settings, io.env) });
    // --env: that environment's stacks only (stacks of specs without environments have none).
    const stacks = environment === undefined ? all : all.filter((stack) => stack.environment === environment);

    if (values.json) {
      io.stdout(`${JSON.stringify({ bucket, stacks }, null, 2)}\n`);
      return EXIT.ok;
    }
    if (stacks.length === 0) {
      io.stdout(`no stacks in s3://${bucket}\n`);
      return EXIT.ok;
    }
    const width = Math.max(4, ...stacks.map((stack) => stack.name.length)) + 2;
    io.stdout(`${"NAME".padEnd(width)}LAST MODIFIED (UTC)\n`);
    for (const stack of stacks) io.stdout(`${stack.name.padEnd(width)}${stack.lastModified.replace("T", " ").replace(/\.\d+Z$/, "Z")}\n`);
    return EXIT.ok;
  },
};
