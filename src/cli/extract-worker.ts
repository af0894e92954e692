// Worker thread for `lantu extract`: reads and extracts one document under the read limits, returns its exchange JSON.
import { analyzeDocument, toGoldFormat } from '../pipeline.js';
import { readFile, type ReadLimits } from '../readers/index.js';
import type { GoldExtraction } from '../extract/model.js';
import { guardedJob } from '../worker-threads.js';

export type ExtractResult =
  { file: string; ok: true; gold: GoldExtraction } | { file: string; ok: false; error: string };

export default guardedJob(async (task: { file: string; limits: ReadLimits }): Promise<GoldExtraction> =>
  toGoldFormat(analyzeDocument(await readFile(task.file, { limits: task.limits }))),
);
