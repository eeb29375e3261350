import { addDecimal, compareDecimal, isPositiveDecimal } from '../core/decimal-amount';
import { asObject, type JsonObject, readDecimal, readText } from '../core/json-fields';
import { randomHex } from '../core/random-ids';
import type { SandboxClock } from '../core/sandbox-clock';
import type { HttpRouter } from '../http/http-router';
import { jsonResponse } from '../http/http-responses';
import { DefexaFailure } from './defexa-errors';
import type { DefexaLedger } from './defexa-ledger';
import {
  DEFEXA_MIN_PAYOUT,
  DEFEXA_PAYOUT_FEES,
  DEFEXA_TEST_PANS,
  type DefexaCurrency,
  type DefexaPayout,
  type DefexaWallet,
  isDefexaCurrency,
} from './defexa-model';
import { type DefexaAuthContext, defexaRoute, requireText } from './defexa-request';
import { type DefexaMerchant, payoutFeedView, payoutListView } from './defexa-views';

interface PayoutBasics {
  currency: DefexaCurrency;
  wallet: DefexaWallet;
  fromAddress: string;
}

function payoutBasics(ledger: DefexaLedger, body: JsonObject): PayoutBasics {
  const currency = readText(body, 'currency') ?? '';
  if (!isDefexaCurrency(currency)) throw new DefexaFailure('incorrect_currency', 'invalid_request_error');
  const fromAddress = requireText(body, 'from_address', 'incorrect_address_info');
  const wallet = ledger.walletFor(currency);
  if (wallet.address !== fromAddress)
    throw new DefexaFailure('incorrect_address_info', 'invalid_request_error');
  return { currency, wallet, fromAddress };
}

function checkAmount(amount: string | undefined): string {
  if (amount === undefined || !isPositiveDecimal(amount)) {
    throw new DefexaFailure('incorrect_amount', 'invalid_request_error');
  }
  if (compareDecimal(amount, DEFEXA_MIN_PAYOUT) < 0) {
    throw new DefexaFailure('amount_less_than_minimum', 'invalid_request_error');
  }
  return amount;
}

/** Single and mass payouts, and the fee estimate. */
export function registerDefexaPayoutRoutes(
  router: HttpRouter,
  auth: DefexaAuthContext,
  ledger: DefexaLedger,
  merchant: DefexaMerchant,
  clock: SandboxClock,
): void {
  const walletOf = (payout: DefexaPayout) => ledger.walletFor(payout.currency);
  const orderTaken = (orderNumber: string) =>
    ledger.payouts.some(
      (payout) => payout.orderNumber === orderNumber || payout.massOrderNumber === orderNumber,
    );
  const newPayout = (
    basics: PayoutBasics,
    fields: Pick<DefexaPayout, 'amount' | 'targetAddress' | 'orderNumber' | 'callbackUrl' | 'comment'> &
      Partial<Pick<DefexaPayout, 'massOrderNumber' | 'massName'>>,
  ): DefexaPayout => ({
    id: ledger.newId(),
    token: randomHex(16),
    currency: basics.currency,
    fee: DEFEXA_PAYOUT_FEES[basics.currency],
    fromAddress: basics.fromAddress,
    walletId: basics.wallet.id,
    state: 'pending',
    massOrderNumber: null,
    massName: null,
    txHash: null,
    createdAt: clock.now(),
    updatedAt: clock.now(),
    ...fields,
  });
  // The seed's payout test PANs decide a payout at once when used as the target.
  const applyTestPan = (payout: DefexaPayout) => {
    const pan = DEFEXA_TEST_PANS[payout.targetAddress];
    if (pan?.payout) ledger.decidePayout(payout, pan.approves);
  };

  router.on(
    'POST',
    '/api/v1/da/payouts/fee',
    defexaRoute(auth, true, (_request, body) => {
      const basics = payoutBasics(ledger, body);
      requireText(body, 'target_address', 'incorrect_address_info');
      checkAmount(readDecimal(body, 'amount'));
      const networkFee = DEFEXA_PAYOUT_FEES[basics.currency];
      return jsonResponse(200, {
        success: true,
        result: 0,
        status: 200,
        commission: { low: { networkFee }, medium: { networkFee }, high: { networkFee } },
      });
    }),
  );

  router.on(
    'POST',
    '/api/v1/da/payouts',
    defexaRoute(auth, true, (_request, body) => {
      const basics = payoutBasics(ledger, body);
      const targetAddress = requireText(body, 'target_address', 'incorrect_address_info');
      const amount = checkAmount(readDecimal(body, 'amount'));
      const orderNumber = readText(body, 'order_number') ?? randomHex(16);
      if (orderTaken(orderNumber))
        throw new DefexaFailure('order_number_already_exists', 'invalid_request_error');
      const fee = DEFEXA_PAYOUT_FEES[basics.currency];
      if (compareDecimal(ledger.available(basics.wallet), addDecimal(amount, fee)) < 0) {
        throw new DefexaFailure('amount_less_than_balance', 'processing_error');
      }
      const payout = newPayout(basics, {
        amount,
        targetAddress,
        orderNumber,
        callbackUrl: readText(body, 'callback_url') ?? null,
        comment: null,
      });
      ledger.addPayout(payout);
      const timestamp = new Date(payout.createdAt).toISOString();
      const response = jsonResponse(200, {
        success: true,
        result: 0,
        status: 200,
        payout: {
          token: payout.token,
          timestamp,
          status: 'pending',
          scoring_action: 'success',
          core_id: payout.id,
        },
        token: payout.token,
        timestamp,
      });
      applyTestPan(payout);
      return response;
    }),
  );

  router.on(
    'GET',
    '/api/v1/da/payouts',
    defexaRoute(auth, true, (request) => {
      const type = request.query.get('type');
      if (type !== 'single' && type !== 'mass')
        throw new DefexaFailure('incorrect_type', 'invalid_request_error');
      const orderNumber = request.query.get('order_number');
      const payouts = ledger.payouts
        .filter((payout) => (type === 'mass') === (payout.massOrderNumber !== null))
        .filter(
          (payout) =>
            !orderNumber || payout.orderNumber === orderNumber || payout.massOrderNumber === orderNumber,
        )
        .map((payout) => payoutListView(payout, merchant, walletOf(payout)));
      return jsonResponse(200, { success: true, result: 0, status: 200, payouts });
    }),
  );

  router.on(
    'GET',
    '/api/v1/da/payouts/:id',
    defexaRoute(auth, true, (request) => {
      const payout = ledger.findPayout(request.params.id ?? '');
      if (!payout) throw new DefexaFailure('payment_not_found', 'invalid_request_error');
      return jsonResponse(200, {
        success: true,
        result: 0,
        status: 200,
        feed: [payoutFeedView(payout, merchant, walletOf(payout))],
      });
    }),
  );

  router.on(
    'POST',
    '/api/v1/da/mass_payouts',
    defexaRoute(auth, true, (_request, body) => {
      const basics = payoutBasics(ledger, body);
      const name = requireText(body, 'name', 'incorrect_name');
      const list = Array.isArray(body.payout_list) ? body.payout_list : undefined;
      if (!list || list.length === 0)
        throw new DefexaFailure('incorrect_payout_list', 'invalid_request_error');
      const lines = list.map((item) => {
        const line = asObject(item) ?? {};
        return {
          amount: checkAmount(readDecimal(line, 'Summ')),
          targetAddress: requireText(line, 'Address', 'incorrect_address_info'),
          comment: readText(line, 'Comment') ?? null,
        };
      });
      const fee = DEFEXA_PAYOUT_FEES[basics.currency];
      const total = lines.reduce((sum, line) => addDecimal(sum, addDecimal(line.amount, fee)), '0');
      if (compareDecimal(ledger.available(basics.wallet), total) < 0) {
        throw new DefexaFailure('amount_less_than_balance', 'processing_error');
      }
      const massOrderNumber = `mass_payout_${randomHex(16)}`;
      const callbackUrl = readText(body, 'callback_url') ?? null;
      const created = lines.map((line) =>
        newPayout(basics, {
          ...line,
          orderNumber: randomHex(16),
          callbackUrl,
          massOrderNumber,
          massName: name,
        }),
      );
      for (const payout of created) ledger.addPayout(payout);
      for (const payout of created) applyTestPan(payout);
      return jsonResponse(200, { success: true, result: 0, status: 200, order_number: massOrderNumber });
    }),
  );

  router.on(
    'GET',
    '/api/v1/da/mass_payouts',
    defexaRoute(auth, true, (request) => {
      const orderNumber = request.query.get('order_number');
      if (!orderNumber) throw new DefexaFailure('incorrect_order_number', 'invalid_request_error');
      const payouts = ledger.payouts
        .filter((payout) => payout.massOrderNumber === orderNumber)
        .map((payout) => payoutListView(payout, merchant, walletOf(payout)));
      return jsonResponse(200, { success: true, result: 0, status: 200, payouts });
    }),
  );
}
