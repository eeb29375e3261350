import { PaymuxError, ProviderUnavailableError, ValidationError } from '@paymux/core';
import { plugin as finrax } from '@paymux/finrax';
import { plugin as forumpay } from '@paymux/forumpay';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakePlugin, FakeBackend } from '../../test/fake-provider';
import { createPaymux } from './create-paymux';

// Input a provider would round, ignore or mislabel is refused before any request leaves: the
// network is closed and every request that tries to leave is recorded.

const FINRAX = 'https://finrax.input.test';
const FORUMPAY = 'https://forumpay.input.test/pay/v2/';
let attempted: string[];
const record = (request: { method?: string; path?: string }) =>
  attempted.push(`${request.method} ${request.path}`);

beforeEach(() => {
  attempted = [];
  nock.disableNetConnect();
  nock.emitter.on('no match', record);
});
afterEach(() => {
  nock.emitter.removeListener('no match', record);
  nock.cleanAll();
  nock.enableNetConnect();
});

function client() {
  return createPaymux({
    store: 'memory:',
    plugins: [finrax, forumpay],
    providers: {
      main: {
        type: 'finrax',
        apiKey: 'input-key-0001',
        apiSecret: 'input-secret-0001',
        businessId: 'b-1',
        baseUrl: FINRAX,
      },
      pos: { type: 'forumpay', user: 'u-1', secret: 'input-secret-0002', posId: 'WEB1', baseUrl: FORUMPAY },
    },
    routing: { default: 'main', fallback: ['pos'] },
  });
}

async function refusal(call: Promise<unknown>): Promise<ValidationError> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(ValidationError.is(error), `expected a ValidationError, got ${String(error)}`).toBe(true);
  expect(attempted, 'requests that tried to leave').toEqual([]);
  return error as ValidationError;
}

describe('input a provider would round, ignore or mislabel', () => {
  it('refuses 10.123456789 EUR instead of letting it come back as 10.12', async () => {
    const error = await refusal(
      client().createPayment({ reference: 'order-p1', amount: { amount: '10.123456789', currency: 'EUR' } }),
    );
    expect(error.field).toBe('amount');
    expect(error.message).toMatch(/EUR allows at most 2/);
  });

  it('refuses a USDT payout with 7 decimals, and a JPY refund with decimals', async () => {
    const paymux = client();
    const destination = {
      asset: { symbol: 'USDT', network: 'tron' },
      address: 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE',
    };
    const payout = await refusal(
      paymux.createPayout({
        reference: 'po-1',
        amount: { amount: '1.0000001', currency: 'USDT' },
        destination,
      }),
    );
    expect(payout.message).toMatch(/USDT allows at most 6/);
    const refund = await refusal(
      paymux.createRefund(
        { paymentId: 'pay-1', amount: { amount: '100.5', currency: 'JPY' } },
        { account: 'pos' },
      ),
    );
    expect(refund.field).toBe('amount');
    expect(refund.message).toMatch(/JPY allows at most 0/);
  });

  it('accepts trailing zeros: 49.900 EUR is 49.90', async () => {
    nock(FINRAX).post('/api/v1/payments').reply(400, { message: 'stop here' });
    const error = await client()
      .createPayment(
        { reference: 'order-p2', amount: { amount: '49.900', currency: 'EUR' } },
        { account: 'main' },
      )
      .catch((thrown: unknown) => thrown);
    expect(ValidationError.is(error)).toBe(false);
    expect(PaymuxError.is(error)).toBe(true);
  });

  it('refuses providerOptions for a type no account has, naming the key and the known types', async () => {
    const error = await refusal(
      client().createPayment({
        reference: 'order-p3',
        amount: { amount: '10', currency: 'EUR' },
        // @ts-expect-error finarx is no plugin's type: what is under test is the runtime check
        providerOptions: { finarx: { rateType: 'FIXED' } },
      }),
    );
    expect(error.field).toBe('providerOptions.finarx');
    expect(error.message).toMatch(/known types: finrax, forumpay/);
  });

  it('refuses a payWith network the account does not list for the symbol, naming what it lists', async () => {
    const error = await refusal(
      client().createPayment({
        reference: 'order-p4',
        amount: { amount: '10', currency: 'EUR' },
        payWith: { symbol: 'USDT', network: 'polygon' },
      }),
    );
    expect(error.field).toBe('payWith.network');
    expect(error.message).toMatch(/offers ethereum, bsc, solana, tron/);
  });

  it('refuses a payout whose address contradicts its declared network', async () => {
    const error = await refusal(
      client().createPayout({
        reference: 'po-2',
        amount: { amount: '10', currency: 'USDT' },
        destination: {
          asset: { symbol: 'USDT', network: 'tron' },
          address: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
        },
      }),
    );
    expect(error.field).toBe('destination.address');
    expect(error.message).toMatch(/is not a tron address/);
  });
});

describe('a fallback account that cannot take the input', () => {
  it('is skipped, and the next one serves', async () => {
    const backend = new FakeBackend();
    const beta = createFakePlugin('beta', backend);
    // An account keeping no EUR cents: 10.50 EUR must not be sent there.
    const wholeEuros = {
      ...beta,
      type: 'whole',
      create: (settings: never, context: never) => {
        const provider = beta.create(settings, context);
        return Object.assign(Object.create(Object.getPrototypeOf(provider)), provider, {
          type: 'whole',
          capabilities: { ...provider.capabilities, amounts: { maxDecimals: { EUR: 0 } } },
        });
      },
    } as typeof beta;
    const paymux = createPaymux({
      store: 'memory:',
      plugins: [createFakePlugin('alpha', backend), wholeEuros, beta],
      providers: {
        primary: { type: 'alpha', apiKey: 'fake-key-0001' },
        spare: { type: 'whole', apiKey: 'fake-key-0001' },
        last: { type: 'beta', apiKey: 'fake-key-0001' },
      },
      routing: { default: 'primary', fallback: ['spare', 'last'] },
    });
    backend.failNext('primary', 'createPayment', new ProviderUnavailableError('refused'));
    const payment = await paymux.createPayment({
      reference: 'order-f1',
      amount: { amount: '10.50', currency: 'EUR' },
    });
    expect(payment.provider).toBe('last');
    expect(backend.count('createPayment')).toBe(2);
    // Asked directly, the same account refuses the amount before any call.
    const error = await paymux
      .createPayment(
        { reference: 'order-f2', amount: { amount: '10.50', currency: 'EUR' } },
        { account: 'spare' },
      )
      .catch((thrown: unknown) => thrown);
    expect(ValidationError.is(error)).toBe(true);
    expect((error as Error).message).toMatch(/EUR allows at most 0 at this provider/);
    expect(backend.count('createPayment')).toBe(2);
  });
});

describe('a created payment whose pay-in contradicts the declared network', () => {
  function mislabelling(payIn: { network: string; address: string }) {
    const backend = new FakeBackend();
    const alpha = createFakePlugin('alpha', backend);
    const plugin = {
      ...alpha,
      create: (settings: never, context: never) => {
        const provider = alpha.create(settings, context);
        return Object.assign(Object.create(Object.getPrototypeOf(provider)), provider, {
          createPayment: async (...args: Parameters<typeof provider.createPayment>) => ({
            ...(await provider.createPayment(...args)),
            flow: 'deposit_address',
            payIn: {
              asset: { symbol: 'USDT', network: payIn.network },
              address: payIn.address,
              amount: { amount: '10', currency: 'USDT' },
            },
          }),
        });
      },
    } as typeof alpha;
    return createPaymux({
      store: 'memory:',
      plugins: [plugin],
      providers: { primary: { type: 'alpha', apiKey: 'fake-key-0001' } },
      routing: { default: 'primary' },
    });
  }
  const order = {
    reference: 'order-l1',
    amount: { amount: '10', currency: 'EUR' },
    payWith: { symbol: 'USDT', network: 'tron' },
  };

  it('is refused when labelled tron with an Ethereum address, and again on a repeat', async () => {
    const paymux = mislabelling({ network: 'tron', address: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0' });
    await expect(paymux.createPayment(order)).rejects.toThrow(/is not a tron address; do not show it/);
    await expect(paymux.createPayment(order)).rejects.toThrow(/is not a tron address/);
  });

  it('is refused when on another network than declared, and passes when it fits', async () => {
    await expect(
      mislabelling({
        network: 'ethereum',
        address: '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0',
      }).createPayment(order),
    ).rejects.toThrow(/is on ethereum, not on the declared tron/);
    const payment = await mislabelling({
      network: 'tron',
      address: 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE',
    }).createPayment(order);
    expect(payment.payIn?.asset.network).toBe('tron');
  });
});
