import type { Tag } from './instance-record.js';

/** A DB subnet group: RDS's bookkeeping of the VPC subnets an instance may be placed in (nothing behind it here). */
export interface SubnetGroupRecord {
  readonly name: string;
  readonly description: string;
  /** The EC2 subnet ids, as given. */
  readonly subnetIds: readonly string[];
  readonly tags?: readonly Tag[];
}
