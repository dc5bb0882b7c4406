import { z } from 'zod';
import { RdsError, type RdsErrorCode } from '../errors.js';

/** Query-protocol booleans arrive as the strings `true` / `false`. */
export const booleanParam = z
  .enum(['true', 'false', 'True', 'False'], { message: 'must be true or false' })
  .transform((s) => s.toLowerCase() === 'true');

/** Free text with a sane upper bound, so nothing unbounded reaches the control plane. */
export const text = (max = 255) => z.string().max(max, { message: `must be at most ${max} characters` });

/** A parameter of RDS's model that openrds refuses whenever it is sent; `message` says why. */
export const refusedParam = (message: string) => z.unknown().refine((value) => value === undefined, { message }).optional();

/** RDS's own "This parameter isn't currently supported" parameters (Filters of several actions). */
export const unsupportedFilters = () => refusedParam('The parameter Filters is not supported for this action.');

/** One page of a list, with RDS's opaque `Marker` for the next one. */
export function paginate<T>(items: readonly T[], marker: string | undefined, maxRecords: number | undefined): { page: T[]; next?: string } {
  const first = marker ? Number.parseInt(Buffer.from(marker, 'base64url').toString(), 10) : 0;
  if (!Number.isInteger(first) || first < 0) throw new RdsError('InvalidParameterValue', 'The marker is not valid.');
  const size = maxRecords ?? 100;
  const next = first + size < items.length ? Buffer.from(String(first + size)).toString('base64url') : undefined;
  return { page: items.slice(first, first + size), next };
}

/** MaxRecords of the Describe actions, with RDS's range (20 to 100; some actions allow more) and message. */
export const maxRecords = (max = 100) =>
  z.coerce
    .number()
    .int()
    .refine((n) => n >= 20 && n <= max, { error: (issue) => `Invalid value ${String(issue.input)} for MaxRecords. Must be between 20 and ${max}` })
    .optional();

/** Marks a zod issue whose message is RDS's whole message, sent as it is, with `rdsCode` if given (server.ts). */
export const AS_IS: { readonly rdsMessage: true; readonly rdsCode?: RdsErrorCode } = { rdsMessage: true };

/** A parameter refused whenever it is sent, with its own error code and whole message. */
export const refusedWith = (code: RdsErrorCode, message: string) =>
  z.unknown().refine((value) => value === undefined, { message, params: { ...AS_IS, rdsCode: code } }).optional();

/** A boolean honoured only when false (what openrds does anyway), refused with `message` when true. */
export const falseOnly = (message: string, code: RdsErrorCode = 'InvalidParameterCombination') =>
  booleanParam.refine((on) => !on, { message, params: { ...AS_IS, rdsCode: code } }).optional();

/** A text parameter honoured only with `value` (what openrds does anyway), refused with `message` otherwise. */
export const onlyValue = (value: string, message: string, code: RdsErrorCode = 'InvalidParameterValue') =>
  z.string().refine((v) => v === value, { message, params: { ...AS_IS, rdsCode: code } }).optional();

/** Filters of an action that supports `names` (RDS's filter names for it); another name gets RDS's refusal. */
export const filtersOf = <const N extends readonly [string, ...string[]]>(names: N) =>
  z
    .array(
      z.strictObject({
        Name: z
          .string()
          .refine((name) => (names as readonly string[]).includes(name), { error: (issue) => `Unrecognized filter name: ${String(issue.input)}`, params: AS_IS })
          .transform((name) => name as N[number]),
        Values: z.array(text(1024)).min(1).max(100),
      }),
    )
    .max(10)
    .optional();

/**
 * One entry of ModifyDBParameterGroup's or ResetDBParameterGroup's Parameters. RDS reads its name,
 * value and apply method; the rest of the model's Parameter (what DescribeDBParameters returns, and
 * what clients send back with it) is accepted and, as by RDS, not read. Any other member is refused.
 */
export const parameterEntry = <V extends z.ZodType>(value: V) =>
  z.strictObject({
    ParameterName: text(64),
    ParameterValue: value,
    ApplyMethod: z.enum(['immediate', 'pending-reboot'], { message: 'ApplyMethod must be immediate or pending-reboot' }).optional(),
    Description: z.unknown().optional(),
    Source: z.unknown().optional(),
    ApplyType: z.unknown().optional(),
    DataType: z.unknown().optional(),
    AllowedValues: z.unknown().optional(),
    IsModifiable: z.unknown().optional(),
    MinimumEngineVersion: z.unknown().optional(),
    SupportedEngineModes: z.unknown().optional(),
  });
