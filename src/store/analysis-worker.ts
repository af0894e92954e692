// Worker-thread entry (piscina): reads and extracts one document off the main thread.
import { analyzeBytes, type DocumentRecord } from './analysis.js';

export default async function analyze(task: {
  bytes: Uint8Array;
  filename: string;
}): Promise<DocumentRecord> {
  return analyzeBytes(task.bytes, task.filename);
}
