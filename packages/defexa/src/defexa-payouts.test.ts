import { AmbiguousOutcomeError, ValidationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeDefexaPayoutId, encodeDefexaBatchId, encodeDefexaPayoutId } from './defexa-ids';
import {
  defexaScope,
  fixture,
  mockLogin,
  SEED_SESSION,
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

const payoutRequest = fixture<Record<string, string>>('payout-create-request.json');
const algo = { symbol: 'ALGO', network: 'algorand' };

function payoutInput(overrides: Record<string, unknown> = {}) {
  return {
    reference: '10001',
    amount: { amount: '10', currency: 'ALGO' },
    destination: { asset: algo, address: payoutRequest.target_address! },
    providerOptions: { defexa: { fromAddress: payoutRequest.from_address! } },
    ...overrides,
  };
}

describe('createPayout', () => {
  it('sends the seed payout with the reference as order_number', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.post('/api/v1/da/payouts').reply(200, fixture('payout-create-response.json'));
    const payout = await testProvider().createPayout(payoutInput());
    expect(seen[1]?.body).toBe(withSession('payout-create-request.json'));
    expect(payout).toMatchObject({
      provider: 'unit',
      providerType: 'defexa',
      reference: '10001',
      status: 'pending',
      rawStatus: 'pending',
      amount: { amount: '10', currency: 'ALGO' },
      destination: { asset: algo, address: payoutRequest.target_address },
      createdAt: '2023-04-04T16:16:56.619Z',
    });
    expect(decodeDefexaPayoutId(payout.id)).toMatchObject({ reference: '10001', currency: 'ALGO' });
    expect(payout.providerPayoutId).toBe('82e4146af709b56ace64c10f6b2bd90c');
  });

  it('finds the wallet to pay from when none is configured (GET /api/v1/da/wallets)', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope
      .get('/api/v1/da/wallets')
      .query({ session_token: SEED_SESSION })
      .reply(200, fixture('wallets-response.json'));
    scope.post('/api/v1/da/payouts').reply(200, fixture('payout-create-response.json'));
    await testProvider().createPayout(payoutInput({ providerOptions: undefined }));
    expect(JSON.parse(seen[2]!.body).from_address).toBe(
      'TD2I7GP6CJAF5E622CHL6RUMWM22X6KEIUJIZ6KFQP4FSIOOMMVJST3EQY',
    );
  });

  it('settles an unclear outcome by looking the order number up', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.post('/api/v1/da/payouts').delay(300).reply(200, fixture('payout-create-response.json'));
    const list = fixture<{ payouts: Record<string, unknown>[] }>('payouts-list-response.json');
    scope
      .get('/api/v1/da/payouts')
      .query({ session_token: SEED_SESSION, type: 'single', order_number: '10001' })
      .reply(200, { ...list, payouts: [{ ...list.payouts[0], order_number: '10001' }] });
    const payout = await testProvider({ timeoutMs: 100 }).createPayout(payoutInput());
    expect(
      seen.filter((request) => request.method === 'POST' && request.path === '/api/v1/da/payouts'),
    ).toHaveLength(1);
    expect(payout).toMatchObject({
      reference: '10001',
      providerPayoutId: '736',
      status: 'succeeded',
      txid: 'L2AE3ETAA6...E36UN6P2A',
    });
  });

  it('throws AmbiguousOutcomeError when the lookup cannot settle it, and never sends twice', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.post('/api/v1/da/payouts').delay(300).reply(200, fixture('payout-create-response.json'));
    scope.get('/api/v1/da/payouts').query(true).reply(200, { success: true, payouts: [] });
    const error = await testProvider({
      timeoutMs: 100,
      retry: { maxAttempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
    })
      .createPayout(payoutInput())
      .catch((caught: unknown) => caught);
    expect(AmbiguousOutcomeError.is(error)).toBe(true);
    expect((error as AmbiguousOutcomeError).reference).toBe('10001');
    expect(
      seen.filter((request) => request.method === 'POST' && request.path === '/api/v1/da/payouts'),
    ).toHaveLength(1);
  });

  it.each([
    [{ amount: { amount: '10', currency: 'USD' } }, 'amount.currency'],
    [{ destination: { asset: { symbol: 'DOGE', network: 'dogecoin' }, address: 'D1' } }, 'destination.asset'],
    [
      { destination: { asset: { symbol: 'XRP', network: 'xrp' }, address: 'r1', memo: '7' } },
      'amount.currency',
    ],
    [
      {
        amount: { amount: '10', currency: 'XRP' },
        destination: { asset: { symbol: 'XRP', network: 'xrp' }, address: 'r1', memo: '7' },
      },
      'destination.memo',
    ],
    [{ reference: '' }, 'reference'],
  ])('refuses %o before any request', async (override, field) => {
    const { seen } = defexaScope();
    const error = await testProvider()
      .createPayout(payoutInput(override) as never)
      .catch((caught: unknown) => caught);
    expect(ValidationError.is(error)).toBe(true);
    expect((error as ValidationError).field).toBe(field);
    expect(seen).toHaveLength(0);
  });
});

describe('getPayout and listPayouts', () => {
  it('reads a payout by feed id (the seed feed)', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope
      .get('/api/v1/da/payouts/659')
      .query({ session_token: SEED_SESSION })
      .reply(200, fixture('payout-feed-response.json'));
    const payout = await testProvider().getPayout(
      encodeDefexaPayoutId({ reference: 'x', currency: 'XRP', payoutId: '659' }),
    );
    expect(seen).toHaveLength(2);
    expect(payout).toMatchObject({
      providerPayoutId: '659',
      reference: '3000444a-e19f-4a76-b77a-16df4f4ad50b',
      status: 'succeeded',
      rawStatus: '1',
      amount: { amount: '6', currency: 'XRP' },
      fee: { amount: '1', currency: 'XRP' },
      txid: '17CC45D3......E99F54CD8A04BC7C',
      createdAt: '2023-03-13T12:32:22.614Z',
    });
  });

  it('reads a payout by order number when the feed id is not known', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/payouts').query(true).reply(200, fixture('payouts-list-response.json'));
    const payout = await testProvider().getPayout(
      encodeDefexaPayoutId({ reference: 'e1cfdfa3-974c-47ac-b8c8-9b68c02bc7c1', currency: 'ALGO' }),
    );
    expect(seen[1]?.path).toBe(
      `/api/v1/da/payouts?session_token=${SEED_SESSION}&type=single&order_number=e1cfdfa3-974c-47ac-b8c8-9b68c02bc7c1`,
    );
    expect(payout).toMatchObject({
      providerPayoutId: '736',
      destination: { address: 'U5JW3GOE5C2...CWI3VPUHA' },
      createdAt: '2023-04-04T16:16:56.000Z',
    });
  });

  it('lists mass payouts when asked', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/payouts').query(true).reply(200, fixture('payouts-list-response.json'));
    const page = await testProvider().listPayouts({ providerOptions: { defexa: { type: 'mass' } } });
    expect(seen[1]?.path).toBe(`/api/v1/da/payouts?session_token=${SEED_SESSION}&type=mass`);
    expect(page.items).toHaveLength(1);
  });
});

describe('payout batches', () => {
  it('sends the seed mass payout and reads its transactions back', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    const request = fixture<{ name: string; from_address: string; payout_list: { Address: string }[] }>(
      'mass-payout-create-request.json',
    );
    scope.post('/api/v1/da/mass_payouts').reply(200, {
      ...fixture('mass-payout-create-response.json'),
      order_number: 'mass_payout_99e8efa03fd7bdc10b87c03f21bc49f4',
    });
    scope
      .get('/api/v1/da/mass_payouts')
      .query(true)
      .reply(200, fixture('mass-payout-transactions-response.json'));
    const provider = testProvider();
    const batch = await provider.createPayoutBatch({
      reference: request.name.replace(' ', '-'),
      payouts: [
        {
          reference: 'ffffff',
          amount: { amount: '0.0008', currency: 'ALGO' },
          destination: { asset: algo, address: request.payout_list[0]!.Address },
        },
      ],
      providerOptions: { defexa: { fromAddress: request.from_address } },
    });
    expect(seen[1]?.body).toBe(
      withSession('mass-payout-create-request.json').replace('test api', 'test-api'),
    );
    expect(batch).toMatchObject({ status: 'pending', total: { amount: '0.0008', currency: 'ALGO' } });
    expect(batch.payouts[0]).toMatchObject({ reference: 'ffffff', status: 'pending', batchId: batch.id });
    const read = await provider.getPayoutBatch(batch.id);
    expect(seen[2]?.path).toBe(
      `/api/v1/da/mass_payouts?session_token=${SEED_SESSION}&order_number=mass_payout_99e8efa03fd7bdc10b87c03f21bc49f4`,
    );
    expect(read).toMatchObject({
      status: 'succeeded',
      providerBatchId: 'mass_payout_99e8efa03fd7bdc10b87c03f21bc49f4',
    });
    expect(read.payouts[0]).toMatchObject({
      providerPayoutId: '736',
      amount: { amount: '1', currency: 'ALGO' },
    });
  });

  it('refuses a batch mixing currencies, before any request', async () => {
    const { seen } = defexaScope();
    const error = await testProvider()
      .createPayoutBatch({
        reference: 'b-1',
        payouts: [
          {
            reference: 'a',
            amount: { amount: '1', currency: 'ALGO' },
            destination: { asset: algo, address: 'A' },
          },
          {
            reference: 'b',
            amount: { amount: '1', currency: 'BTC' },
            destination: { asset: { symbol: 'BTC', network: 'bitcoin' }, address: 'B' },
          },
        ],
        providerOptions: { defexa: { fromAddress: 'F' } },
      })
      .catch((caught: unknown) => caught);
    expect((error as ValidationError).field).toBe('payouts.1.destination.asset');
    expect(seen).toHaveLength(0);
  });

  it('cannot read back a batch Defexa gave no order number for', async () => {
    await expect(
      testProvider().getPayoutBatch(encodeDefexaBatchId({ reference: 'b', currency: 'ALGO' })),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('fees, balances', () => {
  it('estimates the fee with the seed request (medium networkFee)', async () => {
    const { scope, seen } = defexaScope();
    mockLogin(scope);
    scope.post('/api/v1/da/payouts/fee').reply(200, fixture('payout-fee-response.json'));
    const request = fixture<Record<string, string>>('payout-fee-request.json');
    const estimate = await testProvider().estimatePayoutFee({
      amount: { amount: '10', currency: 'ALGO' },
      destination: { asset: algo, address: request.target_address! },
      providerOptions: { defexa: { fromAddress: request.from_address! } },
    });
    expect(seen[1]?.body).toBe(withSession('payout-fee-request.json'));
    expect(estimate).toMatchObject({
      fee: { amount: '0.001', currency: 'ALGO' },
      amount: { amount: '10', currency: 'ALGO' },
    });
  });

  it('needs a target address for a fee, before any request', async () => {
    const { seen } = defexaScope();
    await expect(
      testProvider().estimatePayoutFee({
        amount: { amount: '1', currency: 'ALGO' },
        destination: { asset: algo },
      }),
    ).rejects.toMatchObject({ field: 'destination.address' });
    expect(seen).toHaveLength(0);
  });

  it('reads the wallets as balances (available_for_payout, held)', async () => {
    const { scope } = defexaScope();
    mockLogin(scope);
    scope.get('/api/v1/da/wallets').query(true).reply(200, fixture('wallets-response.json'));
    const balances = await testProvider().getBalances();
    expect(balances).toEqual([
      expect.objectContaining({
        provider: 'unit',
        currency: 'ALGO',
        asset: algo,
        available: '10',
        pending: '0',
        address: 'TD2I7GP6CJAF5E622CHL6RUMWM22X6KEIUJIZ6KFQP4FSIOOMMVJST3EQY',
      }),
    ]);
  });
});
