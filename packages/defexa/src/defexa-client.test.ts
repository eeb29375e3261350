import { AuthenticationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  defexaScope,
  fixture,
  mockLogin,
  recordingLogger,
  SEED_SESSION,
  SEED_SESSION_TIME,
  TEST_KEY,
  testProvider,
  withSession,
} from '../test/defexa-test-support';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

describe('defexa session', () => {
  it('logs in with the merchant key as Bearer and an empty JSON body, then reuses the token', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope
      .get('/api/v1/da/wallets')
      .query({ session_token: SEED_SESSION })
      .times(2)
      .reply(200, fixture('wallets-response.json'));
    const provider = testProvider();
    await provider.api.listWallets();
    await provider.api.listWallets();
    expect(seen.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /api/v1/da/login',
      `GET /api/v1/da/wallets?session_token=${SEED_SESSION}`,
      `GET /api/v1/da/wallets?session_token=${SEED_SESSION}`,
    ]);
    expect(seen[0]?.body).toBe('{}');
    expect(seen[0]?.headers['content-type']).toBe('application/json');
    for (const request of seen) expect(request.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(scope.isDone()).toBe(true);
  });

  it('shares one login between concurrent calls', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/wallets').query(true).times(5).reply(200, fixture('wallets-response.json'));
    const provider = testProvider();
    await Promise.all(Array.from({ length: 5 }, () => provider.api.listWallets()));
    expect(seen.filter((request) => request.path === '/api/v1/da/login')).toHaveLength(1);
  });

  it('logs in again shortly before the expiration, never after it', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope, 2);
    scope.get('/api/v1/da/wallets').query(true).times(2).reply(200, fixture('wallets-response.json'));
    let now = SEED_SESSION_TIME;
    const provider = testProvider({ sessionRefreshMarginSeconds: 60 }, () => now);
    await provider.api.listWallets();
    // 30 s before "2023-03-28 22:52:59 UTC": inside the refresh margin.
    now = new Date(Date.parse('2023-03-28T22:52:59Z') - 30_000);
    await provider.api.listWallets();
    expect(seen.filter((request) => request.path === '/api/v1/da/login')).toHaveLength(2);
  });

  it('refreshes the session once when the API refuses the token, then retries', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope, 2);
    scope
      .get('/api/v1/da/wallets')
      .query(true)
      .reply(403, {
        success: false,
        result: 1,
        status: 403,
        errors: [{ code: 'session_expired', kind: 'authentication_error' }],
      });
    scope.get('/api/v1/da/wallets').query(true).reply(200, fixture('wallets-response.json'));
    const provider = testProvider();
    const { wallets } = await provider.api.listWallets();
    expect(wallets).toHaveLength(1);
    expect(seen.map((request) => request.path.split('?')[0])).toEqual([
      '/api/v1/da/login',
      '/api/v1/da/wallets',
      '/api/v1/da/login',
      '/api/v1/da/wallets',
    ]);
  });

  it('gives up after one refresh', async () => {
    const { scope } = defexaScope();
    mockLogin(scope, 2);
    scope
      .get('/api/v1/da/wallets')
      .query(true)
      .times(2)
      .reply(403, {
        success: false,
        result: 1,
        status: 403,
        errors: [{ code: 'session_expired', kind: 'authentication_error' }],
      });
    const error = await testProvider()
      .api.listWallets()
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.is(error)).toBe(true);
    expect(scope.isDone()).toBe(true);
  });

  it('does not retry when the login itself is refused (incorrect_private_key)', async () => {
    const { scope, seen } = defexaScope();
    scope.post('/api/v1/da/login').reply(403, {
      success: false,
      result: 1,
      status: 403,
      errors: [{ code: 'incorrect_private_key', kind: 'authentication_error' }],
    });
    const error = await testProvider()
      .api.listWallets()
      .catch((caught: unknown) => caught);
    expect(AuthenticationError.is(error)).toBe(true);
    expect((error as AuthenticationError).providerCode).toBe('incorrect_private_key');
    expect(seen).toHaveLength(1);
  });

  it('keeps the session token and the key out of log lines', async () => {
    const { scope } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/wallets').query(true).reply(200, fixture('wallets-response.json'));
    const logger = recordingLogger();
    await testProvider({}, () => SEED_SESSION_TIME, logger).api.listWallets();
    const text = JSON.stringify(logger.lines);
    expect(logger.lines.length).toBeGreaterThan(0);
    expect(text).not.toContain(SEED_SESSION);
    expect(text).not.toContain(TEST_KEY);
  });
});

describe('defexa api: the seed requests, byte for byte', () => {
  it('POST /api/v1/da/payouts', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.post('/api/v1/da/payouts').reply(200, fixture('payout-create-response.json'));
    const request = fixture('payout-create-request.json');
    const answer = await testProvider().api.createPayout({
      from_address: request.from_address as string,
      target_address: request.target_address as string,
      amount: '10',
      currency: 'ALGO',
      order_number: '10001',
    });
    expect(seen[1]?.body).toBe(withSession('payout-create-request.json'));
    expect(answer.payout.status).toBe('pending');
  });

  it('POST /api/v1/da/mass_payouts keeps 0.0008 an exact JSON number', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.post('/api/v1/da/mass_payouts').reply(200, fixture('mass-payout-create-response.json'));
    const request = fixture<{ name: string; from_address: string; payout_list: { Address: string }[] }>(
      'mass-payout-create-request.json',
    );
    await testProvider().api.createMassPayout({
      name: request.name,
      from_address: request.from_address,
      currency: 'ALGO',
      payout_list: [{ Summ: '0.0008', Address: request.payout_list[0]!.Address, Comment: 'ffffff' }],
    });
    expect(seen[1]?.body).toBe(withSession('mass-payout-create-request.json'));
  });

  it('POST /api/v1/da/payouts/fee', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.post('/api/v1/da/payouts/fee').reply(200, fixture('payout-fee-response.json'));
    const request = fixture('payout-fee-request.json');
    const answer = await testProvider().api.estimatePayoutFee({
      from_address: request.from_address as string,
      target_address: request.target_address as string,
      amount: '10',
      currency: 'ALGO',
    });
    expect(seen[1]?.body).toBe(withSession('payout-fee-request.json'));
    expect(answer.commission.medium.networkFee).toBe('0.001');
  });

  it('POST /api/v1/da/invoices', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.post('/api/v1/da/invoices').reply(200, fixture('invoice-create-response.json'));
    const answer = await testProvider().api.createInvoice({
      type: 'UNLIMITED',
      currency: 'ALGO',
      description: 'UNLIMITED',
      from_wallet: 345,
    });
    expect(seen[1]?.body).toBe(withSession('invoice-create-request.json'));
    expect(answer.url).toContain('charge_requests');
  });

  it('POST /api/v1/da/aml_refunds', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.post('/api/v1/da/aml_refunds').reply(200, fixture('aml-refund-create-response.json'));
    await testProvider().api.createAmlRefund({ token: '79853ee89f9c0876e66efc', to_address: '1234' });
    expect(seen[1]?.body).toBe(withSession('aml-refund-create-request.json'));
  });

  it('GET endpoints put session_token first in the query, as the seed does', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/payouts').query(true).reply(200, fixture('payouts-list-response.json'));
    scope.get('/api/v1/da/payouts/659').query(true).reply(200, fixture('payout-feed-response.json'));
    scope
      .get('/api/v1/da/mass_payouts')
      .query(true)
      .reply(200, fixture('mass-payout-transactions-response.json'));
    scope.get('/api/v1/da/invoices').query(true).reply(200, fixture('invoices-list-response.json'));
    scope.get('/api/v1/da/invoices/661').query(true).reply(200, fixture('invoice-feed-response.json'));
    scope.get('/api/v1/da/aml_refunds').query(true).reply(200, fixture('aml-refunds-response.json'));
    const api = testProvider().api;
    await api.listPayouts({ type: 'single' });
    await api.getPayout('659');
    await api.listMassPayoutTransactions('mass_payout_99e8efa03fd7bdc10b87c03f21bc49f4');
    await api.listInvoices({ type_name: 'SINGLE', order_number: 'limited_invoice_7e5fb42d19d3fd0c00' });
    await api.getInvoice('661');
    const { payments } = await api.listAmlRefunds();
    expect(seen.slice(1).map((request) => request.path)).toEqual([
      `/api/v1/da/payouts?session_token=${SEED_SESSION}&type=single`,
      `/api/v1/da/payouts/659?session_token=${SEED_SESSION}`,
      `/api/v1/da/mass_payouts?session_token=${SEED_SESSION}&order_number=mass_payout_99e8efa03fd7bdc10b87c03f21bc49f4`,
      `/api/v1/da/invoices?session_token=${SEED_SESSION}&type_name=SINGLE&order_number=limited_invoice_7e5fb42d19d3fd0c00`,
      `/api/v1/da/invoices/661?session_token=${SEED_SESSION}`,
      `/api/v1/da/aml_refunds?session_token=${SEED_SESSION}`,
    ]);
    expect(payments[0]?.amount).toBe('10');
  });

  it('non-DA endpoints carry the Bearer key and no session', async () => {
    const { scope, seen } = defexaScope();
    scope.post('/api/v1/charge').reply(200, fixture('charge-response.json'));
    const request = fixture('charge-request.json');
    await testProvider().api.createCharge({
      amount: '10',
      currency: 'ALGO',
      callback_url: request.callback_url as string,
      redirect_fail_url: request.redirect_fail_url as string,
      redirect_success_url: request.redirect_success_url as string,
      logo_url: request.logo_url as string,
    });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.body).toBe(JSON.stringify(request));
    expect(seen[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
  });
});
