import type { KeyObject } from 'node:crypto';
import { ControlError, found } from '../control/control-error';
import type { ControlSnapshot, ControlTarget, FinraxCallbackUrls } from '../control/control-types';
import { amountToPay, confirmationsOf } from '../control/pay-amount';
import type { EmulatorContext, ProviderEmulator } from '../control/provider-emulator';
import { subtractDecimal } from '../core/decimal-amount';
import { HttpRouter } from '../http/http-router';
import type { Mount } from '../http/http-types';
import { checkFinraxAuth } from './finrax-auth';
import { FinraxBook } from './finrax-book';
import { FinraxCallbackSender } from './finrax-callbacks';
import { FinraxFailure, finraxError } from './finrax-errors';
import { FINRAX_PRECISION, type FinraxPayment, type FinraxWithdrawal } from './finrax-model';
import { registerFinraxPaymentPage } from './finrax-payment-page';
import { registerFinraxPaymentRoutes } from './finrax-payment-routes';
import { FinraxWithdrawalDesk } from './finrax-withdrawal-desk';
import { registerFinraxWithdrawalRoutes } from './finrax-withdrawal-routes';

/** Settings of the Finrax emulator. */
export interface FinraxEmulatorOptions {
  apiKey: string;
  apiSecret: string;
  businessId: string;
  callbackPrivateKey: KeyObject;
  callbackUrls?: FinraxCallbackUrls;
  approvalThresholdUsd?: string;
  timestampToleranceMs?: number;
}

/** The Finrax emulator plus its one extra control: the business's callback URLs. */
export interface FinraxEmulator extends ProviderEmulator {
  setCallbackUrls(urls: FinraxCallbackUrls): void;
}

/** Creates the Finrax emulator (payments, withdrawals, hosted deposit page, signed callbacks). */
export function createFinraxEmulator(
  context: EmulatorContext,
  options: FinraxEmulatorOptions,
): FinraxEmulator {
  let callbackUrls: FinraxCallbackUrls = { ...options.callbackUrls };
  const callbacks = new FinraxCallbackSender(
    context.webhooks,
    options.callbackPrivateKey,
    () => callbackUrls,
  );
  const book = new FinraxBook(context.clock, (payment, deposit, status) =>
    callbacks.deposit(payment, deposit, status),
  );
  const desk = new FinraxWithdrawalDesk(context.clock, options.approvalThresholdUsd ?? '10000', {
    withdrawal: (withdrawal) => callbacks.withdrawal(withdrawal),
    approval: (withdrawal) => callbacks.approval(withdrawal),
  });
  const api = new HttpRouter();
  registerFinraxPaymentRoutes(api, book, options.businessId);
  registerFinraxWithdrawalRoutes(api, desk, options.businessId);
  const pages = new HttpRouter();
  registerFinraxPaymentPage(pages, book);
  const credentials = {
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    timestampToleranceMs: options.timestampToleranceMs ?? 300_000,
  };

  const mount: Mount = {
    prefix: '/finrax',
    chaos: true,
    handle: async (request) => {
      book.expireDue();
      if (request.path.startsWith('/deposit/')) {
        return pages.dispatch(request, () => finraxError(404, 'Not found'));
      }
      try {
        checkFinraxAuth(request, credentials);
        return await api.dispatch(request, (reason) =>
          reason === 'not-found' ? finraxError(404, 'Not found') : finraxError(405, 'Method not allowed'),
        );
      } catch (error) {
        if (error instanceof FinraxFailure) return finraxError(error.status, error.message);
        throw error;
      }
    },
  };

  const paymentSnapshot = (payment: FinraxPayment): ControlSnapshot => ({
    provider: 'finrax',
    kind: 'payment',
    id: payment.paymentId,
    status: payment.status,
    currency: payment.depositCurrency,
    expectedAmount: payment.expectedDepositAmount,
    receivedAmount: book.confirmedAmount(payment),
    confirmations: payment.deposits.at(-1)?.confirmations ?? 0,
    requiredConfirmations: payment.network ? book.requiredConfirmations(payment) : null,
  });
  const withdrawalSnapshot = (withdrawal: FinraxWithdrawal): ControlSnapshot => ({
    provider: 'finrax',
    kind: 'payout',
    id: withdrawal.withdrawId,
    status: withdrawal.approval === 'PENDING' ? 'NEW (awaiting approval)' : withdrawal.status,
    currency: withdrawal.withdrawCurrency,
    expectedAmount: withdrawal.withdrawAmount,
    receivedAmount: null,
    confirmations: null,
    requiredConfirmations: null,
  });
  const payment = (target: ControlTarget) => found(book.find(target.id), `Finrax payment ${target.id}`);
  const withdrawal = (target: ControlTarget) => found(desk.find(target.id), `Finrax withdrawal ${target.id}`);

  return {
    name: 'finrax',
    mount,
    pay: (input) => {
      const target = payment(input);
      if (target.expectedDepositAmount === null) {
        throw new ControlError(409, 'No deposit currency chosen yet: submit the payment (PATCH) first');
      }
      const due = subtractDecimal(target.expectedDepositAmount, book.confirmedAmount(target));
      const amount = amountToPay(input, due, FINRAX_PRECISION[target.depositCurrency ?? ''] ?? 8);
      return paymentSnapshot(
        book.receive(target, amount, confirmationsOf(input.confirmations, 0), input.txid, input.from),
      );
    },
    confirm: (input) =>
      paymentSnapshot(
        book.confirm(
          payment(input),
          input.confirmations === undefined ? undefined : confirmationsOf(input.confirmations, 0),
        ),
      ),
    expire: (target) => paymentSnapshot(book.expire(payment(target))),
    hold: (target) => paymentSnapshot(book.hold(payment(target))),
    inspect: (target, kind) =>
      kind === 'payout' ? withdrawalSnapshot(withdrawal(target)) : paymentSnapshot(payment(target)),
    approvePayout: (input) => withdrawalSnapshot(desk.approve(withdrawal(input))),
    declinePayout: (input) => withdrawalSnapshot(desk.decline(withdrawal(input), input.outcome ?? 'FAILED')),
    onClockAdvanced: () => book.expireDue(),
    setCallbackUrls: (urls) => {
      callbackUrls = { ...callbackUrls, ...urls };
    },
  };
}
