import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SECTION_ORDER } from "../../src/config/platform-config.js";
import { fillGenerated, renderReference } from "../../src/docs/reference.js";
import { INJECTED_ENVIRONMENT } from "../../src/engine/registry.js";
import { ROOT } from "../helpers/spec.js";

const doc = () => readFileSync(`${ROOT}docs/spec.md`, "utf8");

describe("docs/spec.md", () => {
  it("matches what the schema, the engine and the full fixture generate (run `npm run docs:write`)", async () => {
    const text = doc();
    expect(fillGenerated(text, await renderReference(ROOT))).toBe(text);
  });

  it("documents every section and every injected environment variable", () => {
    const text = doc();
    for (const section of SECTION_ORDER) expect(text).toContain(`### \`spec.${section}\``);
    for (const name of Object.keys(INJECTED_ENVIRONMENT)) expect(text).toContain(`| \`${name}\` |`);
  });

  it("refuses to fill a document that lost one of its generated blocks", () => {
    expect(() => fillGenerated("no markers here", { fields: "x" })).toThrow("no generated:fields block to fill");
  });
});
