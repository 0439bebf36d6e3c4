import { describe, expect, it } from "vitest";
import { checkScheduleExpression } from "../../../src/capabilities/triggers/schedule-expression.js";

describe("schedule expressions EventBridge Scheduler accepts", () => {
  it.each([
    "cron(0 3 * * ? *)",
    "cron(0/15 * * * ? *)",
    "cron(*/5 8-18 ? * MON-FRI *)",
    "cron(0 9 ? * 2#1 *)",
    "cron(0 9 ? * TUE#2 *)",
    "cron(0 9 L * ? *)",
    "cron(0 9 LW * ? *)",
    "cron(0 9 15W * ? *)",
    "cron(0 9 ? * 6L *)",
    "cron(0 9 ? * L *)",
    "cron(30 12 1,15 JAN,JUL ? 2030-2035)",
    "cron(0 0 1 1/3 ? *)",
    "cron(0 10 * * ? 2199)",
    "cron(0  3  *  *  ?  *)",
    "rate(1 minute)",
    "rate(5 minutes)",
    "rate(1 hour)",
    "rate(12 hours)",
    "rate(1 day)",
    "rate(7 days)",
    "at(2030-01-31T09:00:00)",
    "at(2028-02-29T23:59:59)",
  ])("%s", (expression) => {
    expect(checkScheduleExpression(expression)).toBeUndefined();
  });
});

describe("schedule expressions refused, with the offset of the part at fault", () => {
  // [expression, fragment of the message, offset into the expression]
  it.each([
    ["cron(0 0 3 * * ? *)", "has 7 fields; EventBridge Scheduler takes six", 5],
    ["cron(0 3 * * *)", "has 5 fields", 5],
    ["cron(0 3 * * * *)", "day-of-month (*) and day-of-week (*) are both set", 13],
    ["cron(0 3 1 * MON *)", "day-of-month (1) and day-of-week (MON) are both set", 13],
    ["cron(0 3 ? * ? *)", "both day-of-month and day-of-week are ?", 9],
    ["cron(60 3 * * ? *)", "60 is outside 0-59 in the minutes field", 5],
    ["cron(0 24 * * ? *)", "24 is outside 0-23 in the hours field", 7],
    ["cron(0 3 32 * ? *)", "32 is outside 1-31 in the day-of-month field", 9],
    ["cron(0 3 0 * ? *)", "0 is outside 1-31 in the day-of-month field", 9],
    ["cron(0 3 * 13 ? *)", "13 is outside 1-12 or JAN-DEC in the month field", 11],
    ["cron(0 3 * FOO ? *)", '"FOO" is not a valid month value', 11],
    ["cron(0 3 ? * 8 *)", "8 is outside 1-7 or SUN-SAT in the day-of-week field", 13],
    ["cron(0 3 ? * MON-XYZ *)", '"XYZ" is not a valid day-of-week value', 17],
    ["cron(0 3 * * ? 1969)", "1969 is outside 1970-2199 in the year field", 15],
    ["cron(? 3 * * ? *)", "? is not allowed in the minutes field", 5],
    ["cron(0 3 * * ? *) ", "has spaces around the expression", 0],
    ["cron(0 18-9 * * ? *)", "range 18-9 in the hours field runs backwards", 7],
    ["cron(0/0 3 * * ? *)", "increment 0 is outside 1-59", 7],
    ["cron(0/x 3 * * ? *)", "has an invalid increment", 7],
    ["cron(0 3 ? * MON/2 *)", "/ is not allowed in the day-of-week field", 16],
    ["cron(0 3 ? * 2#1,6#3 *)", "is not a valid # expression", 13],
    ["cron(0 3 ? * 2#6 *)", "is not a valid # expression", 13],
    ["cron(0 3 1# * ? *)", "# is not allowed in the day-of-month field", 10],
    ["cron(0 3 1,15W * ? *)", "W must be the whole day-of-month field", 11],
    ["cron(0 3 32W * ? *)", "32 is outside 1-31", 9],
    ["cron(0 3 1,,2 * ? *)", "has an empty list item", 11],
    ["cron(0 3 ? * 1,5L *)", "L must be the whole day-of-week field", 15],
    ["rate(5 minute)", 'rate of 5 takes the plural unit "minutes"', 7],
    ["rate(1 hours)", 'rate of 1 takes the singular unit "hour"', 7],
    ["rate(0 days)", 'rate value "0" is not a positive whole number', 5],
    ["rate(2 weeks)", 'rate unit "weeks" is not one of minute(s), hour(s), day(s)', 7],
    ["rate(5)", "needs a value and a unit", 5],
    ["at(2030-02-30T09:00:00)", "is not a real date and time", 3],
    ["at(2030-01-31T24:00:00)", "is not a real date and time", 3],
    ["at(2030-01-31 09:00:00)", "is not a timestamp of the form yyyy-mm-ddThh:mm:ss", 3],
    ["at(2030-01-31T09:00:00Z)", "is not a timestamp of the form", 3],
    ["every day at 3", "is not a schedule expression", 0],
    ["CRON(0 3 * * ? *)", "is not a schedule expression", 0],
  ])("%s: %s", (expression, fragment, offset) => {
    const problem = checkScheduleExpression(expression);
    expect(problem?.message).toContain(fragment);
    expect(problem?.offset).toBe(offset);
    expect(problem?.hint.length).toBeGreaterThan(10);
  });

  it("hints to drop the seconds field of a seven-field (Quartz) expression", () => {
    expect(checkScheduleExpression("cron(0 0 3 * * ? *)")?.hint).toContain("no seconds field");
  });

  it("hints where ? goes when both day fields are set", () => {
    expect(checkScheduleExpression("cron(0 3 * * * *)")?.hint).toContain("? in day-of-week");
  });
});
