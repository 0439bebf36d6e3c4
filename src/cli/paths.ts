// Path arguments checked before any work: an `--out` folder or a spec path that cannot be what the
// command needs is a one-line usage error (exit 2), found in bounded time, instead of an internal
// error (EEXIST, ENOTDIR, ELOOP, EACCES), a hang (a FIFO, /proc) or output in the wrong place.
import { accessSync, constants, lstatSync, realpathSync, statSync, type Stats } from "node:fs";
import { dirname, resolve } from "node:path";
import { echo } from "../support/echo.js";
import { UsageError } from "./errors.js";

/** One line: what is wrong with the path, then how to fix it. */
const refuse = (message: string, fix: string) => new UsageError(`${message}: ${fix}`);

/** Kernel and device file systems: never an output folder (writing there hangs or does something else entirely). */
const SYSTEM_FOLDERS = ["/proc", "/sys", "/dev"];

const under = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/** What a non-folder, non-file is, for messages. */
function kindOf(stats: Stats): string {
  if (stats.isFIFO()) return "a FIFO (named pipe)";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  if (stats.isSocket()) return "a socket";
  if (stats.isFile()) return "a file";
  return "not a folder";
}

function statOrCode(path: string, follow: boolean): Stats | string {
  try {
    return follow ? statSync(path) : lstatSync(path);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? "EUNKNOWN";
  }
}

const writable = (folder: string) => {
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? "EACCES";
  }
};

/**
 * The absolute `--out` folder for `raw`, or a UsageError saying why it cannot be one: empty, a
 * file, a device or FIFO, a dangling or looping symbolic link, a system folder, or a folder (or,
 * when it does not exist yet, its nearest existing parent) that is not writable.
 */
export function checkOutDir(raw: string, cwd: string, flag = "--out"): string {
  const hint = `give ${flag} a folder you can write to (created when missing)`;
  if (raw.trim() === "") throw refuse(`${flag} is empty`, hint);
  const path = resolve(cwd, raw);
  const shown = echo(raw);
  const link = statOrCode(path, false);
  if (typeof link !== "string" && link.isSymbolicLink()) {
    const target = statOrCode(path, true);
    if (target === "ELOOP") throw refuse(`${flag} ${shown} is a symbolic link loop`, hint);
    if (target === "ENOENT") throw refuse(`${flag} ${shown} is a symbolic link to nothing`, hint);
  }
  const stats = statOrCode(path, true);
  if (stats === "ELOOP") throw refuse(`${flag} ${shown} goes through a symbolic link loop`, hint);
  if (stats === "ENOTDIR") throw refuse(`${flag} ${shown} is below a file, not a folder`, hint);
  // The folder itself, or the nearest ancestor that exists (everything below it will be created).
  let existing = path;
  if (typeof stats === "string") {
    if (stats !== "ENOENT") throw refuse(`${flag} ${shown} cannot be used (${stats})`, hint);
    while (typeof statOrCode(existing, true) === "string" && dirname(existing) !== existing) existing = dirname(existing);
    const ancestor = statOrCode(existing, true);
    if (typeof ancestor === "string" || !ancestor.isDirectory()) throw refuse(`${flag} ${shown} cannot be created: ${existing} is not a folder`, hint);
  } else if (!stats.isDirectory()) {
    throw refuse(`${flag} ${shown} is ${kindOf(stats)}, not a folder`, hint);
  }
  let real = existing;
  try {
    real = realpathSync(existing);
  } catch {
    // checked above; a race is reported by the write itself
  }
  if (SYSTEM_FOLDERS.some((folder) => under(real, folder))) throw refuse(`${flag} ${shown} is in ${real.split("/").slice(0, 2).join("/")}, a system folder`, hint);
  const denied = writable(existing);
  if (denied) {
    const what = existing === path ? `${flag} ${shown} is not writable` : `${flag} ${shown} cannot be created: ${existing} is not writable`;
    throw refuse(`${what} (${denied === "EROFS" ? "read-only file system" : denied})`, hint);
  }
  return path;
}

/**
 * Spec paths that can never be a spec: empty, a symbolic link loop, a device, a FIFO or a socket
 * (reading one blocks or never ends). A missing file or a folder is reported per file with the
 * other files' results, as before; these are mistakes in the command line itself.
 */
export function checkSpecPaths(positionals: readonly string[], cwd: string): void {
  const hint = "pass the path of a platform.yaml";
  for (const raw of positionals) {
    if (raw.trim() === "") throw refuse("a spec path is empty", hint);
    const path = resolve(cwd, raw);
    const stats = statOrCode(path, true);
    let real = path;
    try {
      real = realpathSync(path);
    } catch {
      // missing: reported per file
    }
    if (SYSTEM_FOLDERS.some((folder) => under(real, folder))) throw refuse(`${echo(raw)} is in ${real.split("/").slice(0, 2).join("/")}, a system folder, not a spec file`, hint);
    if (stats === "ELOOP") throw refuse(`${echo(raw)} is a symbolic link loop`, hint);
    if (typeof stats !== "string" && !stats.isFile() && !stats.isDirectory()) throw refuse(`${echo(raw)} is ${kindOf(stats)}, not a spec file`, hint);
  }
}
