// A faster front for cdktf's token resolution, installed in its place. cdktf resolves every value
// of a stack by recursion that, for each string, number, array and object it meets, joins the whole
// key path into a string, allocates two closures and a context, and tests several regular
// expressions: about a third of a stack's synthesis time, though nearly every value holds no token
// at all. This walks plain values itself and hands everything that is, or may be, a token (and
// every error case) to cdktf's own function with exactly the options cdktf would have passed, so
// the output is the same (tests compare the two, and the stacks with `cdktf synth`'s, byte for byte).
// The patch that installs it is in cdktf-internals.ts, with cdktf's other patched internals.
import type * as Cdktf from "cdktf";

export interface ResolveOptions {
  scope: unknown;
  preparing: boolean;
  resolver: unknown;
  prefix?: string[];
  previousContext?: unknown;
}
export type Resolve = (value: unknown, options: ResolveOptions) => unknown;

export type Encoding = {
  containsStringListTokenElement(values: unknown[]): boolean;
  containsNumberListTokenElement(values: unknown[]): boolean;
  containsMapToken(value: object): boolean;
  extractTokenDouble(value: number, allowList: boolean): number | undefined;
};

// Set by prepareFastResolve, not on import: cdktf.ts prepares cdktf's loading first.
let encoding: Encoding;
let Token: typeof Cdktf.Token;
let Tokenization: typeof Cdktf.Tokenization;
/** cdktf's own resolve, which the fast path defers to. */
export let cdktfResolve: Resolve;

/** Every token marker (`${TfToken[`, `#{TfToken[`, `&{TfToken[`) contains this. */
const TOKEN_MARKER = "TfToken[";
/** cdktf's pattern for numbers encoded into strings (encoding.js NUMBER_TOKEN_REGEX). */
const NUMBER_TOKEN = /[-|\d|.+]+(e[-|\d|.|e|E|+]+)/;
/** cdktf refuses to resolve deeper than this (it takes deeper nesting for a reference cycle). */
const MAX_DEPTH = 200;

/** A string cdktf would return unchanged: no token marker and nothing that could be an encoded number. */
function isPlainString(value: string): boolean {
  return !value.includes(TOKEN_MARKER) && value !== Token.STRING_MAP_TOKEN_VALUE && value !== Token.ANY_MAP_TOKEN_VALUE && !NUMBER_TOKEN.test(value);
}

/** Could be a token marker: cheaper than cdktf's tests, which run only when this is true. */
const mayHoldMarker = (item: unknown) => typeof item === "string" && item.includes(TOKEN_MARKER);

/** An array cdktf itself must resolve: a tokenized list, as a string or as a number. */
function isTokenList(value: unknown[]): boolean {
  return (value.some(mayHoldMarker) && encoding.containsStringListTokenElement(value)) || encoding.containsNumberListTokenElement(value);
}

/** An object cdktf itself must resolve: a token, a tokenized map, a construct (an error), ... */
function isTokenObject(value: object, keys: string[]): boolean {
  const record = value as { _children?: unknown; _metadata?: unknown };
  return (keys.some(mayHoldMarker) && encoding.containsMapToken(value)) || Tokenization.isResolvable(value) || (record._children !== undefined && record._metadata !== undefined);
}

/** Where a value sits below the value being resolved; an array is built only when cdktf needs one. */
interface Path {
  parent: Path | undefined;
  key: string;
  depth: number;
}

function prefixOf(path: Path | undefined, base: string[]): string[] {
  const keys: string[] = [];
  for (let at = path; at; at = at.parent) keys.push(at.key);
  return keys.length === 0 ? base : [...base, ...keys.reverse()];
}

/** Hands `value` to cdktf's resolve with the options cdktf itself would pass at `path`. */
function delegate(value: unknown, options: ResolveOptions, base: string[], path: Path | undefined): unknown {
  return cdktfResolve(value, path ? { ...options, prefix: prefixOf(path, base) } : options);
}

function visit(value: unknown, options: ResolveOptions, base: string[], path: Path | undefined): unknown {
  if (base.length + (path?.depth ?? 0) > MAX_DEPTH) return delegate(value, options, base, path);
  switch (typeof value) {
    case "undefined":
      return undefined;
    case "string":
      return isPlainString(value) ? value : delegate(value, options, base, path);
    case "number":
      return value !== Token.NUMBER_MAP_TOKEN_VALUE && encoding.extractTokenDouble(value, false) === undefined ? value : delegate(value, options, base, path);
    case "object":
      break;
    case "function":
      return delegate(value, options, base, path);
    default:
      return value;
  }
  if (value === null) return null;
  if (value instanceof Date) return value;
  const depth = (path?.depth ?? 0) + 1;
  if (Array.isArray(value)) {
    if (isTokenList(value)) return delegate(value, options, base, path);
    const items: unknown[] = [];
    for (let index = 0; index < value.length; index++) {
      const item = visit(value[index], options, base, { parent: path, key: `${index}`, depth });
      if (item !== undefined) items.push(item);
    }
    return items;
  }
  const keys = Object.keys(value);
  // A key with a token in it resolves through cdktf, along with its object.
  if (isTokenObject(value, keys) || !keys.every(isPlainString)) return delegate(value, options, base, path);
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const item = visit((value as Record<string, unknown>)[key], options, base, { parent: path, key, depth });
    if (item !== undefined) result[key] = item;
  }
  return result;
}

/** Resolves `value` as cdktf's resolve does, walking token-free values without its per-value overhead. */
export function resolveFast(value: unknown, options: ResolveOptions): unknown {
  return visit(value, options, options.prefix ?? [], undefined);
}

/** The cdktf internals resolveFast reads (cdktf-internals.ts hands them over when it installs the patch). */
export interface ResolveInternals {
  cdktfResolve: Resolve;
  encoding: Encoding;
  Token: typeof Cdktf.Token;
  Tokenization: typeof Cdktf.Tokenization;
}

/** Gives resolveFast what it defers to; returns it, to be put in cdktf's place. */
export function prepareFastResolve(internals: ResolveInternals): Resolve {
  ({ cdktfResolve, encoding, Token, Tokenization } = internals);
  return resolveFast;
}
