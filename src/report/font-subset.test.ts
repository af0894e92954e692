import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { findCjkFont } from './charts.js';
import { cffFaces, subsetFace } from './font-subset.js';

// The test machine has fonts-noto-cjk (scripts/test-prerequisites.mjs installs it), a CFF collection.
const fontFile = findCjkFont().file!;

function pixels(svg: string, fontFile: string, family: string): Buffer {
  const options = { font: { fontFiles: [fontFile], loadSystemFonts: false, defaultFontFamily: family } };
  return Buffer.from(new Resvg(svg, options).render().pixels);
}

describe('a chart font cut to its characters', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lantu-font-subset-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const faces = cffFaces(readFileSync(fontFile));
  const face = faces.find((f) => /CJK SC$/.test(f.family)) ?? faces[0]!;
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="80"><rect width="320" height="80" fill="#fff"/>' +
    `<text x="8" y="30" font-size="16" font-family="${face.family}">地区生产总值（亿元）</text>` +
    `<text x="8" y="60" font-size="14" font-family="sans-serif">滞后 2 项，12.5%</text></svg>`;

  it('draws the same pixels as the whole collection, from a file a fraction of its size', () => {
    const cut = subsetFace(face, svg);
    const file = join(dir, 'a.otf');
    writeFileSync(file, cut);
    expect(cut.length).toBeLessThan(readFileSync(fontFile).length / 4);
    const whole = pixels(svg, fontFile, face.family);
    expect(whole.some((v, i) => i % 4 !== 3 && v < 128)).toBe(true);
    expect(pixels(svg, file, face.family).equals(whole)).toBe(true);
  });

  it('draws nothing for a character it was not cut for', () => {
    const cut = subsetFace(face, '地区');
    const file = join(dir, 'b.otf');
    writeFileSync(file, cut);
    const one = (text: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="40"><rect width="80" height="40" fill="#fff"/>` +
      `<text x="4" y="30" font-size="24" font-family="${face.family}">${text}</text></svg>`;
    const dark = (p: Buffer) => p.filter((v, i) => i % 4 !== 3 && v < 128).length;
    expect(dark(pixels(one('地区'), file, face.family))).toBeGreaterThan(0);
    expect(dark(pixels(one('滞后'), file, face.family))).toBe(0);
  });
});
