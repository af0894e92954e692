// A multipart/form-data body for fastify.inject (one or more files).
export function multipart(
  files: Array<{ field?: string; filename: string; content: Uint8Array | string; type?: string }>,
): {
  payload: Buffer;
  headers: Record<string, string>;
} {
  const boundary = `----lantu${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.filename}"\r\n` +
          `Content-Type: ${f.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
    );
    parts.push(typeof f.content === 'string' ? Buffer.from(f.content) : Buffer.from(f.content));
    parts.push(Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
