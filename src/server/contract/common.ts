// Pieces every part of the contract uses: nullable values, the list page, a path id, evidence.
import { Type, type Static, type TSchema } from 'typebox';

/** A value or null (a column the store may leave empty). */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** An object whose listed fields are declared and whose further fields pass through (a shape still settling). */
export const Open = <T extends Parameters<typeof Type.Object>[0]>(properties: T) =>
  Type.Object(properties, { additionalProperties: true });

/** One page of a list (`?limit&offset`), as every list route answers in JSON. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    limit: Type.Integer(),
    offset: Type.Integer(),
  });
export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** `/…/:id` where the id is a stored row's id. */
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
export type IdParams = Static<typeof IdParams>;

/** Where a value was read: the document, its 1-based line and the exact quote. */
export const Evidence = Type.Object({
  document_id: Nullable(Type.Integer()),
  line: Nullable(Type.Integer()),
  quote: Nullable(Type.String()),
});
export type Evidence = Static<typeof Evidence>;

/** Every 4xx/5xx answer: what went wrong in words, a stable code, and what was expected when known. */
export const ApiErrorBody = Type.Object(
  {
    statusCode: Type.Integer(),
    error: Type.String(),
    code: Type.Optional(Type.String()),
    message: Type.String(),
    expected: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);
export type ApiErrorBody = Static<typeof ApiErrorBody>;

/** 填报 entered → 审核 approved or 退回 returned → 发布 published (see contract/approval.ts). */
export const ApprovalState = Type.Enum(['entered', 'approved', 'returned', 'published']);
export type ApprovalState = Static<typeof ApprovalState>;

/** A person's entry's place on its way to publication: its approval id, its state, why it was returned. */
export const ApprovalRef = Type.Object({
  id: Type.Integer(),
  state: ApprovalState,
  return_reason: Nullable(Type.String()),
});
export type ApprovalRef = Static<typeof ApprovalRef>;
