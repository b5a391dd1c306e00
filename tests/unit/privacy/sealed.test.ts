import { describe, expect, it } from 'vitest';
import { isSealingKey, newSealingKeys, openSealed, SEALABLE_BYTES, sealText } from '../../../src/core/privacy';

describe('sealed order ids', () => {
  it('open only with the private key they were sealed for', async () => {
    const [keys, other] = await Promise.all([newSealingKeys(), newSealingKeys()]);
    const sealed = await sealText(keys.publicJwk, '2024052922001412345678');
    expect(sealed).not.toContain('2024052922001412345678');
    expect(await openSealed(keys.privateJwk, sealed)).toBe('2024052922001412345678');
    expect(await openSealed(other.privateJwk, sealed)).toBeNull();
    expect(await openSealed(keys.privateJwk, 'not a seal')).toBeNull();
    // Randomised padding: sealing twice never gives the same text, so equal ids cannot be spotted.
    expect(await sealText(keys.publicJwk, '2024052922001412345678')).not.toBe(sealed);
  });

  it('publish only the public half, and refuse what does not fit', async () => {
    const keys = await newSealingKeys();
    expect(isSealingKey(keys.publicJwk)).toBe(true);
    expect(isSealingKey(keys.privateJwk)).toBe(false);
    await expect(sealText(keys.publicJwk, 'x'.repeat(SEALABLE_BYTES + 1))).rejects.toThrow(RangeError);
  });
});
