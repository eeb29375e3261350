import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { secretValuesOfRequest } from '../http/request-secrets';
import { createRedactor } from '../redaction';
import { AmbiguousOutcomeError, ProviderRejectedError } from './error-classes';
import { scrubErrorSecrets } from './scrub-error';

const SECRET = 'sk_live_scrub_me_0001';
const redact = createRedactor([SECRET]);

describe('scrubErrorSecrets', () => {
  it('scrubs every field and the whole cause chain, keeping class and identity', () => {
    const frozen = Object.freeze(new Error(`frozen ${SECRET}`));
    const inner = new ProviderRejectedError(`inner ${SECRET}`, {
      providerCode: SECRET,
      issues: [{ path: 'x', message: SECRET }],
      cause: new AggregateError([new Error(SECRET)], `all ${SECRET}`, { cause: frozen }),
    });
    const outer = new AmbiguousOutcomeError(`outer ${SECRET}`, { bodyExcerpt: SECRET, cause: inner });
    (outer as unknown as { details: unknown }).details = { nested: [SECRET] };
    const scrubbed = scrubErrorSecrets(outer, redact);
    expect(scrubbed).toBe(outer);
    expect(AmbiguousOutcomeError.is(scrubbed)).toBe(true);
    const texts: string[] = [];
    for (let current: unknown = outer; current; current = (current as Error).cause) {
      texts.push(inspect(current, { depth: Infinity, showHidden: true }), String((current as Error).stack));
      for (const item of (current as { errors?: Error[] }).errors ?? [])
        texts.push(item.message, String(item.stack));
    }
    expect(texts.join('\n')).not.toContain(SECRET);
    expect(outer.message).toBe('outer [REDACTED]');
    expect(inner.providerCode).toBe('[REDACTED]');
  });

  it('leaves anything that is not an error alone', () => {
    expect(scrubErrorSecrets(SECRET, redact)).toBe(SECRET);
  });
});

describe('secretValuesOfRequest', () => {
  it('picks credentials out of headers, query and body, and nothing else', () => {
    const values = secretValuesOfRequest({
      url: 'https://p.test/a?session_token=query_token_1&page=2',
      headers: {
        authorization: 'FRX-API API-Key=key_0001,Signature=abcdef012345,Timestamp=1700000000000',
        'x-session-token': 'header_token_2',
        'content-type': 'application/json',
        'x-request-id': 'req-123456',
      },
      body: JSON.stringify({ amount: '10.00', nested: { api_secret: 'body_secret_3' } }),
    });
    expect(values).toEqual(
      expect.arrayContaining([
        'key_0001',
        'abcdef012345',
        'query_token_1',
        'header_token_2',
        'body_secret_3',
      ]),
    );
    expect(values).not.toContain('1700000000000');
    expect(values).not.toContain('req-123456');
    expect(values).not.toContain('10.00');
  });

  it('decodes HTTP Basic into its password', () => {
    const basic = Buffer.from('user:pass_word_9').toString('base64');
    expect(
      secretValuesOfRequest({
        url: 'https://p.test/',
        headers: { Authorization: `Basic ${basic}` },
        body: undefined,
      }),
    ).toEqual(expect.arrayContaining([basic, 'user:pass_word_9', 'pass_word_9']));
  });

  it('reads secret fields of a form body', () => {
    expect(
      secretValuesOfRequest({
        url: 'https://p.test/',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'amount=1&session_token=form_token_4',
      }),
    ).toEqual(['form_token_4']);
  });
});
