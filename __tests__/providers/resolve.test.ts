import { describe, expect, it } from "vitest";
import { DefaultTokenResolver, Fn, Lazy, StringConcat, Testing, TerraformStack, TerraformVariable, Token, type TerraformElement } from "../../providers/cdktf.js";
import { load } from "../../providers/load.js";
import { cdktfResolve, resolveFast } from "../../providers/resolve.js";
import { fixturePath, loadValid } from "../helpers/spec.js";
import { readFileSync } from "node:fs";
import { buildStack } from "../../src/engine/build.js";
import { resolveSettings } from "../../src/settings/settings.js";

const resolveModule = load<{ resolve: unknown }>("cdktf/lib/tokens/private/resolve.js");

function newStack() {
  const app = Testing.app({ stackTraces: false });
  return new TerraformStack(app, "resolve-test");
}

const optionsFor = (scope: TerraformStack) => ({ scope, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });

/** What a resolution gives, or the message it fails with. */
function outcome(resolve: typeof cdktfResolve, value: unknown, scope: TerraformStack): unknown {
  try {
    return { value: resolve(value, optionsFor(scope)) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

describe("the fast token resolution", () => {
  it("is what cdktf's Tokenization.resolve calls", () => {
    expect(resolveModule.resolve).toBe(resolveFast);
    expect(cdktfResolve).not.toBe(resolveFast);
  });

  it("resolves tokens, encoded numbers, lists and maps, escapes and plain values exactly as cdktf does", () => {
    const stack = newStack();
    const text = new TerraformVariable(stack, "text", { type: "string" });
    const count = new TerraformVariable(stack, "count", { type: "number" });
    const names = new TerraformVariable(stack, "names", { type: "list(string)" });
    const tags = new TerraformVariable(stack, "tags", { type: "map(string)" });
    const lazy = Lazy.stringValue({ produce: () => "produced" });
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let level = 0; level < 205; level++) cursor = (cursor.next = {}) as Record<string, unknown>;
    const values: Record<string, unknown> = {
      plain: { name: "svc", port: 8080, enabled: true, nothing: null, gone: undefined, when: new Date(0), list: [1, "two", undefined, [3]] },
      stringToken: text.stringValue,
      embedded: `prefix-${text.stringValue}-suffix`,
      escaped: `$\{literal} and ${text.stringValue}`,
      numberToken: count.numberValue,
      numberInString: `count=${count.numberValue}`,
      lookalikes: ["1e5", "node.e-x", "2.5e+3", "a-e-b", "e"],
      listToken: names.listValue,
      listInArray: [Token.asString(names.listValue)],
      mapToken: tags.value,
      stringMap: Token.asStringMap(tags.value),
      functions: { joined: Fn.join(",", names.listValue), length: Fn.lengthOf(names.listValue) },
      lazy,
      tokenKey: { [text.stringValue]: "value" },
      nestedTokens: { outer: [{ inner: text.stringValue, n: count.numberValue }] },
      mapTokenValue: Token.STRING_MAP_TOKEN_VALUE,
      anyMapTokenValue: Token.ANY_MAP_TOKEN_VALUE,
      numberMapTokenValue: Token.NUMBER_MAP_TOKEN_VALUE,
      fn: () => "a function",
      construct: text,
      tooDeep: deep,
    };
    for (const [name, value] of Object.entries(values)) {
      expect(outcome(resolveFast, value, stack), name).toStrictEqual(outcome(cdktfResolve, value, stack));
    }
    // The error cases fail in both, with cdktf's message.
    for (const name of ["fn", "construct", "tooDeep", "mapTokenValue", "anyMapTokenValue", "numberMapTokenValue"]) {
      expect(outcome(resolveFast, values[name], stack), name).toHaveProperty("error");
    }
    expect(outcome(resolveFast, values.embedded, stack)).toEqual({ value: "prefix-${var.text}-suffix" });
    // A caller's own prefix counts toward cdktf's depth limit, at the top level too.
    const deepOptions = { ...optionsFor(stack), prefix: Array.from({ length: 201 }, (_, i) => `${i}`) };
    for (const value of ["x", { a: 1 }]) {
      const fail = (resolve: typeof cdktfResolve) => {
        try {
          return resolve(value, deepOptions);
        } catch (error) {
          return (error as Error).message;
        }
      };
      expect(fail(resolveFast)).toBe(fail(cdktfResolve));
    }
  });

  it("gives the same Terraform JSON as cdktf's own resolution for every fixture", async () => {
    const fixtures = ["platform-minimal.yaml", "platform-redis.yaml", "platform-storage-cache.yaml", "platform-agent-factory.yaml"];
    const settings = resolveSettings({}, {});
    for (const fixture of fixtures) {
      const config = loadValid(readFileSync(fixturePath(fixture), "utf8"), `fixtures/${fixture}`);
      const { stack } = await buildStack(Testing.app({ stackTraces: false }), config, settings);
      const elements = stack.node.findAll().filter((c): c is TerraformElement => typeof (c as Partial<TerraformElement>).toTerraform === "function" && c !== stack);
      expect(elements.length, fixture).toBeGreaterThan(3);
      for (const element of elements) {
        expect(resolveFast(element.toTerraform(), optionsFor(stack)), element.node.path).toStrictEqual(cdktfResolve(element.toTerraform(), optionsFor(stack)));
      }
      const fast = JSON.stringify(stack.toTerraform());
      resolveModule.resolve = cdktfResolve;
      try {
        expect(fast, fixture).toBe(JSON.stringify(stack.toTerraform()));
      } finally {
        resolveModule.resolve = resolveFast;
      }
    }
  });
});
