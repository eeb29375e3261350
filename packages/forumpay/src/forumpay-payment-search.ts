import type { Transaction } from './forumpay-api';
import type { ForumpayClient, ForumpayCallOptions } from './forumpay-client';

/** Page size of the transaction search; ForumPay documents no maximum, the seed's example asks 20. */
export const FORUMPAY_SEARCH_PAGE_SIZE = 100;

/**
 * Finds one payment among the account's transactions by its `payment_id`, page after page, until
 * it is found or a page comes back empty: a payment older than the newest page is found too. A
 * page shorter than asked does not end the search, because a server may cap the page size. The
 * `reference_no` filter (which the seed does not list) only narrows the pages when the server
 * honours it; the match is always made on `payment_id`. `callOptions` is asked before each page,
 * so a shared deadline ends the search.
 *
 * @example
 * const transaction = await findForumpayTransaction(api, paymentId, { referenceNo: 'order-1' });
 */
export async function findForumpayTransaction(
  api: ForumpayClient,
  paymentId: string,
  options: { referenceNo?: string | undefined; callOptions?: () => ForumpayCallOptions } = {},
): Promise<Transaction | undefined> {
  for (let offset = 0; ; ) {
    const { data } = await api.getTransactions(
      { offset, limit: FORUMPAY_SEARCH_PAGE_SIZE, reference_no: options.referenceNo },
      options.callOptions?.(),
    );
    const match = data.find((transaction) => transaction.payment_id === paymentId);
    if (match !== undefined) return match;
    if (data.length === 0) return undefined;
    offset += data.length;
  }
}
