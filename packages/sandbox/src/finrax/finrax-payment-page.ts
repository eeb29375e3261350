import { multiplyDecimal, normalizeDecimal, subtractDecimal } from '../core/decimal-amount';
import { escapeHtml, htmlResponse, redirectResponse } from '../http/http-responses';
import type { HttpRouter } from '../http/http-router';
import { hiddenField, hostedPage } from '../http/hosted-page-layout';
import { formBody } from '../http/request-body';
import type { FinraxBook } from './finrax-book';
import { FINRAX_NETWORKS, type FinraxPayment } from './finrax-model';

function pageHtml(payment: FinraxPayment, book: FinraxBook): string {
  const header = `<h1>Payment ${escapeHtml(payment.expectedDisplayAmount ?? '')} ${escapeHtml(payment.displayCurrency ?? '')}</h1>
<p>Status <strong id="status">${escapeHtml(payment.status)}</strong></p>`;
  if (book.isOpenForSubmit(payment) && payment.status === 'NEW') {
    const options = Object.entries(FINRAX_NETWORKS)
      .flatMap(([currency, networks]) =>
        networks.map((network) => `<option value="${currency}:${network}">${currency} (${network})</option>`),
      )
      .join('');
    return hostedPage(
      'Finrax',
      `${header}<form method="post" action="${payment.paymentId}/currency">
<label>Pay with <select id="currency" name="choice">${options}</select></label>
<button id="choose-currency" type="submit">Continue</button></form>`,
    );
  }
  const open = payment.status === 'PENDING' || payment.status === 'AWAITING';
  return hostedPage(
    'Finrax',
    `${header}<p>Send ${escapeHtml(payment.expectedDepositAmount ?? '')} ${escapeHtml(payment.depositCurrency ?? '')}
(${escapeHtml(payment.network ?? '')}) to <code id="address">${escapeHtml(payment.walletAddress ?? '')}</code>
${payment.destinationTag ? `tag <code>${escapeHtml(payment.destinationTag)}</code>` : ''}</p>
${
  open
    ? `<form method="post" action="${payment.paymentId}/pay">${hiddenField('paymentId', payment.paymentId)}
<button id="pay-exact" name="kind" value="exact" type="submit">Send the exact amount</button>
<button id="pay-short" name="kind" value="short" type="submit">Send too little</button>
<button id="pay-excess" name="kind" value="excess" type="submit">Send too much</button></form>`
    : payment.redirectUrl
      ? `<p><a id="back" href="${escapeHtml(payment.redirectUrl)}">Back to the merchant</a></p>`
      : ''
}`,
  );
}

/** The hosted deposit page (`paymentUrl`): choose a currency, then "send" it (confirmed at once). */
export function registerFinraxPaymentPage(router: HttpRouter, book: FinraxBook): void {
  const notFound = () => htmlResponse(404, hostedPage('Not found', '<h1>Unknown payment</h1>'));
  const pageUrl = (origin: string, payment: FinraxPayment) => `${origin}/finrax/deposit/${payment.paymentId}`;

  router.on('GET', '/deposit/:paymentId', (request) => {
    const payment = book.find(request.params.paymentId ?? '');
    return payment ? htmlResponse(200, pageHtml(payment, book)) : notFound();
  });

  router.on('POST', '/deposit/:paymentId/currency', (request) => {
    const payment = book.find(request.params.paymentId ?? '');
    if (!payment) return notFound();
    const [currency = '', network = ''] = (formBody(request).get('choice') ?? '').split(':');
    if (book.isOpenForSubmit(payment) && FINRAX_NETWORKS[currency]?.includes(network)) {
      book.submit(payment, currency, network);
    }
    return redirectResponse(pageUrl(request.origin, payment));
  });

  router.on('POST', '/deposit/:paymentId/pay', (request) => {
    const payment = book.find(request.params.paymentId ?? '');
    if (!payment) return notFound();
    if (payment.status === 'PENDING' || payment.status === 'AWAITING') {
      const due = subtractDecimal(payment.expectedDepositAmount ?? '0', book.confirmedAmount(payment));
      const kind = formBody(request).get('kind');
      const factor = kind === 'short' ? '0.5' : kind === 'excess' ? '1.1' : '1';
      book.receive(
        payment,
        normalizeDecimal(multiplyDecimal(due, factor, 9)),
        book.requiredConfirmations(payment),
      );
    }
    return redirectResponse(pageUrl(request.origin, payment));
  });
}
