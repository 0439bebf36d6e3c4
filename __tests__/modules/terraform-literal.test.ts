// terraformLiteral against the real terraform: the escaped text comes out of Terraform exactly as
// the user wrote it (no interpolation, no template directive).
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { terraformLiteral } from "../../src/modules/terraform-literal.js";
import { requireTerraform, tempDir, terraformEnv, writeStack } from "../helpers/terraform.js";

const root = tempDir("literal");
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("terraformLiteral", () => {
  it("leaves text without ${ or %{ unchanged", () => expect(terraformLiteral('{"a":"$5 {x} 100%"}')).toBe('{"a":"$5 {x} 100%"}'));

  it("round-trips through terraform apply as the text written", () => {
    const written = '{"a":"${var.secret}","b":"%{ if true }x%{ endif }","c":"$${already}"}';
    const dir = writeStack(`${root}/stack`, { output: { text: { value: terraformLiteral(written) } } });
    const env = terraformEnv(root);
    const terraform = requireTerraform();
    execFileSync(terraform, ["init", "-input=false"], { cwd: dir, env, stdio: "pipe" });
    execFileSync(terraform, ["apply", "-auto-approve", "-input=false"], { cwd: dir, env, stdio: "pipe" });
    expect(execFileSync(terraform, ["output", "-raw", "text"], { cwd: dir, env, encoding: "utf8" })).toBe(written);
  });
});
