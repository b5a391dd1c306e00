/**
 * ULIDs (26 chars, Crockford base32): time-ordered, so `post:<ulid>` ids sort by creation and never collide
 * across devices. Monotonic within one millisecond so ids made in a burst keep their order.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
let lastTime = -1;
let lastRandom: number[] = [];

function randomDigits(): number[] {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b % 32);
}

function incremented(digits: number[]): number[] {
  const next = digits.slice();
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i]! < 31) {
      next[i]!++;
      return next;
    }
    next[i] = 0;
  }
  return randomDigits();
}

export function ulid(now = Date.now()): string {
  if (now === lastTime) lastRandom = incremented(lastRandom);
  else {
    lastTime = now;
    lastRandom = randomDigits();
  }
  let time = '';
  let rest = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[rest % 32] + time;
    rest = Math.floor(rest / 32);
  }
  return time + lastRandom.map((d) => ALPHABET[d]).join('');
}
