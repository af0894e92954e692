// Regions and the indicator catalog as the API gives them.
import { Type, type Static } from 'typebox';
import { Nullable } from './common.js';

export const Region = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  level: Type.String(),
  parent_id: Nullable(Type.Integer()),
  code: Nullable(Type.String()),
});
export type Region = Static<typeof Region>;

export const CatalogIndicator = Type.Object({
  id: Type.String(),
  name: Type.String(),
  synonyms: Type.Array(Type.String()),
  unit: Nullable(Type.String()),
  dimension: Type.String(),
  direction: Type.String(),
  kind: Type.String(),
  category: Type.String(),
  national14: Type.Boolean(),
  national_attribute: Nullable(Type.String()),
  growth_of: Nullable(Type.String()),
});
export type CatalogIndicator = Static<typeof CatalogIndicator>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actor: Type.String(),
  action: Type.String(),
  entity: Type.String(),
  entity_id: Nullable(Type.String()),
  detail: Type.Unknown(),
  /** The hash of the entry before it and its own (SHA-256, hex): the chain `lantu audit verify` walks. */
  prev_hash: Nullable(Type.String()),
  hash: Nullable(Type.String()),
});
export type AuditEntry = Static<typeof AuditEntry>;

export const AuditBreak = Type.Object({
  kind: Type.Union([Type.Literal('rewritten'), Type.Literal('removed'), Type.Literal('truncated')]),
  id: Type.Integer(),
  after: Nullable(Type.Integer()),
  message: Type.String(),
});
export type AuditBreak = Static<typeof AuditBreak>;

/** The walk of the audit log's hash chain (`lantu audit verify`, GET /api/audit/verify). */
export const AuditVerification = Type.Object({
  intact: Type.Boolean(),
  entries: Type.Integer(),
  head: Nullable(Type.Object({ id: Type.Integer(), hash: Type.String() })),
  breaks: Type.Array(AuditBreak),
});
export type AuditVerification = Static<typeof AuditVerification>;

export const Health = Type.Object({ ok: Type.Boolean(), documents: Type.Integer() });
export type Health = Static<typeof Health>;
