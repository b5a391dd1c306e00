import type { ManifestOptions } from 'vite-plugin-pwa';

const statementTypes = {
  'text/csv': ['.csv'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['.xlsx'],
  'application/x-ofx': ['.ofx', '.qfx'],
  'application/qif': ['.qif'],
  'application/xml': ['.xml'],
};

export const pwaManifest: Partial<ManifestOptions> = {
  // Fixed now, so the installed app keeps its identity if start_url ever changes.
  id: '/',
  name: 'Quanzi 圈子',
  short_name: '圈子',
  description: '圈子 Quanzi: private, offline-first circles built on the trust of real consumption. 基于真实消费、保护隐私、可离线使用的圈子。',
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
    // Types and extensions both: Android's share sheet matches a shared file by its MIME type, desktop by its name.
    // Phones often label a statement text/plain or application/octet-stream; the import screen tells the formats apart.
    params: { files: [{ name: 'statement', accept: [...Object.keys(statementTypes), 'text/plain', 'text/comma-separated-values', 'application/vnd.ms-excel', 'text/xml', 'application/octet-stream', ...Object.values(statementTypes).flat()] }] },
  },
};
