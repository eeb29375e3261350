import {
  AuthenticationError,
  DuplicateReferenceError,
  InsufficientFundsError,
  NotFoundError,
  PaymuxError,
  PermissionError,
  ProviderRejectedError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
} from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { defexaErrorCodes, mapDefexaError, readDefexaErrors } from './defexa-error';
import {
  defexaScope,
  mockLogin,
  SEED_SESSION,
  seedErrorBodies,
  TEST_KEY,
  testProvider,
} from '../test/defexa-test-support';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

const envelope = (code: string, kind: string) => ({
  success: false,
  result: 1,
  status: 403,
  errors: [{ code, kind }],
});

describe('mapDefexaError', () => {
  it('reads both envelope shapes of the seed', () => {
    const [listShape, arrayShape, processing] = seedErrorBodies().map((text) => JSON.parse(text) as unknown);
    expect(readDefexaErrors(listShape)).toEqual([{ code: 'merchant_not_found', kind: 'api_error' }]);
    expect(readDefexaErrors(arrayShape)).toEqual([
      { code: 'amount_less_than_minimum', kind: 'invalid_request_error' },
    ]);
    const insufficient = mapDefexaError({ status: 403, body: processing, requestId: undefined });
    expect(InsufficientFundsError.is(insufficient)).toBe(true);
    expect(insufficient?.providerCode).toBe('amount_less_than_balance');
    expect(insufficient?.httpStatus).toBe(403);
  });

  it.each([
    ['incorrect_private_key', 'authentication_error', AuthenticationError],
    ['incorrect_address_info', 'invalid_request_error', ProviderRejectedError],
    ['incorrect_bank_card_info', 'invalid_request_error', ProviderRejectedError],
    ['order_number_already_exists', 'invalid_request_error', DuplicateReferenceError],
    ['amount_less_than_balance', 'processing_error', InsufficientFundsError],
    ['incorrect_amount', 'invalid_request_error', ProviderRejectedError],
    ['incorrect_currency', 'invalid_request_error', ProviderRejectedError],
    ['incorrect_order_number', 'invalid_request_error', ProviderRejectedError],
    ['amount_less_than_minimum', 'invalid_request_error', ProviderRejectedError],
    ['merchant_not_found', 'api_error', AuthenticationError],
    ['payment_not_found', 'invalid_request_error', NotFoundError],
    ['settings_are_absent', 'api_error', PermissionError],
    ['balance_less_than_amount', 'processing_error', InsufficientFundsError],
    ['no_route_match', 'api_error', ProviderRejectedError],
    ['content_type_not_allowed', 'invalid_request_error', ProviderRejectedError],
    ['action_skipped_due_to_debounce', 'processing_error', RateLimitError],
  ] as const)('%s → %s', (code, kind, ErrorClass) => {
    const error = mapDefexaError({ status: 403, body: envelope(code, kind), requestId: undefined });
    expect(ErrorClass.is(error)).toBe(true);
    expect(error?.providerCode).toBe(code);
  });

  it('maps every code of its table', () => {
    for (const code of Object.keys(defexaErrorCodes)) {
      expect(
        PaymuxError.is(
          mapDefexaError({ status: 403, body: envelope(code, 'api_error'), requestId: undefined }),
        ),
      ).toBe(true);
    }
  });

  it.each([
    ['api_error', ProviderUnavailableError],
    ['authentication_error', AuthenticationError],
    ['invalid_request_error', ProviderRejectedError],
    ['processing_error', ProviderRejectedError],
  ] as const)('an unlisted code falls back on its kind %s', (kind, ErrorClass) => {
    const error = mapDefexaError({
      status: 403,
      body: envelope('something_new', kind),
      requestId: undefined,
    });
    expect(ErrorClass.is(error)).toBe(true);
    expect(error?.providerCode).toBe('something_new');
  });

  it('treats a 200 with success:false as an error, and a success as none', () => {
    expect(
      ProviderRejectedError.is(
        mapDefexaError({ status: 200, body: { success: false, error: 'bad' }, requestId: undefined }),
      ),
    ).toBe(true);
    expect(mapDefexaError({ status: 200, body: { success: true }, requestId: undefined })).toBeUndefined();
    expect(mapDefexaError({ status: 404, body: undefined, requestId: undefined })).toBeUndefined();
  });
});

describe('errors through the client', () => {
  it('a 403 envelope on a payout becomes InsufficientFundsError with the code, no secret in it', async () => {
    const { scope } = defexaScope();
    mockLogin(scope);
    scope
      .post('/api/v1/da/payouts')
      .reply(403, seedErrorBodies()[2]!, { 'content-type': 'application/json' });
    const error = await testProvider()
      .createPayout({
        reference: 'po-1',
        amount: { amount: '10', currency: 'ALGO' },
        destination: {
          asset: { symbol: 'ALGO', network: 'algorand' },
          address: 'U5JW3GOE5C2SKIFADXNS7WYXK4634',
        },
        providerOptions: { defexa: { fromAddress: 'TWAL6PN73E6NAOERO5746HZQY5OGXOU' } },
      })
      .catch((caught: unknown) => caught);
    expect(InsufficientFundsError.is(error)).toBe(true);
    expect((error as PaymuxError).providerCode).toBe('amount_less_than_balance');
    const text = JSON.stringify(error);
    expect(text).not.toContain(TEST_KEY);
    expect(text).not.toContain(SEED_SESSION);
  });

  it('a duplicate order number is a DuplicateReferenceError', async () => {
    const { scope } = defexaScope();
    mockLogin(scope);
    scope
      .post('/api/v1/da/payouts')
      .reply(403, envelope('order_number_already_exists', 'invalid_request_error'));
    const error = await testProvider()
      .createPayout({
        reference: '10001',
        amount: { amount: '10', currency: 'ALGO' },
        destination: {
          asset: { symbol: 'ALGO', network: 'algorand' },
          address: 'U5JW3GOE5C2SKIFADXNS7WYXK4634',
        },
        providerOptions: { defexa: { fromAddress: 'TWAL6PN73E6NAOERO5746HZQY5OGXOU' } },
      })
      .catch((caught: unknown) => caught);
    expect(DuplicateReferenceError.is(error)).toBe(true);
  });

  it('an unexpected answer is a ProviderResponseError with a redacted excerpt', async () => {
    const { scope } = defexaScope();
    mockLogin(scope);
    scope
      .get('/api/v1/da/wallets')
      .query(true)
      .reply(200, { success: true, wallets: 'nope', echo: TEST_KEY });
    const error = await testProvider()
      .getBalances()
      .catch((caught: unknown) => caught);
    expect(ProviderResponseError.is(error)).toBe(true);
    expect((error as PaymuxError).bodyExcerpt).toContain('nope');
    expect((error as PaymuxError).bodyExcerpt).not.toContain(TEST_KEY);
  });
});
