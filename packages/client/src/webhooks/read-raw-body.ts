/** Largest webhook body the handlers accept; providers send a few kilobytes. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/** Thrown when a webhook body exceeds `MAX_WEBHOOK_BODY_BYTES`. */
export class WebhookBodyTooLargeError extends RangeError {
  constructor() {
    super('Webhook body larger than 1 MiB');
    this.name = 'WebhookBodyTooLargeError';
  }
}

/** Collects a request stream into bytes, refusing more than `MAX_WEBHOOK_BODY_BYTES`. */
export async function readStreamBody(stream: AsyncIterable<unknown>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > MAX_WEBHOOK_BODY_BYTES) throw new WebhookBodyTooLargeError();
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
