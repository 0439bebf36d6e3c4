import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SECTION_ORDER } from "../../src/config/platform-config.js";
import { fillGenerated, renderReference } from "../../src/docs/reference.js";
import { INJECTED_ENVIRONMENT } from "../../src/engine/registry.js";
import { ROOT, synthesizeFixture } from "../helpers/spec.js";

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

  // CONTRACT section 6: every output key is listed. Rows with <function>/<image> stand for any name.
  it("lists every Terraform output and variable that any fixture's stack has", async () => {
    const text = doc();
    const block = (name: string) => text.slice(text.indexOf(`<!-- generated:${name} -->`), text.indexOf(`<!-- /generated:${name} -->`));
    const documented = (name: string) =>
      [...block(name).matchAll(/^\| `[^`]*` \| `([^`]+)` \|/gm), ...block(name).matchAll(/^\| `([^`]+)` \|/gm)].map(
        ([, row]) => new RegExp(`^${row!.replace(/<function>|<image>/g, "[a-z0-9_]+")}$`),
      );
    const outputRows = documented("outputs");
    const variableRows = documented("variables");
    const missing: string[] = [];
    const fixtures = readdirSync(`${ROOT}fixtures`).filter((name) => /^platform-.*\.yaml$/.test(name)).sort();
    expect(fixtures.length).toBeGreaterThan(5);
    for (const fixture of fixtures) {
      const { json } = await synthesizeFixture(fixture);
      for (const name of Object.keys(json.output ?? {})) if (!outputRows.some((row) => row.test(name))) missing.push(`${fixture}: output ${name}`);
      for (const name of Object.keys(json.variable ?? {})) if (!variableRows.some((row) => row.test(name))) missing.push(`${fixture}: variable ${name}`);
    }
    expect(missing).toEqual([]);
  }, 60_000);

  it("refuses to fill a document that lost one of its generated blocks", () => {
    expect(() => fillGenerated("no markers here", { fields: "x" })).toThrow("no generated:fields block to fill");
  });
});
