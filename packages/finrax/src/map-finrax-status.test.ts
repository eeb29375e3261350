import { ConfigurationError, paymentStatuses, RateLimiter, toDecimalString } from '@paymux/core';
import fc from 'fast-check';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BASE_URL, testSettings } from './__fixtures__/finrax-test-support';
import {
  finraxApprovalStatuses,
  finraxPaymentEnvelopeSchema,
  finraxPaymentStatuses,
  finraxRefundStatuses,
  finraxWithdrawalStatuses,
} from './finrax-api';
import { createFinrax, plugin } from './finrax-provider';
import {
  finraxApprovalStatusMap,
  finraxPaymentStatusMap,
  finraxRefundStatusMap,
  finraxWithdrawalStatusMap,
  mapFinraxPaymentStatus,
  mapFinraxWithdrawalStatus,
} from './map-finrax-status';

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

describe('Finrax status tables', () => {
  it('cover every documented status, and nothing else', () => {
    expect(Object.keys(finraxPaymentStatusMap).sort()).toEqual([...finraxPaymentStatuses].sort());
    expect(Object.keys(finraxWithdrawalStatusMap).sort()).toEqual([...finraxWithdrawalStatuses].sort());
    expect(Object.keys(finraxApprovalStatusMap).sort()).toEqual([...finraxApprovalStatuses].sort());
    expect(Object.keys(finraxRefundStatusMap).sort()).toEqual([...finraxRefundStatuses].sort());
    for (const status of Object.values(finraxPaymentStatusMap)) expect(paymentStatuses).toContain(status);
  });

  it('never guesses an unknown status', () => {
    expect(mapFinraxPaymentStatus('PARTIALLY_PAID')).toBe('unknown');
    expect(mapFinraxPaymentStatus('new')).toBe('unknown');
    expect(mapFinraxPaymentStatus(undefined)).toBe('unknown');
    expect(mapFinraxPaymentStatus('toString')).toBe('unknown');
    expect(mapFinraxWithdrawalStatus('CANCELLED')).toBe('unknown');
  });
});

describe('settings and plug-in', () => {
  it('refuses bad settings with a ConfigurationError naming the key', () => {
    expect(() => createFinrax({ ...testSettings(), apiKey: '' })).toThrow(ConfigurationError);
    const error = (() => {
      try {
        createFinrax({ ...testSettings(), colour: 'red' } as never);
      } catch (caught) {
        return caught as ConfigurationError;
      }
    })();
    expect(error?.message).toMatch(/colour/);
  });

  it('defaults the account name to finrax and exposes its plug-in', () => {
    const provider = createFinrax(testSettings());
    expect(provider.account).toBe('finrax');
    expect(provider.type).toBe('finrax');
    expect(plugin.secretFields).toEqual(['apiKey', 'apiSecret']);
    const created = plugin.create(plugin.settingsSchema.parse(testSettings()), { account: 'other' });
    expect(created.account).toBe('other');
    expect(plugin.settingsSchema.parse({ apiKey: 'k123', apiSecret: 's123', businessId: 'b' })).toMatchObject(
      {
        environment: 'production',
        locale: 'en-US',
        pathPrefix: '/api',
      },
    );
  });

  it("goes through the context's rate limiter", async () => {
    nock(TEST_BASE_URL).get('/api/v1/payments/p-1').reply(404, { requestId: 'r', message: 'nope' });
    const limiter = new RateLimiter({ inFlight: 1 });
    let scheduled = 0;
    const original = limiter.schedule.bind(limiter);
    limiter.schedule = (task, priority) => {
      scheduled += 1;
      return original(task, priority);
    };
    const provider = createFinrax(testSettings(), { account: 'main', rateLimiter: limiter });
    await provider.getPayment('p-1').catch(() => undefined);
    expect(scheduled).toBe(1);
  });

  it('reads any decimal amount exactly, whether Finrax sends it as a number or a string', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 30n }),
        fc.integer({ min: 0, max: 18 }),
        (units, scale) => {
          const digits = units.toString().padStart(scale + 1, '0');
          const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
          const expected = toDecimalString(text);
          const body = { paymentId: 'p', clientPaymentId: 'c', status: 'NEW', actualDepositAmount: text };
          expect(finraxPaymentEnvelopeSchema.parse(body).actualDepositAmount).toBe(expected);
        },
      ),
    );
  });
});
