import {
  NetworkError,
  ProviderResponseError,
  ProviderUnavailableError,
  RateLimitError,
  TimeoutError,
} from '@paymux/core';
import type nock from 'nock';
import { describe, expect, it } from 'vitest';
import { type FaultAction, faults } from './fault-actions';
import { connectionReset, expectPaymuxFailure, FAULT_RETRY, FAULT_TIMEOUT_MS } from './fault-expectations';
import type { FaultServer } from './fault-server';
import type { TransportUnderTest } from './transports-under-test';

/**
 * Bound on a read that gives up after `FAULT_RETRY.maxAttempts` stalled attempts: each attempt is
 * cut by the timeout, and a generous multiple leaves room for a loaded machine.
 */
const READ_BOUND_MS = FAULT_TIMEOUT_MS * FAULT_RETRY.maxAttempts * 4;

/** What `describeReadFaults` needs to know about one adapter's read. */
export interface ReadFaultsOptions<T> {
  /** The adapter, first word of the suite title: `depay`. */
  name: string;
  /** The read as the suite title names it: `getPayment`, or the provider's own `CheckPayment`. */
  operation: string;
  /** The file's fault server, usually from `useFaultServer()`. */
  server: FaultServer;
  /** Path the read requests on the fault server (query excluded), e.g. `/v2/payments/p1`. */
  route: string;
  /** The read, on a provider pointed at `server.url` with `FAULT_TIMEOUT_MS` and `FAULT_RETRY`. */
  read: () => Promise<T>;
  /** A good answer to the read, served once the faults are over. */
  answer: FaultAction;
  /** Checks, with `expect`, the result of a read that recovered on `answer`. */
  expectAnswered: (result: T) => void;
  /** The first bytes of a good body, sent before the server stalls after the headers. */
  partialAnswer: string;
  /** Configured secrets: none may show in any error the read raises. */
  secrets: readonly string[];
  /** Secrets for the page that echoes the request, where the request carries more (default `secrets`). */
  echoedSecrets?: readonly string[];
  /**
   * The transport `read` runs on, from `transportsUnderTest()`: named in the suite title, and the
   * nock case is left out where nock cannot intercept it (undici). Default: paymux's own.
   */
  transport?: TransportUnderTest;
  /** The same read through nock, for resets raised by the socket layer (ECONNRESET). */
  nockReset: {
    /** The read's interceptor on the provider's default origin, e.g. `nock(origin).get(route)`. */
    intercept: () => nock.Interceptor;
    /** The read, on a provider on that origin with `FAULT_TIMEOUT_MS` and `FAULT_RETRY`. */
    read: () => Promise<unknown>;
  };
  /** 5xx answers (HTML pages and bare statuses) the read retries through before `answer`. */
  transientServerErrors: readonly FaultAction[];
  /** A 5xx answer on every attempt, after which the read gives up (default a 503 HTML page). */
  persistentServerError?: FaultAction;
  /** `Retry-After` cases, both above `FAULT_RETRY.maxRetryAfterSeconds` so they are thrown, not waited. */
  retryAfter: {
    /** Delta seconds sent, and expected back as `RateLimitError.retryAfter`. */
    seconds: number;
    /** How far ahead the HTTP date lies. */
    dateAheadMs: number;
    /** `RateLimitError.retryAfter` must exceed this for the date (the clock moves meanwhile). */
    dateAtLeastSeconds: number;
  };
  /** Title of the HTML page a proxy serves with status 200 instead of the API's JSON. */
  htmlPageTitle: string;
  /** JSON bodies whose shape has drifted (a renamed field, a wrong type), each served with 200. */
  driftedAnswers: readonly [unknown, ...unknown[]];
}

/**
 * Registers the read-under-faults matrix for one adapter read: stalls (before and after the
 * headers), resets before and after the body and from the socket layer, 5xx and HTML error pages,
 * `Retry-After` in seconds and as an HTTP date, malformed JSON and schema drift. Each case checks
 * the typed paymux error, that no secret leaks, and the attempts counted on the fault server.
 *
 * Call it at the top level of a vitest file (or inside a `describe`).
 *
 * @example
 * const server = useFaultServer();
 * describeReadFaults({
 *   name: 'acme', operation: 'getPayment', server, route: '/payments/p1',
 *   read: () => acme(server.url).getPayment('p1'),
 *   answer: faults.json(200, payment), expectAnswered: (p) => expect(p.status).toBe('succeeded'),
 *   partialAnswer: '{"id":"', secrets: [apiKey],
 *   nockReset: { intercept: () => nock(ACME_ORIGIN).get('/payments/p1'), read: () => acme().getPayment('p1') },
 *   transientServerErrors: [faults.html(502), faults.status(504)],
 *   retryAfter: { seconds: 90, dateAheadMs: 600_000, dateAtLeastSeconds: 500 },
 *   htmlPageTitle: 'Cloudflare', driftedAnswers: [{ ...payment, status: undefined, state: 'paid' }],
 * });
 */
export function describeReadFaults<T>(options: ReadFaultsOptions<T>): void {
  const { server, route, read, answer, expectAnswered, secrets } = options;
  const readAnswered = async () => expectAnswered(await read());

  const onTransport = options.transport ? ` on ${options.transport.name}` : '';
  const nockIntercepts = options.transport?.nockIntercepts ?? true;

  describe(`${options.name} reads under faults (${options.operation})${onTransport}`, () => {
    it('retries a stalled request and gives up with TimeoutError in bounded time', async () => {
      server.route('GET', route, faults.stall());
      const { elapsedMs } = await expectPaymuxFailure(read, { type: TimeoutError, secrets });
      expect(server.count('GET', route)).toBe(FAULT_RETRY.maxAttempts);
      expect(elapsedMs).toBeLessThan(READ_BOUND_MS);
    });

    it('keeps the credentials out of an error page that echoes the request', async () => {
      server.route('GET', route, faults.echoRequest());
      const { error } = await expectPaymuxFailure(read, {
        type: ProviderUnavailableError,
        secrets: options.echoedSecrets ?? secrets,
      });
      expect(error.bodyExcerpt).toContain(`GET ${route}`);
    });

    it('retries a body that stalls after the headers', async () => {
      server.route('GET', route, faults.stallAfterHeaders(200, options.partialAnswer), answer);
      await readAnswered();
      expect(server.count('GET', route)).toBe(2);
    });

    it('retries reset connections (loopback before and after the body, nock ECONNRESET)', async () => {
      server.route('GET', route, faults.resetBeforeBody(), faults.resetAfterBody(), answer);
      await readAnswered();
      expect(server.count('GET', route)).toBe(3);
      // undici's request() is out of nock's reach: its resets are the loopback ones above.
      if (!nockIntercepts) return;

      const scope = options.nockReset
        .intercept()
        .times(FAULT_RETRY.maxAttempts)
        .replyWithError(connectionReset());
      await expectPaymuxFailure(options.nockReset.read, { type: NetworkError, secrets });
      expect(scope.isDone()).toBe(true);
    });

    it('retries 5xx and HTML error pages, and reports ProviderUnavailableError when they persist', async () => {
      server.route('GET', route, ...options.transientServerErrors, answer);
      await readAnswered();
      server.reset();
      server.route('GET', route, options.persistentServerError ?? faults.html(503, 'Service Unavailable'));
      await expectPaymuxFailure(read, { type: ProviderUnavailableError, secrets });
      expect(server.count('GET', route)).toBe(FAULT_RETRY.maxAttempts);
    });

    it('honours Retry-After in seconds and as an HTTP date', async () => {
      const { retryAfter } = options;
      server.route('GET', route, faults.rateLimited(0), answer);
      await readAnswered();
      expect(server.count('GET', route)).toBe(2);

      server.reset();
      server.route('GET', route, faults.rateLimited(retryAfter.seconds));
      const seconds = await expectPaymuxFailure(read, { type: RateLimitError, secrets });
      expect(seconds.error.retryAfter).toBe(retryAfter.seconds);
      expect(server.count('GET', route)).toBe(1);

      server.reset();
      server.route('GET', route, faults.rateLimited(new Date(Date.now() + retryAfter.dateAheadMs)));
      const date = await expectPaymuxFailure(read, { type: RateLimitError, secrets });
      expect(date.error.retryAfter).toBeGreaterThan(retryAfter.dateAtLeastSeconds);
      expect(server.count('GET', route)).toBe(1);
    });

    it('reports malformed JSON and an HTML page behind a 200 as ProviderResponseError, without retrying', async () => {
      server.route('GET', route, faults.malformedJson());
      await expectPaymuxFailure(read, { type: ProviderResponseError, secrets });
      server.route('GET', route, faults.html(200, options.htmlPageTitle));
      await expectPaymuxFailure(read, { type: ProviderResponseError, secrets });
      // A shape error is not a transient fault: one request each.
      expect(server.count('GET', route)).toBe(2);
    });

    it('reports schema drift (a renamed field, a wrong type) as ProviderResponseError', async () => {
      for (const drifted of options.driftedAnswers) {
        server.route('GET', route, faults.json(200, drifted));
        await expectPaymuxFailure(read, { type: ProviderResponseError, secrets });
      }
    });
  });
}
