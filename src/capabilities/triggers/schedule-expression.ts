// EventBridge Scheduler schedule expressions: `cron(...)`, `rate(...)` and `at(...)`, checked the way
// the service documents them (Amazon EventBridge Scheduler User Guide, "Schedule types"), so that a
// wrong expression fails at `validate` with the offending field instead of at `terraform apply`.
import type { ValueProblem } from "./value-problem.js";

const CRON_SHAPE = "cron(minutes hours day-of-month month day-of-week year)";
const MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const WEEKDAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface CronField {
  name: string;
  min: number;
  max: number;
  /** Names standing for min, min + 1, ... (months, weekdays). */
  names?: readonly string[];
  /** `/` allowed (every field but day-of-week). */
  steps: boolean;
  /** The day fields: `?`, `L` and (day-of-month) `W` or (day-of-week) `#`. */
  day?: "month" | "week";
}

const CRON_FIELDS: readonly CronField[] = [
  { name: "minutes", min: 0, max: 59, steps: true },
  { name: "hours", min: 0, max: 23, steps: true },
  { name: "day-of-month", min: 1, max: 31, steps: true, day: "month" },
  { name: "month", min: 1, max: 12, names: MONTHS, steps: true },
  { name: "day-of-week", min: 1, max: 7, names: WEEKDAYS, steps: false, day: "week" },
  { name: "year", min: 1970, max: 2199, steps: true },
];

/** A problem with one field of a cron expression, its offset relative to the field. */
type FieldProblem = { message: string; hint: string; at?: number };

/**
 * Checks one schedule expression. Returns the first problem found, with `offset` pointing into
 * `expression` at the part at fault, or undefined when EventBridge Scheduler accepts it.
 */
export function checkScheduleExpression(expression: string): ValueProblem | undefined {
  const match = /^(cron|rate|at)\((.*)\)$/s.exec(expression);
  if (!match) {
    const kind = /^\s*(cron|rate|at)\b/i.exec(expression)?.[1]?.toLowerCase();
    if (kind && expression !== expression.trim()) {
      return { message: "has spaces around the expression", hint: `write it without leading or trailing spaces, e.g. ${kind}(...)`, offset: 0 };
    }
    return {
      message: `"${expression}" is not a schedule expression`,
      hint: "write cron(0 3 * * ? *) (six fields), rate(5 minutes) or at(2030-01-31T09:00:00)",
      offset: 0,
    };
  }
  const [, kind, body] = match as unknown as [string, "cron" | "rate" | "at", string];
  const bodyOffset = kind.length + 1;
  const problem = kind === "cron" ? checkCron(body) : kind === "rate" ? checkRate(body) : checkAt(body);
  if (!problem) return undefined;
  return { message: problem.message, hint: problem.hint, offset: bodyOffset + (problem.at ?? 0) };
}

/** Splits on white space, keeping each word's offset. */
function words(text: string): { text: string; at: number }[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ text: m[0], at: m.index }));
}

function checkCron(body: string): FieldProblem | undefined {
  const fields = words(body);
  if (fields.length !== CRON_FIELDS.length) {
    const hint =
      fields.length === 7
        ? `EventBridge has no seconds field: drop the first field, ${CRON_SHAPE}`
        : fields.length === 5
          ? `add the year field (* for every year): ${CRON_SHAPE}`
          : `write ${CRON_SHAPE}, e.g. cron(0 3 * * ? *)`;
    return { message: `cron expression has ${fields.length} field${fields.length === 1 ? "" : "s"}; EventBridge Scheduler takes six`, hint, at: 0 };
  }
  for (const [index, spec] of CRON_FIELDS.entries()) {
    const field = fields[index]!;
    const problem = checkCronField(field.text, spec);
    if (problem) return { ...problem, at: field.at + (problem.at ?? 0) };
  }
  const dayOfMonth = fields[2]!;
  const dayOfWeek = fields[4]!;
  if (dayOfMonth.text === "?" && dayOfWeek.text === "?") {
    return { message: "both day-of-month and day-of-week are ?", hint: "use ? in exactly one of them and a value or * in the other, e.g. cron(0 3 * * ? *)", at: dayOfMonth.at };
  }
  if (dayOfMonth.text !== "?" && dayOfWeek.text !== "?") {
    return {
      message: `day-of-month (${dayOfMonth.text}) and day-of-week (${dayOfWeek.text}) are both set`,
      hint: "EventBridge needs ? in one of them: ? in day-of-week to pick days of the month (cron(0 3 * * ? *)), or ? in day-of-month to pick weekdays (cron(0 3 ? * MON-FRI *))",
      at: dayOfWeek.at,
    };
  }
  return undefined;
}

function allowedWildcards(spec: CronField): string {
  const extra = spec.day === "month" ? " ? L W" : spec.day === "week" ? " ? L #" : "";
  return `, - *${spec.steps ? " /" : ""}${extra}`;
}

function valueRange(spec: CronField): string {
  const names = spec.names ? ` or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : "";
  return `${spec.min}-${spec.max}${names}`;
}

function checkCronField(text: string, spec: CronField): FieldProblem | undefined {
  if (text === "?") {
    if (spec.day) return undefined;
    return { message: `? is not allowed in the ${spec.name} field`, hint: "? is for day-of-month or day-of-week only; use * here", at: 0 };
  }
  if (text.includes("#")) {
    if (spec.day !== "week") return { message: `# is not allowed in the ${spec.name} field`, hint: "# picks the nth weekday of the month and belongs in day-of-week (3#2: the second Tuesday)", at: text.indexOf("#") };
    const nth = /^([^#,]+)#([1-5])$/.exec(text);
    if (!nth) {
      return {
        message: `"${text}" is not a valid # expression in day-of-week`,
        hint: "write <weekday>#<1-5> alone in the field, e.g. 3#2 or TUE#2 (the second Tuesday); a list with # is not allowed",
        at: 0,
      };
    }
    return checkCronValue(nth[1]!, spec, 0);
  }
  let at = 0;
  for (const item of text.split(",")) {
    const problem = checkCronItem(item, spec, at, text);
    if (problem) return problem;
    at += item.length + 1;
  }
  return undefined;
}

function checkCronItem(item: string, spec: CronField, at: number, field: string): FieldProblem | undefined {
  if (item === "") return { message: `the ${spec.name} field "${field}" has an empty list item`, hint: "separate values with single commas, e.g. 1,15", at };
  if (item === "?") return { message: `? must be the whole ${spec.name} field`, hint: "write ? alone, not in a list", at };
  if (spec.day === "month" && (item === "L" || item === "LW")) return field === item ? undefined : { message: `${item} must be the whole day-of-month field`, hint: `write ${item} alone, not in a list`, at };
  if (spec.day === "month" && item.endsWith("W")) {
    if (field !== item) return { message: "W must be the whole day-of-month field", hint: "write one <day>W alone, e.g. 15W (the weekday nearest the 15th)", at };
    const day = item.slice(0, -1);
    if (!/^\d+$/.test(day)) return { message: `"${item}" is not a valid W expression`, hint: "write <day>W with a day of 1-31, e.g. 15W", at };
    return checkCronValue(day, spec, at);
  }
  if (spec.day === "week" && item.endsWith("L")) {
    if (field !== item) return { message: "L must be the whole day-of-week field", hint: "write L or <weekday>L alone, e.g. 6L (the last Friday of the month)", at };
    return item === "L" ? undefined : checkCronValue(item.slice(0, -1), spec, at);
  }
  const [range, step, ...more] = item.split("/");
  if (step !== undefined) {
    if (!spec.steps) return { message: `/ is not allowed in the ${spec.name} field`, hint: `the ${spec.name} field takes ${allowedWildcards(spec)}; list the days instead, e.g. MON,WED,FRI`, at: at + item.indexOf("/") };
    const stepAt = at + range!.length + 1;
    if (more.length > 0 || !/^\d+$/.test(step)) return { message: `"${item}" has an invalid increment`, hint: `write <start>/<increment> with a whole number, e.g. 0/15`, at: stepAt };
    const increment = Number(step);
    if (increment < 1 || increment > spec.max) return { message: `increment ${step} is outside 1-${spec.max} in the ${spec.name} field`, hint: `use an increment between 1 and ${spec.max}`, at: stepAt };
  }
  if (range === "*") return undefined;
  const dash = range!.indexOf("-", 1);
  if (dash === -1) return checkCronValue(range!, spec, at);
  const start = range!.slice(0, dash);
  const end = range!.slice(dash + 1);
  const startProblem = checkCronValue(start, spec, at);
  if (startProblem) return startProblem;
  const endProblem = checkCronValue(end, spec, at + dash + 1);
  if (endProblem) return endProblem;
  if (cronNumber(start, spec)! > cronNumber(end, spec)!) {
    return { message: `range ${range} in the ${spec.name} field runs backwards`, hint: `write the smaller value first (${end}-${start}), or list the values`, at };
  }
  return undefined;
}

function cronNumber(text: string, spec: CronField): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  const named = spec.names?.indexOf(text.toUpperCase()) ?? -1;
  return named === -1 ? undefined : spec.min + named;
}

function checkCronValue(text: string, spec: CronField, at: number): FieldProblem | undefined {
  const value = cronNumber(text, spec);
  if (value === undefined) {
    const wildcards = allowedWildcards(spec);
    return { message: `"${text}" is not a valid ${spec.name} value`, hint: `the ${spec.name} field takes ${valueRange(spec)} and the wildcards ${wildcards}`, at };
  }
  if (value < spec.min || value > spec.max) return { message: `${text} is outside ${valueRange(spec)} in the ${spec.name} field`, hint: `use a value from ${spec.min} to ${spec.max}`, at };
  return undefined;
}

const RATE_UNITS = { minute: "minutes", hour: "hours", day: "days" } as const;

function checkRate(body: string): FieldProblem | undefined {
  const parts = words(body);
  const example = "write rate(<number> <unit>), e.g. rate(1 hour) or rate(15 minutes)";
  if (parts.length !== 2) return { message: `rate expression "${body}" needs a value and a unit`, hint: example, at: 0 };
  const [value, unit] = parts as [{ text: string; at: number }, { text: string; at: number }];
  if (!/^\d+$/.test(value.text) || Number(value.text) < 1) return { message: `rate value "${value.text}" is not a positive whole number`, hint: example, at: value.at };
  const amount = Number(value.text);
  const singular = Object.keys(RATE_UNITS).find((key) => key === unit.text || RATE_UNITS[key as keyof typeof RATE_UNITS] === unit.text) as keyof typeof RATE_UNITS | undefined;
  if (!singular) return { message: `rate unit "${unit.text}" is not one of minute(s), hour(s), day(s)`, hint: example, at: unit.at };
  if (amount === 1 && unit.text !== singular) return { message: `rate of 1 takes the singular unit "${singular}"`, hint: `write rate(1 ${singular})`, at: unit.at };
  if (amount > 1 && unit.text === singular) return { message: `rate of ${amount} takes the plural unit "${RATE_UNITS[singular]}"`, hint: `write rate(${amount} ${RATE_UNITS[singular]})`, at: unit.at };
  return undefined;
}

function checkAt(body: string): FieldProblem | undefined {
  const hint = "write at(yyyy-mm-ddThh:mm:ss), e.g. at(2030-01-31T09:00:00), in the schedule's time zone";
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body);
  if (!match) return { message: `"${body}" is not a timestamp of the form yyyy-mm-ddThh:mm:ss`, hint, at: 0 };
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  // Date.UTC rolls invalid parts over (Feb 30 -> Mar 2): a round trip shows whether each part was valid.
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  const valid =
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second;
  if (!valid) return { message: `${body} is not a real date and time`, hint, at: 0 };
  return undefined;
}
