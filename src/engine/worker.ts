// A worker thread of processFiles: runs the per-spec pipeline over its slice of the files and posts
// each outcome back as it completes.
import { parentPort, workerData } from "node:worker_threads";
import { failedOutcome, processFile, type BatchOptions } from "./batch.js";

const { files, options } = workerData as { files: string[]; options: BatchOptions };
// A file that fails (an engine bug) is that file's outcome; the others go on. A worker that dies
// (out of memory) is replaced by the batch, which gives the file it was on the failure.
/** Test hook: a worker reaching a file of this name exits, as one that ran out of memory would. */
const exitOn = process.env.PLATFORM_TEST_WORKER_EXIT;
for (const [position, file] of files.entries()) {
  if (exitOn && file.endsWith(`/${exitOn}`)) process.exit(70);
  let outcome;
  try {
    outcome = await processFile(file, options);
  } catch (error) {
    outcome = failedOutcome(file, error);
  }
  parentPort!.postMessage({ outcome, position });
}
