// Entry point of a stand-in provider process (bundled by scripts/offline-terraform.mjs).
import { main } from "./server.js";

main().catch((error: unknown) => {
  process.stderr.write(`stand-in provider failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
