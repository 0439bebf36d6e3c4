// A resource or provider as a policy rule sees it: its Terraform attributes (snake_case, as in the
// provider docs), each resolved only when a rule reads it and then shared by every rule, because
// resolving references is the expensive part of a check.
import { resolveTokens, terraformArguments, TerraformProvider, TerraformResource, Token, TerraformStack, type IConstruct } from "../../providers/cdktf.js";

import { asBlocks, asBool, asNumber, parseJson, type Attributes, type ParsedJson } from "./values.js";

export { asBlocks, asBool, asList, asNumber, isExpression, parseJson, splitExpressions, type Attributes, type ParsedJson } from "./values.js";

/** The element type rules register for: a resource type (`aws_db_instance`) or `provider.<name>`. */
export function elementTypeOf(node: IConstruct): string | undefined {
  if (TerraformResource.isTerraformResource(node)) return node.terraformResourceType;
  if (TerraformProvider.isTerraformProvider(node)) return `provider.${node.terraformResourceType}`;
  return undefined;
}

export class PolicyElement {
  readonly type: string;
  /** `aws_db_instance.database_instance`, or `provider.aws`. */
  readonly address: string;
  private readonly raw: Attributes;
  private readonly resolved = new Map<string, unknown>();
  private readonly parsed = new Map<string, ParsedJson>();

  /**
   * `rendered` is the element's body from the stack's synthesized Terraform JSON, when the stack has
   * been rendered already: its references are resolved, so nothing is resolved a second time.
   */
  constructor(
    readonly construct: TerraformResource | TerraformProvider,
    private readonly stack: TerraformStack,
    private readonly rendered?: Attributes,
  ) {
    if (TerraformResource.isTerraformResource(construct)) {
      this.type = construct.terraformResourceType;
      this.address = `${this.type}.${construct.friendlyUniqueId}`;
    } else {
      this.type = `provider.${construct.terraformResourceType}`;
      this.address = construct.alias ? `${this.type}.${construct.alias}` : this.type;
    }
    this.raw = rendered ?? terraformArguments(construct);
  }

  get path(): string {
    return this.construct.node.path;
  }

  /** An attribute with its references resolved to Terraform expressions (`${aws_x.y.arn}`). */
  attr(name: string): unknown {
    if (this.rendered) return this.raw[name];
    if (!this.resolved.has(name)) {
      const raw = this.raw[name];
      // Plain values (most of what rules read) need no resolving.
      this.resolved.set(name, containsTokens(raw) ? resolveTokens(this.stack, raw) : raw);
    }
    return this.resolved.get(name);
  }

  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== null;
  }

  /** A boolean attribute; provider schemas that type booleans as strings ("true") count too. */
  bool(name: string): boolean | undefined {
    return asBool(this.attr(name));
  }

  string(name: string): string | undefined {
    const value = this.attr(name);
    return typeof value === "string" ? value : undefined;
  }

  number(name: string): number | undefined {
    return asNumber(this.attr(name));
  }

  /** A nested block: cdktf renders single blocks as objects and repeated ones as lists; both come back as a list. */
  blocks(name: string): Attributes[] {
    return asBlocks(this.attr(name));
  }

  /** The first (usually only) block of a nested block attribute. */
  block(name: string): Attributes | undefined {
    return this.blocks(name)[0];
  }

  /** An attribute holding a JSON document (policies, container definitions), parsed once. */
  json(name: string): ParsedJson {
    let parsed = this.parsed.get(name);
    if (!parsed) {
      // A document rendered with references inside (JSON.stringify of statements naming ARNs) parses
      // as it is: no rule reads the references, so resolving them would be wasted. A document that is
      // itself a token (a Lazy value, a Terraform function) is resolved first.
      const raw = this.raw[name];
      const direct = typeof raw === "string" && /^\s*[[{]/.test(raw) ? parseJson(raw) : undefined;
      parsed = direct?.ok ? direct : parseJson(this.attr(name));
      this.parsed.set(name, parsed);
    }
    return parsed;
  }
}

/** True when a value holds an unresolved token anywhere (a reference, a Lazy value, a function). */
function containsTokens(value: unknown): boolean {
  if (value === undefined || value === null || typeof value === "boolean") return false;
  if (typeof value === "string" || typeof value === "number") return Token.isUnresolved(value);
  if (Array.isArray(value)) return value.some(containsTokens);
  if (typeof value === "object") return Token.isUnresolved(value) || Object.values(value).some(containsTokens);
  return false;
}

