// Starts s3rver (an S3-compatible server) on 127.0.0.1 and a free port, with its data in a temp folder.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import S3rver from "s3rver";

// The SDK's Node 20 end-of-support notice would clutter every test run's output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";

/** s3rver checks request signatures against these keys. */
export const S3RVER_CREDENTIALS = { AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" } as const;

export interface S3Server {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startS3Server(buckets: string[] = []): Promise<S3Server> {
  const directory = await mkdtemp(join(tmpdir(), "platform-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

/**
 * The environment of a command that talks to the loopback server only: dummy keys s3rver accepts,
 * no instance metadata, no shared config files, and a Terraform CLI config whose only provider
 * source is an empty folder (so nothing is ever downloaded).
 */
export function loopbackEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...S3RVER_CREDENTIALS,
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_CONFIG_FILE: "/nonexistent/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
    HOME: process.env.HOME,
    ...extra,
  };
}
