import { z } from 'zod';
import type { TaggedResource } from '../control/tagging.js';
import { RdsError } from '../errors.js';

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

/**
 * A parameter that names a resource by its identifier or by its ARN (SourceDBInstanceIdentifier,
 * DBSnapshotIdentifier, ...): the identifier, checked by `identifier` (which gives RDS's message).
 */
export function idOrArn<T extends z.ZodType<unknown, string>>(kind: TaggedResource['kind'], identifier: T) {
  const prefix = new RegExp(`${PREFIX}${kind}:`);
  return z
    .string()
    .transform((s) => s.replace(prefix, ''))
    .pipe(identifier);
}
