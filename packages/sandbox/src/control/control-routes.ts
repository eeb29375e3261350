import { HttpRouter } from '../http/http-router';
import { jsonResponse } from '../http/http-responses';
import type { Mount, SandboxRequest, SandboxResponse } from '../http/http-types';
import { bodyText } from '../http/request-body';
import type { ChaosOptions } from '../core/chaos-policy';
import type { JsonOut } from '../core/json-value';
import type { WebhookDelivery } from '../webhooks/webhook-types';
import { ControlError } from './control-error';
import type {
  ConfirmInput,
  ControlTarget,
  DepayFailedReason,
  FailTrackingInput,
  FinraxCallbackUrls,
  PayInput,
  PayoutDecisionInput,
  SandboxControl,
  WebhookFilter,
} from './control-types';

type Body = Record<string, unknown>;

function parseBody(request: SandboxRequest): Body {
  const text = bodyText(request).trim();
  if (text === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ControlError(400, 'Body must be JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ControlError(400, 'Body must be a JSON object');
  }
  return value as Body;
}

function text(body: Body, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '')
    throw new ControlError(400, `"${key}" must be a non-empty string`);
  return value;
}

function optionalText(body: Body, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new ControlError(400, `"${key}" must be a string`);
  return value;
}

function optionalInteger(body: Body, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ControlError(400, `"${key}" must be a non-negative integer`);
  }
  return value;
}

function target(body: Body): ControlTarget {
  const provider = text(body, 'provider');
  if (!['defexa', 'forumpay', 'finrax', 'depay'].includes(provider)) {
    throw new ControlError(400, `Unknown provider "${provider}"`);
  }
  return { provider: provider as ControlTarget['provider'], id: text(body, 'id') };
}

function payInput(body: Body): PayInput {
  const kind = optionalText(body, 'kind');
  if (kind !== undefined && kind !== 'exact' && kind !== 'short' && kind !== 'excess') {
    throw new ControlError(400, '"kind" must be exact, short or excess');
  }
  const input: PayInput = { ...target(body) };
  const amount = optionalText(body, 'amount');
  const confirmations = optionalInteger(body, 'confirmations');
  const txid = optionalText(body, 'txid');
  const from = optionalText(body, 'from');
  if (kind !== undefined) input.kind = kind;
  if (amount !== undefined) input.amount = amount;
  if (confirmations !== undefined) input.confirmations = confirmations;
  if (txid !== undefined) input.txid = txid;
  if (from !== undefined) input.from = from;
  return input;
}

function payoutInput(body: Body): PayoutDecisionInput {
  const { provider, id } = target(body);
  if (provider !== 'defexa' && provider !== 'finrax')
    throw new ControlError(400, 'Payouts exist on defexa and finrax');
  const outcome = optionalText(body, 'outcome');
  if (outcome !== undefined && outcome !== 'FAILED' && outcome !== 'BLOCKED') {
    throw new ControlError(400, '"outcome" must be FAILED or BLOCKED');
  }
  return outcome ? { provider, id, outcome } : { provider, id };
}

function deliveriesJson(deliveries: WebhookDelivery[]): JsonOut {
  return deliveries.map((delivery) => ({
    ...delivery,
    attempts: delivery.attempts.map((attempt) => ({ ...attempt })),
  }));
}

/** Serves the control API as JSON under `/__sandbox/`. */
export function createControlMount(control: SandboxControl, info: () => JsonOut): Mount {
  const router = new HttpRouter();
  const post = (path: string, run: (body: Body) => JsonOut) =>
    router.on('POST', path, (request) => jsonResponse(200, run(parseBody(request))));

  router.on('GET', '/info', () => jsonResponse(200, info()));
  router.on('GET', '/time', () =>
    jsonResponse(200, { now: control.now(), iso: new Date(control.now()).toISOString() }),
  );
  post('/pay', (body) => ({ ...control.pay(payInput(body)) }));
  post('/confirm', (body) => {
    const input: ConfirmInput = { ...target(body) };
    const confirmations = optionalInteger(body, 'confirmations');
    if (confirmations !== undefined) input.confirmations = confirmations;
    return { ...control.confirm(input) };
  });
  post('/expire', (body) => ({ ...control.expire(target(body)) }));
  post('/hold', (body) => ({ ...control.hold(target(body)) }));
  post('/inspect', (body) => {
    const kind = optionalText(body, 'kind');
    return { ...control.inspect({ ...target(body), kind: kind === 'payout' ? 'payout' : 'payment' }) };
  });
  post('/fail-tracking', (body) => {
    const input: FailTrackingInput = {
      id: text(body, 'id'),
      reason: text(body, 'reason') as DepayFailedReason,
    };
    return { ...control.failTracking(input) };
  });
  post('/approve-payout', (body) => ({ ...control.approvePayout(payoutInput(body)) }));
  post('/decline-payout', (body) => ({ ...control.declinePayout(payoutInput(body)) }));
  post('/advance-time', (body) => {
    const ms = body.ms;
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
      throw new ControlError(400, '"ms" must be >= 0');
    control.advanceTime(ms);
    return { now: control.now(), iso: new Date(control.now()).toISOString() };
  });
  router.on('GET', '/webhooks', (request) => {
    const filter: WebhookFilter = {};
    const provider = request.query.get('provider');
    const event = request.query.get('event');
    const state = request.query.get('state');
    const bodyIncludes = request.query.get('bodyIncludes');
    if (provider) filter.provider = provider as WebhookFilter['provider'] & string;
    if (event) filter.event = event;
    if (state) filter.state = state as WebhookDelivery['state'];
    if (bodyIncludes) filter.bodyIncludes = bodyIncludes;
    return jsonResponse(200, deliveriesJson(control.webhooks(filter)));
  });
  post('/clear-webhooks', () => {
    control.clearWebhooks();
    return { cleared: true };
  });
  post('/finrax-callbacks', (body) => {
    const urls: FinraxCallbackUrls = {};
    for (const key of ['deposit', 'withdrawal', 'withdrawalApproval'] as const) {
      const value = optionalText(body, key);
      if (value !== undefined) urls[key] = value;
    }
    control.setFinraxCallbackUrls(urls);
    return { ...urls };
  });
  post('/chaos', (body) => {
    control.setChaos(body as ChaosOptions);
    return { updated: true };
  });

  return {
    prefix: '/__sandbox',
    chaos: false,
    handle: async (request): Promise<SandboxResponse> => {
      try {
        return await router.dispatch(request, (reason) =>
          jsonResponse(reason === 'not-found' ? 404 : 405, {
            error: `No control route ${request.method} ${request.path}`,
          }),
        );
      } catch (error) {
        if (error instanceof ControlError) return jsonResponse(error.status, { error: error.message });
        throw error;
      }
    },
  };
}
