import { ConfigurationError, type ValidationError } from '@paymux/core';
import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDepay, fixtureText, HOST } from './__fixtures__/depay-test-setup';

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/(127\.0\.0\.1|localhost)/);
});
afterEach(() => {
  nock.cleanAll();
});

describe('market data', () => {
  it('quotes a USD amount in a token from the bare-number price', async () => {
    const provider = createTestDepay();
    nock(HOST).get('/v2/prices/ethereum/0xdac17f958d2ee523a2206206994597c13d831ec7').reply(200, '0.9998');
    const quote = await provider.getQuote({
      amount: { amount: '100', currency: 'USD' },
      payWith: { symbol: 'USDT', network: 'ethereum' },
    });
    expect(quote).toMatchObject({
      provider: 'wallet',
      from: { amount: '100', currency: 'USD' },
      to: { amount: '100.020005', currency: 'USDT' },
      rate: '0.9998',
    });
  });

  it('asks DePay for the decimals of a token it does not know', async () => {
    const provider = createTestDepay();
    nock(HOST)
      .get('/v2/prices/ethereum/0xa0bEd124a09ac2Bd941b10349d8d224fe3c955eb')
      .reply(200, fixtureText('token-price-response.txt'));
    nock(HOST).get('/v2/tokens/decimals/ethereum/0xa0bEd124a09ac2Bd941b10349d8d224fe3c955eb').reply(200, '2');
    const quote = await provider.getQuote({
      amount: { amount: '1', currency: 'USD' },
      payWith: { symbol: 'XYZ', network: 'ethereum', contract: '0xa0bEd124a09ac2Bd941b10349d8d224fe3c955eb' },
    });
    expect(quote.to).toEqual({ amount: '1.73', currency: 'XYZ' });
  });

  it('refuses a non-USD quote before any request', async () => {
    const provider = createTestDepay();
    const error = await provider
      .getQuote({ amount: { amount: '1', currency: 'EUR' }, payWith: { symbol: 'ETH', network: 'ethereum' } })
      .catch((caught: unknown) => caught);
    expect((error as ValidationError).field).toBe('amount.currency');
  });

  it('reads the balances of every configured wallet from the seed example', async () => {
    const provider = createTestDepay({
      wallets: [{ network: 'bsc', address: '0x1db3439a222c519ab44bb1144fc28167b4fa6ee6' }],
    });
    nock(HOST)
      .get('/v2/accounts/bsc/0x1db3439a222c519ab44bb1144fc28167b4fa6ee6/assets')
      .reply(200, fixtureText('account-assets-response.json'), { 'content-type': 'application/json' });
    const balances = await provider.getBalances();
    expect(balances.map((balance) => [balance.currency, balance.available])).toEqual([
      ['ETH', '0.11741978'],
      ['USDT', '0.8104462'],
    ]);
    expect(balances[1]?.asset).toEqual({
      symbol: 'USDT',
      network: 'bsc',
      contract: '0x55d398326f99059ff775485246999027b3197955',
    });
  });

  it('needs wallets for balances', async () => {
    const provider = createTestDepay({ wallets: [] });
    await expect(provider.getBalances()).rejects.toSatisfy((error) => ConfigurationError.is(error));
  });
});
