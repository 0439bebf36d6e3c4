// Text written into Terraform JSON as data: Terraform reads `${...}` and `%{...}` in any string as
// an interpolation or a directive, so a user's `${` (in a JSON payload, an event pattern) is
// escaped to `$${` (and `%{` to `%%{`), which Terraform turns back into the text as written.

/** `text` escaped so that Terraform passes it on exactly as written. */
export function terraformLiteral(text: string): string {
  // Replacement functions, not strings: in a replacement string `$$` itself means one `$`.
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}
