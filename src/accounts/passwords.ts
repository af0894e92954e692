// Secrets at rest: passwords hashed by scrypt with their salt and parameters, session ids and API tokens by SHA-256.
import { createHash, randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** scrypt's cost (N = 2^15, r = 8, p = 1: about 32 MB and 50–100 ms a hash), stored with each hash. */
export const SCRYPT_PARAMETERS = { N: 2 ** 15, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const SALT_BYTES = 16;

/** Shortest password accepted: a planning office's accounts guard unpublished figures. */
export const MIN_PASSWORD_LENGTH = 10;

function derive(password: string, salt: Buffer, p: ScryptOptions & { N: number; r: number; p: number }) {
  return new Promise<Buffer>((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { ...p, maxmem: 256 * p.N * p.r }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

/** `scrypt$N$r$p$salt$hash` (base64url), so a later change of parameters still verifies old hashes. */
export async function hashPassword(
  password: string,
  parameters: { N: number; r: number; p: number } = SCRYPT_PARAMETERS,
): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, parameters);
  return [
    'scrypt',
    parameters.N,
    parameters.r,
    parameters.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
}

/** Whether `password` matches a stored hash; a malformed hash matches nothing. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !salt || !hash) return false;
  const parameters = { N: Number(n), r: Number(r), p: Number(p) };
  if (!Object.values(parameters).every((v) => Number.isInteger(v) && v > 0)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(password, Buffer.from(salt, 'base64url'), parameters);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符 / a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  return null;
}

/** A random secret of 32 bytes (session id, password printed once). */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** The prefix that marks a Lantu API token (so a leaked one is recognisable in logs and scanners). */
export const TOKEN_PREFIX = 'lantu_';

export function newApiToken(): string {
  return `${TOKEN_PREFIX}${randomSecret()}`;
}

/** Session ids and tokens are stored as their SHA-256: a copy of the database opens no session. */
export function secretDigest(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** The CSRF token of a session: derived from its id, so it needs no storage and dies with the session. */
export function csrfTokenOf(sessionId: string): string {
  return createHash('sha256').update(`lantu-csrf:${sessionId}`).digest('base64url');
}

/** Compare two secrets in constant time. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
