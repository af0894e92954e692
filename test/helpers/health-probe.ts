// Latency of /api/health while something else happens, and uploads sent from another process (tests and bench).
import { spawn } from 'node:child_process';

export interface UploadResult {
  status: number;
  body: { stored?: unknown[]; failed: Array<{ error: string; code?: string }> };
}

/** Polls /api/health one request after another while `going()`; returns each latency in ms. */
export async function pollHealthWhile(base: string, going: () => boolean): Promise<number[]> {
  const latencies: number[] = [];
  while (going()) {
    const started = performance.now();
    const res = await fetch(`${base}/api/health`);
    if (res.status !== 200) throw new Error(`/api/health answered ${res.status}`);
    await res.arrayBuffer();
    latencies.push(performance.now() - started);
    await new Promise((r) => setTimeout(r, 10));
  }
  return latencies;
}

/** Polls /api/health until `stop` settles. */
export function pollHealthUntil(base: string, stop: Promise<unknown>): Promise<number[]> {
  let done = false;
  void stop.then(
    () => (done = true),
    () => (done = true),
  );
  return pollHealthWhile(base, () => !done);
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Uploads a file from another process as the API token's account, so that building the request does not block this thread's health probe. */
export function uploadFromChild(
  base: string,
  path: string,
  name: string,
  token: string,
): Promise<UploadResult> {
  const script =
    "const f=new FormData();f.append('file',new Blob([require('fs').readFileSync(process.argv[1])]),process.argv[2]);" +
    "fetch(process.argv[3],{method:'POST',body:f,headers:{authorization:'Bearer '+process.argv[4]}}).then(async r=>process.stdout.write(JSON.stringify({status:r.status,body:await r.json()})))";
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', script, path, name, `${base}/api/documents`, token]);
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as UploadResult)
        : reject(new Error(`upload process ended with ${code}`)),
    );
  });
}
