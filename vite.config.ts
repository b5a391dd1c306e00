import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { hubPlugin } from './src/hub/vite-plugin.ts';
import { pwaManifest } from './src/app/manifest.ts';

export default defineConfig({
  plugins: [
    svelte(),
    hubPlugin(),
    VitePWA({
      // The page registers the service worker itself with workbox-window (src/app/sw-client.ts) so it can
      // show the "new version is ready" prompt and never reload on its own.
      injectRegister: false,
      registerType: 'prompt',
      // Our own worker (workers/sw.ts): the precache plus share target and background sync. A classic script
      // (iife), as the generated one was, so the page registers it the same way.
      strategies: 'injectManifest',
      srcDir: 'workers',
      filename: 'sw.ts',
      manifest: pwaManifest,
      includeAssets: ['favicon.svg', 'icons/*.png'],
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,json,webmanifest,woff2}'],
        maximumFileSizeToCacheInBytes: 5 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
  ],
  worker: { format: 'es' },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: Number(process.env.E2E_PORT ?? 4173), strictPort: true },
  // QUANZI_OUT_DIR lets parallel e2e runs build and preview separate copies.
  build: { target: 'es2022', sourcemap: false, outDir: process.env.QUANZI_OUT_DIR ?? 'dist' },
});
