import { randomUUID } from 'node:crypto';

/** A webhook URL nothing listens on: the tests fetch deliveries from the sandbox instead. */
export const deadHook = 'http://127.0.0.1:9/hooks';
const hex = () => randomUUID().replace(/-/g, '');

/** Per provider: a createPayment input for `reference`, and the request that creates it there. */
export const paymentCases: {
  account: string;
  input: (reference: string) => Record<string, unknown>;
  creates: RegExp;
}[] = [
  {
    account: 'defexa',
    input: (reference) => ({
      reference,
      amount: { amount: '10', currency: 'ALGO' },
      returnUrl: 'https://shop.example/done',
      webhookUrl: deadHook,
    }),
    creates: /^POST \/defexa\/api\/v1\/charge/,
  },
  {
    account: 'forumpay',
    input: (reference) => ({
      reference,
      amount: { amount: '25.00', currency: 'EUR' },
      payWith: { symbol: 'BTC' },
      webhookUrl: deadHook,
    }),
    creates: /^\w+ \/forumpay\/pay\/v2\/StartPayment/,
  },
  {
    account: 'finrax',
    input: (reference) => ({
      reference,
      amount: { amount: '50', currency: 'EUR' },
      flow: 'deposit_address',
      payWith: { symbol: 'USDT', network: 'ethereum' },
    }),
    creates: /^POST \/finrax\/api\/v1\/payments(\?|$)/,
  },
  {
    account: 'depay',
    input: (reference) => ({
      reference,
      amount: { amount: '25.5', currency: 'USDT' },
      payWith: { symbol: 'USDT', network: 'ethereum' },
      webhookUrl: deadHook,
      providerOptions: {
        depay: {
          transaction: `0x${hex()}${hex()}`,
          sender: '0x1db3439a222c519ab44bb1144fc28167b4fa6ee6',
          nonce: 5,
          afterBlock: 13542983,
        },
      },
    }),
    creates: /^POST \/depay\/v2\/payments(\?|$)/,
  },
];

/** The createPayment input of `account`'s case for `reference`. */
export function paymentInput(account: string, reference: string): Record<string, unknown> {
  const found = paymentCases.find((entry) => entry.account === account);
  if (found === undefined) throw new Error(`no payment case for ${account}`);
  return found.input(reference);
}
