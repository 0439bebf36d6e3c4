// cty values on the plugin wire: MessagePack with cty's conventions. Unknown values are the
// MessagePack extension type 0 (refined unknowns, extension 12, are read as plain unknowns);
// values of DynamicPseudoType travel as [type JSON, value]; numbers may arrive as strings.
import { decode, encode, ExtData, ExtensionCodec } from "@msgpack/msgpack";

/** A cty type in its JSON form: "string", ["list", "string"], ["object", {...}], "dynamic". */
export type CtyType =
  | "string"
  | "number"
  | "bool"
  | "dynamic"
  | readonly ["list" | "set" | "map", CtyType]
  | readonly ["object", Readonly<Record<string, CtyType>>, ...unknown[]]
  | readonly ["tuple", readonly CtyType[]];

/** The one unknown value (refinements are not kept). */
export const UNKNOWN: unique symbol = Symbol("unknown");
export type Unknown = typeof UNKNOWN;

/** A value whose type is only known on the wire (DynamicPseudoType). */
export class DynamicValue {
  constructor(
    readonly type: CtyType,
    readonly value: Value,
  ) {}
}

export type Value =
  | null
  | Unknown
  | string
  | number
  | boolean
  | DynamicValue
  | Value[]
  | { [name: string]: Value };

const codec = new ExtensionCodec();
const UNKNOWN_MARKER = { unknown: true } as const;
codec.register({
  type: 0,
  encode: () => null,
  decode: () => UNKNOWN_MARKER,
});
codec.register({ type: 12, encode: () => null, decode: () => UNKNOWN_MARKER });

export function isUnknown(value: unknown): value is Unknown {
  return value === UNKNOWN;
}

/** True when `value` holds no unknown anywhere. */
export function isWhollyKnown(value: Value): boolean {
  if (value === UNKNOWN) return false;
  if (value === null || typeof value !== "object") return true;
  if (value instanceof DynamicValue) return isWhollyKnown(value.value);
  if (Array.isArray(value)) return value.every(isWhollyKnown);
  return Object.values(value).every(isWhollyKnown);
}

function fromWire(type: CtyType, raw: unknown): Value {
  if (raw === UNKNOWN_MARKER) return UNKNOWN;
  if (raw === null || raw === undefined) return null;
  if (type === "dynamic") {
    const [typeJson, inner] = raw as [Uint8Array | string, unknown];
    const innerType = JSON.parse(typeof typeJson === "string" ? typeJson : Buffer.from(typeJson).toString("utf8")) as CtyType;
    return new DynamicValue(innerType, fromWire(innerType, inner));
  }
  if (type === "string") return String(raw);
  if (type === "bool") return Boolean(raw);
  if (type === "number") return typeof raw === "string" ? Number(raw) : typeof raw === "bigint" ? Number(raw) : (raw as number);
  const [kind, element] = type;
  if (kind === "list" || kind === "set") return (raw as unknown[]).map((item) => fromWire(element, item));
  if (kind === "tuple") return (raw as unknown[]).map((item, index) => fromWire((element as CtyType[])[index]!, item));
  const entries = raw instanceof Map ? [...raw.entries()] : Object.entries(raw as object);
  if (kind === "map") return Object.fromEntries(entries.map(([key, item]) => [String(key), fromWire(element, item)]));
  const attributes = element as Record<string, CtyType>;
  const out: Record<string, Value> = {};
  for (const [name, attributeType] of Object.entries(attributes)) out[name] = null;
  for (const [key, item] of entries) {
    const attributeType = attributes[String(key)];
    if (attributeType !== undefined) out[String(key)] = fromWire(attributeType, item);
  }
  return out;
}

function toWire(type: CtyType, value: Value): unknown {
  if (value === UNKNOWN) return new ExtData(0, new Uint8Array([0]));
  if (value === null) return null;
  if (type === "dynamic") {
    const dynamic = value instanceof DynamicValue ? value : new DynamicValue(impliedType(value), value);
    return [new TextEncoder().encode(JSON.stringify(dynamic.type)), toWire(dynamic.type, dynamic.value)];
  }
  if (type === "string" || type === "number" || type === "bool") return value;
  const [kind, element] = type;
  if (kind === "list" || kind === "set") return (value as Value[]).map((item) => toWire(element, item));
  if (kind === "tuple") return (value as Value[]).map((item, index) => toWire((element as CtyType[])[index]!, item));
  const record = value as Record<string, Value>;
  if (kind === "map") return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, toWire(element, item)]));
  const attributes = element as Record<string, CtyType>;
  return Object.fromEntries(Object.entries(attributes).map(([name, attributeType]) => [name, toWire(attributeType, record[name] ?? null)]));
}

/** The type a plain JSON-like value would have in cty (for dynamic values built by the stand-in). */
export function impliedType(value: Value): CtyType {
  if (typeof value === "string") return "string";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "bool";
  if (value instanceof DynamicValue) return value.type;
  if (Array.isArray(value)) return ["tuple", value.map(impliedType)];
  if (value && typeof value === "object") return ["object", Object.fromEntries(Object.entries(value).map(([k, v]) => [k, impliedType(v)]))];
  return "dynamic";
}

export function decodeValue(type: CtyType, bytes: Uint8Array | undefined | null): Value {
  if (!bytes || bytes.length === 0) return null;
  return fromWire(type, decode(bytes, { extensionCodec: codec, useBigInt64: false }));
}

export function encodeValue(type: CtyType, value: Value): Uint8Array {
  return encode(toWire(type, value), { extensionCodec: codec, ignoreUndefined: false });
}

/** Reads a JSON-encoded value (raw state as stored by Terraform) under `type`. */
export function fromJson(type: CtyType, json: unknown): Value {
  if (json === null || json === undefined) return null;
  if (type === "dynamic") return new DynamicValue(impliedType(json as Value), json as Value);
  if (type === "string" || type === "bool") return json as Value;
  if (type === "number") return typeof json === "string" ? Number(json) : (json as number);
  const [kind, element] = type;
  if (kind === "list" || kind === "set") return (json as unknown[]).map((item) => fromJson(element, item));
  if (kind === "tuple") return (json as unknown[]).map((item, index) => fromJson((element as CtyType[])[index]!, item));
  const record = json as Record<string, unknown>;
  if (kind === "map") return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, fromJson(element, item)]));
  const attributes = element as Record<string, CtyType>;
  return Object.fromEntries(Object.entries(attributes).map(([name, attributeType]) => [name, fromJson(attributeType, record[name])]));
}
