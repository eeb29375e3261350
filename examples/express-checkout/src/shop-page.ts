import type { Money } from '@paymux/core';

/** What the shop sells, and in which coins it lets the customer pay. */
export interface ShopCatalog {
  product: string;
  price: Money;
  coins: readonly string[];
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

/**
 * The whole shop front: one product, a coin to choose, a pay button, and the order's status,
 * which the page polls from `GET /api/orders/:id` so that it changes live when the webhook lands.
 */
export function renderShopPage(catalog: ShopCatalog): string {
  const coins = catalog.coins
    .map((coin) => `<option value="${escapeHtml(coin)}">${escapeHtml(coin)}</option>`)
    .join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>paymux shop</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; }
  #order[hidden] { display: none; }
  [data-status="succeeded"] { color: #0a7d32; font-weight: bold; }
  code { word-break: break-all; }
</style>
</head>
<body>
<h1>${escapeHtml(catalog.product)}</h1>
<p>Price: <strong id="price">${escapeHtml(catalog.price.amount)} ${escapeHtml(catalog.price.currency)}</strong></p>
<label>Pay with <select id="coin">${coins}</select></label>
<button id="buy" type="button">Pay</button>
<p id="error" role="alert"></p>
<section id="order" hidden>
  <h2>Order <span id="order-id"></span></h2>
  <p>Status: <span id="status" data-status=""></span></p>
  <p>Send <strong id="pay-amount"></strong> to <code id="pay-address"></code></p>
  <p><a id="checkout-link" target="_blank" rel="noopener">Open the payment page</a></p>
</section>
<script type="module">
const labels = {
  requires_payment: 'Waiting for your payment',
  processing: 'Payment seen, confirming',
  succeeded: 'Paid',
  on_hold: 'On hold',
  failed: 'Payment failed',
  expired: 'Expired',
  cancelled: 'Cancelled',
  unknown: 'Unknown',
};
const $ = (id) => document.getElementById(id);

function show(order) {
  $('order').hidden = false;
  $('order-id').textContent = order.id;
  $('status').textContent = labels[order.paymentStatus] ?? order.paymentStatus;
  $('status').dataset.status = order.paymentStatus;
  $('pay-address').textContent = order.payTo?.address ?? '';
  $('pay-amount').textContent = order.payTo?.amount ? order.payTo.amount.amount + ' ' + order.payTo.amount.currency : '';
  if (order.checkoutUrl) $('checkout-link').href = order.checkoutUrl;
}

async function poll(id) {
  const response = await fetch('/api/orders/' + encodeURIComponent(id));
  if (response.ok) {
    const order = await response.json();
    show(order);
    if (['succeeded', 'failed', 'cancelled'].includes(order.paymentStatus)) return;
  }
  setTimeout(() => poll(id), 500);
}

$('buy').addEventListener('click', async () => {
  $('buy').disabled = true;
  $('error').textContent = '';
  const response = await fetch('/api/orders', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ coin: $('coin').value }),
  });
  const body = await response.json();
  if (!response.ok) {
    $('error').textContent = body.error ?? 'Could not create the order';
    $('buy').disabled = false;
    return;
  }
  show(body);
  poll(body.id);
});
</script>
</body>
</html>
`;
}
