import { ConfigurationError } from '@paymux/core';
import type { WebhookHandlerTarget } from './node-handler';
import { MAX_WEBHOOK_BODY_BYTES } from './read-raw-body';

const FETCH_RAW_BODY_HELP =
  'toFetchHandler needs the unread Request, but its body was already read (request.json() or request.text() ran first). ' +
  'Next.js: export the handler itself, `export const POST = paymux.webhooks.toFetchHandler("main")`, without reading the body before. ' +
  'Hono: pass the raw request before any c.req.json(): `app.post("/webhooks/main", (c) => handler(c.req.raw))`. ' +
  'Otherwise call paymux.webhooks.handle(account, { rawBody: await request.text(), headers }).';

/**
 * A Fetch API handler (`Request` → `Response`) for one account's webhooks: Next.js route
 * handlers, Hono, Deno, Bun, Cloudflare Workers. Reads the raw body itself; a `Request` whose body
 * was already read is a `ConfigurationError` (thrown, so the framework's error handling sees it)
 * that says how to pass the raw one.
 *
 * @example
 * // app/api/webhooks/main/route.ts (Next.js)
 * export const POST = paymux.webhooks.toFetchHandler('main');
 * // Hono
 * const handler = paymux.webhooks.toFetchHandler('main');
 * app.post('/webhooks/main', (c) => handler(c.req.raw));
 */
export function toFetchHandler(
  webhooks: WebhookHandlerTarget,
  account: string | ((request: Request) => string),
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.bodyUsed) throw new ConfigurationError(FETCH_RAW_BODY_HELP, { field: 'rawBody' });
    const declared = Number(request.headers.get('content-length') ?? '0');
    if (declared > MAX_WEBHOOK_BODY_BYTES) return tooLarge();
    const rawBody = new Uint8Array(await request.arrayBuffer());
    if (rawBody.byteLength > MAX_WEBHOOK_BODY_BYTES) return tooLarge();
    const url = new URL(request.url);
    const result = await webhooks.handle(typeof account === 'string' ? account : account(request), {
      rawBody,
      headers: Object.fromEntries(request.headers),
      url: `${url.pathname}${url.search}`,
      method: request.method,
    });
    return new Response(result.body, { status: result.status, headers: result.headers });
  };
}

function tooLarge(): Response {
  return new Response('webhook body too large', { status: 413, headers: { 'content-type': 'text/plain' } });
}
