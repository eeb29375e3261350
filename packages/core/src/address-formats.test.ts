import { describe, expect, it } from 'vitest';
import { addressFitsNetwork } from './address-formats';

describe('addressFitsNetwork', () => {
  it('tells the networks of real address shapes apart', () => {
    const tron = 'TQn9Y2khEsLJW1ChVWFMSMeRDow5KcbLSE';
    const evm = '0x29b0d4cb9cffeb360067199cf026dfd4854a8ab0';
    const segwit = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq';
    expect([addressFitsNetwork(tron, 'tron'), addressFitsNetwork(tron, 'ethereum')]).toEqual([true, false]);
    expect([addressFitsNetwork(evm, 'bsc'), addressFitsNetwork(evm, 'tron')]).toEqual([true, false]);
    expect([addressFitsNetwork(segwit, 'bitcoin'), addressFitsNetwork(segwit, 'litecoin')]).toEqual([
      true,
      false,
    ]);
    expect(addressFitsNetwork('1BoatSLRHtKNngkdXEeobR76b53LETtpyT', 'bitcoin')).toBe(true);
    expect(addressFitsNetwork('ltc1qg82lm8ldk4whs5v6ysrcfn0z7pklp6q4eqd4cd', 'litecoin')).toBe(true);
    expect(addressFitsNetwork('rPT1Sjq2YGrBMTttX4GZHjKu9dyfzbpAYe', 'xrp')).toBe(true);
    expect(addressFitsNetwork('GAHK7EEG2WWHVKDNT4CEQFZGKF2LGDSW2IVM4S5DP42RBW3K6BTODB4A', 'stellar')).toBe(
      true,
    );
    expect(addressFitsNetwork('4Nd1mBQtrMJVYVfKf2PJy9NZUZdTAsp7D4xWLs4gDB4T', 'solana')).toBe(true);
  });

  it('says nothing about a network without a known format', () => {
    expect(addressFitsNetwork('alice.near', 'near')).toBeUndefined();
    expect(addressFitsNetwork('x', 'some-new-chain')).toBeUndefined();
  });
});
