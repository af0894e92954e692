import { describe, expect, it } from 'vitest';
import {
  ACCESS_ROLES,
  allows,
  csrfTokenOf,
  hashPassword,
  regionInScope,
  secretDigest,
  unitInScope,
  verifyPassword,
  type Role,
} from './index.js';
import type { Access } from './roles.js';

// Small parameters keep the test fast; the stored parameters are what verification uses.
const FAST = { N: 1024, r: 8, p: 1 };

describe('password hashing', () => {
  it('verifies the password it hashed and nothing else', async () => {
    const stored = await hashPassword('规划科 2026 安全', FAST);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(await verifyPassword('规划科 2026 安全', stored)).toBe(true);
    expect(await verifyPassword('规划科 2026 安全 ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, and reads its parameters from the hash', async () => {
    const a = await hashPassword('same password', FAST);
    const b = await hashPassword('same password', FAST);
    expect(a).not.toBe(b);
    const strong = await hashPassword('same password', { N: 2048, r: 8, p: 1 });
    expect(await verifyPassword('same password', strong)).toBe(true);
  });

  it('refuses a malformed or tampered hash', async () => {
    const stored = await hashPassword('secret password', FAST);
    const parts = stored.split('$');
    parts[5] = Buffer.from('x'.repeat(32)).toString('base64url');
    expect(await verifyPassword('secret password', parts.join('$'))).toBe(false);
    expect(await verifyPassword('secret password', 'plain:secret password')).toBe(false);
    expect(await verifyPassword('secret password', 'scrypt$x$8$1$aa$bb')).toBe(false);
  });

  it('stores secrets as digests and derives a CSRF token per session', () => {
    expect(secretDigest('lantu_abc')).toMatch(/^[0-9a-f]{64}$/);
    expect(secretDigest('lantu_abc')).not.toContain('abc');
    expect(csrfTokenOf('session-1')).not.toBe(csrfTokenOf('session-2'));
    expect(csrfTokenOf('session-1')).toBe(csrfTokenOf('session-1'));
  });
});

describe('the role table', () => {
  // The table of docs/API.md, written out: a change to ACCESS_ROLES must change this test too.
  const expected: Record<Access, Array<Role | 'anonymous'>> = {
    public: ['anonymous', 'reviewer', 'unit', 'planning', 'admin'],
    read: ['reviewer', 'unit', 'planning', 'admin'],
    comment: ['reviewer', 'planning', 'admin'],
    enter: ['unit', 'planning', 'admin'],
    review: ['planning', 'admin'],
    publish: ['planning', 'admin'],
    manage: ['planning', 'admin'],
    admin: ['admin'],
  };
  const callers: Array<Role | 'anonymous'> = ['anonymous', 'reviewer', 'unit', 'planning', 'admin'];

  for (const [access, admitted] of Object.entries(expected) as Array<[Access, Array<Role | 'anonymous'>]>) {
    it(`${access} admits ${admitted.join(', ')}`, () => {
      for (const caller of callers)
        expect(allows(caller === 'anonymous' ? null : caller, access), `${caller} → ${access}`).toBe(
          admitted.includes(caller),
        );
    });
  }

  it('covers every access value', () => {
    expect(Object.keys(ACCESS_ROLES).sort()).toEqual(Object.keys(expected).sort());
  });
});

describe('scope', () => {
  const jianxi = { role: 'planning' as const, regions: ['洛阳市涧西区'], unit: null };
  it('holds the region itself and what lies under it, nothing beside it', () => {
    expect(regionInScope(jianxi, ['洛阳市涧西区', '洛阳市', '河南省'])).toBe(true);
    expect(regionInScope(jianxi, ['洛阳市西工区', '洛阳市', '河南省'])).toBe(false);
    expect(regionInScope(jianxi, null)).toBe(false);
    const city = { role: 'planning' as const, regions: ['洛阳市'] };
    expect(regionInScope(city, ['洛阳市西工区', '洛阳市', '河南省'])).toBe(true);
    expect(regionInScope(city, ['郑州市', '河南省'])).toBe(false);
  });

  it('leaves accounts without regions, and administrators, unlimited', () => {
    expect(regionInScope({ role: 'planning', regions: [] }, ['郑州市'])).toBe(true);
    expect(regionInScope({ role: 'admin', regions: ['洛阳市'] }, ['郑州市'])).toBe(true);
  });

  it('limits a 责任单位 to what is assigned to its unit', () => {
    const unit = { role: 'unit' as const, unit: '区科技局' };
    expect(unitInScope(unit, ['区科技局', '区发改委'])).toBe(true);
    expect(unitInScope(unit, ['区发改委'])).toBe(false);
    expect(unitInScope(unit, [])).toBe(false);
    expect(unitInScope({ role: 'unit', unit: null }, [null])).toBe(false);
    expect(unitInScope({ role: 'planning', unit: null }, [])).toBe(true);
  });
});
