import type { Plugin } from 'vite';

/** Mounts the embedded circle hub at /hub in the dev and preview servers (filled in by the hub work, issue #5). */
export function hubPlugin(): Plugin {
  return { name: 'quanzi-hub' };
}
