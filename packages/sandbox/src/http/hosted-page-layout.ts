import { escapeHtml } from './http-responses';

/** Wraps hosted-page content in a minimal, dependency-free HTML document. */
export function hostedPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; color: #1b1f24; }
h1 { font-size: 1.4rem; } .box { border: 1px solid #d0d7de; border-radius: 8px; padding: 1rem; margin: 1rem 0; }
code { word-break: break-all; } button { margin: .25rem .25rem .25rem 0; padding: .5rem 1rem; }
.note { color: #57606a; font-size: .9rem; }
</style>
</head>
<body>
<p class="note">Sandbox — no real funds move.</p>
${body}
</body>
</html>`;
}

/** A hidden form field. */
export function hiddenField(name: string, value: string): string {
  return `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`;
}
