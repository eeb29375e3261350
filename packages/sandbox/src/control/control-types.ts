import type { ChaosOptions } from '../core/chaos-policy';
import type { ProviderName, WebhookDelivery } from '../webhooks/webhook-types';

/** How much the simulated customer sends when no explicit amount is given. */
export type PayAmountKind = 'exact' | 'short' | 'excess';

/** DePay's `failed_reason` values. */
export type DepayFailedReason =
  | 'FAILED'
  | 'MISMATCH'
  | 'TRANSACTION_MISMATCH'
  | 'TOKEN_MISMATCH'
  | 'SENDER_MISMATCH'
  | 'RECEIVER_MISMATCH'
  | 'NONCE_MISMATCH'
  | 'AMOUNT_MISMATCH'
  | 'TRACKING_TIMED_OUT';

/**
 * A payment or payout addressed through the control API.
 * `id` is, per provider: Defexa an invoice id, order number, payment token or (to pay a
 * host-to-host customer) the customer's deposit address; ForumPay the `payment_id`; Finrax the
 * `paymentId` (payments) or `withdrawId` / `clientWithdrawId` (payouts); DePay the `uuid`;
 * Defexa payouts the payout id, token or order number.
 */
export interface ControlTarget {
  provider: ProviderName;
  id: string;
}

/** The customer (and the blockchain) paying an address or invoice. */
export interface PayInput extends ControlTarget {
  /** Exact crypto amount sent, as a decimal string; overrides `kind`. */
  amount?: string;
  /** `exact` (default), `short` (90 % of what is due) or `excess` (110 %). */
  kind?: PayAmountKind;
  /** Confirmations the transaction already has when seen. Default 0. */
  confirmations?: number;
  /** Transaction hash to report; generated when absent. */
  txid?: string;
  /** Payer address to report; generated when absent. */
  from?: string;
}

/** New blocks on top of a payment's transaction. */
export interface ConfirmInput extends ControlTarget {
  /** Confirmations to add. Default: as many as the payment still needs. */
  confirmations?: number;
}

/** Fails a DePay tracking. */
export interface FailTrackingInput {
  id: string;
  reason: DepayFailedReason;
}

/** Approves or declines a payout (Defexa payout, Finrax withdrawal). */
export interface PayoutDecisionInput {
  provider: 'defexa' | 'finrax';
  id: string;
  /** Finrax only, on decline: the final status. Default FAILED. */
  outcome?: 'FAILED' | 'BLOCKED';
}

/** The state of a payment or payout as the control API reports it. */
export interface ControlSnapshot {
  provider: ProviderName;
  kind: 'payment' | 'payout';
  /** The provider's own id of the object. */
  id: string;
  /** The provider's raw status (`pending`, `underpayment`, `AWAITING`, `success`, …). */
  status: string;
  currency: string | null;
  expectedAmount: string | null;
  receivedAmount: string | null;
  confirmations: number | null;
  requiredConfirmations: number | null;
}

/** Which deliveries a filter selects; every given field must match. */
export interface WebhookFilter {
  provider?: ProviderName;
  event?: string;
  /** Substring of the body (e.g. a payment id). */
  bodyIncludes?: string;
  state?: WebhookDelivery['state'];
}

/** Finrax's per-business callback URLs (set in Finrax's dashboard in real life). */
export interface FinraxCallbackUrls {
  deposit?: string;
  withdrawal?: string;
  withdrawalApproval?: string;
}

/**
 * Plays the customer and the blockchain, and inspects the sandbox. Every method is also served as
 * JSON under `/__sandbox/` (see README).
 *
 * @example
 * sandbox.control.pay({ provider: 'forumpay', id: paymentId, kind: 'short' });
 * sandbox.control.advanceTime(60 * 60_000);
 */
export interface SandboxControl {
  pay(input: PayInput): ControlSnapshot;
  confirm(input: ConfirmInput): ControlSnapshot;
  expire(input: ControlTarget): ControlSnapshot;
  /** AML/KYT hold: Defexa AML pending, ForumPay `blocked`, Finrax `BLOCKED`. */
  hold(input: ControlTarget): ControlSnapshot;
  failTracking(input: FailTrackingInput): ControlSnapshot;
  approvePayout(input: PayoutDecisionInput): ControlSnapshot;
  declinePayout(input: PayoutDecisionInput): ControlSnapshot;
  inspect(input: ControlTarget & { kind?: 'payment' | 'payout' }): ControlSnapshot;
  /** Moves the sandbox clock forward: sessions and payments expire, due retries fire. */
  advanceTime(ms: number): void;
  /** The sandbox clock, ms since the epoch. */
  now(): number;
  webhooks(filter?: WebhookFilter): WebhookDelivery[];
  waitForWebhook(filter: WebhookFilter, timeoutMs?: number): Promise<WebhookDelivery>;
  clearWebhooks(): void;
  setFinraxCallbackUrls(urls: FinraxCallbackUrls): void;
  setChaos(chaos: ChaosOptions): void;
}
