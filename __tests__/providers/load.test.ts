import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import "../../providers/cdktf.js";
import { load } from "../../providers/load.js";

const cdktfRequire = createRequire(createRequire(import.meta.url).resolve("cdktf/package.json"));

describe("the providers boundary", () => {
  it("defers cdktf's archiver until it is first called, then hands over the real one", () => {
    const archiver = cdktfRequire("archiver") as (format: string) => { append: unknown; finalize: unknown };
    expect(archiver.name).toBe("deferred");
    const zip = archiver("zip");
    expect(typeof zip.append).toBe("function");
    expect((cdktfRequire("archiver") as { name: string }).name).not.toBe("deferred");
  });

  it("records no stack trace per token unless debugging, deciding at each call", () => {
    const stackTraces = load<{ captureStackTrace: () => string[] }>("cdktf/lib/tokens/private/stack-trace.js");
    expect(stackTraces.captureStackTrace()).toEqual([]);
    process.env.PLATFORM_DEBUG = "1";
    try {
      expect(stackTraces.captureStackTrace().length).toBeGreaterThan(0);
    } finally {
      delete process.env.PLATFORM_DEBUG;
    }
    expect(stackTraces.captureStackTrace()).toEqual([]);
  });
});
