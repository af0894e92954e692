// Reads a plain-text file: the decoded file itself, so lines and offsets are the file's own.
import { decodeText } from '../text/decode.js';
import type { RawDocument } from './types.js';

export function readTxt(bytes: Uint8Array, path: string): RawDocument {
  const { text, encoding, diagnostics } = decodeText(bytes, path);
  return { path, format: 'txt', encoding, text, tables: [], diagnostics };
}
