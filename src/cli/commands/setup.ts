// `platform setup`: creates the state bucket when missing and makes sure it is versioned,
// encrypted, closed to the public and reachable over TLS only. Safe to run again at any time.
import { ignoredRegionNote, stateBucketClient, s3Endpoint } from "../../lifecycle/aws.js";
import { setUpStateBucket, type SetupStep } from "../../lifecycle/state-bucket.js";
import { stateRegionOf } from "../../settings/settings.js";
import { environmentArgument, settingsFor } from "../args.js";
import type { Command } from "../command.js";
import { EXIT, UsageError } from "../errors.js";
import { plural } from "../report.js";
import { requireS3Backend } from "./list.js";

export const setup: Command = {
  name: "setup",
  summary: "create the state bucket if missing, with versioning, encryption, public access blocked and TLS-only access",
  usage: "platform setup [--env NAME] [--state-bucket NAME] [--state-region REGION]  (--env: the state bucket of that environment's block in the platform settings file)",
  options: { env: { type: "string" } },
  withSettings: true,
  async run({ values, positionals }, io) {
    if (positionals.length > 0) throw new UsageError(`setup takes no arguments; got ${positionals.join(" ")}`, "usage: platform setup [--state-bucket NAME]");
    const settings = settingsFor(io, values, undefined, environmentArgument(values.env));
    requireS3Backend(settings, "setup");
    const endpoint = s3Endpoint(settings, io.env);
    const bucket = settings.stateBucket;
    const region = stateRegionOf(settings);
    const note = ignoredRegionNote(region, io.env, "the state bucket", "--state-region / PLATFORM_STATE_REGION, else --region / PLATFORM_REGION");
    if (note) io.stderr(`${note}\n`);
    io.stdout(`state bucket s3://${bucket} (${region}${endpoint ? `, endpoint ${endpoint.url}` : ""})\n`);

    const steps = await setUpStateBucket({ client: stateBucketClient(settings, io.env), bucket, region, endpoint }, (step) =>
      io.stdout(`  ${step.step.padEnd(22)}${step.detail}\n`),
    );

    const unsupported = steps.filter((step: SetupStep) => step.outcome === "unsupported").map((step) => step.step);
    if (unsupported.length > 0) {
      io.stderr(
        `warning: ${endpoint?.url ?? "the endpoint"} does not implement ${unsupported.join(", ")}: this bucket is not hardened (acceptable for a local test server, never for real state)\n`,
      );
    }
    const changed = steps.filter((step) => step.outcome === "created" || step.outcome === "changed").length;
    io.stdout(`s3://${bucket} is ready: ${changed === 0 ? "nothing to change" : `${plural(changed, "change")} made`}\n`);
    return EXIT.ok;
  },
};
