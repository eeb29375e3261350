import { type JsonOut, writeJson } from '../core/json-value';
import type { SandboxResponse } from './http-types';

/** A JSON response; amounts wrapped in `rawNumber` are written verbatim. */
export function jsonResponse(
  status: number,
  body: JsonOut,
  headers: Record<string, string> = {},
): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: writeJson(body),
  };
}

/** An HTML page. */
export function htmlResponse(status: number, html: string): SandboxResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}

/** A plain-text (or bare JSON scalar) response. */
export function textResponse(
  status: number,
  text: string,
  contentType = 'text/plain; charset=utf-8',
): SandboxResponse {
  return { status, headers: { 'content-type': contentType }, body: text };
}

/** A 303 redirect (after a form POST). */
export function redirectResponse(location: string): SandboxResponse {
  return { status: 303, headers: { location }, body: '' };
}

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
