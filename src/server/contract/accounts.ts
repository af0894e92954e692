// Accounts over HTTP: who is signed in, signing in, users (管理员), API tokens for scripts.
import { Type, type Static } from 'typebox';
import { Nullable } from './common.js';

export const RoleName = Type.Union([
  Type.Literal('admin'),
  Type.Literal('planning'),
  Type.Literal('unit'),
  Type.Literal('reviewer'),
]);
export type RoleName = Static<typeof RoleName>;

/** The signed-in user as the web app shows it. */
export const SessionUser = Type.Object({
  login: Type.String(),
  display_name: Type.String(),
  role: RoleName,
  unit: Nullable(Type.String()),
  regions: Type.Array(Type.String()),
});
export type SessionUser = Static<typeof SessionUser>;

/** `GET /api/session`: the user (null when anonymous) and the CSRF token its browser sends on writes. */
export const SessionAnswer = Type.Object({
  user: Nullable(SessionUser),
  csrf_token: Nullable(Type.String()),
  expires_at: Type.Optional(Nullable(Type.String())),
});
export type SessionAnswer = Static<typeof SessionAnswer>;

export const LoginRequest = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 64 }),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const UserEntry = Type.Object({
  id: Type.Integer(),
  ...SessionUser.properties,
  disabled: Type.Boolean(),
  created_at: Type.String(),
  created_by: Type.String(),
});
export type UserEntry = Static<typeof UserEntry>;

export const NewUserRequest = Type.Object(
  {
    login: Type.String({ minLength: 1, maxLength: 64 }),
    display_name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    role: RoleName,
    unit: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    regions: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 100 })),
    password: Type.String({ minLength: 1, maxLength: 1024 }),
  },
  { additionalProperties: false },
);
export type NewUserRequest = Static<typeof NewUserRequest>;

export const PasswordReset = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: 1024 }) },
  { additionalProperties: false },
);
export type PasswordReset = Static<typeof PasswordReset>;

export const LoginParams = Type.Object({ login: Type.String({ minLength: 1, maxLength: 64 }) });

export const ApiToken = Type.Object({
  id: Type.Integer(),
  user: Type.String(),
  name: Type.String(),
  created_at: Type.String(),
  created_by: Type.String(),
  last_used_at: Nullable(Type.String()),
  revoked_at: Nullable(Type.String()),
});
export type ApiToken = Static<typeof ApiToken>;

export const NewTokenRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    /** Whose token (管理员 only; default: the caller's own). */
    user: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type NewTokenRequest = Static<typeof NewTokenRequest>;

/** A new token: the secret itself is in this answer only, never again. */
export const NewToken = Type.Object({ ...ApiToken.properties, token: Type.String() });
export type NewToken = Static<typeof NewToken>;

export const UserList = Type.Object({ items: Type.Array(UserEntry) });
export const TokenList = Type.Object({ items: Type.Array(ApiToken) });
