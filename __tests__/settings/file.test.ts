// The platform settings file: checked like a spec (positions, all errors at once, did-you-mean),
// found by walking up from the spec, and resolved per stack with a tested precedence.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderSchemaDocument } from "../../schema/export.js";
import { checkSettingsText, findSettingsFile, loadSettingsFile, PlatformSettingsFile, SETTINGS_FILE_NAME, type LoadedSettingsFile } from "../../src/settings/file.js";
import { SettingsError } from "../../src/settings/settings.js";
import { gatherSettings, stackSettings, type SettingsSources } from "../../src/settings/sources.js";
import { ROOT } from "../helpers/spec.js";

const EXAMPLE = `${ROOT}examples/platform-settings.yaml`;

function loaded(text: string, file = "platform-settings.yaml"): LoadedSettingsFile {
  const result = checkSettingsText(file, text);
  if (!result.settings) throw new Error(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.path}: ${d.message}`).join("\n"));
  return result.settings;
}

const sources = (file: LoadedSettingsFile | undefined, flags: SettingsSources["flags"] = {}, variables: Record<string, string> = {}): SettingsSources => ({
  flags,
  variables,
  files: file ? { [file.file]: file } : {},
  fileOf: file ? { "/specs/orders.yaml": file.file } : {},
});

describe("the settings file's JSON Schema (for editors)", () => {
  it("is committed and matches the TypeBox schema (run `npm run schema:write` after changing a setting)", () => {
    expect(readFileSync(`${ROOT}schema/platform-settings-v1.json`, "utf8")).toBe(renderSchemaDocument(PlatformSettingsFile));
  });
  it("is what the example's modeline names", () => {
    expect(readFileSync(EXAMPLE, "utf8").split("\n")[0]).toBe("# yaml-language-server: $schema=../schema/platform-settings-v1.json");
  });
});

describe("the example settings file", () => {
  it("is valid, and gives prod its own account, bucket and zone while dev keeps the defaults' zone", () => {
    const result = loadSettingsFile(EXAMPLE);
    expect(result.diagnostics).toEqual([]);
    const all = sources(result.settings);
    const prod = stackSettings(all, "/specs/orders.yaml", "prod");
    expect(prod).toMatchObject({
      region: "eu-west-1",
      allowedAccountIds: ["222222222222"],
      stateBucket: "acme-platform-terraform-state-prod",
      cloudflareZoneIdParameter: "/cloudflare/acme-prod/zone_id",
      logRetentionDays: 365,
      environmentZone: true,
    });
    const dev = stackSettings(all, "/specs/orders.yaml", "dev");
    expect(dev).toMatchObject({ allowedAccountIds: ["111111111111"], stateBucket: "acme-platform-terraform-state", logRetentionDays: 7 });
    expect(dev.environmentZone).toBeUndefined();
    // An environment the file has no block for takes the defaults.
    expect(stackSettings(all, "/specs/orders.yaml", "qa")).toEqual(stackSettings(all, "/specs/orders.yaml"));
  });
});

describe("checking a settings file", () => {
  it("reports every problem at once, each at its line and column, with a did-you-mean", () => {
    const text = [
      "defaults:", //                         1
      "  regoin: eu-west-1", //               2
      "  logRetentionDays: 45", //            3
      "  allowedAccountIds: ['12345']", //    4
      "environments:", //                     5
      "  production-europe-west:", //         6
      "    backend: cloudy", //               7
      "  Prod: {}", //                        8
      "enviroments: {}", //                   9
    ].join("\n");
    const { settings, diagnostics } = checkSettingsText("platform-settings.yaml", text);
    expect(settings).toBeUndefined();
    const shown = diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.path}: ${d.message}`);
    expect(shown).toEqual([
      `2:3 schema/unknown-field defaults.regoin: unknown field "regoin"; did you mean "region"?`,
      "3:21 schema/enum defaults.logRetentionDays: must be one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653; got number 45",
      expect.stringMatching(/^4:23 schema\/pattern defaults\.allowedAccountIds\[0\]: "12345" is not valid/),
      expect.stringMatching(/^6:3 settings\/environment-name environments\.production-europe-west: environment name "production-europe-west" is 22 characters long/),
      `7:14 schema/enum environments.production-europe-west.backend: must be one of "s3", "cloud"; got string "cloudy"; did you mean "cloud"?`,
      expect.stringMatching(/^8:3 schema\/invalid-name environments\.Prod: invalid name "Prod"/),
      `9:1 schema/unknown-field enviroments: unknown field "enviroments"; did you mean "environments"?`,
    ]);
  });

  it("refuses what a spec would: YAML 1.1 booleans, tags, two documents", () => {
    expect(checkSettingsText("s.yaml", "defaults:\n  region: !Ref Region\n").diagnostics.map((d) => d.code)).toEqual(["yaml/tag"]);
    expect(checkSettingsText("s.yaml", "defaults: {}\n---\ndefaults: {}\n").diagnostics.map((d) => d.code)).toEqual(["yaml/documents"]);
  });

  it("words the YAML problems a spec shares for a settings file (no \"spec\" or \"service\" in them)", () => {
    const documents = checkSettingsText("s.yaml", "defaults: {}\n---\ndefaults: {}\n").diagnostics;
    const merge = checkSettingsText("s.yaml", "defaults: &d\n  region: eu-west-1\nenvironments:\n  prod:\n    <<: *d\n").diagnostics;
    expect(documents.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}; hint: ${d.hint}`)).toEqual([
      "3:1 yaml/documents file holds 2 YAML documents; a platform settings file is exactly one; hint: remove the --- and keep one defaults: and one environments: block",
    ]);
    expect(merge.map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual(["5:5 yaml/merge-key YAML merge keys (<<) are not supported: platform settings files are read as YAML 1.2"]);
    for (const d of [...documents, ...merge]) expect(`${d.message} ${d.hint}`).not.toMatch(/\b(spec|specs|service)\b/);
  });

  it("takes an empty file (or comments only) as setting nothing; a list at the top names the file's keys", () => {
    const empty = checkSettingsText("s.yaml", "# nothing yet\n");
    expect(empty.diagnostics).toEqual([]);
    expect(stackSettings({ flags: {}, variables: {}, files: { "s.yaml": empty.settings! }, fileOf: { "/o.yaml": "s.yaml" } }, "/o.yaml", "prod").region).toBe("us-east-1");
    expect(checkSettingsText("s.yaml", "- region: eu-west-1\n").diagnostics).toEqual([
      expect.objectContaining({ code: "yaml/top-level", line: 1, column: 1, message: "the top level must be a mapping (defaults, environments)" }),
    ]);
  });

  it("names a file that does not exist", () => {
    expect(loadSettingsFile("/nonexistent/platform-settings.yaml").diagnostics).toEqual([expect.objectContaining({ code: "file/unreadable", message: "platform settings file not found" })]);
  });
});

describe("precedence: flag > PLATFORM_* variable > environment block > file defaults > engine default", () => {
  const file = loaded("defaults:\n  region: eu-west-1\n  albName: file-alb\nenvironments:\n  prod:\n    region: eu-central-1\n");
  const spec = "/specs/orders.yaml";

  it("engine default, when nothing gives the setting", () => {
    expect(stackSettings(sources(undefined), spec, "prod").region).toBe("us-east-1");
  });
  it("the file's defaults over the engine default", () => {
    expect(stackSettings(sources(file), spec).region).toBe("eu-west-1");
    expect(stackSettings(sources(file), spec, "staging").region).toBe("eu-west-1");
  });
  it("the environment block over the file's defaults (for its environment only)", () => {
    expect(stackSettings(sources(file), spec, "prod").region).toBe("eu-central-1");
    expect(stackSettings(sources(file), spec, "prod").albName).toBe("file-alb");
  });
  it("a PLATFORM_* variable over the environment block", () => {
    expect(stackSettings(sources(file, {}, { PLATFORM_REGION: "ap-south-1" }), spec, "prod").region).toBe("ap-south-1");
  });
  it("a flag over the variable", () => {
    expect(stackSettings(sources(file, { region: "sa-east-1" }, { PLATFORM_REGION: "ap-south-1" }), spec, "prod").region).toBe("sa-east-1");
  });
});

describe("where an invalid value came from", () => {
  it("a flag names the flag; a variable names the variable", () => {
    expect(() => stackSettings(sources(undefined, { allowedAccountIds: "111111111111,12" }), "/s.yaml")).toThrow(/^invalid setting --allowed-account-ids="111111111111,12"/);
    expect(() => stackSettings(sources(undefined, {}, { PLATFORM_REGION: "Europe" }), "/s.yaml")).toThrow(/^invalid setting PLATFORM_REGION="Europe"/);
  });

  it("a combination the file makes (backend cloud without an organization) points at the file's line and column", () => {
    const folder = mkdtempSync(join(tmpdir(), "settings-origin-"));
    const settingsFile = join(folder, SETTINGS_FILE_NAME);
    writeFileSync(settingsFile, "defaults:\n  cloudOrganization: acme\nenvironments:\n  prod:\n    backend: cloud\n  dev:\n    backend: cloud\n    cloudOrganization: ''\n");
    const { diagnostics } = gatherSettings({}, {}, folder, [join(folder, "orders.yaml")]);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.path}: ${d.message}`)).toEqual([
      `${settingsFile}:7:14 settings/invalid environments.dev.backend: backend "cloud" needs an organization: set --cloud-organization or PLATFORM_CLOUD_ORGANIZATION, or cloudOrganization in the platform settings file`,
    ]);
    // The flag completes it: then the file is fine.
    expect(gatherSettings({ cloudOrganization: "acme" }, {}, folder, [join(folder, "orders.yaml")]).diagnostics).toEqual([]);
  });

  it("a flag that is wrong whatever the file says is a SettingsError naming it", () => {
    expect(() => gatherSettings({ logRetentionDays: "45" }, {}, tmpdir(), [])).toThrow(SettingsError);
  });
});

describe("finding the settings file", () => {
  it("walks up from the spec's folder to the first platform-settings.yaml", () => {
    const root = mkdtempSync(join(tmpdir(), "settings-walk-"));
    const deep = join(root, "services", "orders");
    mkdirSync(deep, { recursive: true });
    expect(findSettingsFile(deep)).toBeUndefined();
    writeFileSync(join(root, SETTINGS_FILE_NAME), "defaults: {}\n");
    expect(findSettingsFile(deep)).toBe(join(root, SETTINGS_FILE_NAME));
    writeFileSync(join(root, "services", SETTINGS_FILE_NAME), "defaults: {}\n");
    expect(findSettingsFile(deep)).toBe(join(root, "services", SETTINGS_FILE_NAME));
  });

  it("stops at the repository root (a folder holding .git)", () => {
    const root = mkdtempSync(join(tmpdir(), "settings-repo-"));
    const repo = join(root, "repo");
    mkdirSync(join(repo, ".git"), { recursive: true });
    mkdirSync(join(repo, "specs"));
    writeFileSync(join(root, SETTINGS_FILE_NAME), "defaults: {}\n");
    expect(findSettingsFile(join(repo, "specs"))).toBeUndefined();
    writeFileSync(join(repo, SETTINGS_FILE_NAME), "defaults: {}\n");
    expect(findSettingsFile(join(repo, "specs"))).toBe(join(repo, SETTINGS_FILE_NAME));
  });

  it("--settings (or PLATFORM_SETTINGS) names the file instead, for every spec", () => {
    const root = mkdtempSync(join(tmpdir(), "settings-explicit-"));
    writeFileSync(join(root, SETTINGS_FILE_NAME), "defaults:\n  region: eu-west-1\n");
    writeFileSync(join(root, "other.yaml"), "defaults:\n  region: eu-north-1\n");
    const spec = join(root, "orders.yaml");
    expect(stackSettings(gatherSettings({}, {}, root, [spec]).sources, spec).region).toBe("eu-west-1");
    expect(stackSettings(gatherSettings({}, {}, root, [spec], "other.yaml").sources, spec).region).toBe("eu-north-1");
    expect(stackSettings(gatherSettings({}, { PLATFORM_SETTINGS: "other.yaml" }, root, [spec]).sources, spec).region).toBe("eu-north-1");
  });
});

describe("an environment's own Cloudflare zone", () => {
  const file = loaded("defaults:\n  cloudflareZoneIdParameter: /cf/dev\nenvironments:\n  prod:\n    cloudflareZoneIdParameter: /cf/prod\n  staging:\n    cloudflareZoneIdParameter: /cf/dev\n");
  it("is an environment block naming a zone-id parameter other than the shared one", () => {
    expect(stackSettings(sources(file), "/specs/orders.yaml", "prod").environmentZone).toBe(true);
    // The same zone as the others: not its own.
    expect(stackSettings(sources(file), "/specs/orders.yaml", "staging").environmentZone).toBeUndefined();
  });
  it("is not when a flag or variable sets the zone for every stack alike", () => {
    expect(stackSettings(sources(file, {}, { PLATFORM_CLOUDFLARE_ZONE_ID_PARAMETER: "/cf/all" }), "/specs/orders.yaml", "prod").environmentZone).toBeUndefined();
  });
});
