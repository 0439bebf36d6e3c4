// A worker thread of processFiles: runs the per-spec pipeline over its slice of the files and posts
// each outcome back as it completes.
import { parentPort, workerData } from "node:worker_threads";
import { processFile, type BatchOptions } from "./batch.js";

const { files, options } = workerData as { files: string[]; options: BatchOptions };
try {
  for (const [position, file] of files.entries()) parentPort!.postMessage({ outcome: await processFile(file, options), position });
} catch (error) {
  // The message and the stack apart: the command prints the message, and the stack with --debug.
  parentPort!.postMessage({ error: error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) } });
}
