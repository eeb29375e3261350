import { isPositiveDecimal } from '../core/decimal-amount';
import { asObject, readBoolean, readDecimal, readInteger, readText } from '../core/json-fields';
import { formatUtcSeconds } from '../core/sandbox-clock';
import type { HttpRouter } from '../http/http-router';
import { jsonResponse } from '../http/http-responses';
import { DefexaFailure } from './defexa-errors';
import type { DefexaLedger } from './defexa-ledger';
import { isDefexaCurrency } from './defexa-model';
import { defexaCheckoutUrl } from './defexa-payment-routes';
import { type DefexaAuthContext, defexaRoute, requireText } from './defexa-request';
import {
  type DefexaMerchant,
  engineNumber,
  invoiceFeedView,
  invoiceListView,
  walletView,
} from './defexa-views';

/** Accepts `2023-03-28 22:52:59 UTC`, ISO-8601 or unix seconds. */
function parseExpiration(text: string): number | undefined {
  if (/^\d{9,11}$/.test(text)) return Number.parseInt(text, 10) * 1000;
  const parsed = Date.parse(text.replace(/ UTC$/, 'Z').replace(' ', 'T'));
  return Number.isNaN(parsed) ? undefined : parsed;
}

/** The DA module: login, wallets, invoices and AML refunds. */
export function registerDefexaDaRoutes(
  router: HttpRouter,
  auth: DefexaAuthContext,
  ledger: DefexaLedger,
  merchant: DefexaMerchant,
): void {
  router.on(
    'POST',
    '/api/v1/da/login',
    defexaRoute(auth, false, () => {
      const session = auth.sessions.login();
      return jsonResponse(200, {
        success: true,
        status: 200,
        expiration: formatUtcSeconds(session.expiresAt),
        session_token: session.token,
        user_id: merchant.userId,
      });
    }),
  );

  router.on(
    'GET',
    '/api/v1/da/wallets',
    defexaRoute(auth, true, () =>
      jsonResponse(200, {
        success: true,
        result: 0,
        status: 200,
        wallets: ledger.wallets.map((wallet) => walletView(wallet, ledger.available(wallet))),
      }),
    ),
  );

  const walletOf = (walletId: number) =>
    ledger.wallets.find((wallet) => wallet.id === walletId) ?? ledger.wallets[0]!;

  router.on(
    'GET',
    '/api/v1/da/invoices',
    defexaRoute(auth, true, (request) => {
      const typeName = request.query.get('type_name');
      const orderNumber = request.query.get('order_number');
      const invoices = ledger.invoices
        .filter((invoice) => !typeName || invoice.type === typeName.toUpperCase())
        .filter((invoice) => !orderNumber || invoice.orderNumber === orderNumber)
        .map((invoice) => invoiceListView(invoice, merchant, walletOf(invoice.walletId)));
      return jsonResponse(200, { success: true, invoices });
    }),
  );

  router.on(
    'GET',
    '/api/v1/da/invoices/:id',
    defexaRoute(auth, true, (request) => {
      const id = request.params.id ?? '';
      const invoice = ledger.invoices.find(
        (candidate) => String(candidate.id) === id || candidate.token === id,
      );
      if (!invoice) throw new DefexaFailure('payment_not_found', 'invalid_request_error');
      return jsonResponse(200, {
        success: true,
        status: 200,
        feed: [invoiceFeedView(invoice, merchant, walletOf(invoice.walletId))],
      });
    }),
  );

  router.on(
    'POST',
    '/api/v1/da/invoices',
    defexaRoute(auth, true, (request, body) => {
      const type = (readText(body, 'type') ?? '').toUpperCase();
      if (type !== 'SINGLE' && type !== 'UNLIMITED')
        throw new DefexaFailure('incorrect_type', 'invalid_request_error');
      const currency = readText(body, 'currency') ?? '';
      if (!isDefexaCurrency(currency)) throw new DefexaFailure('incorrect_currency', 'invalid_request_error');
      const description = requireText(body, 'description', 'incorrect_description');
      const walletId = readInteger(body, 'from_wallet');
      if (walletId === undefined || !ledger.wallets.some((wallet) => wallet.id === walletId)) {
        throw new DefexaFailure('wallet_not_found', 'invalid_request_error');
      }
      const amount = readDecimal(body, 'amount');
      if (type === 'SINGLE' && (amount === undefined || !isPositiveDecimal(amount))) {
        throw new DefexaFailure('incorrect_amount', 'invalid_request_error');
      }
      let expiresAt: number | null = null;
      const expirationText = readText(body, 'expiration_time');
      if (type === 'SINGLE' && expirationText !== undefined) {
        if (readBoolean(body, 'set_expiration_time') !== true) {
          throw new DefexaFailure('incorrect_expiration_time', 'invalid_request_error');
        }
        expiresAt = parseExpiration(expirationText) ?? null;
        if (expiresAt === null) throw new DefexaFailure('incorrect_expiration_time', 'invalid_request_error');
      }
      if (readBoolean(body, 'autoexchange') === true && !readText(body, 'exchange_currency')) {
        throw new DefexaFailure('incorrect_currency', 'invalid_request_error');
      }
      const uid = readText(asObject(body.customer) ?? {}, 'uid') ?? readText(body, 'customer.uid') ?? null;
      const invoice = ledger.createInvoice({
        origin: 'invoice',
        type,
        currency,
        amount: type === 'SINGLE' ? (amount ?? null) : null,
        description,
        walletId,
        callbackUrl: readText(body, 'callback_url') ?? null,
        redirectSuccessUrl: null,
        redirectFailUrl: null,
        logoUrl: null,
        shopOrderId: null,
        customerUid: uid,
        expiresAt,
        orderNumber: `${type === 'SINGLE' ? 'limited' : 'unlimited'}_invoice_${ledger.newId().toString(16)}${Date.now().toString(16)}`,
        ...(uid ? { address: ledger.customer(currency, uid, null).address } : {}),
      });
      return jsonResponse(200, {
        success: true,
        status: 'success',
        url: defexaCheckoutUrl(request.origin, invoice),
      });
    }),
  );

  router.on(
    'GET',
    '/api/v1/da/aml_refunds',
    defexaRoute(auth, true, () => {
      const payments = ledger.amlCases
        .filter((amlCase) => amlCase.status === 'pending')
        .flatMap((amlCase) => {
          const invoice = ledger.invoices.find((candidate) => candidate.id === amlCase.invoiceId);
          if (!invoice) return [];
          return [
            {
              id: amlCase.id,
              status: amlCase.status,
              token: invoice.token,
              currency: invoice.currency,
              amount: engineNumber(invoice.received),
              created_at: new Date(amlCase.createdAt).toISOString(),
              operation_type: 'pay',
              order_number: invoice.orderNumber,
              details: {
                address: invoice.address,
                core_id: invoice.id,
                tx_hash: invoice.txHash,
                risk_score: amlCase.riskScore,
                address_from: invoice.payerAddress,
                explorer_url: `https://explorer.sandbox.invalid/tx/${invoice.txHash ?? ''}`,
                aml_refund_disabled: true,
                // The engine echoes the merchant key here (see the seed): clients must redact it.
                merchant_private_key: auth.merchantPrivateKey,
              },
            },
          ];
        });
      return jsonResponse(200, { success: true, result: 0, status: 200, payments });
    }),
  );

  router.on(
    'POST',
    '/api/v1/da/aml_refunds',
    defexaRoute(auth, true, (_request, body) => {
      const token = requireText(body, 'token', 'payment_not_found');
      const toAddress = requireText(body, 'to_address', 'incorrect_address_info');
      const invoice = ledger.invoices.find((candidate) => candidate.token === token);
      const amlCase = ledger.amlCases.find((candidate) => candidate.invoiceId === invoice?.id);
      if (amlCase?.status !== 'pending')
        throw new DefexaFailure('payment_not_found', 'invalid_request_error');
      ledger.refundAml(amlCase, toAddress);
      return jsonResponse(200, { success: true, result: 0, status: 200 });
    }),
  );
}
