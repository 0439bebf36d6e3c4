// Publishing synthesized stacks into `<out>/stacks`, so that whatever stops a synth (kill -9, a
// full disk, a folder that cannot be moved) every reader sees either the complete previous set or
// the complete new one, and concurrent commands on one `--out` never mix their output.
//
// Layout: `<out>/stacks` is a symbolic link to a generation folder `<out>/.platform-stacks/<gen>`.
// A publish builds the next generation beside the current one (unchanged stacks hard-linked from
// it, new ones moved in from staging), then swaps the link with one rename(2), which is atomic:
// that rename is the commit. Nothing a reader can see changes before it, and after it only
// leftovers remain, which the next command removes (recoverOutDir). A `stacks` folder from before
// this layout is moved into a generation once, recorded in a journal so an interruption between
// the move and the link is finished by the next command.
//
// Commands that write an `--out` hold `<out>/.platform-lock` (pid, host, time) for their whole run;
// a second one waits (saying so) or, told not to wait, fails; a lock whose process is gone is
// taken over.
import { copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { CliError, EXIT } from "../support/errors.js";

export const STACKS_DIR = "stacks";
/** Generation folders, one per publish; `stacks` links to one of them. */
export const GENERATIONS_DIR = ".platform-stacks";
export const LOCK_FILE = ".platform-lock";
const JOURNAL_FILE = ".platform-publish.json";
const NEXT_LINK = ".platform-stacks-next";
/** The generation published before the current one: kept for readers still inside it. */
const PREVIOUS_FILE = "previous";
/** Staging folders of synth runs (src/engine/synth.ts createStaging). */
const STAGING_PREFIX = ".platform-tmp-";
/** A lock file that cannot be read (being written, or damaged) counts as stale after this long. */
const UNREADABLE_LOCK_STALE_MS = 10_000;
const LOCK_POLL_MS = 200;

/** Why a publish or a lock failed: printed as one line, exit 3 (the file system or another process, not the spec). */
export class PublishError extends CliError {
  constructor(message: string) {
    super(message, EXIT.external);
  }
}

// ---------------------------------------------------------------------------------------------
// Test hook: PLATFORM_TEST_PUBLISH_PAUSE=<step> makes the publish stop at that step, after writing
// `<out>/.platform-test-paused-<step>`, until `<out>/.platform-test-continue` exists (or it is
// killed). Steps: start, generation, legacy-moved, swapped.
function pauseAt(outDir: string, step: string): void {
  if (process.env.PLATFORM_TEST_PUBLISH_PAUSE !== step) return;
  writeFileSync(join(outDir, `.platform-test-paused-${step}`), String(process.pid));
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (!existsSync(join(outDir, ".platform-test-continue"))) Atomics.wait(cell, 0, 0, 50);
}

// ---------------------------------------------------------------------------------------------
// The lock.

interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

function readHolder(file: string): LockHolder | undefined {
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as Partial<LockHolder>;
    return typeof parsed.pid === "number" && typeof parsed.host === "string" ? (parsed as LockHolder) : undefined;
  } catch {
    return undefined;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** Whether the lock at `file` belongs to nobody any more: its process is gone (on this host), or it is unreadable and old. */
function isStale(file: string): { stale: boolean; holder?: LockHolder } {
  const holder = readHolder(file);
  if (holder) return { stale: holder.host === hostname() && !processAlive(holder.pid), holder };
  try {
    return { stale: Date.now() - statSync(file).mtimeMs > UNREADABLE_LOCK_STALE_MS };
  } catch {
    return { stale: false }; // gone meanwhile: the next attempt takes it
  }
}

/** Creates the lock file with our identity, complete before it is visible (written aside, then linked into place). */
function tryLock(file: string): boolean {
  const mine = `${file}.${process.pid}`;
  writeFileSync(mine, JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() }));
  try {
    linkSync(mine, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    rmSync(mine, { force: true });
  }
}

/** Moves a stale lock aside; if what was moved turns out to be a live lock taken meanwhile, puts it back. */
function takeOver(file: string, stale: LockHolder | undefined): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // someone else took it over first
  }
  const moved = readHolder(aside);
  if (moved && stale && (moved.pid !== stale.pid || moved.host !== stale.host) && processAlive(moved.pid)) {
    try {
      linkSync(aside, file);
    } catch {
      // a third process holds it now; the one we moved will find its lock gone when it releases
    }
  }
  rmSync(aside, { force: true });
}

export interface LockOptions {
  /** Fail at once when another command holds the folder (default: wait for it). */
  noWait?: boolean;
  /** Told once when the command starts waiting. */
  onWait?: (message: string) => void;
}

/** Takes `<out>/.platform-lock`; returns the function that releases it. */
export async function lockOutDir(outDir: string, options: LockOptions = {}): Promise<() => void> {
  mkdirSync(outDir, { recursive: true });
  const file = join(outDir, LOCK_FILE);
  let told = false;
  for (;;) {
    if (tryLock(file)) break;
    const { stale, holder } = isStale(file);
    if (stale) {
      takeOver(file, holder);
      continue;
    }
    const who = holder ? `another platform command (pid ${holder.pid}${holder.host === hostname() ? "" : ` on ${holder.host}`}, since ${holder.since})` : "another platform command";
    if (options.noWait) throw new PublishError(`${outDir} is in use by ${who}; run again when it has finished, or without --no-wait to wait for it`);
    if (!told) {
      options.onWait?.(`waiting for ${who} to finish with ${outDir} ...`);
      told = true;
    }
    await new Promise((done) => setTimeout(done, LOCK_POLL_MS));
  }
  return () => {
    const holder = readHolder(file);
    if (holder?.pid === process.pid && holder.host === hostname()) rmSync(file, { force: true });
  };
}

/** Runs `work` holding the lock of `outDir`, after recovering whatever an interrupted command left there. */
export async function withLockedOutDir<T>(outDir: string, options: LockOptions, work: () => Promise<T>): Promise<T> {
  const release = await lockOutDir(outDir, options);
  try {
    recoverOutDir(outDir);
    return await work();
  } finally {
    release();
  }
}

// ---------------------------------------------------------------------------------------------
// Recovery and publishing (both only while holding the lock).

const isSymlink = (path: string) => {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
};

/** The generation folder `<out>/stacks` links to, if it is a link. */
function currentGeneration(outDir: string): string | undefined {
  const link = join(outDir, STACKS_DIR);
  return isSymlink(link) ? resolve(outDir, readlinkSync(link)) : undefined;
}

/** Points `<out>/stacks` at `generation` with one atomic rename. */
function swapLink(outDir: string, generation: string): void {
  const next = join(outDir, NEXT_LINK);
  rmSync(next, { force: true });
  symlinkSync(join(GENERATIONS_DIR, generation.slice(join(outDir, GENERATIONS_DIR).length + 1)), next);
  renameSync(next, join(outDir, STACKS_DIR));
}

const removeQuietly = (path: string) => {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    // best effort: a folder the user made read-only stays until it can be removed
  }
};

/**
 * Finishes or undoes what an interrupted command left in `outDir`: a legacy `stacks` folder moved
 * but not yet replaced by its link is replaced now (the journal names the complete generation);
 * half-built generations, staging folders and a dangling next-link are removed.
 */
export function recoverOutDir(outDir: string): void {
  const journalFile = join(outDir, JOURNAL_FILE);
  if (existsSync(journalFile)) {
    let journal: { to?: string } = {};
    try {
      journal = JSON.parse(readFileSync(journalFile, "utf8")) as { to?: string };
    } catch {
      // written before anything moved: nothing to finish
    }
    const stacks = join(outDir, STACKS_DIR);
    const target = journal.to ? join(outDir, GENERATIONS_DIR, journal.to) : undefined;
    // The legacy folder was moved away but the link never made: finish the publish.
    if (!existsSync(stacks) && !isSymlink(stacks) && target && existsSync(target)) swapLink(outDir, target);
    rmSync(journalFile, { force: true });
  }
  rmSync(join(outDir, NEXT_LINK), { force: true });
  for (const entry of safeEntries(outDir)) if (entry.startsWith(STAGING_PREFIX)) removeQuietly(join(outDir, entry));
  collectGenerations(outDir);
}

function safeEntries(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Removes every generation but the current one and the one before it. */
function collectGenerations(outDir: string): void {
  const folder = join(outDir, GENERATIONS_DIR);
  const current = currentGeneration(outDir);
  let previous: string | undefined;
  try {
    previous = join(folder, readFileSync(join(folder, PREVIOUS_FILE), "utf8").trim());
  } catch {
    previous = undefined;
  }
  for (const entry of safeEntries(folder)) {
    const path = join(folder, entry);
    if (entry === PREVIOUS_FILE || path === current || path === previous) continue;
    removeQuietly(path);
  }
}

/** A copy of the tree at `from` made of hard links (cheap; terraform's provider folders can be large). */
function linkTree(from: string, to: string): void {
  const stats = lstatSync(from);
  if (stats.isSymbolicLink()) {
    symlinkSync(readlinkSync(from), to);
  } else if (stats.isDirectory()) {
    mkdirSync(to);
    for (const entry of readdirSync(from)) linkTree(join(from, entry), join(to, entry));
  } else {
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  }
}

let sequence = 0;

/**
 * Publishes the stacks staged in `<staging>/stacks/<name>` into `<out>/stacks`, replacing earlier
 * output of the same stacks only (the others are carried over). Atomic for readers; on failure
 * before the swap nothing visible changed and a PublishError says what failed. Returns the
 * published stack folders.
 */
export function publishStacks(outDir: string, staging: string, names: readonly string[]): string[] {
  pauseAt(outDir, "start");
  const stacks = join(outDir, STACKS_DIR);
  const generations = join(outDir, GENERATIONS_DIR);
  const current = currentGeneration(outDir);
  const legacy = !current && existsSync(stacks) && statSync(stacks).isDirectory() ? stacks : undefined;
  const source = current ?? legacy;
  const name = `g${Date.now()}-${process.pid}-${sequence++}`;
  const generation = join(generations, name);
  try {
    mkdirSync(generation, { recursive: true });
    const replaced = new Set(names);
    for (const entry of source ? readdirSync(source) : []) {
      if (!replaced.has(entry)) linkTree(join(source!, entry), join(generation, entry));
    }
    for (const stack of names) renameSync(join(staging, STACKS_DIR, stack), join(generation, stack));
    pauseAt(outDir, "generation");
    if (legacy) {
      // The one moment `stacks` is missing: recorded first, so the next command finishes it.
      writeFileSync(join(outDir, JOURNAL_FILE), JSON.stringify({ to: name }));
      renameSync(legacy, join(generations, `legacy-${name}`));
      pauseAt(outDir, "legacy-moved");
    }
  } catch (error) {
    removeQuietly(generation);
    if (legacy && !existsSync(stacks)) {
      // Moved but not linked: put the folder back.
      try {
        renameSync(join(generations, `legacy-${name}`), stacks);
      } catch {
        // recoverOutDir finishes it from the journal
      }
    }
    rmSync(join(outDir, JOURNAL_FILE), { force: true });
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    const where = (error as NodeJS.ErrnoException).path;
    throw new PublishError(`could not publish into ${stacks}: ${code}${where ? ` (${where})` : ""}; the previous stacks are unchanged`);
  }
  swapLink(outDir, generation);
  rmSync(join(outDir, JOURNAL_FILE), { force: true });
  // Kept until the next publish, for readers still inside it.
  const previous = current ? current.slice(generations.length + 1) : legacy ? `legacy-${name}` : undefined;
  if (previous) writeFileSync(join(generations, PREVIOUS_FILE), previous);
  pauseAt(outDir, "swapped");
  collectGenerations(outDir);
  return names.map((stack) => join(stacks, stack));
}
