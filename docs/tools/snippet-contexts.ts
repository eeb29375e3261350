/**
 * What a partial snippet assumes, declared once: a snippet opts in with
 * `<!-- snippet: context=NAME -->` right above its fence. Each context is prepended to the
 * snippet (and `suffix` appended) before the snippet is typechecked, so everything else in it,
 * imports included, must be real. Keep the list short: a reader copies the snippet, not this.
 */
export interface SnippetContext {
  /** Declarations the snippet uses without defining them. */
  prelude: string;
  /** Closes what the prelude opened, e.g. the function a `return` needs. */
  suffix?: string;
}

/** The application around a snippet: the merchant's own functions it calls. */
const merchantApp = `
declare function ship(reference: string): void;
declare function alertTreasury(payout: unknown): void;
declare function audit(...fields: unknown[]): void;
declare const log: { error(message: string, fields: Record<string, unknown>): void };
declare function redirect(url: string | undefined): void;
`;

export const snippetContexts: Record<string, SnippetContext> = {
  /** The merchant's application: \`ship\`, \`audit\`, \`log\`, \`redirect\`, … */
  app: { prelude: merchantApp },
  /** An existing client named \`paymux\` (and the app around it). */
  paymux: {
    prelude: `${merchantApp}
declare const paymux: import('@paymux/client').Paymux;
declare const event: import('@paymux/core').WebhookEvent & { data: import('@paymux/core').Payment };
`,
  },
  /** A client named \`paymux\` and the answers a request handler gives. */
  handler: {
    prelude: `${merchantApp}
declare const paymux: import('@paymux/client').Paymux;
declare function badRequest(field: string | undefined, issues: unknown): unknown;
declare function flagForReconciliation(reference: string | undefined): unknown;
declare function retryIn(seconds: number): unknown;
declare function retryLater(): unknown;
`,
  },
  /** Building a client: \`createPaymux\`, the Finrax and ForumPay plugins, \`env\`, \`plugins\`, \`providers\`. */
  setup: {
    prelude: `${merchantApp}
import { createPaymux } from '@paymux/client';
import { plugin as finrax } from '@paymux/finrax';
import { plugin as forumpay } from '@paymux/forumpay';
declare function env(name: string): string;
const plugins = [finrax, forumpay];
declare const providers: { main: { type: 'finrax'; apiKey: string; apiSecret: string; businessId: string } };
declare const tracerProvider: import('@paymux/client').TelemetryTracerProvider;
declare const meterProvider: import('@paymux/client').TelemetryMeterProvider;
`,
  },
  /** webhooks.md's \`handlePaymuxWebhook\`, and a Hono-style \`app\`. */
  'fetch-handler': {
    prelude: `
declare function handlePaymuxWebhook(account: string, request: Request): Promise<Response>;
declare const app: { post(path: string, handler: (c: { req: { param(name: string): string; raw: Request } }) => Promise<Response>): void };
`,
  },
};
