import { describe, expect, it } from "vitest";
import { renderJson } from "../../src/diff/render-json.js";
import { COMMENT_MARKER, renderMarkdown } from "../../src/diff/render-markdown.js";
import { renderText } from "../../src/diff/render-text.js";
import { diffDirs, writeSynthesis } from "./syntheses.js";

const service = (desiredCount: number, withDatabase = true, encrypted = true) => ({
  resource: {
    aws_ecs_service: { compute_ecs_service: { name: "orders", desired_count: desiredCount } },
    ...(withDatabase ? { aws_db_instance: { database_instance: { identifier: "orders", storage_encrypted: encrypted } } } : {}),
  },
});

/** orders: database replaced and service scaled; billing: added; legacy: removed; audit: unchanged. */
function mixedDiff() {
  const base = writeSynthesis({ orders: service(2), legacy: service(1, false), audit: service(1, false) });
  const head = writeSynthesis({ orders: service(3, true, false), billing: service(1, false), audit: service(1, false) });
  return diffDirs(base, head);
}

describe("diff reports", () => {
  it("says there is no difference, in every format", () => {
    const dir = writeSynthesis({ orders: service(2) });
    const diff = diffDirs(dir, dir);
    expect(renderText(diff)).toContain("No differences: 1 stack compared, all identical.");
    expect(renderMarkdown(diff)).toContain("**No differences: 1 stack compared, all identical.**");
    expect(JSON.parse(renderJson(diff))).toMatchObject({ changed: false, warnings: [] });
  });

  it("opens the text report with the headline, then the stateful warnings, then the stacks", () => {
    const text = renderText(mixedDiff());
    const lines = text.split("\n");
    expect(lines[1]).toBe("1 stack added, 1 stack removed, 1 stack changed, 1 unchanged; resources: 1 to change, 1 to replace; 1 stateful warning.");
    expect(lines[3]).toBe("!! 1 STATEFUL CHANGE: data can be lost");
    expect(lines[4]).toMatch(/^!! orders: aws_db_instance\.database_instance \(database\) REPLACED: storage_encrypted cannot change in place/);
    expect(text.indexOf("!! orders")).toBeLessThan(text.indexOf("stack billing"));
    expect(text).toContain("stack orders: 1 to change, 1 to replace");
    expect(text).toContain("  -/+ aws_db_instance.database_instance (replaced because of storage_encrypted)");
    expect(text).toContain("  -     desired_count = 2\n  +     desired_count = 3");
    expect(text).not.toContain("stack audit");
  });

  it("lists the resources of added and removed stacks", () => {
    const text = renderText(mixedDiff());
    expect(text).toContain("stack billing: added (1 resource)\n  + aws_ecs_service.compute_ecs_service");
    expect(text).toContain("stack legacy: removed (1 resource)\n  - aws_ecs_service.compute_ecs_service");
  });

  it("writes a PR comment: marker, headline, the stateful caution before anything else, then one collapsed section per differing stack", () => {
    const markdown = renderMarkdown(mixedDiff());
    expect(markdown.startsWith(`${COMMENT_MARKER}\n### platform diff\n`)).toBe(true);
    const caution = markdown.indexOf("> [!CAUTION]");
    expect(caution).toBeGreaterThan(0);
    expect(caution).toBeLessThan(markdown.indexOf("| stack | status |"));
    expect(markdown).toContain("> - <code>orders</code> <code>aws_db_instance.database_instance</code> (database) **REPLACED**:");
    expect(markdown.match(/<details>/g)).toHaveLength(3);
    expect(markdown).toContain("<details><summary><code>orders</code>: 1 to change, 1 to replace</summary>\n\n```diff\n");
    expect(markdown).not.toContain("<code>audit</code>");
  });

  it("leaves stack details out rather than exceed a comment's size, keeping the warnings", () => {
    const markdown = renderMarkdown(mixedDiff(), 900);
    expect(markdown.length).toBeLessThan(1300);
    expect(markdown).toContain("[!CAUTION]");
    expect(markdown).toMatch(/_Details of .*<code>orders<\/code>.* left out to fit a comment/);
  });

  it("fences values that contain backticks with a longer fence", () => {
    const base = writeSynthesis({ orders: { resource: { t: { n: { a: "x" } } } } });
    const head = writeSynthesis({ orders: { resource: { t: { n: { a: "```" } } } } });
    expect(renderMarkdown(diffDirs(base, head))).toContain("````diff\n");
  });

  it("gives the whole comparison as JSON, each change with its kind", () => {
    const report = JSON.parse(renderJson(mixedDiff()));
    expect(report.warnings).toMatchObject([{ stack: "orders", action: "replace" }]);
    const orders = report.stacks.find((stack: { name: string }) => stack.name === "orders");
    expect(orders.blocks).toContainEqual(expect.objectContaining({ address: "aws_ecs_service.compute_ecs_service", changes: [{ kind: "changed", path: "desired_count", before: 2, after: 3 }] }));
  });

  it("renders lifecycle blocks readably: one line per setting, names unquoted, conditions by their message", () => {
    const resource = (lifecycle: Record<string, unknown> | undefined) => ({
      resource: { aws_db_instance: { database_instance: { identifier: "orders", ...(lifecycle ? { lifecycle } : {}) } } },
    });
    const base = writeSynthesis({ orders: resource({ create_before_destroy: true }) });
    const head = writeSynthesis({
      orders: resource({
        create_before_destroy: true,
        ignore_changes: ["tags", "engine_version"],
        precondition: [{ condition: "${length(var.subnets) >= 2}", error_message: "RDS needs 2 subnets." }],
      }),
    });
    const text = renderText(diffDirs(base, head));
    expect(text).toContain("  +     lifecycle.ignore_changes = tags, engine_version\n");
    expect(text).toContain('  +     lifecycle.precondition[0] = "RDS needs 2 subnets." unless ${length(var.subnets) >= 2}\n');
    expect(text).not.toContain("{\"condition\"");
  });
});
