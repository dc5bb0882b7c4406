import type { TaggedResource } from '../control/tagging.js';
import { RdsError } from '../errors.js';

/** `arn:aws:rds:<region>:<account>:db:<id>`, `...:pg:<name>`, `...:snapshot:<id>`, `...:subgrp:<name>` or `...:deployment:<bgd-id>`. */
const ARN = /^arn:aws:rds:[a-z0-9-]+:(\d{12}):(db|pg|snapshot|subgrp|deployment):([A-Za-z0-9._ -]{1,255})$/;

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
