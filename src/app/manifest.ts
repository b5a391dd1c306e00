import type { ManifestOptions } from 'vite-plugin-pwa';

const statementTypes = {
  'text/csv': ['.csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/x-ofx': ['.ofx', '.qfx'],
  'application/qif': ['.qif'],
  'application/xml': ['.xml'],
};

export const pwaManifest: Partial<ManifestOptions> = {
  name: 'Quanzi 圈子',
  short_name: '圈子',
  description: 'Private, offline-first circles built on the trust of real consumption.',
  lang: 'zh-CN',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  theme_color: '#c2410c',
  background_color: '#fffaf5',
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
  file_handlers: [{ action: '/#/import', accept: statementTypes }],
  share_target: {
    action: '/share-target',
    method: 'POST',
    enctype: 'multipart/form-data',
    params: { files: [{ name: 'statement', accept: Object.values(statementTypes).flat() }] },
  },
};
