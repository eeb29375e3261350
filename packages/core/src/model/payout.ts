import { z } from 'zod';
import { assetSchema, moneySchema } from '../money';
import { metadataSchema } from './payment';

export const payoutStatuses = [
  'pending',
  'processing',
  'requires_approval',
  'succeeded',
  'failed',
  'cancelled',
  'on_hold',
  'unknown',
] as const;
export const payoutStatusSchema = z.enum(payoutStatuses);
export type PayoutStatus = z.infer<typeof payoutStatusSchema>;

export const finalPayoutStatuses: ReadonlySet<PayoutStatus> = new Set(['succeeded', 'failed', 'cancelled']);

export const payoutDestinationSchema = z.object({
  asset: assetSchema,
  address: z.string().min(1),
  memo: z.string().optional(),
});
export type PayoutDestination = z.infer<typeof payoutDestinationSchema>;

const isoDate = z.string().datetime({ offset: true });

/** A payout (withdrawal) in the unified model. */
export const payoutSchema = z.object({
  id: z.string().min(1),
  provider: z.string(),
  providerType: z.string(),
  providerPayoutId: z.string(),
  reference: z.string(),
  status: payoutStatusSchema,
  rawStatus: z.string(),
  failureReason: z.string().optional(),
  amount: moneySchema,
  destination: payoutDestinationSchema,
  fee: moneySchema.optional(),
  txid: z.string().optional(),
  batchId: z.string().optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
  metadata: metadataSchema.optional(),
  raw: z.unknown(),
});
export type Payout = z.infer<typeof payoutSchema>;

/** A mass payout: several payouts sent as one request. */
export const payoutBatchSchema = z.object({
  id: z.string().min(1),
  provider: z.string(),
  providerType: z.string(),
  providerBatchId: z.string(),
  reference: z.string(),
  status: payoutStatusSchema,
  rawStatus: z.string(),
  payouts: z.array(payoutSchema),
  total: moneySchema.optional(),
  createdAt: isoDate,
  updatedAt: isoDate,
  raw: z.unknown(),
});
export type PayoutBatch = z.infer<typeof payoutBatchSchema>;
