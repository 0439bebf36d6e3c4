import { describe, expect, it } from "vitest";
import { checkTimezone } from "../../../src/capabilities/triggers/timezone.js";

describe("time zones of schedules", () => {
  it.each(["UTC", "Europe/Paris", "America/New_York", "Asia/Tokyo", "Etc/GMT+5", "US/Eastern", "Etc/UTC"])("accepts %s", (zone) => {
    expect(checkTimezone(zone)).toBeUndefined();
  });

  // [written, fragment of the message, fragment of the hint]
  it.each([
    ["Europe/Pariss", '"Europe/Pariss" is not an IANA time zone', 'did you mean "Europe/Paris"'],
    ["Mars/Olympus_Mons", "is not an IANA time zone", "use an IANA name"],
    ["+01:00", "is not an IANA time zone", "IANA"],
    ["CET+1", "is not an IANA time zone", "IANA"],
    ["europe/paris", "is not spelled as in the IANA database", 'write "Europe/Paris"'],
    ["utc", "is not spelled as in the IANA database", 'write "UTC"'],
    ["", "is not an IANA time zone", "IANA"],
  ])("refuses %j", (zone, message, hint) => {
    const problem = checkTimezone(zone);
    expect(problem?.message).toContain(message);
    expect(problem?.hint).toContain(hint);
    expect(problem?.offset).toBe(0);
  });
});
