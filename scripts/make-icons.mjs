// Draws the toolbar icon (a lens over a highlighted line) as PNGs in assets/public/icon/.
// Run once after changing the design; the PNGs are committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { deflateSync } from 'node:zlib';

const out = path.resolve(import.meta.dirname, '../assets/public/icon');
mkdirSync(out, { recursive: true });

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

/** Colour of the design at (x, y) in a unit square, or null for transparent. */
function shade(x, y) {
  const r = 0.2; // corner radius of the tile
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return null;
  const d = Math.hypot(x - 0.44, y - 0.44);
  if (d > 0.22 && d < 0.31) return [255, 255, 255];
  const hx = x - 0.44, hy = y - 0.44;
  if (hx > 0.2 && hy > 0.2 && Math.abs(hx - hy) < 0.07 && hx + hy < 0.78) return [255, 255, 255];
  if (d <= 0.22 && Math.abs(y - 0.44) < 0.07) return [255, 196, 0];
  return [91, 42, 184];
}

for (const size of [16, 32, 48, 128]) {
  const ss = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let py = 0; py < size; py++) {
    raw[py * (size * 4 + 1)] = 0;
    for (let px = 0; px < size; px++) {
      let rr = 0, gg = 0, bb = 0, aa = 0;
      for (let sy = 0; sy < ss; sy++)
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((px + (sx + 0.5) / ss) / size, (py + (sy + 0.5) / ss) / size);
          if (!c) continue;
          rr += c[0]; gg += c[1]; bb += c[2]; aa++;
        }
      const o = py * (size * 4 + 1) + 1 + px * 4;
      if (aa) {
        raw[o] = rr / aa; raw[o + 1] = gg / aa; raw[o + 2] = bb / aa;
      }
      raw[o + 3] = Math.round((255 * aa) / (ss * ss));
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  writeFileSync(path.join(out, `${size}.png`), png);
}
console.log(`icons written to ${path.relative(process.cwd(), out)}`);
