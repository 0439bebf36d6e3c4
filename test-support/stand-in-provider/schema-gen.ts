// Generates the stand-in providers' schemas from the installed cdktf provider bindings.
//
// Where each fact comes from (the bindings are generated from the real provider schema, so they
// carry most of it):
//   - attribute names, block versus attribute, nesting (list, set, single, map) and element types:
//     the `*ToHclTerraform` functions and `synthesizeHclAttributes()` of each class file
//     (`lib/<resource>/index.js`): each argument is listed there as
//     `{ value, isBlock, type: "simple" | "list" | "set" | "map" | "struct", storageClassType }`;
//   - required versus optional: the `.d.ts` interfaces (`readonly name?: T` is optional);
//   - computed-only attributes: the classes' getters without an `...Input` getter
//     (`getStringAttribute('arn')`, `new XList(this, "name", wrapsSet)`, ...);
//   - a block's max_items of 1: its value is one struct, not a list mapper.
// What the bindings do not carry is supplied by SUPPLEMENTS below (each entry names its source in
// the provider documentation): sensitive flags, attributes newer than the bindings, the
// ephemeral resources (cdktf has no ephemeral bindings).
// Bindings do not say whether an optional attribute is also computed; every optional attribute is
// served as optional + computed (the provider may fill it when it is unset), see docs/testing.md.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { CtyType } from "./cty.js";

export type Nesting = "single" | "list" | "set" | "map";

export interface AttributeSchema {
  type?: CtyType;
  nested_type?: { attributes: Record<string, AttributeSchema>; nesting_mode: Nesting };
  required?: boolean;
  optional?: boolean;
  computed?: boolean;
  sensitive?: boolean;
}

export interface BlockSchema {
  attributes: Record<string, AttributeSchema>;
  block_types: Record<string, { nesting_mode: Nesting; block: BlockSchema; min_items?: number; max_items?: number }>;
}

export interface Schema {
  version: number;
  block: BlockSchema;
}

export interface ProviderSchema {
  /** Provider source address, e.g. registry.terraform.io/hashicorp/aws. */
  source: string;
  /** The version of the bindings the schema comes from. */
  bindings_version: string;
  provider: Schema;
  resource_schemas: Record<string, Schema>;
  data_source_schemas: Record<string, Schema>;
  ephemeral_resource_schemas: Record<string, Schema>;
  /** Supplemented attributes newer than the bindings: [kind, type, attribute, first provider version]; older versions are served without them. */
  added_in: Array<[string, string, string, string]>;
}

interface HclAttr {
  name: string;
  camel: string;
  isBlock: boolean;
  kind: "simple" | "list" | "set" | "map" | "struct";
  storage: string;
  nestedFn?: string;
  single: boolean;
}

interface ModuleSource {
  js: string;
  dts: string;
  functions: Map<string, HclAttr[]>;
  /** interface -> property -> { required, block } (block: the doc comment reads "<name> block"). */
  interfaces: Map<string, Map<string, { required: boolean; block: boolean }>>;
  classes: Map<string, string>;
}

const ATTR = /(\w+): \{\s*value: ([\s\S]*?),\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)",\s*\}/g;
const PRIMITIVE_FNS = new Set(["string", "number", "boolean", "any"]);

function parseAttrs(body: string): HclAttr[] {
  const out: HclAttr[] = [];
  for (const m of body.matchAll(ATTR)) {
    const [, name, value, isBlock, kind, storage] = m as unknown as [string, string, string, string, HclAttr["kind"], string];
    const camel = /(?:this\._|struct\.)(\w+)/.exec(value)?.[1] ?? name;
    const nested = [...value.matchAll(/(?<!cdktf\.)\b([a-z]\w*)ToHclTerraform\b/g)].map((x) => x[1]!).find((fn) => !PRIMITIVE_FNS.has(fn));
    out.push({ name, camel, isBlock: isBlock === "true", kind, storage, nestedFn: nested, single: !value.includes("listMapperHcl") && !value.includes("hashMapperHcl") });
  }
  return out;
}

/** The text of `{ ... }` starting at `open` (an index of "{"), braces balanced. */
function braced(text: string, open: number): string {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return text.slice(open, i + 1);
  }
  throw new Error("unbalanced braces");
}

function loadModule(path: string): ModuleSource {
  const js = readFileSync(join(path, "index.js"), "utf8");
  const dts = readFileSync(join(path, "index.d.ts"), "utf8");
  const functions = new Map<string, HclAttr[]>();
  for (const m of js.matchAll(/function (\w+)ToHclTerraform\(struct\) \{/g)) {
    functions.set(m[1]!, parseAttrs(braced(js, m.index! + m[0].length - 1)));
  }
  const classes = new Map<string, string>();
  for (const m of js.matchAll(/^class (\w+) extends [\w.]+ \{/gm)) classes.set(m[1]!, braced(js, m.index! + m[0].length - 1));
  const interfaces = new Map<string, Map<string, { required: boolean; block: boolean }>>();
  for (const m of dts.matchAll(/export interface (\w+)(?: extends [^{]+)? \{/g)) {
    const body = braced(dts, m.index! + m[0].length - 1);
    const props = new Map<string, { required: boolean; block: boolean }>();
    for (const p of body.matchAll(/(?:\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*)?^\s+readonly (\w+)(\?)?:/gm)) {
      const firstLine = (p[1] ?? "").split("\n").map((l) => l.replace(/^\s*\*\s?/, "").trim()).find((l) => l.length > 0) ?? "";
      props.set(p[2]!, { required: p[3] !== "?", block: /^\w+ block$/.test(firstLine) });
    }
    interfaces.set(m[1]!, props);
  }
  return { js, dts, functions, interfaces, classes };
}

const capitalize = (s: string) => s[0]!.toUpperCase() + s.slice(1);

function primitiveType(storage: string, kind: HclAttr["kind"]): CtyType {
  const element = (s: string): CtyType => (s.startsWith("string") ? "string" : s.startsWith("number") ? "number" : s.startsWith("boolean") ? "bool" : "dynamic");
  switch (storage) {
    case "string":
    case "number":
    case "boolean":
      return element(storage);
    case "stringList":
    case "numberList":
    case "booleanList":
      return [kind === "set" ? "set" : "list", element(storage)];
    case "stringMap":
    case "numberMap":
    case "booleanMap":
      return ["map", element(storage)];
    case "anyMap":
      return ["map", "dynamic"];
    case "stringListMap":
      return ["map", ["list", "string"]];
    default:
      throw new Error(`unhandled storage class ${storage}`);
  }
}

/** Computed-only attributes from a class's getters: name -> type. */
function computedGetters(mod: ModuleSource, className: string, configNames: Set<string>): Record<string, CtyType> {
  const body = mod.classes.get(className);
  if (!body) return {};
  const inputs = new Set([...body.matchAll(/get (\w+)Input\(\)/g)].map((m) => m[1]!));
  const fields = new Map<string, { cls: string; name: string; wrapsSet: boolean }>();
  for (const m of body.matchAll(/this\._(\w+) = new (\w+)\(this, "(\w+)"(?:, (true|false))?\)/g)) {
    fields.set(m[1]!, { cls: m[2]!, name: m[3]!, wrapsSet: m[4] === "true" });
  }
  const out: Record<string, CtyType> = {};
  for (const m of body.matchAll(/get (\w+)\(\) \{\s*return ([^;]*);/g)) {
    const [, getter, expr] = m as unknown as [string, string, string];
    if (getter.endsWith("Input") || inputs.has(getter)) continue;
    const attr = /Attribute\('(\w+)'\)/.exec(expr);
    let name: string | undefined;
    let type: CtyType | undefined;
    if (attr) {
      name = attr[1]!;
      const set = expr.includes("Fn.tolist");
      if (expr.includes("getStringAttribute")) type = "string";
      else if (expr.includes("getNumberAttribute")) type = "number";
      else if (expr.includes("getBooleanAttribute")) type = "bool";
      else if (expr.includes("getNumberListAttribute")) type = [set ? "set" : "list", "number"];
      else if (expr.includes("getListAttribute")) type = [set ? "set" : "list", "string"];
      else if (expr.includes("getStringMapAttribute")) type = ["map", "string"];
      else if (expr.includes("getNumberMapAttribute")) type = ["map", "number"];
      else if (expr.includes("getBooleanMapAttribute")) type = ["map", "bool"];
      else if (expr.includes("interpolationForAttribute")) type = "dynamic";
      else throw new Error(`${className}.${getter}: unhandled getter ${expr}`);
    } else {
      const field = /^this\._(\w+)$/.exec(expr.trim());
      const info = field ? fields.get(field[1]!) : undefined;
      if (!info) continue;
      name = info.name;
      type = complexType(mod, info.cls, info.wrapsSet);
    }
    if (name && type && !configNames.has(name)) out[name] = type;
  }
  return out;
}

/** Type of a computed nested value from its cdktf class (XOutputReference, XList, XMap). */
function complexType(mod: ModuleSource, cls: string, wrapsSet: boolean): CtyType {
  if (cls.endsWith("OutputReference")) return ["object", computedGetters(mod, cls, new Set())];
  if (cls.endsWith("MapList")) return ["list", ["map", "string"]];
  if (cls.endsWith("List")) {
    const ref = `${cls.slice(0, -"List".length)}OutputReference`;
    return [wrapsSet ? "set" : "list", complexType(mod, ref, false)];
  }
  if (cls.endsWith("Map")) return ["map", complexType(mod, `${cls.slice(0, -"Map".length)}OutputReference`, false)];
  throw new Error(`unhandled class ${cls}`);
}

function attributeTypeOf(block: BlockSchema): CtyType {
  const attributes: Record<string, CtyType> = {};
  for (const [name, a] of Object.entries(block.attributes)) attributes[name] = attributeType(a);
  for (const [name, b] of Object.entries(block.block_types)) {
    const inner = attributeTypeOf(b.block);
    attributes[name] = b.nesting_mode === "single" ? inner : [b.nesting_mode, inner];
  }
  return ["object", attributes];
}

/** The cty type of an attribute (nested attributes included). */
export function attributeType(a: AttributeSchema): CtyType {
  if (a.type !== undefined) return a.type;
  const inner: CtyType = ["object", Object.fromEntries(Object.entries(a.nested_type!.attributes).map(([n, x]) => [n, attributeType(x)]))];
  const nesting = a.nested_type!.nesting_mode;
  return nesting === "single" ? inner : [nesting, inner];
}

/** The cty type of a whole block (what the protocol's DynamicValues carry). */
export function blockType(block: BlockSchema): CtyType {
  return attributeTypeOf(block);
}

function buildBlock(mod: ModuleSource, attrs: HclAttr[], interfaceName: string, className: string, topLevel: boolean): BlockSchema {
  const props = mod.interfaces.get(interfaceName) ?? new Map<string, { required: boolean; block: boolean }>();
  const block: BlockSchema = { attributes: {}, block_types: {} };
  for (const a of attrs) {
    if (topLevel && a.name === "alias") continue; // a provider meta-argument, handled by Terraform
    const isRequired = props.get(a.camel)?.required === true;
    // cdktf marks nested attributes of single nesting as blocks too; its doc comment tells them apart.
    const isBlock = a.isBlock && props.get(a.camel)?.block !== false;
    const flags = isRequired ? { required: true } : { optional: true, computed: true };
    if (a.nestedFn) {
      const nestedAttrs = mod.functions.get(a.nestedFn);
      if (!nestedAttrs) throw new Error(`${className}.${a.name}: no function ${a.nestedFn}ToHclTerraform`);
      const nestedName = capitalize(a.nestedFn);
      const inner = buildBlock(mod, nestedAttrs, nestedName, `${nestedName}OutputReference`, false);
      const nesting: Nesting = a.kind === "struct" ? "single" : a.kind === "set" ? "set" : a.kind === "map" ? "map" : "list";
      if (isBlock) {
        block.block_types[a.name] = {
          nesting_mode: nesting,
          block: inner,
          ...(isRequired && nesting !== "single" ? { min_items: 1 } : {}),
          ...(a.single && nesting === "list" ? { max_items: 1 } : {}),
        };
      } else {
        const nestedAttributes: Record<string, AttributeSchema> = { ...inner.attributes };
        for (const [name, b] of Object.entries(inner.block_types)) {
          nestedAttributes[name] = { type: b.nesting_mode === "single" ? blockType(b.block) : [b.nesting_mode, blockType(b.block)], optional: true, computed: true };
        }
        block.attributes[a.name] = { nested_type: { attributes: nestedAttributes, nesting_mode: nesting }, ...flags };
      }
    } else {
      block.attributes[a.name] = { type: primitiveType(a.storage, a.kind), ...flags };
    }
  }
  const configNames = new Set(attrs.map((a) => a.name));
  for (const [name, type] of Object.entries(computedGetters(mod, className, configNames))) {
    if (topLevel && name === "alias") continue;
    block.attributes[name] = { type, computed: true };
  }
  return block;
}

interface Main {
  kind: "resource" | "data" | "provider";
  typeName: string;
  schema: Schema;
}

function mainSchema(modulePath: string): Main {
  const mod = loadModule(modulePath);
  const m = /^class (\w+) extends cdktf\.(TerraformResource|TerraformDataSource|TerraformProvider) \{/m.exec(mod.js);
  if (!m) throw new Error(`${modulePath}: no resource, data source or provider class`);
  const className = m[1]!;
  const typeName = /terraformResourceType: '(\w+)'/.exec(mod.classes.get(className)!)![1]!;
  const body = mod.classes.get(className)!;
  const synth = /synthesizeHclAttributes\(\) \{/.exec(body);
  if (!synth) throw new Error(`${modulePath}: no synthesizeHclAttributes`);
  const attrs = parseAttrs(braced(body, synth.index + synth[0].length - 1));
  const block = buildBlock(mod, attrs, `${className}Config`, className, true);
  const kind = m[2] === "TerraformResource" ? "resource" : m[2] === "TerraformDataSource" ? "data" : "provider";
  if (kind === "provider") {
    for (const a of Object.values(block.attributes)) if (a.computed && !a.optional) a.optional = true;
    for (const a of Object.values(block.attributes)) delete a.computed;
  }
  return { kind, typeName, schema: { version: 0, block } };
}

/** Facts the bindings lack, each from the provider's documentation (the authority). */
export interface Supplement {
  /** Attributes added to a type: [kind, type, attribute, schema, source, first provider version having it]. */
  attributes: Array<["resource" | "data" | "provider", string, string, AttributeSchema, string, string?]>;
  /** Attributes marked sensitive: [kind, type, attribute path, source]. */
  sensitive: Array<["resource" | "data" | "provider" | "ephemeral", string, string, string]>;
  ephemeral: Record<string, { schema: Schema; source: string }>;
}

const AWS_DOCS = "hashicorp/terraform-provider-aws website/docs";
const CLOUDFLARE_DOCS = "cloudflare/terraform-provider-cloudflare docs";

export const SUPPLEMENTS: Record<"aws" | "cloudflare", Supplement> = {
  aws: {
    attributes: [
      [
        "resource",
        "aws_lambda_permission",
        "invoked_via_function_url",
        { type: "bool", optional: true },
        `${AWS_DOCS}/r/lambda_permission.html.markdown (added in 6.28; the 6.25 bindings lack it)`,
        "6.28.0",
      ],
    ],
    sensitive: [
      ["provider", "aws", "secret_key", `${AWS_DOCS}/index.html.markdown`],
      ["provider", "aws", "token", `${AWS_DOCS}/index.html.markdown`],
      ["data", "aws_ssm_parameter", "value", `${AWS_DOCS}/d/ssm_parameter.html.markdown`],
      ["resource", "aws_ssm_parameter", "value", `${AWS_DOCS}/r/ssm_parameter.html.markdown`],
      ["resource", "aws_db_instance", "password", `${AWS_DOCS}/r/db_instance.html.markdown`],
      ["resource", "aws_secretsmanager_secret_version", "secret_string", `${AWS_DOCS}/r/secretsmanager_secret_version.html.markdown`],
      ["resource", "aws_secretsmanager_secret_version", "secret_binary", `${AWS_DOCS}/r/secretsmanager_secret_version.html.markdown`],
      ["resource", "aws_elasticache_replication_group", "auth_token", `${AWS_DOCS}/r/elasticache_replication_group.html.markdown`],
    ],
    ephemeral: {
      aws_ssm_parameter: {
        source: `${AWS_DOCS}/ephemeral-resources/ssm_parameter.html.markdown`,
        schema: {
          version: 0,
          block: {
            attributes: {
              arn: { type: "string", required: true },
              with_decryption: { type: "bool", optional: true, computed: true },
              region: { type: "string", optional: true, computed: true },
              name: { type: "string", computed: true },
              type: { type: "string", computed: true },
              value: { type: "string", computed: true, sensitive: true },
              version: { type: "number", computed: true },
            },
            block_types: {},
          },
        },
      },
    },
  },
  cloudflare: {
    attributes: [],
    sensitive: [["provider", "cloudflare", "api_token", `${CLOUDFLARE_DOCS}/index.md`], ["provider", "cloudflare", "api_key", `${CLOUDFLARE_DOCS}/index.md`]],
    ephemeral: {},
  },
};

/** Binding module folders the engine uses, read from the project's providers/<name>/*.ts re-exports. */
export function engineModules(root: string, provider: "aws" | "cloudflare"): string[] {
  const folder = join(root, "providers", provider);
  const modules = new Set<string>();
  for (const file of readdirSync(folder).sort()) {
    if (!file.endsWith(".ts")) continue;
    const text = readFileSync(join(folder, file), "utf8");
    for (const m of text.matchAll(/"(@cdktf\/provider-[a-z]+\/lib\/[a-z0-9-]+)(?:\/index\.js)?"/g)) modules.add(m[1]!);
  }
  return [...modules].sort();
}

export function generateSchema(root: string, provider: "aws" | "cloudflare"): ProviderSchema {
  const pkg = `@cdktf/provider-${provider}`;
  const pkgJson = createRequire(join(root, "package.json")).resolve(`${pkg}/package.json`);
  const version = (JSON.parse(readFileSync(pkgJson, "utf8")) as { cdktf: { provider: { version: string } } }).cdktf.provider.version;
  const out: ProviderSchema = {
    source: provider === "aws" ? "registry.terraform.io/hashicorp/aws" : "registry.terraform.io/cloudflare/cloudflare",
    bindings_version: version,
    provider: { version: 0, block: { attributes: {}, block_types: {} } },
    resource_schemas: {},
    data_source_schemas: {},
    ephemeral_resource_schemas: {},
    added_in: [],
  };
  const modules = engineModules(root, provider);
  if (!modules.some((m) => m.endsWith("/lib/provider"))) modules.push(`${pkg}/lib/provider`);
  for (const specifier of modules) {
    const main = mainSchema(join(dirname(pkgJson), specifier.slice(pkg.length + 1)));
    if (main.kind === "provider") out.provider = main.schema;
    else if (main.kind === "resource") out.resource_schemas[main.typeName] = main.schema;
    else out.data_source_schemas[main.typeName] = main.schema;
  }
  const supplement = SUPPLEMENTS[provider];
  const pick = (kind: string, type: string): Schema | undefined =>
    kind === "provider" ? out.provider : kind === "resource" ? out.resource_schemas[type] : kind === "data" ? out.data_source_schemas[type] : out.ephemeral_resource_schemas[type];
  for (const [kind, type, name, schema, , since] of supplement.attributes) {
    const target = pick(kind, type);
    if (target) target.block.attributes[name] = schema;
    if (target && since) out.added_in.push([kind, type, name, since]);
  }
  for (const [type, { schema }] of Object.entries(supplement.ephemeral)) out.ephemeral_resource_schemas[type] = schema;
  for (const [kind, type, name] of supplement.sensitive) {
    const attribute = pick(kind, type)?.block.attributes[name];
    if (attribute) attribute.sensitive = true;
  }
  return sortKeys(out) as ProviderSchema;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
