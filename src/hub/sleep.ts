/**
 * Waits `ms`, or less when `signal` aborts. An abort that came while the caller was busy fires no event any more:
 * without the first check, a stopped loop would sleep on (30 minutes in the catalog loop) and keep holding what it
 * holds, such as the leader lock.
 */
export const sleep = (ms: number, signal: AbortSignal): Promise<void> =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });
