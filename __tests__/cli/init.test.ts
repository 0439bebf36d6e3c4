// `platform init`: a commented platform.yaml that validates as written, from flags or answers on a
// terminal, never over an existing file.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { SECTIONS } from "../../src/cli/commands/init.js";
import { runCli } from "../helpers/cli.js";
import { ROOT } from "../helpers/spec.js";

const folder = () => mkdtempSync(join(tmpdir(), "platform-init-"));

describe("platform init", () => {
  it("writes the sections asked for, with the schema modeline, and the result validates", async () => {
    const cwd = folder();
    const run = await runCli(["init", "--name", "orders", "--with", "compute,database"], { cwd });
    expect(run).toEqual({ code: 0, stdout: "wrote platform.yaml (service orders: compute, database); next: platform validate platform.yaml\n", stderr: "" });
    const text = readFileSync(join(cwd, "platform.yaml"), "utf8");
    const modeline = /^# yaml-language-server: \$schema=(\S+)\n/.exec(text)?.[1];
    expect(resolve(cwd, modeline!)).toBe(join(ROOT, "schema/platform-spec-v1.json"));
    expect(text).toMatch(/^ {2}compute:$/m);
    expect(text).toMatch(/^ {2}database:$/m);
    expect(text).not.toMatch(/^ {2}cache:$/m);
    expect(text).toMatch(/^ {2}# /m);
    const validated = await runCli(["validate", "platform.yaml", "--policy"], { cwd });
    expect(validated.stdout).toContain("platform.yaml: valid (service orders)");
    expect(validated.code).toBe(0);
    // Into a folder that does not exist yet, with the modeline relative to it.
    expect((await runCli(["init", "--name", "billing", "--out", "services/billing/platform.yaml"], { cwd })).code).toBe(0);
    const nested = readFileSync(join(cwd, "services/billing/platform.yaml"), "utf8");
    expect(resolve(cwd, "services/billing", /^# yaml-language-server: \$schema=(\S+)\n/.exec(nested)![1]!)).toBe(join(ROOT, "schema/platform-spec-v1.json"));
  });

  it("writes specs that validate for each section alone and for all of them, adding compute where a section needs it", async () => {
    const cwd = folder();
    const files: string[] = [];
    for (const [index, sections] of [...SECTIONS.map((section) => [section]), SECTIONS].entries()) {
      const file = `${sections.length > 1 ? "all" : sections[0]}.yaml`;
      // Names as long as they may be (40 characters): what the templates derive from them must fit too.
      const name = `s${index}-${"a".repeat(40 - 2 - String(index).length)}`;
      const run = await runCli(["init", "--name", name, "--with", sections.join(","), "--out", file], { cwd });
      expect(run.code, file).toBe(0);
      files.push(file);
    }
    expect((await runCli(["init", "--name", "svc", "--with", "serviceDiscovery", "--out", "sd2.yaml"], { cwd })).stderr).toBe("compute added: serviceDiscovery registers the ECS service\n");
    const validated = await runCli(["validate", ...files, "--policy"], { cwd });
    expect(validated.stderr).toBe("");
    expect(validated.code).toBe(0);
    expect(validated.stdout).toContain(`${files.length} files: ${files.length} valid, 0 invalid`);
  });

  it("asks for the name and the sections on a terminal, suggesting the folder's name", async () => {
    const cwd = join(folder(), "Orders_Service");
    mkdirSync(cwd);
    const run = await runCli(["init"], { cwd, answers: ["", "cache"] });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`service name [orders-service]: sections (${SECTIONS.join(", ")}) [compute]: compute added: a spec needs a workload (compute or lambda) to run and to reach its data\n`);
    expect(readFileSync(join(cwd, "platform.yaml"), "utf8")).toMatch(/name: orders-service\n[\s\S]*\n {2}cache:\n/);
    const again = await runCli(["init", "--out", "other.yaml"], { cwd, answers: ["Bad Name", "web", "stroage", "storage"] });
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('--name: "Bad Name" is not a service name\n');
    expect(again.stderr).toContain('--with: unknown section "stroage"; did you mean "storage"?\n');
    expect(readFileSync(join(cwd, "other.yaml"), "utf8")).toMatch(/name: web\n/);
  });

  it("never overwrites a file, and without a terminal needs --name", async () => {
    const cwd = folder();
    writeFileSync(join(cwd, "platform.yaml"), "mine\n");
    const refused = await runCli(["init", "--name", "orders"], { cwd });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe("platform init: platform.yaml already exists; init never overwrites a file\n  hint: choose another path with --out, or edit the file\n");
    expect(readFileSync(join(cwd, "platform.yaml"), "utf8")).toBe("mine\n");
    const unattended = await runCli(["init", "--out", "new.yaml"], { cwd });
    expect(unattended.code).toBe(2);
    expect(unattended.stderr).toContain("no service name given (and no terminal to ask on)");
    expect(existsSync(join(cwd, "new.yaml"))).toBe(false);
    const badSection = await runCli(["init", "--name", "orders", "--with", "compute,databse", "--out", "new.yaml"], { cwd });
    expect(badSection.code).toBe(2);
    expect(badSection.stderr).toContain('unknown section "databse"; did you mean "database"?');
    expect(existsSync(dirname(join(cwd, "new.yaml")))).toBe(true);
    expect(existsSync(join(cwd, "new.yaml"))).toBe(false);
  });
});
