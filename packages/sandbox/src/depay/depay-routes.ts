import type { KeyObject } from 'node:crypto';
import { isPositiveDecimal } from '../core/decimal-amount';
import { type JsonObject, readDecimal, readInteger, readText } from '../core/json-fields';
import { JsonNumber, writeJson } from '../core/json-value';
import type { SandboxClock } from '../core/sandbox-clock';
import type { HttpRouter } from '../http/http-router';
import { jsonResponse, textResponse } from '../http/http-responses';
import type { SandboxRequest, SandboxResponse } from '../http/http-types';
import { jsonObjectBody } from '../http/request-body';
import {
  DEPAY_TOKENS,
  type DepayApiForm,
  type DepayPayment,
  depayToken,
  isDepayAccount,
} from './depay-model';
import { signDepayBody } from './depay-signature';
import type { DepayTracker } from './depay-tracker';
import { depayPaymentView } from './depay-views';

/** A DePay error: the status code carries the meaning, the body a short message. */
export function depayError(status: number, message: string): SandboxResponse {
  return jsonResponse(status, { error: message });
}

const REQUIRED_TEXT = ['blockchain', 'transaction', 'sender', 'receiver', 'token'] as const;

/** The tracking's secret id: `uuid` in the seed, `secret_id` in later API versions. */
function trackingId(body: JsonObject): string | undefined {
  return readText(body, 'uuid') ?? readText(body, 'secret_id');
}

/** A nonce as JSON number or digit string, compared by its digits. */
function sameNonce(body: JsonObject, expected: JsonNumber): boolean {
  const given = readInteger(body, 'nonce');
  return given !== undefined && String(given) === String(Number.parseInt(expected.text, 10));
}

function integerText(body: JsonObject, key: string): JsonNumber | undefined {
  const value = readInteger(body, key);
  return value === undefined ? undefined : new JsonNumber(String(value));
}

function parsePayment(body: JsonObject, now: number, form: DepayApiForm): DepayPayment | string {
  for (const key of REQUIRED_TEXT) if (!readText(body, key)) return `${key} is missing`;
  const uuid = trackingId(body);
  if (!uuid) return 'uuid is missing';
  const blockchain = readText(body, 'blockchain') ?? '';
  if (!(blockchain in DEPAY_TOKENS)) return `blockchain ${blockchain} is not supported`;
  const nonce = integerText(body, 'nonce');
  const afterBlock = integerText(body, 'after_block');
  const confirmations = readInteger(body, 'confirmations');
  const amount = readDecimal(body, 'amount');
  if (nonce === undefined) return 'nonce must be an integer';
  if (afterBlock === undefined) return 'after_block must be an integer';
  if (confirmations === undefined) return 'confirmations must be an integer';
  if (amount === undefined || !isPositiveDecimal(amount)) return 'amount must be a positive decimal string';
  const feeAmount = readDecimal(body, 'fee_amount') ?? null;
  return {
    form,
    status: 'pending',
    failedReason: null,
    blockchain,
    transaction: readText(body, 'transaction') ?? '',
    sender: readText(body, 'sender') ?? '',
    nonce,
    receiver: readText(body, 'receiver') ?? '',
    token: (readText(body, 'token') ?? '').toLowerCase(),
    confirmations,
    afterBlock,
    amount,
    feeAmount,
    feeReceiver: readText(body, 'fee_receiver') ?? null,
    payload: body.payload ?? null,
    uuid,
    callback: readText(body, 'callback') ?? null,
    forwardTo: readText(body, 'forward_to') ?? null,
    release: null,
    seenConfirmations: 0,
    paidAmount: null,
    confirmedAt: null,
    createdAt: now,
    updatedAt: now,
  };
}

function jsonBody(request: SandboxRequest): { body: JsonObject } | { refusal: SandboxResponse } {
  const body = jsonObjectBody(request);
  return body ? { body } : { refusal: depayError(400, 'Request body must be a JSON object') };
}

/** Payment tracking (create, show, release), assets, token prices and decimals. */
export function registerDepayRoutes(
  router: HttpRouter,
  tracker: DepayTracker,
  clock: SandboxClock,
  signingKey: KeyObject,
): void {
  router.on('POST', '/payments', (request) => {
    const parsedBody = jsonBody(request);
    if ('refusal' in parsedBody) return parsedBody.refusal;
    const { body } = parsedBody;
    const existing = tracker.find(trackingId(body) ?? '');
    if (existing) return jsonResponse(200, depayPaymentView(existing));
    const parsed = parsePayment(body, clock.now(), tracker.nextForm());
    if (typeof parsed === 'string') return depayError(400, parsed);
    tracker.payments.push(parsed);
    return jsonResponse(201, depayPaymentView(parsed));
  });

  router.on('POST', '/payments/release', (request) => {
    const parsedBody = jsonBody(request);
    if ('refusal' in parsedBody) return parsedBody.refusal;
    const { body } = parsedBody;
    const payment = tracker.find(trackingId(body) ?? '');
    const matches =
      payment !== undefined &&
      readText(body, 'blockchain') === payment.blockchain &&
      readText(body, 'transaction') === payment.transaction &&
      readText(body, 'sender') === payment.sender &&
      sameNonce(body, payment.nonce);
    if (!payment || !matches) return depayError(404, 'Payment not found');
    if (payment.status !== 'success') return depayError(404, 'Payment not confirmed yet');
    payment.release ??= new Date(clock.now()).toISOString();
    return jsonResponse(200, depayPaymentView(payment));
  });

  router.on('GET', '/payments/:uuid', (request) => {
    const payment = tracker.find(request.params.uuid ?? '');
    if (!payment) return depayError(404, 'Payment not found');
    const body = writeJson(depayPaymentView(payment));
    return {
      status: 200,
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-signature': signDepayBody(body, signingKey, payment.form === 'later'),
      },
      body,
    };
  });

  router.on('GET', '/accounts/:blockchain/:account/assets', (request) => {
    const { blockchain = '', account = '' } = request.params;
    const tokens = DEPAY_TOKENS[blockchain];
    if (!tokens) return depayError(404, `Unknown blockchain ${blockchain}`);
    if (!isDepayAccount(blockchain, account)) return depayError(400, 'Invalid account');
    return jsonResponse(
      200,
      tokens.map((token) => ({
        name: token.name,
        symbol: token.symbol,
        address: token.address,
        balance: token.balance,
        decimals: token.decimals,
        type: token.type,
      })),
    );
  });

  router.on('GET', '/prices/:blockchain/:token', (request) => {
    const token = depayToken(request.params.blockchain ?? '', request.params.token ?? '');
    if (!token) return depayError(404, 'Token not found');
    return textResponse(200, token.usdPrice, 'application/json; charset=utf-8');
  });

  router.on('GET', '/tokens/decimals/:blockchain/:token', (request) => {
    const token = depayToken(request.params.blockchain ?? '', request.params.token ?? '');
    if (!token) return depayError(404, 'Token not found');
    return textResponse(200, String(token.decimals), 'application/json; charset=utf-8');
  });
}
