// Time zones of schedules: IANA names (Europe/Paris, America/New_York, UTC), as EventBridge
// Scheduler takes them in `ScheduleExpressionTimezone`. Checked against the time zone database of
// the Node.js running the engine.
import { closest } from "../../config/suggest.js";
import type { ValueProblem } from "./value-problem.js";

/** A name is a word or words separated by `/` (no UTC offsets such as +01:00, which Scheduler refuses). */
const NAME_SHAPE = /^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/;
/** Names Intl resolves but does not list among its canonical zones. */
const ALIASES = ["UTC", "Etc/UTC", "GMT", "Etc/GMT"];

let canonical: ReadonlySet<string> | undefined;
function canonicalZones(): ReadonlySet<string> {
  // Read on first use, not at module load (the startup snapshot must not fix it at build time).
  canonical ??= new Set([...Intl.supportedValuesOf("timeZone"), ...ALIASES]);
  return canonical;
}

/** The zone Intl resolves `name` to (an alias resolves to its canonical zone), or undefined. */
function resolve(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

/** Checks an IANA time zone name; undefined when it names a zone. */
export function checkTimezone(name: string): ValueProblem | undefined {
  const zones = canonicalZones();
  if (zones.has(name)) return undefined;
  const resolved = NAME_SHAPE.test(name) ? resolve(name) : undefined;
  if (resolved !== undefined) {
    if (resolved === name) return undefined;
    // Intl ignores case, Scheduler does not: "europe/paris" resolves but must be written Europe/Paris.
    const lower = name.toLowerCase();
    const written = resolved.toLowerCase() === lower ? resolved : [...zones].find((zone) => zone.toLowerCase() === lower);
    // Otherwise an alias of another zone (US/Eastern: America/New_York), which the database keeps.
    if (written === undefined) return undefined;
    return { message: `time zone "${name}" is not spelled as in the IANA database`, hint: `write "${written}"`, offset: 0 };
  }
  const suggestion = closest(name, zones);
  return {
    message: `"${name}" is not an IANA time zone`,
    hint: suggestion ? `did you mean "${suggestion}"? (IANA names such as Europe/Paris or UTC)` : "use an IANA name such as Europe/Paris, America/New_York or UTC",
    offset: 0,
  };
}
