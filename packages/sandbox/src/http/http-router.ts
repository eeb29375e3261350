import type { RouteHandler, SandboxRequest, SandboxResponse } from './http-types';

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

/** The result of looking a request up: a handler with its params, or why there is none. */
export type RouteMatch =
  | { kind: 'found'; handler: RouteHandler; params: Record<string, string> }
  | { kind: 'method-not-allowed' }
  | { kind: 'not-found' };

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/**
 * A small method + path router. Patterns use `:name` segments; a trailing slash is insignificant,
 * because ForumPay documents `/GetRate/` and clients send both forms.
 */
export class HttpRouter {
  private readonly routes: Route[] = [];

  /** Registers a handler for a method (or `*`) and a path pattern. */
  on(method: string, pattern: string, handler: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), segments: splitPath(pattern), handler });
    return this;
  }

  /** Finds the handler for a request. */
  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    let pathMatched = false;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, segments);
      if (!params) continue;
      pathMatched = true;
      if (route.method === '*' || route.method === method.toUpperCase()) {
        return { kind: 'found', handler: route.handler, params };
      }
    }
    return pathMatched ? { kind: 'method-not-allowed' } : { kind: 'not-found' };
  }

  /** Dispatches a request, answering with `fallback` when no route matches. */
  async dispatch(
    request: SandboxRequest,
    fallback: (reason: 'method-not-allowed' | 'not-found') => SandboxResponse,
  ): Promise<SandboxResponse> {
    const found = this.match(request.method, request.path);
    if (found.kind !== 'found') return fallback(found.kind);
    return found.handler({ ...request, params: found.params });
  }
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let index = 0; index < pattern.length; index += 1) {
    const expected = pattern[index] ?? '';
    const segment = actual[index] ?? '';
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(segment);
      } catch {
        return undefined;
      }
    } else if (expected !== segment) return undefined;
  }
  return params;
}
