import zlib from 'node:zlib';
import { TransportError } from './transport';

/**
 * Decodes a response body by its `content-encoding` (gzip, deflate, brotli). The limit applies to
 * the decoded size too: a few kilobytes of gzip can inflate to gigabytes.
 *
 * @example
 * const text = decodeBody(raw, response.headers['content-encoding'], 10 * 1024 * 1024).toString('utf8');
 */
export function decodeBody(body: Buffer, encoding: string | undefined, maxBytes: number): Buffer {
  const limit = { maxOutputLength: maxBytes };
  try {
    switch (encoding?.trim().toLowerCase()) {
      case undefined:
      case '':
      case 'identity':
        return body;
      case 'gzip':
      case 'x-gzip':
        return zlib.gunzipSync(body, limit);
      case 'deflate':
        // Servers disagree on whether "deflate" means zlib-wrapped or raw deflate.
        return body[0] === 0x78 ? zlib.inflateSync(body, limit) : zlib.inflateRawSync(body, limit);
      case 'br':
        return zlib.brotliDecompressSync(body, limit);
      default:
        throw new TransportError(`unsupported content encoding "${encoding}"`, 'ERR_BAD_ENCODING');
    }
  } catch (error) {
    if (error instanceof TransportError) throw error;
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new TransportError(`the decoded response exceeded ${maxBytes} bytes`, 'ERR_RESPONSE_TOO_LARGE', {
        cause: error,
      });
    }
    throw new TransportError('the compressed response could not be decoded', 'ERR_BAD_ENCODING', {
      cause: error,
    });
  }
}
