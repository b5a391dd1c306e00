// Draws the Quanzi app icons (public/icons/*.png) with nothing but Node: a tiny rasteriser plus a
// hand-written PNG encoder (zlib for IDAT, CRC32 for chunks). Run: `npm run icons`.
//
// The logo: three interlocking rings (people joining circles, 圈) in warm orange, gold and teal on a
// cream rounded square. The maskable variant fills the whole square with the theme colour and keeps the
// rings inside the central 80 % safe zone, so any launcher mask (circle, squircle) leaves them whole.
import { deflateSync } from 'node:zlib';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'public', 'icons');

const CRC_TABLE = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** RGBA pixels (Uint8Array, width*height*4) to a PNG file (8-bit truecolour with alpha, no interlace). */
export function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type RGBA
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    Buffer.from(rgba.buffer, rgba.byteOffset + y * stride, stride).copy(raw, y * (stride + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const THEME = hex('#c2410c');
const CREAM = hex('#fffaf5');
const RINGS = [hex('#ea580c'), hex('#f59e0b'), hex('#0f766e')];

/** Source-over blend of colour `rgb` with coverage `alpha` (0..1) into pixel (x, y). */
function blend(px, size, x, y, rgb, alpha) {
  if (alpha <= 0) return;
  const i = (y * size + x) * 4;
  const a0 = px[i + 3] / 255;
  const a = alpha + a0 * (1 - alpha);
  for (let c = 0; c < 3; c++) px[i + c] = Math.round((rgb[c] * alpha + px[i + c] * a0 * (1 - alpha)) / (a || 1));
  px[i + 3] = Math.round(a * 255);
}

/** Coverage of a shape given as a signed distance function, 4x4 supersampled for smooth edges. */
function paint(px, size, sdf, rgb) {
  const n = 4;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let hits = 0;
      for (let sy = 0; sy < n; sy++) for (let sx = 0; sx < n; sx++) if (sdf(x + (sx + 0.5) / n, y + (sy + 0.5) / n) <= 0) hits++;
      blend(px, size, x, y, rgb, hits / (n * n));
    }
  }
}

const roundedSquare = (size, r) => (x, y) => {
  const h = size / 2;
  const qx = Math.abs(x - h) - (h - r);
  const qy = Math.abs(y - h) - (h - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const ring = (cx, cy, radius, width) => (x, y) => Math.abs(Math.hypot(x - cx, y - cy) - radius) - width / 2;
const disc = (cx, cy, radius) => (x, y) => Math.hypot(x - cx, y - cy) - radius;

/**
 * Three rings in a triangle, like the overlapping circles of a Venn diagram. `extent` is the side of the
 * square (centred) the motif must fit in.
 */
function drawRings(px, size, extent, background) {
  const c = size / 2;
  const radius = extent * 0.24;
  const width = extent * 0.075;
  const spread = extent * 0.15;
  const centres = [0, 1, 2].map((k) => {
    const angle = -Math.PI / 2 + (k * 2 * Math.PI) / 3;
    return [c + spread * Math.cos(angle), c + spread * 1.05 * Math.sin(angle) + extent * 0.02];
  });
  // A soft halo behind each ring separates the overlaps, so they read as interlocking.
  centres.forEach(([x, y], k) => {
    paint(px, size, ring(x, y, radius, width + extent * 0.03), background);
    paint(px, size, ring(x, y, radius, width), RINGS[k]);
  });
  // A small dot in the shared middle: you, where the circles meet.
  paint(px, size, disc(c, c + extent * 0.02, extent * 0.045), RINGS[0]);
}

function icon(size, { maskable }) {
  const px = new Uint8Array(size * size * 4);
  if (maskable) {
    paint(px, size, () => -1, CREAM);
    // Safe zone: a circle of radius 0.4 * size; the motif fits inside it.
    paint(px, size, disc(size / 2, size / 2, size * 0.4), CREAM);
    drawRings(px, size, size * 0.62, CREAM);
    // Theme-coloured frame outside the safe zone: cropped by masks, visible on square launchers.
    paint(px, size, (x, y) => -(Math.hypot(x - size / 2, y - size / 2) - size * 0.46), THEME);
  } else {
    paint(px, size, roundedSquare(size, size * 0.22), CREAM);
    paint(px, size, (x, y) => Math.abs(roundedSquare(size, size * 0.22)(x, y) + size * 0.02) - size * 0.02, THEME);
    drawRings(px, size, size * 0.92, CREAM);
  }
  return encodePng(size, size, px);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(outDir, { recursive: true });
  const files = {
    'icon-192.png': icon(192, { maskable: false }),
    'icon-512.png': icon(512, { maskable: false }),
    'icon-maskable-512.png': icon(512, { maskable: true }),
  };
  for (const [name, png] of Object.entries(files)) {
    writeFileSync(join(outDir, name), png);
    console.log(`${name}: ${png.length} bytes`);
  }
}
