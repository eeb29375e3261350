/**
 * The body of the first fenced code block after `marker` in a Markdown page, so a test can run
 * exactly what a reader copies.
 *
 * @example
 * codeBlockAfter('<!-- x -->\n```ts\nconsole.log(1)\n```', '<!-- x -->') // 'console.log(1)\n'
 */
export function codeBlockAfter(markdown: string, marker: string): string {
  const at = markdown.indexOf(marker);
  if (at === -1) throw new Error(`marker ${marker} not found`);
  const block = /```[\w-]*\n([\s\S]*?)```/.exec(markdown.slice(at + marker.length));
  if (!block?.[1]) throw new Error(`no code block after ${marker}`);
  return block[1];
}
