import { z } from 'zod';
import type { TaggedResource } from '../control/tagging.js';
import { instanceNotFound } from '../control/instance-states.js';
import { snapshotNotFound } from '../control/snapshots.js';
import { RdsError } from '../errors.js';
import { AS_IS } from './params.js';

/** What every RDS ARN begins with: `arn:aws:rds:<region>:<account>:` (the account captured). */
const PREFIX = String.raw`^arn:aws:rds:[a-z0-9-]+:(\d{12}):`;

/** `arn:aws:rds:<region>:<account>:db:<id>`, `...:pg:<name>`, `...:snapshot:<id>`, `...:subgrp:<name>` or `...:deployment:<bgd-id>`. */
const ARN = new RegExp(`${PREFIX}(db|pg|snapshot|subgrp|deployment):([A-Za-z0-9._ -]{1,255})$`);

/** The resource an ARN names, in this account; RDS's error for anything else. */
export function resourceOf(arn: string, accountId: string): TaggedResource {
  const match = ARN.exec(arn);
  if (!match || match[1] !== accountId) {
    throw new RdsError('InvalidParameterValue', `The specified resource name does not match an RDS resource in this region: ${arn}`);
  }
  return { kind: match[2] as TaggedResource['kind'], name: match[3]!.toLowerCase() };
}

/** The ARN of a resource (an instance, a parameter group, a snapshot, a subnet group, a blue/green deployment), as RDS writes it. */
export function arnOf(resource: TaggedResource, context: { readonly region: string; readonly accountId: string }): string {
  return `arn:aws:rds:${context.region}:${context.accountId}:${resource.kind}:${resource.name}`;
}

/** The one account of this service: every ARN it writes, and the only one it reads, has it. */
export const ACCOUNT_ID = '000000000000';

/** What is answered for a resource of another account: nothing of it is here. */
const NOT_HERE = { db: instanceNotFound, snapshot: snapshotNotFound } as const;

/**
 * A parameter that names a resource by its identifier or by its ARN (SourceDBInstanceIdentifier,
 * DBSnapshotIdentifier, ...): the identifier, checked by `identifier` (which gives RDS's message).
 * Another account's ARN is not found here, never taken for this account's resource of that name.
 */
export function idOrArn<T extends z.ZodType<unknown, string>>(kind: keyof typeof NOT_HERE, identifier: T) {
  const prefix = new RegExp(`${PREFIX}${kind}:`);
  return z
    .string()
    .superRefine((s, ctx) => {
      const account = prefix.exec(s)?.[1];
      if (account === undefined || account === ACCOUNT_ID) return;
      const error = NOT_HERE[kind](s);
      ctx.addIssue({ code: 'custom', message: error.message, params: { ...AS_IS, rdsCode: error.code } });
    })
    .transform((s) => s.replace(prefix, ''))
    .pipe(identifier);
}
