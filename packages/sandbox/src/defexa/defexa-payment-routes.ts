import { isPositiveDecimal } from '../core/decimal-amount';
import { randomHex } from '../core/random-ids';
import { asObject, readBoolean, readDecimal, readText } from '../core/json-fields';
import type { HttpRouter } from '../http/http-router';
import { jsonResponse } from '../http/http-responses';
import { DefexaFailure } from './defexa-errors';
import type { DefexaLedger } from './defexa-ledger';
import { type DefexaInvoice, isDefexaCurrency } from './defexa-model';
import { type DefexaAuthContext, defexaRoute, requireText } from './defexa-request';
import { engineNumber } from './defexa-views';

/**
 * The hosted checkout URL of an invoice. The seed shows only `charge_requests?...`: the page is
 * found by the invoice token, and the order number is not given away here.
 */
export function defexaCheckoutUrl(origin: string, invoice: DefexaInvoice): string {
  return `${origin}/defexa/charge_requests?token=${invoice.token}`;
}

/** Host-to-host payments, the widget charge, and the engine's payment lookups. */
export function registerDefexaPaymentRoutes(
  router: HttpRouter,
  auth: DefexaAuthContext,
  ledger: DefexaLedger,
): void {
  router.on(
    'POST',
    '/api/v1/payments',
    defexaRoute(auth, false, (_request, body) => {
      const currency = readText(body, 'currency') ?? '';
      if (!isDefexaCurrency(currency)) throw new DefexaFailure('incorrect_currency', 'invalid_request_error');
      const uid = asObject(body.customer) ? readText(asObject(body.customer) ?? {}, 'uid') : undefined;
      if (!uid) throw new DefexaFailure('incorrect_customer_info', 'invalid_request_error');
      const customer = ledger.customer(currency, uid, readText(body, 'callbackUrl') ?? null);
      return jsonResponse(200, {
        success: true,
        error: '',
        currency,
        customer: { uid, address: customer.address },
      });
    }),
  );

  router.on(
    'POST',
    '/api/v1/charge',
    defexaRoute(auth, false, (request, body) => {
      const amount = readDecimal(body, 'amount');
      if (amount === undefined || !isPositiveDecimal(amount)) {
        throw new DefexaFailure('incorrect_amount', 'invalid_request_error');
      }
      const currency = readText(body, 'currency') ?? '';
      if (!isDefexaCurrency(currency)) throw new DefexaFailure('incorrect_currency', 'invalid_request_error');
      const callbackUrl = requireText(body, 'callback_url', 'incorrect_callback_url');
      const redirectFailUrl = requireText(body, 'redirect_fail_url', 'incorrect_redirect_url');
      const redirectSuccessUrl = requireText(body, 'redirect_success_url', 'incorrect_redirect_url');
      if (readBoolean(body, 'autoexchange') === true && !readText(body, 'exchange_currency')) {
        throw new DefexaFailure('incorrect_currency', 'invalid_request_error');
      }
      const shopOrderId = readText(body, 'shop_order_id') ?? null;
      if (shopOrderId !== null && ledger.invoices.some((invoice) => invoice.shopOrderId === shopOrderId)) {
        throw new DefexaFailure('order_number_already_exists', 'invalid_request_error');
      }
      const invoice = ledger.createInvoice({
        origin: 'charge',
        type: 'SINGLE',
        currency,
        amount,
        description: shopOrderId ? `Order ${shopOrderId}` : 'Widget invoice',
        walletId: ledger.walletFor(currency).id,
        callbackUrl,
        redirectSuccessUrl,
        redirectFailUrl,
        logoUrl: readText(body, 'logo_url') ?? null,
        shopOrderId,
        customerUid: null,
        expiresAt: null,
        // The seed does not say that the order number is the shop order id: the engine numbers
        // its own invoices, so an adapter that assumes otherwise fails here.
        orderNumber: `charge_${randomHex(10)}`,
      });
      return jsonResponse(200, {
        success: true,
        status: 'success',
        redirect_url: defexaCheckoutUrl(request.origin, invoice),
      });
    }),
  );

  const paymentLookup = (invoice: DefexaInvoice | undefined) => {
    if (!invoice) throw new DefexaFailure('payment_not_found', 'invalid_request_error');
    return jsonResponse(200, {
      success: true,
      result: 0,
      status: 200,
      payment: {
        token: invoice.token,
        order_number: invoice.orderNumber,
        status: invoice.state,
        amount: engineNumber(invoice.amount ?? invoice.received),
        net_amount: engineNumber(invoice.received),
        currency: invoice.currency,
        address: invoice.address,
        tx_hash: invoice.txHash,
        confirmations: invoice.confirmations,
        created_at: new Date(invoice.createdAt).toISOString(),
        updated_at: new Date(invoice.updatedAt).toISOString(),
      },
    });
  };
  router.on(
    'GET',
    '/api/v1/payments/order/:orderNumber',
    defexaRoute(auth, false, (request) =>
      paymentLookup(ledger.invoices.find((invoice) => invoice.orderNumber === request.params.orderNumber)),
    ),
  );
  router.on(
    'GET',
    '/api/v1/payments/:token',
    defexaRoute(auth, false, (request) =>
      paymentLookup(ledger.invoices.find((invoice) => invoice.token === request.params.token)),
    ),
  );
}
