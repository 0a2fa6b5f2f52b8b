// Draws images/icon.png (128x128): three coloured bars for a token's header, payload and signature
// under a magnifying lens. A minimal PNG encoder (zlib from Node), so no image tool is needed.
// Usage: node scripts/make-icon.mjs
import fs from 'node:fs';
import zlib from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // per axis, for anti-aliased edges
const pixels = new Float64Array(SIZE * SIZE * 4);

/** Blends colour [r, g, b] with coverage `alpha` (0..1) over pixel (x, y). */
function blend(x, y, [r, g, b], alpha) {
  const i = (y * SIZE + x) * 4;
  const a = pixels[i + 3];
  const outA = alpha + a * (1 - alpha);
  if (outA === 0) return;
  pixels[i] = (r * alpha + pixels[i] * a * (1 - alpha)) / outA;
  pixels[i + 1] = (g * alpha + pixels[i + 1] * a * (1 - alpha)) / outA;
  pixels[i + 2] = (b * alpha + pixels[i + 2] * a * (1 - alpha)) / outA;
  pixels[i + 3] = outA;
}

/** Fills the shape whose `inside(px, py)` is true, with supersampled coverage. */
function fill(colour, inside) {
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let hits = 0;
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          if (inside(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES)) hits++;
        }
      }
      if (hits > 0) blend(x, y, colour, hits / (SAMPLES * SAMPLES));
    }
  }
}

const roundedRect = (x0, y0, x1, y1, radius) => (x, y) => {
  const cx = Math.min(Math.max(x, x0 + radius), x1 - radius);
  const cy = Math.min(Math.max(y, y0 + radius), y1 - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
};
const ring = (cx, cy, inner, outer) => (x, y) => {
  const d = Math.hypot(x - cx, y - cy);
  return d >= inner && d <= outer;
};
/** A thick line segment from (ax, ay) to (bx, by) with round caps. */
const stroke = (ax, ay, bx, by, half) => (x, y) => {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy)) <= half;
};

fill([30, 34, 48], roundedRect(4, 4, 124, 124, 22));
fill([251, 1, 91], roundedRect(18, 30, 58, 44, 7));
fill([214, 58, 255], roundedRect(18, 52, 92, 66, 7));
fill([0, 185, 241], roundedRect(18, 74, 74, 88, 7));
fill([255, 255, 255], ring(78, 62, 24, 31));
fill([255, 255, 255], stroke(100, 84, 114, 108, 7));

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter type: none
  for (let x = 0; x < SIZE; x++) {
    const i = (y * SIZE + x) * 4;
    const o = y * (SIZE * 4 + 1) + 1 + x * 4;
    raw[o] = Math.round(pixels[i]);
    raw[o + 1] = Math.round(pixels[i + 1]);
    raw[o + 2] = Math.round(pixels[i + 2]);
    raw[o + 3] = Math.round(pixels[i + 3] * 255);
  }
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // colour type: RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
fs.writeFileSync(new URL('../images/icon.png', import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
