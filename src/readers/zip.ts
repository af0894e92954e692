// ZIP members inflated under a running cap on their real size: the sizes a ZIP declares are never trusted.
import { constants, inflateRawSync, inflateSync } from 'node:zlib';
import type { InflateBudget } from './limits.js';

/**
 * Inflates `data` (raw deflate, or with a zlib wrapper as in PDF streams), stopping as soon as the output passes what
 * is left of `budget`: zlib's maxOutputLength ends the inflation there instead of after the bomb has gone off.
 */
export function inflateCapped(
  data: Uint8Array,
  budget: InflateBudget,
  what: string,
  options: { zlib?: boolean } = {},
): Uint8Array {
  const left = Math.max(1, budget.limit - budget.used);
  let out: Buffer;
  try {
    // Sync flush: a truncated stream gives what it holds (pdfjs reads such streams too).
    out = (options.zlib ? inflateSync : inflateRawSync)(data, {
      maxOutputLength: left,
      finishFlush: constants.Z_SYNC_FLUSH,
    });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') budget.take(left + 1, what);
    throw error;
  }
  budget.take(out.length, what);
  return new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
}

export class ZipError extends Error {}

interface CentralEntry {
  name: string;
  method: number;
  compressedSize: number;
  localOffset: number;
}

/** The members `wanted` of a ZIP, found through its central directory and inflated under `budget`. */
export function readZipMembers(
  bytes: Uint8Array,
  wanted: (name: string) => boolean,
  budget: InflateBudget,
): Record<string, Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Record<string, Uint8Array> = {};
  for (const entry of centralDirectory(bytes, view)) {
    if (!wanted(entry.name)) continue;
    const at = entry.localOffset;
    if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50)
      throw new ZipError(`no local header for ${entry.name}`);
    const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    const end = start + entry.compressedSize;
    if (end > bytes.length) throw new ZipError(`${entry.name} runs past the end of the file`);
    const data = bytes.subarray(start, end);
    if (entry.method === 0) {
      budget.take(data.length, entry.name);
      out[entry.name] = data;
    } else if (entry.method === 8) {
      out[entry.name] = inflateCapped(data, budget, entry.name);
    } else throw new ZipError(`${entry.name} uses compression method ${entry.method}`);
  }
  return out;
}

function centralDirectory(bytes: Uint8Array, view: DataView): CentralEntry[] {
  // The end record is in the last 64 KB + 22 bytes (its comment is at most 65535 bytes).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('no end of central directory record');
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: CentralEntry[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50)
      throw new ZipError('central directory is damaged');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    let compressedSize = view.getUint32(at + 20, true);
    let localOffset = view.getUint32(at + 42, true);
    if (compressedSize === 0xffffffff || localOffset === 0xffffffff) {
      ({ compressedSize, localOffset } = zip64Sizes(
        view,
        at,
        nameLength,
        extraLength,
        compressedSize,
        localOffset,
      ));
    }
    entries.push({ name, method: view.getUint16(at + 10, true), compressedSize, localOffset });
    at += 46 + nameLength + extraLength + view.getUint16(at + 32, true);
  }
  return entries;
}

/** ZIP64 extra field (id 1): the 8-byte values of the fields that were 0xFFFFFFFF, in header order. */
function zip64Sizes(
  view: DataView,
  at: number,
  nameLength: number,
  extraLength: number,
  compressedSize: number,
  localOffset: number,
): { compressedSize: number; localOffset: number } {
  let p = at + 46 + nameLength;
  const stop = p + extraLength;
  while (p + 4 <= stop) {
    const id = view.getUint16(p, true);
    const size = view.getUint16(p + 2, true);
    if (id === 1) {
      let q = p + 4;
      if (view.getUint32(at + 24, true) === 0xffffffff) q += 8;
      if (compressedSize === 0xffffffff) {
        compressedSize = Number(view.getBigUint64(q, true));
        q += 8;
      }
      if (localOffset === 0xffffffff) localOffset = Number(view.getBigUint64(q, true));
      break;
    }
    p += 4 + size;
  }
  return { compressedSize, localOffset };
}
