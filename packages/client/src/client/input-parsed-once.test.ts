import {
  createNodeTransport,
  createPaymentInputSchema,
  listInputSchema,
  type Transport,
  ValidationError,
} from '@paymux/core';
import { plugin as finrax } from '@paymux/finrax';
import { type Sandbox, startSandbox } from '@paymux/sandbox';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPaymux } from '../index';

// The client parses an operation's input before routing; defineProvider, in the adapter, would
// parse it again with the same strict schema. It is parsed once, and a bad one reaches neither
// the network nor a second parse.

let sandbox: Sandbox;
let sends: string[];

const counting = (): Transport => {
  const inner = createNodeTransport();
  return {
    name: 'counting',
    send: (request) => {
      sends.push(`${request.method} ${new URL(request.url).pathname}`);
      return inner.send(request);
    },
  };
};

function client() {
  const f = sandbox.providers.finrax;
  return createPaymux({
    plugins: [finrax],
    providers: {
      main: {
        type: 'finrax',
        baseUrl: f.baseUrl,
        apiKey: f.apiKey,
        apiSecret: f.apiSecret,
        businessId: f.businessId,
        callbackPublicKey: f.callbackPublicKey,
      },
    },
    transport: counting(),
    store: 'memory:',
  });
}

const input = (reference: string) => ({
  reference,
  amount: { amount: '50', currency: 'EUR' },
  flow: 'deposit_address' as const,
  payWith: { symbol: 'USDT', network: 'ethereum' },
});

beforeAll(async () => {
  sandbox = await startSandbox({ timeScale: 0.001 });
});

afterAll(async () => {
  await sandbox?.close();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an operation's input", () => {
  it('is parsed once on its way through the client to the adapter', async () => {
    sends = [];
    const paymux = client();
    const createParses = vi.spyOn(createPaymentInputSchema, 'safeParse');
    const listParses = vi.spyOn(listInputSchema, 'safeParse');
    try {
      const payment = await paymux.createPayment(input('parsed-once'));
      expect(payment.reference).toBe('parsed-once');
      await paymux.listPayments({ reference: 'parsed-once' }, { account: 'main' });
    } finally {
      await paymux.close();
    }
    expect(sends.some((line) => line.startsWith('POST /finrax/api/v1/payments'))).toBe(true);
    expect(createParses).toHaveBeenCalledTimes(1);
    expect(listParses).toHaveBeenCalledTimes(1);
  });

  it('when bad, is a ValidationError before the network and before a second parse', async () => {
    sends = [];
    const paymux = client();
    const parses = vi.spyOn(createPaymentInputSchema, 'safeParse');
    try {
      const bad = { ...input('bad-once'), amount: { amount: 'fifty', currency: 'EUR' } };
      const error = await paymux.createPayment(bad as never).catch((caught: unknown) => caught);
      expect(ValidationError.is(error)).toBe(true);
      expect((error as ValidationError).field).toBe('amount.amount');
    } finally {
      await paymux.close();
    }
    expect(parses).toHaveBeenCalledTimes(1);
    expect(sends).toEqual([]);
  });

  it('called on the adapter directly, is still parsed there, before any I/O', async () => {
    sends = [];
    const paymux = client();
    const parses = vi.spyOn(createPaymentInputSchema, 'safeParse');
    try {
      const provider = paymux.account('main');
      const error = await provider
        .createPayment({
          ...input('direct'),
          amount: { amount: '1', currency: 'EUR' },
          color: 'red',
        } as never)
        .catch((caught: unknown) => caught);
      expect(ValidationError.is(error)).toBe(true);
      expect((error as ValidationError).field).toBe('color');
      await expect(provider.createPayment(input('direct-good'))).resolves.toMatchObject({
        reference: 'direct-good',
      });
    } finally {
      await paymux.close();
    }
    expect(parses).toHaveBeenCalledTimes(2);
    expect(sends.filter((line) => line.startsWith('POST /finrax/api/v1/payments'))).toHaveLength(1);
  });
});
