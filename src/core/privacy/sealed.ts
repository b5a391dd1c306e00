/**
 * Sealing a badge claim's order id for the operator alone. A claim doc sits in the circle database, which every
 * member can read; sealed with the public key the operator published beside the proof set, the order id is
 * readable only on the operator's device that holds the private key. RSA-OAEP (SHA-256, 2048-bit) through
 * WebCrypto: one short message, no key agreement, and the same code in browsers and Node.
 */
const ALGORITHM = { name: 'RSA-OAEP', hash: 'SHA-256' } as const;
/** RSA-OAEP with SHA-256 and a 2048-bit key fits 256 − 2·32 − 2 bytes of message. */
export const SEALABLE_BYTES = 190;

export interface SealingKeys { publicJwk: JsonWebKey; privateJwk: JsonWebKey }

export async function newSealingKeys(): Promise<SealingKeys> {
  const pair = await crypto.subtle.generateKey({ ...ALGORITHM, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['encrypt', 'decrypt']);
  const [publicJwk, privateJwk] = await Promise.all([crypto.subtle.exportKey('jwk', pair.publicKey), crypto.subtle.exportKey('jwk', pair.privateKey)]);
  return { publicJwk: { kty: publicJwk.kty, n: publicJwk.n, e: publicJwk.e, alg: publicJwk.alg }, privateJwk };
}

/** The fields a published public key may have (the rules and the member's app check the same shape). */
export function isSealingKey(value: unknown): value is JsonWebKey {
  const k = value as Record<string, unknown> | undefined;
  return !!k && typeof k === 'object' && k.kty === 'RSA' && k.alg === 'RSA-OAEP-256' && typeof k.n === 'string' && typeof k.e === 'string'
    && Object.keys(k).every((key) => key === 'kty' || key === 'alg' || key === 'n' || key === 'e');
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function sealText(publicJwk: JsonWebKey, text: string): Promise<string> {
  const message = new TextEncoder().encode(text);
  if (message.length > SEALABLE_BYTES) throw new RangeError(`cannot seal more than ${SEALABLE_BYTES} bytes`);
  const key = await crypto.subtle.importKey('jwk', publicJwk, ALGORITHM, false, ['encrypt']);
  return toBase64(new Uint8Array(await crypto.subtle.encrypt(ALGORITHM, key, message)));
}

/** The sealed text, or null when it was not sealed for this key (or is not a sealed text at all). */
export async function openSealed(privateJwk: JsonWebKey, sealed: string): Promise<string | null> {
  try {
    const key = await crypto.subtle.importKey('jwk', privateJwk, ALGORITHM, false, ['decrypt']);
    return new TextDecoder('utf-8', { fatal: true }).decode(await crypto.subtle.decrypt(ALGORITHM, key, fromBase64(sealed) as BufferSource));
  } catch {
    return null;
  }
}
