/**
 * The body of the first fenced code block after `marker` in a Markdown page, so the install test
 * runs exactly what a reader of the docs copies (the same rule as docs/tools/markdown-blocks.ts,
 * which belongs to another workspace package).
 *
 * @example
 * codeBlockAfter('<!-- x -->\n```sh\nnpm ci\n```', '<!-- x -->') // 'npm ci\n'
 */
export function codeBlockAfter(markdown: string, marker: string): string {
  const at = markdown.indexOf(marker);
  if (at === -1) throw new Error(`marker ${marker} not found`);
  const block = /```[\w-]*\n([\s\S]*?)```/.exec(markdown.slice(at + marker.length));
  if (!block?.[1]) throw new Error(`no code block after ${marker}`);
  return block[1];
}
