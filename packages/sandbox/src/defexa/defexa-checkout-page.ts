import type { HttpRouter } from '../http/http-router';
import { escapeHtml, htmlResponse, redirectResponse } from '../http/http-responses';
import type { SandboxRequest, SandboxResponse } from '../http/http-types';
import { hiddenField, hostedPage } from '../http/hosted-page-layout';
import { formBody } from '../http/request-body';
import { isPositiveDecimal } from '../core/decimal-amount';
import type { DefexaLedger } from './defexa-ledger';
import { DEFEXA_TEST_PANS, type DefexaInvoice } from './defexa-model';

function notFound(): SandboxResponse {
  return htmlResponse(404, hostedPage('Not found', '<h1>Unknown invoice</h1>'));
}

function checkoutHtml(invoice: DefexaInvoice, message = ''): string {
  const amountField =
    invoice.amount === null
      ? '<label>Amount <input id="amount" name="amount" value="1"></label>'
      : hiddenField('amount', invoice.amount);
  const finished = invoice.state === 'approved' || invoice.state === 'declined';
  return hostedPage(
    'Defexa checkout',
    `<h1>Pay ${escapeHtml(invoice.amount ?? 'any amount of')} ${escapeHtml(invoice.currency)}</h1>
<p>Order <code>${escapeHtml(invoice.orderNumber)}</code> — status <strong id="status">${escapeHtml(invoice.state)}</strong></p>
${message ? `<p id="message">${escapeHtml(message)}</p>` : ''}
${
  finished
    ? ''
    : `<div class="box"><h2>Crypto</h2><p>Send to <code id="address">${escapeHtml(invoice.address)}</code></p>
<form method="post" action="charge_requests/crypto">${hiddenField('token', invoice.token)}${amountField}
<button id="pay-crypto" type="submit">I have sent the funds</button></form></div>
<div class="box"><h2>Card</h2><form method="post" action="charge_requests/card">${hiddenField('token', invoice.token)}
<label>Card number <input id="pan" name="pan" autocomplete="off" placeholder="4617611794313933"></label>
<button id="pay-card" type="submit">Pay by card</button></form>
<p class="note">Sandbox cards: 4617611794313933 / 4626233193837898 (3-D Secure), 4392963203551251 / 4730198364688516.</p></div>`
}`,
  );
}

function threeDsHtml(invoice: DefexaInvoice, pan: string): string {
  const fields = `${hiddenField('token', invoice.token)}${hiddenField('pan', pan)}`;
  return hostedPage(
    '3-D Secure',
    `<h1>3-D Secure authentication</h1><p>Card ending ${escapeHtml(pan.slice(-4))}</p>
<form method="post" action="3ds">${fields}<button id="three-ds-success" name="outcome" value="success" type="submit">Authentication successful</button>
<button id="three-ds-failure" name="outcome" value="failure" type="submit">Authentication failed</button></form>`,
  );
}

/** Defexa's hosted checkout (the widget invoice's redirect URL) with a card flow honouring the seed's PANs. */
export function registerDefexaCheckoutPage(router: HttpRouter, ledger: DefexaLedger): void {
  const invoiceOf = (token: string | null) =>
    token ? ledger.invoices.find((invoice) => invoice.token === token) : undefined;

  const finish = (invoice: DefexaInvoice, approved: boolean, request: SandboxRequest): SandboxResponse => {
    if (approved) ledger.receive(invoice.token, invoice.amount ?? '0', 1);
    else ledger.decline(invoice);
    const target = approved ? invoice.redirectSuccessUrl : invoice.redirectFailUrl;
    if (target) return redirectResponse(target);
    return redirectResponse(`${request.origin}/defexa/charge_requests?token=${invoice.token}`);
  };

  router.on('GET', '/charge_requests', (request) => {
    const invoice = invoiceOf(request.query.get('token'));
    return invoice ? htmlResponse(200, checkoutHtml(invoice)) : notFound();
  });

  router.on('POST', '/charge_requests/crypto', (request) => {
    const form = formBody(request);
    const invoice = invoiceOf(form.get('token'));
    if (!invoice) return notFound();
    const amount = form.get('amount') ?? '';
    if (!isPositiveDecimal(amount))
      return htmlResponse(400, checkoutHtml(invoice, 'Enter a positive amount'));
    ledger.receive(invoice.token, amount, 1);
    if (invoice.state === 'approved' && invoice.redirectSuccessUrl)
      return redirectResponse(invoice.redirectSuccessUrl);
    return redirectResponse(`${request.origin}/defexa/charge_requests?token=${invoice.token}`);
  });

  router.on('POST', '/charge_requests/card', (request) => {
    const form = formBody(request);
    const invoice = invoiceOf(form.get('token'));
    if (!invoice) return notFound();
    if (invoice.amount === null)
      return htmlResponse(400, checkoutHtml(invoice, 'Card payments need a fixed amount'));
    const pan = (form.get('pan') ?? '').replace(/\s+/g, '');
    const card = DEFEXA_TEST_PANS[pan];
    if (!card || card.payout) return htmlResponse(400, checkoutHtml(invoice, 'incorrect_bank_card_info'));
    if (card.threeDs) {
      return redirectResponse(
        `${request.origin}/defexa/charge_requests/3ds?token=${invoice.token}&pan=${pan}`,
      );
    }
    return finish(invoice, card.approves, request);
  });

  router.on('GET', '/charge_requests/3ds', (request) => {
    const invoice = invoiceOf(request.query.get('token'));
    return invoice ? htmlResponse(200, threeDsHtml(invoice, request.query.get('pan') ?? '')) : notFound();
  });

  router.on('POST', '/charge_requests/3ds', (request) => {
    const form = formBody(request);
    const invoice = invoiceOf(form.get('token'));
    if (!invoice) return notFound();
    const card = DEFEXA_TEST_PANS[form.get('pan') ?? ''];
    // Failing authentication always declines, whatever the card.
    const approved = form.get('outcome') === 'success' && card?.approves === true;
    return finish(invoice, approved, request);
  });
}
