import { ControlError, found } from '../control/control-error';
import type {
  ConfirmInput,
  ControlSnapshot,
  ControlTarget,
  PayInput,
  PayoutDecisionInput,
} from '../control/control-types';
import { amountToPay, confirmationsOf } from '../control/pay-amount';
import type { EmulatorContext, ProviderEmulator } from '../control/provider-emulator';
import { writeJson } from '../core/json-value';
import { randomHex } from '../core/random-ids';
import { HttpRouter } from '../http/http-router';
import type { Mount } from '../http/http-types';
import type { RetryPolicy } from '../webhooks/webhook-types';
import { DefexaSessions } from './defexa-auth';
import { registerDefexaCheckoutPage } from './defexa-checkout-page';
import { registerDefexaDaRoutes } from './defexa-da-routes';
import { defexaError } from './defexa-errors';
import { DefexaLedger } from './defexa-ledger';
import type { DefexaInvoice, DefexaPayout } from './defexa-model';
import { registerDefexaPaymentRoutes } from './defexa-payment-routes';
import { registerDefexaPayoutRoutes } from './defexa-payout-routes';
import { type DefexaMerchant, invoiceNotification, payoutNotification } from './defexa-views';

/** Settings of the Defexa emulator. */
export interface DefexaEmulatorOptions {
  merchantPrivateKey: string;
  /** Lifetime of a DA session token, sandbox ms. Default one hour. */
  sessionLifetimeMs?: number;
}

const HOUR_MS = 3_600_000;

/** The engine retries hourly, at most 9 times, until the merchant answers exactly 200. */
export const DEFEXA_RETRY_POLICY: RetryPolicy = {
  maxRetries: 9,
  delayMs: () => HOUR_MS,
  accepts: (status) => status === 200,
  timeoutMs: 10_000,
};

/** Creates the Defexa emulator (Business API, DA module, hosted checkout). */
export function createDefexaEmulator(
  context: EmulatorContext,
  options: DefexaEmulatorOptions,
): ProviderEmulator {
  const merchant: DefexaMerchant = {
    userId: 100 + Number.parseInt(randomHex(1), 16),
    name: 'Sandbox Merchant',
    email: 'merchant@sandbox.invalid',
  };
  const notify = (url: string | null, event: string, body: string) => {
    if (!url) return;
    context.webhooks.send({
      provider: 'defexa',
      event,
      url,
      body,
      headers: () => ({ 'content-type': 'application/json' }),
      retry: DEFEXA_RETRY_POLICY,
    });
  };
  const ledger = new DefexaLedger(context.clock, {
    invoiceChanged: (invoice) =>
      notify(invoice.callbackUrl, `pay.${invoice.state}`, writeJson(invoiceNotification(invoice, merchant))),
    payoutChanged: (payout) =>
      notify(payout.callbackUrl, `payout.${payout.state}`, writeJson(payoutNotification(payout, merchant))),
  });
  const auth = {
    merchantPrivateKey: options.merchantPrivateKey,
    sessions: new DefexaSessions(context.clock, options.sessionLifetimeMs ?? HOUR_MS),
  };
  const router = new HttpRouter();
  registerDefexaPaymentRoutes(router, auth, ledger);
  registerDefexaDaRoutes(router, auth, ledger, merchant);
  registerDefexaPayoutRoutes(router, auth, ledger, merchant, context.clock);
  registerDefexaCheckoutPage(router, ledger);

  const mount: Mount = {
    prefix: '/defexa',
    chaos: true,
    handle: (request) => {
      ledger.expireDue();
      return router.dispatch(request, () => defexaError('no_route_match', 'api_error'));
    },
  };

  const invoiceSnapshot = (invoice: DefexaInvoice): ControlSnapshot => ({
    provider: 'defexa',
    kind: 'payment',
    id: String(invoice.id),
    status: invoice.amlHold && invoice.state === 'pending' ? 'pending (AML hold)' : invoice.state,
    currency: invoice.currency,
    expectedAmount: invoice.amount,
    receivedAmount: invoice.received,
    confirmations: invoice.confirmations,
    requiredConfirmations: 1,
  });
  const payoutSnapshot = (payout: DefexaPayout): ControlSnapshot => ({
    provider: 'defexa',
    kind: 'payout',
    id: String(payout.id),
    status: payout.state,
    currency: payout.currency,
    expectedAmount: payout.amount,
    receivedAmount: null,
    confirmations: null,
    requiredConfirmations: null,
  });
  const invoice = (target: ControlTarget) =>
    found(ledger.findInvoice(target.id), `Defexa invoice ${target.id}`);
  const payout = (target: ControlTarget) => found(ledger.findPayout(target.id), `Defexa payout ${target.id}`);

  return {
    name: 'defexa',
    mount,
    pay: (input: PayInput) => {
      const due = ledger.customers.some((customer) => customer.address === input.id)
        ? undefined
        : (ledger.findInvoice(input.id)?.amount ?? undefined);
      const amount = amountToPay(input, due, 8);
      return invoiceSnapshot(
        ledger.receive(input.id, amount, confirmationsOf(input.confirmations, 0), input.txid, input.from),
      );
    },
    confirm: (input: ConfirmInput) =>
      invoiceSnapshot(ledger.confirm(invoice(input), confirmationsOf(input.confirmations, 1))),
    expire: (target) => invoiceSnapshot(ledger.expire(invoice(target))),
    hold: (target) => invoiceSnapshot(ledger.hold(invoice(target))),
    inspect: (target, kind) =>
      kind === 'payout' ? payoutSnapshot(payout(target)) : invoiceSnapshot(invoice(target)),
    approvePayout: (input: PayoutDecisionInput) => payoutSnapshot(ledger.decidePayout(payout(input), true)),
    declinePayout: (input: PayoutDecisionInput) => {
      if (input.outcome === 'BLOCKED') throw new ControlError(400, 'Defexa payouts are approved or declined');
      return payoutSnapshot(ledger.decidePayout(payout(input), false));
    },
    onClockAdvanced: () => ledger.expireDue(),
  };
}
