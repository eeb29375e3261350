import { type DecimalString, optionalWireDecimal, providerDecimalSchema, wireIdSchema } from '@paymux/core';
import { z } from 'zod';

// Lenient wire schemas: unknown fields pass through, and the fields paymux relies on fail loudly
// when missing. Amounts arrive as JSON numbers (`13.0`) or strings (`"10.00"`) and leave as exact
// decimal strings; ids arrive as numbers and leave as strings.

const idSchema = wireIdSchema;
const optionalText = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined || value === '' ? undefined : String(value)));
const optionalAmount = optionalWireDecimal;
/** An optional nested object that may be `null`: read as an object whose fields are all absent. */
function orEmpty<Shape extends z.ZodType<Record<string, unknown>>>(schema: Shape) {
  return schema.nullish().transform((value) => value ?? ({} as z.output<Shape>));
}
const statusSchema = z.union([z.string(), z.number()]).transform(String);

/** `POST /api/v1/da/login`. */
export const defexaLoginResponseSchema = z.looseObject({
  session_token: z.string().min(1),
  expiration: optionalText,
  user_id: optionalText,
});
export type DefexaLoginResponse = z.output<typeof defexaLoginResponseSchema>;

/** `POST /api/v1/payments` (host-to-host): the static address of one customer. */
export const defexaHostToHostPaymentResponseSchema = z.looseObject({
  currency: z.string().min(1),
  customer: z.looseObject({ uid: idSchema, address: z.string().min(1) }),
});
export type DefexaHostToHostPaymentResponse = z.output<typeof defexaHostToHostPaymentResponseSchema>;

/** `POST /api/v1/charge`: the widget invoice. Ids are not in the seed's answer; kept when present. */
export const defexaChargeResponseSchema = z.looseObject({
  redirect_url: z.string().min(1),
  status: optionalText,
  order_number: optionalText,
  token: optionalText,
  id: optionalText,
});
export type DefexaChargeResponse = z.output<typeof defexaChargeResponseSchema>;

/**
 * `GET /api/v1/payments/{token}`: the engine's view of one payment (NOTES: the endpoint exists
 * beside the seed, its answer is not documented). Every field is optional; the object may come
 * wrapped in `payment` or bare.
 */
const defexaEnginePaymentShape = {
  token: optionalText,
  order_number: optionalText,
  shop_order_id: optionalText,
  status: optionalText,
  amount: optionalAmount,
  net_amount: optionalAmount,
  currency: optionalText,
  address: optionalText,
  client_uid: optionalText,
  tx_hash: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
};
export const defexaEnginePaymentResponseSchema = z
  .looseObject({ ...defexaEnginePaymentShape, payment: z.looseObject(defexaEnginePaymentShape).nullish() })
  .transform(
    ({ payment, ...answer }) =>
      ({
        ...answer,
        ...Object.fromEntries(Object.entries(payment ?? {}).filter((entry) => entry[1] !== undefined)),
      }) as z.output<z.ZodObject<typeof defexaEnginePaymentShape>>,
  );
export type DefexaEnginePayment = z.output<typeof defexaEnginePaymentResponseSchema>;

/** A feed record: an invoice, a payout or one line of a mass payout. */
export const defexaFeedRecordSchema = z.looseObject({
  id: idSchema,
  order_number: optionalText,
  amount: providerDecimalSchema,
  currency: z.string().min(1),
  status: statusSchema,
  /** The engine's state name, where a record carries one beside its numeric `status`. */
  state: optionalText,
  date: optionalText,
  created_at: optionalText,
  updated_at: optionalText,
  feed_date: optionalText,
  description: optionalText,
  type: optionalText,
  target_amount: optionalAmount,
  target_currency: optionalText,
  commission_amount: optionalAmount,
  commission_currency: optionalText,
  network_fee: optionalAmount,
  network_commission: optionalAmount,
  api_payment_token: optionalText,
  from_account: optionalText,
  to_account: optionalText,
  btc_address: optionalText,
  /** Not in the seed's records; read when a record carries them. */
  net_amount: optionalAmount,
  received_amount: optionalAmount,
  extra_data: orEmpty(
    z.looseObject({
      tx_hash: optionalText,
      target_address: optionalText,
      address: optionalText,
      address_from: optionalText,
      explorer_url: optionalText,
      url: optionalText,
    }),
  ),
});
export type DefexaFeedRecord = z.output<typeof defexaFeedRecordSchema>;

/** `GET /api/v1/da/invoices`. */
export const defexaInvoiceListResponseSchema = z.looseObject({ invoices: z.array(defexaFeedRecordSchema) });
/** `GET /api/v1/da/invoices/{id}` and `GET /api/v1/da/payouts/{id}`: the record in a one-item `feed`. */
export const defexaFeedResponseSchema = z.looseObject({
  feed: z.union([z.array(defexaFeedRecordSchema), defexaFeedRecordSchema.transform((record) => [record])]),
});
/** `GET /api/v1/da/payouts` and `GET /api/v1/da/mass_payouts`. */
export const defexaPayoutListResponseSchema = z.looseObject({ payouts: z.array(defexaFeedRecordSchema) });

/** `POST /api/v1/da/invoices`. */
export const defexaCreateInvoiceResponseSchema = z.looseObject({
  url: z.string().min(1),
  status: optionalText,
});

/** `GET /api/v1/da/wallets`. */
export const defexaWalletsResponseSchema = z.looseObject({
  wallets: z.array(
    z.looseObject({
      wallet: z.looseObject({
        id: idSchema,
        amount: optionalAmount,
        unformatted_amount: optionalAmount,
        available_for_payout: optionalAmount,
        held: optionalAmount,
        currency: z.string().min(1),
        name: optionalText,
        main: z.unknown().optional(),
        address: optionalText,
      }),
    }),
  ),
});
export type DefexaWallet = z.output<typeof defexaWalletsResponseSchema>['wallets'][number]['wallet'];

/** `POST /api/v1/da/payouts`. */
export const defexaCreatePayoutResponseSchema = z.looseObject({
  payout: z.looseObject({
    status: statusSchema,
    token: optionalText,
    timestamp: optionalText,
    scoring_action: optionalText,
    core_id: optionalText,
  }),
  token: optionalText,
  timestamp: optionalText,
});
export type DefexaCreatePayoutResponse = z.output<typeof defexaCreatePayoutResponseSchema>;

/** `POST /api/v1/da/mass_payouts`: the order number is in the seed's table, not in its example. */
export const defexaMassPayoutResponseSchema = z.looseObject({ order_number: optionalText });

/** `POST /api/v1/da/payouts/fee`. */
export const defexaPayoutFeeResponseSchema = z.looseObject({
  commission: z.looseObject({
    low: z.looseObject({ networkFee: providerDecimalSchema }).optional(),
    medium: z.looseObject({ networkFee: providerDecimalSchema }),
    high: z.looseObject({ networkFee: providerDecimalSchema }).optional(),
  }),
});

/** A payment held by AML scoring (`GET /api/v1/da/aml_refunds`). */
export const defexaAmlPaymentSchema = z.looseObject({
  id: idSchema,
  status: statusSchema,
  token: z.string().min(1),
  currency: z.string().min(1),
  amount: providerDecimalSchema,
  created_at: optionalText,
  order_number: optionalText,
  details: orEmpty(
    z.looseObject({
      address: optionalText,
      tx_hash: optionalText,
      address_from: optionalText,
      risk_score: z.unknown().optional(),
      explorer_url: optionalText,
    }),
  ),
});
export type DefexaAmlPayment = z.output<typeof defexaAmlPaymentSchema>;
export const defexaAmlRefundListResponseSchema = z.looseObject({ payments: z.array(defexaAmlPaymentSchema) });

/** Answers that carry nothing but `success`/`status`. */
export const defexaAcknowledgementSchema = z.looseObject({});

// Request bodies. Amounts are decimal strings here; the client writes them as exact JSON numbers.

/** `POST /api/v1/payments`. */
export interface DefexaHostToHostPaymentRequest {
  currency: string;
  callbackUrl?: string;
  customer: { uid: string };
}

/** `POST /api/v1/charge`. */
export interface DefexaChargeRequest {
  amount: DecimalString;
  currency: string;
  callback_url: string;
  redirect_fail_url: string;
  redirect_success_url: string;
  logo_url?: string;
  pay_fee_for_client?: boolean;
  shop_order_id?: string;
  autoexchange?: boolean;
  exchange_currency?: string;
}

/** `POST /api/v1/da/invoices`. */
export interface DefexaCreateInvoiceRequest {
  type: 'SINGLE' | 'UNLIMITED';
  currency: string;
  description: string;
  from_wallet: string | number;
  amount?: DecimalString;
  pay_fee_for_client?: boolean;
  expiration_time?: string;
  set_expiration_time?: boolean;
  customer?: { uid: string };
  callback_url?: string;
  autoexchange?: boolean;
  exchange_currency?: string;
}

/** `POST /api/v1/da/payouts`. */
export interface DefexaCreatePayoutRequest {
  from_address: string;
  target_address: string;
  amount: DecimalString;
  currency: string;
  order_number?: string;
  callback_url?: string;
}

/** `POST /api/v1/da/mass_payouts`. */
export interface DefexaMassPayoutRequest {
  name: string;
  currency: string;
  from_address: string;
  callback_url?: string;
  payout_list: { Summ: DecimalString; Address: string; Comment?: string }[];
}

/** `POST /api/v1/da/payouts/fee`. */
export interface DefexaPayoutFeeRequest {
  from_address: string;
  target_address: string;
  amount: DecimalString;
  currency: string;
}

/** `POST /api/v1/da/aml_refunds`. */
export interface DefexaAmlRefundRequest {
  token: string;
  to_address: string;
}

/** `GET /api/v1/da/invoices` filters. */
export interface DefexaInvoiceListQuery {
  type_name?: 'SINGLE' | 'UNLIMITED';
  order_number?: string;
}

/** `GET /api/v1/da/payouts` filters. */
export interface DefexaPayoutListQuery {
  type: 'single' | 'mass';
  order_number?: string;
}
