/** The four emulated providers. */
export type ProviderName = 'defexa' | 'forumpay' | 'finrax' | 'depay';

/** A provider's documented retry schedule, in sandbox time. */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  maxRetries: number;
  /** Sandbox ms to wait before retry number `retry` (1-based). */
  delayMs: (retry: number) => number;
  /** Whether the receiver's HTTP status ends the delivery successfully. */
  accepts: (status: number) => boolean;
  /** How long one attempt may take before it counts as failed (real ms). */
  timeoutMs: number;
}

/** One webhook an emulator wants delivered. */
export interface WebhookPlan {
  provider: ProviderName;
  event: string;
  url: string;
  body: string;
  /** Headers of one attempt; called per attempt because some signatures cover a timestamp. */
  headers: (body: string) => Record<string, string>;
  retry: RetryPolicy;
  /** Told the status with which the receiver accepted the delivery. */
  onAccepted?: (status: number) => void;
}

/** One attempt to deliver a webhook. */
export interface WebhookAttempt {
  /** Sandbox time of the attempt (ISO-8601). */
  at: string;
  /** The receiver's HTTP status, or null when the connection failed or timed out. */
  status: number | null;
  error: string | null;
}

/** A webhook as recorded by the sandbox, with every attempt made so far. */
export interface WebhookDelivery {
  id: string;
  provider: ProviderName;
  event: string;
  url: string;
  /** The exact body bytes sent (UTF-8). */
  body: string;
  /** Headers of the latest attempt (those of the first scheduled attempt until one is made). */
  headers: Record<string, string>;
  attempts: WebhookAttempt[];
  state: 'scheduled' | 'retrying' | 'delivered' | 'failed';
  /** True for the extra copy sent by chaos `webhookDuplicateRate`. */
  duplicate: boolean;
}
