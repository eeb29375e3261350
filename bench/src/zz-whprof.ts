import { createMemoryStore, createPaymux } from '@paymux/client';
import { plugin as depay } from '@paymux/depay';
import { createSignedDepayCallbacks } from './signed-depay-callbacks';
const { publicKeyPem, callbacks } = createSignedDepayCallbacks(1500);
const requests = callbacks.map((c) => ({ rawBody: Buffer.from(c.body, 'utf8'), headers: c.headers }));
let total = 0;
const t0 = process.cpuUsage();
for (let round = 0; round < 40; round++) {
  const store = createMemoryStore({ maxEventIds: 3000 });
  for (const c of callbacks) await store.rememberObject('wallet', 'payment', c.uuid);
  const paymux = createPaymux({
    plugins: [depay],
    providers: {
      wallet: {
        type: 'depay',
        apiKey: 'bench-depay-key',
        publicKey: publicKeyPem,
        baseUrl: 'http://127.0.0.1:9/v2',
      },
    },
    store,
  });
  paymux.on('payment.succeeded', () => {});
  for (const r of requests) {
    const res = await paymux.webhooks.handle('wallet', r);
    if (res.status !== 200) throw new Error(res.body);
    total++;
  }
}
const cpu = process.cpuUsage(t0);
console.log(((cpu.user + cpu.system) / total).toFixed(1), 'µs CPU per event');
console.log(JSON.stringify(callbacks[0]!.body).slice(0, 600));
