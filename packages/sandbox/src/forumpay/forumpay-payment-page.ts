import { escapeHtml, htmlResponse, redirectResponse } from '../http/http-responses';
import type { HttpRouter } from '../http/http-router';
import { hiddenField, hostedPage } from '../http/hosted-page-layout';
import { formBody } from '../http/request-body';
import { multiplyDecimal, normalizeDecimal, subtractDecimal } from '../core/decimal-amount';
import type { ForumPayBook } from './forumpay-book';
import { FORUMPAY_STATUS_TEXT, type ForumPayPayment } from './forumpay-model';

function pageHtml(payment: ForumPayPayment): string {
  const open = payment.state === 'waiting' || payment.state === 'underpayment';
  const fields = `${hiddenField('payment_id', payment.paymentId)}${hiddenField('access_token', payment.accessToken)}`;
  return hostedPage(
    'ForumPay',
    `<h1>Pay ${escapeHtml(payment.amount)} ${escapeHtml(payment.currency)}</h1>
<p>Invoice ${escapeHtml(payment.invoiceAmount)} ${escapeHtml(payment.invoiceCurrency)} — status <strong id="status">${escapeHtml(FORUMPAY_STATUS_TEXT[payment.state])}</strong></p>
<p>Send to <code id="address">${escapeHtml(payment.address)}</code></p>
${
  open
    ? `<form method="post" action="pay">${fields}
<button id="pay-exact" name="kind" value="exact" type="submit">Send the exact amount</button>
<button id="pay-short" name="kind" value="short" type="submit">Send too little</button>
<button id="pay-excess" name="kind" value="excess" type="submit">Send too much</button></form>`
    : ''
}`,
  );
}

/** The hosted payment page (`access_url`): the customer "sends" crypto, confirmed at once. */
export function registerForumPayPaymentPage(router: HttpRouter, book: ForumPayBook): void {
  const paymentOf = (paymentId: string | null, token: string | null) => {
    const payment = paymentId ? book.find(paymentId) : undefined;
    return payment && payment.accessToken === token ? payment : undefined;
  };
  const notFound = () => htmlResponse(404, hostedPage('Not found', '<h1>Unknown payment</h1>'));

  router.on('GET', '/pgw/pay', (request) => {
    const payment = paymentOf(request.query.get('payment_id'), request.query.get('access_token'));
    return payment ? htmlResponse(200, pageHtml(payment)) : notFound();
  });

  router.on('POST', '/pgw/pay', (request) => {
    const form = formBody(request);
    const payment = paymentOf(form.get('payment_id'), form.get('access_token'));
    if (!payment) return notFound();
    if (payment.state === 'waiting' || payment.state === 'underpayment') {
      const due = subtractDecimal(payment.amount, payment.received);
      const factor = form.get('kind') === 'short' ? '0.5' : form.get('kind') === 'excess' ? '1.1' : '1';
      book.receive(payment, normalizeDecimal(multiplyDecimal(due, factor, 8)), payment.minConfirmations);
    }
    const redirect = payment.state === 'confirmed' ? payment.onSuccessRedirectUrl : null;
    return redirectResponse(
      redirect ??
        `${request.origin}/forumpay/pgw/pay?payment_id=${payment.paymentId}&access_token=${payment.accessToken}`,
    );
  });
}
