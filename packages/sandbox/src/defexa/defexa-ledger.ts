import { ControlError } from '../control/control-error';
import { addDecimal, compareDecimal, subtractDecimal } from '../core/decimal-amount';
import { fakeAddress, fakeTransactionHash, randomHex } from '../core/random-ids';
import type { SandboxClock } from '../core/sandbox-clock';
import {
  DEFEXA_ADDRESS_FAMILY,
  DEFEXA_CURRENCIES,
  type DefexaAmlCase,
  type DefexaCurrency,
  type DefexaCustomer,
  type DefexaInvoice,
  type DefexaPayout,
  type DefexaWallet,
} from './defexa-model';

/** Told of every state change that the engine notifies the merchant about. */
export interface DefexaChangeListener {
  invoiceChanged(invoice: DefexaInvoice): void;
  payoutChanged(payout: DefexaPayout): void;
}

const STARTING_BALANCES: Partial<Record<DefexaCurrency, string>> = { BTC: '5', ETH: '50' };

/** Fields of a new invoice that the caller decides. */
export type NewInvoice = Pick<
  DefexaInvoice,
  | 'origin'
  | 'type'
  | 'currency'
  | 'amount'
  | 'description'
  | 'walletId'
  | 'callbackUrl'
  | 'redirectSuccessUrl'
  | 'redirectFailUrl'
  | 'logoUrl'
  | 'shopOrderId'
  | 'customerUid'
  | 'expiresAt'
> & { orderNumber?: string; address?: string };

/** Defexa's in-memory books: wallets, invoices, customers, payouts and AML cases, with their transitions. */
export class DefexaLedger {
  readonly wallets: DefexaWallet[] = [];
  readonly invoices: DefexaInvoice[] = [];
  readonly customers: DefexaCustomer[] = [];
  readonly payouts: DefexaPayout[] = [];
  readonly amlCases: DefexaAmlCase[] = [];
  private nextId = 600;
  private readonly credited = new Map<number, string>();

  constructor(
    private readonly clock: SandboxClock,
    private readonly listener: DefexaChangeListener,
  ) {
    DEFEXA_CURRENCIES.forEach((currency, index) => {
      this.wallets.push({
        id: 340 + index,
        currency,
        address: fakeAddress(DEFEXA_ADDRESS_FAMILY[currency]),
        name: `${currency.toLowerCase()} wallet`,
        balance: STARTING_BALANCES[currency] ?? '1000',
        held: '0',
        revenue: '0',
        bankAccountId: 380 + index,
      });
    });
  }

  /** A new unique numeric id. */
  newId(): number {
    this.nextId += 1;
    return this.nextId;
  }

  /** The merchant's wallet for a currency. */
  walletFor(currency: DefexaCurrency): DefexaWallet {
    const wallet = this.wallets.find((candidate) => candidate.currency === currency);
    if (!wallet) throw new Error(`No wallet for ${currency}`);
    return wallet;
  }

  /** Funds of a wallet that no pending payout holds. */
  available(wallet: DefexaWallet): string {
    return subtractDecimal(wallet.balance, wallet.held);
  }

  /** Creates an invoice in state `init`. */
  createInvoice(fields: NewInvoice): DefexaInvoice {
    const now = this.clock.now();
    const id = this.newId();
    const invoice: DefexaInvoice = {
      ...fields,
      id,
      token: randomHex(16),
      orderNumber: fields.orderNumber ?? `invoice_${randomHex(12)}`,
      address: fields.address ?? fakeAddress(DEFEXA_ADDRESS_FAMILY[fields.currency]),
      state: 'init',
      received: '0',
      payerAddress: null,
      txHash: null,
      confirmations: 0,
      amlHold: false,
      createdAt: now,
      updatedAt: now,
    };
    this.invoices.push(invoice);
    return invoice;
  }

  /** The static host-to-host customer for `(currency, uid)`, created on first use. */
  customer(currency: DefexaCurrency, uid: string, callbackUrl: string | null): DefexaCustomer {
    const existing = this.customers.find(
      (customer) => customer.currency === currency && customer.uid === uid,
    );
    if (existing) {
      if (callbackUrl) existing.callbackUrl = callbackUrl;
      return existing;
    }
    const customer = { uid, currency, address: fakeAddress(DEFEXA_ADDRESS_FAMILY[currency]), callbackUrl };
    this.customers.push(customer);
    return customer;
  }

  /** An invoice by id, order number, shop order id, token, or deposit address (latest first). */
  findInvoice(reference: string): DefexaInvoice | undefined {
    const matches = this.invoices.filter(
      (invoice) =>
        String(invoice.id) === reference ||
        invoice.orderNumber === reference ||
        invoice.shopOrderId === reference ||
        invoice.token === reference ||
        invoice.address === reference,
    );
    return matches.at(-1);
  }

  /** A payout by id, token or order number. */
  findPayout(reference: string): DefexaPayout | undefined {
    return this.payouts.find(
      (payout) =>
        String(payout.id) === reference || payout.token === reference || payout.orderNumber === reference,
    );
  }

  /** A transaction reaching an invoice (or, for a customer address, a new host-to-host deposit). */
  receive(
    reference: string,
    amount: string,
    confirmations: number,
    txid?: string,
    from?: string,
  ): DefexaInvoice {
    const invoice = this.invoiceToPay(reference, amount);
    if (invoice.state === 'approved' && invoice.type === 'SINGLE') {
      throw new ControlError(409, `Invoice ${invoice.id} is already approved`);
    }
    if (invoice.state === 'declined') throw new ControlError(409, `Invoice ${invoice.id} is declined`);
    invoice.received = addDecimal(invoice.received, amount);
    invoice.txHash = txid ?? fakeTransactionHash(DEFEXA_ADDRESS_FAMILY[invoice.currency]);
    invoice.payerAddress = from ?? fakeAddress(DEFEXA_ADDRESS_FAMILY[invoice.currency]);
    invoice.confirmations = confirmations;
    this.transition(invoice, 'pending');
    if (confirmations > 0) this.settle(invoice);
    return invoice;
  }

  /** New blocks on a pending invoice's transaction. */
  confirm(invoice: DefexaInvoice, confirmations: number): DefexaInvoice {
    if (invoice.state !== 'pending')
      throw new ControlError(409, `Invoice ${invoice.id} is ${invoice.state}, not pending`);
    invoice.confirmations += confirmations;
    if (invoice.confirmations > 0) this.settle(invoice);
    return invoice;
  }

  /** Lets an unpaid or underpaid invoice expire. */
  expire(invoice: DefexaInvoice): DefexaInvoice {
    if (invoice.state !== 'init' && invoice.state !== 'pending') {
      throw new ControlError(409, `Invoice ${invoice.id} is ${invoice.state}`);
    }
    invoice.state = 'expired';
    invoice.updatedAt = this.clock.now();
    return invoice;
  }

  /** Puts an invoice on AML hold: once funds confirm, they wait in `aml_refunds` instead of settling. */
  hold(invoice: DefexaInvoice): DefexaInvoice {
    if (invoice.state === 'approved' || invoice.state === 'declined') {
      throw new ControlError(409, `Invoice ${invoice.id} is already ${invoice.state}`);
    }
    invoice.amlHold = true;
    if (invoice.state === 'pending' && invoice.confirmations > 0) this.openAmlCase(invoice);
    return invoice;
  }

  /** Refunds an AML-held payment: the invoice is declined. */
  refundAml(amlCase: DefexaAmlCase, toAddress: string): void {
    const invoice = this.invoices.find((candidate) => candidate.id === amlCase.invoiceId);
    amlCase.status = 'refunded';
    amlCase.refundAddress = toAddress;
    if (invoice) this.transition(invoice, 'declined');
  }

  /** Declines an invoice (card declined, 3-D Secure failed). */
  decline(invoice: DefexaInvoice): void {
    if (invoice.state === 'approved' || invoice.state === 'declined') return;
    this.transition(invoice, 'declined');
  }

  /** Expires every invoice whose expiration time the clock has passed. */
  expireDue(): void {
    const now = this.clock.now();
    for (const invoice of this.invoices) {
      if (invoice.expiresAt !== null && invoice.expiresAt <= now && invoice.state === 'init')
        this.expire(invoice);
    }
  }

  /** Records a payout and holds its funds. */
  addPayout(payout: DefexaPayout): void {
    const wallet = this.walletFor(payout.currency);
    wallet.held = addDecimal(wallet.held, addDecimal(payout.amount, payout.fee));
    this.payouts.push(payout);
    this.listener.payoutChanged(payout);
  }

  /** Approves or declines a pending payout. */
  decidePayout(payout: DefexaPayout, approve: boolean): DefexaPayout {
    if (payout.state !== 'pending')
      throw new ControlError(409, `Payout ${payout.id} is already ${payout.state}`);
    const wallet = this.walletFor(payout.currency);
    const total = addDecimal(payout.amount, payout.fee);
    wallet.held = subtractDecimal(wallet.held, total);
    if (approve) {
      wallet.balance = subtractDecimal(wallet.balance, total);
      payout.txHash = fakeTransactionHash(DEFEXA_ADDRESS_FAMILY[payout.currency]);
    }
    payout.state = approve ? 'approved' : 'declined';
    payout.updatedAt = this.clock.now();
    this.listener.payoutChanged(payout);
    return payout;
  }

  private invoiceToPay(reference: string, amount: string): DefexaInvoice {
    const customer = this.customers.find((candidate) => candidate.address === reference);
    if (!customer) {
      const invoice = this.findInvoice(reference);
      if (!invoice) throw new ControlError(404, `Unknown Defexa invoice or address ${reference}`);
      return invoice;
    }
    return this.createInvoice({
      origin: 'h2h',
      type: 'SINGLE',
      currency: customer.currency,
      amount,
      description: 'Host-to-host deposit',
      walletId: this.walletFor(customer.currency).id,
      callbackUrl: customer.callbackUrl,
      redirectSuccessUrl: null,
      redirectFailUrl: null,
      logoUrl: null,
      shopOrderId: null,
      customerUid: customer.uid,
      expiresAt: null,
      address: customer.address,
    });
  }

  private settle(invoice: DefexaInvoice): void {
    if (invoice.amlHold) {
      this.openAmlCase(invoice);
      return;
    }
    if (invoice.amount !== null && compareDecimal(invoice.received, invoice.amount) < 0) return;
    // An UNLIMITED invoice settles once per payment: credit only what is new.
    const fresh = subtractDecimal(invoice.received, this.credited.get(invoice.id) ?? '0');
    this.credited.set(invoice.id, invoice.received);
    const wallet = this.walletFor(invoice.currency);
    wallet.balance = addDecimal(wallet.balance, fresh);
    wallet.revenue = addDecimal(wallet.revenue, fresh);
    this.transition(invoice, 'approved');
  }

  private openAmlCase(invoice: DefexaInvoice): void {
    if (this.amlCases.some((amlCase) => amlCase.invoiceId === invoice.id)) return;
    this.amlCases.push({
      id: this.amlCases.length + 1,
      invoiceId: invoice.id,
      status: 'pending',
      riskScore: 70,
      refundAddress: null,
      createdAt: this.clock.now(),
    });
  }

  private transition(invoice: DefexaInvoice, state: DefexaInvoice['state']): void {
    invoice.state = state;
    invoice.updatedAt = this.clock.now();
    this.listener.invoiceChanged(invoice);
  }
}
