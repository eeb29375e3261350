import { readFileSync } from 'node:fs';

// Test fixtures: the seed's examples and ForumPay's own client-test responses, copied verbatim.

const root = new URL('./', import.meta.url);

/** The text of a fixture file, exactly as stored. */
export function fixtureText(path: string): string {
  return readFileSync(new URL(path, root), 'utf8');
}

/** A JSON fixture, parsed. */
export function fixtureJson<T = unknown>(path: string): T {
  return JSON.parse(fixtureText(path)) as T;
}

/** The names of ForumPay's reference responses (from its official PHP client's tests). */
export const referenceFixtures = [
  'cancelPaymentResponse',
  'checkPaymentResponse',
  'getCurrencyListResponse',
  'getRateResponse',
  'getTransactionsResponse',
  'startPaymentResponse',
] as const;

/**
 * One of the seed's example request URLs, split into path and query. The seed was published
 * through HTML that turned `&curren` into `¤` ("¤cy=BTC" is "&currency=BTC"): that is undone here.
 */
export function seedRequest(name: string): { path: string; query: Record<string, string> } {
  const text = fixtureText(`seed/${name}-request.txt`).trim().replaceAll('¤', '&curren');
  const url = new URL(text);
  return { path: url.pathname, query: Object.fromEntries(url.searchParams) };
}

/** The seed's example response of an endpoint. */
export function seedResponse<T = Record<string, unknown>>(name: string): T {
  return fixtureJson<T>(`seed/${name}-response.json`);
}

/** Obviously fake credentials. */
export const FAKE_USER = 'fake-api-user';
export const FAKE_SECRET = 'fake-secret-not-real-0000';
export const FAKE_BASIC = `Basic ${Buffer.from(`${FAKE_USER}:${FAKE_SECRET}`).toString('base64')}`;

/** The seed's host, lower-cased as URLs carry it. */
export const SEED_ORIGIN = 'https://api.demourl.com';
export const SEED_BASE_URL = 'https://api.demoURL.com/v2/';
