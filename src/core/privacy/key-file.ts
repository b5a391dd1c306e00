import { fromBase64, toBase64 } from './sealed';

/**
 * An operator's claim keys (the private halves of the proof sets they published) carried to another of their
 * devices as a passphrase-locked file. Only the publishing device can open sealed claims; with this file, a second
 * device can too. PBKDF2-SHA-256 (600,000 iterations, OWASP's 2023 figure) turns the passphrase into an AES-GCM key;
 * the file holds the salt, the iv and the ciphertext, and GCM's tag makes a wrong passphrase or a changed byte fail
 * as a whole. The hub never sees the keys or the file.
 */
export const KEY_FILE_FORMAT = 'quanzi-claim-keys';
export const MIN_PASSPHRASE_LENGTH = 10;
const ITERATIONS = 600_000;
/** A file asking for far more work than we write is refused rather than run (it would freeze the device). */
const MAX_ITERATIONS = 5_000_000;

export type KeyFileErrorCode = 'short-passphrase' | 'not-a-key-file' | 'wrong-passphrase' | 'no-keys';

export class KeyFileError extends Error {
  override name = 'KeyFileError';
  constructor(readonly code: KeyFileErrorCode, message: string) {
    super(message);
  }
}

interface KeyFile {
  format: typeof KEY_FILE_FORMAT;
  version: 1;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  ciphertext: string;
}

async function aesKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(passphrase), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: salt as BufferSource, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']);
}

/** Private RSA keys as WebCrypto exports them; anything else in a file is refused. */
function isPrivateKey(value: unknown): value is JsonWebKey {
  const k = value as Record<string, unknown> | null;
  return !!k && typeof k === 'object' && k.kty === 'RSA' && ['n', 'e', 'd', 'p', 'q'].every((f) => typeof k[f] === 'string');
}

/** `keys`: proof set id → private key. Returns the file's text. */
export async function lockClaimKeys(keys: Record<string, JsonWebKey>, passphrase: string, iterations = ITERATIONS): Promise<string> {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new KeyFileError('short-passphrase', `The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters.`);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify({ keys }));
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await aesKey(passphrase, salt, iterations), plain));
  const file: KeyFile = {
    format: KEY_FILE_FORMAT, version: 1,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
    ciphertext: toBase64(ciphertext),
  };
  return JSON.stringify(file, null, 2);
}

function readKeyFile(text: string): KeyFile {
  const notOurs = (why: string) => new KeyFileError('not-a-key-file', `This is not a Quanzi claim key file (${why}).`);
  let file: Partial<KeyFile>;
  try {
    file = JSON.parse(text) as Partial<KeyFile>;
  } catch {
    throw notOurs('it is not JSON');
  }
  if (file?.format !== KEY_FILE_FORMAT || file.version !== 1) throw notOurs('no quanzi-claim-keys version 1 header');
  const { kdf, cipher } = file;
  if (kdf?.name !== 'PBKDF2' || kdf.hash !== 'SHA-256' || !Number.isInteger(kdf.iterations) || kdf.iterations < 100_000 || kdf.iterations > MAX_ITERATIONS) throw notOurs('unexpected key derivation');
  if (cipher?.name !== 'AES-GCM' || typeof cipher.iv !== 'string' || typeof kdf.salt !== 'string' || typeof file.ciphertext !== 'string') throw notOurs('unexpected cipher');
  return file as KeyFile;
}

/** Opens a key file. Throws KeyFileError: not a key file, or a passphrase that does not open it. */
export async function unlockClaimKeys(text: string, passphrase: string): Promise<Record<string, JsonWebKey>> {
  const file = readKeyFile(text);
  let plain: ArrayBuffer;
  try {
    const key = await aesKey(passphrase, fromBase64(file.kdf.salt), file.kdf.iterations);
    plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(file.cipher.iv) as BufferSource }, key, fromBase64(file.ciphertext) as BufferSource);
  } catch {
    throw new KeyFileError('wrong-passphrase', 'The passphrase does not open this key file (or the file was changed).');
  }
  const { keys } = JSON.parse(new TextDecoder().decode(plain)) as { keys?: Record<string, unknown> };
  const entries = Object.entries(keys ?? {});
  if (!entries.every(([id, jwk]) => id.startsWith('proofset:') && isPrivateKey(jwk))) throw new KeyFileError('not-a-key-file', 'This key file holds something other than claim keys.');
  return Object.fromEntries(entries) as Record<string, JsonWebKey>;
}
