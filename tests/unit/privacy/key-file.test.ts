// Claim keys carried to another of the operator's devices in a passphrase-locked file.
import { describe, expect, it } from 'vitest';
import { KeyFileError, lockClaimKeys, newSealingKeys, openSealed, sealText, unlockClaimKeys } from '../../../src/core/privacy';

const FAST = 100_000; // the least a file may ask for; the app writes 600,000

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(KeyFileError);
    return (error as KeyFileError).code;
  }
}

describe('claim key files', () => {
  it('opens with the passphrase, and the keys open claims sealed for them', async () => {
    const keys = await newSealingKeys();
    const text = await lockClaimKeys({ 'proofset:01A': keys.privateJwk }, 'night bus to the depot', FAST);
    expect(text).not.toContain(String(keys.privateJwk.d));
    const opened = await unlockClaimKeys(text, 'night bus to the depot');
    expect(Object.keys(opened)).toEqual(['proofset:01A']);
    expect(await openSealed(opened['proofset:01A']!, await sealText(keys.publicJwk, 'MN2026100013'))).toBe('MN2026100013');
  });

  it('refuses a wrong passphrase, a changed byte, a short passphrase and files that are not key files', async () => {
    const keys = await newSealingKeys();
    const text = await lockClaimKeys({ 'proofset:01A': keys.privateJwk }, 'night bus to the depot', FAST);
    expect(await codeOf(unlockClaimKeys(text, 'night bus to the depot!'))).toBe('wrong-passphrase');
    const file = JSON.parse(text) as { ciphertext: string };
    const flipped = (file.ciphertext[5] === 'A' ? 'B' : 'A');
    expect(await codeOf(unlockClaimKeys(JSON.stringify({ ...file, ciphertext: file.ciphertext.slice(0, 5) + flipped + file.ciphertext.slice(6) }), 'night bus to the depot'))).toBe('wrong-passphrase');
    expect(await codeOf(lockClaimKeys({}, 'short'))).toBe('short-passphrase');
    expect(await codeOf(unlockClaimKeys('date,amount\n', 'night bus to the depot'))).toBe('not-a-key-file');
    expect(await codeOf(unlockClaimKeys(JSON.stringify({ ...JSON.parse(text), kdf: { ...JSON.parse(text).kdf, iterations: 1e9 } }), 'x'.repeat(12)))).toBe('not-a-key-file');
  });
});
