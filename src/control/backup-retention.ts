import { RdsError } from '../errors.js';
import type { InstanceRecord } from '../model/instance-record.js';

/** MariaDB's limit on a chain of replication: a source and three tiers of read replicas below it. */
export const MAX_CHAIN_INSTANCES = 4;

/**
 * RDS's rules for the source of a new read replica: automated backups on (so a replica of a
 * replica needs a retention period on the middle one first: replicas are created without), and a
 * chain of four instances at most.
 */
export function checkReplicaSource(source: InstanceRecord, sourceOf: (id: string) => InstanceRecord | undefined): void {
  if (source.backupRetentionPeriod === 0) {
    throw new RdsError(
      'InvalidDBInstanceState',
      'Automated backups are not enabled for this database instance. To enable automated backups, use ModifyDBInstance to set the backup retention period to a non-zero value.',
    );
  }
  let instances = 1;
  for (let up = source; up.replicaOf; instances++) {
    const next = sourceOf(up.replicaOf);
    if (!next) break;
    up = next;
  }
  if (instances >= MAX_CHAIN_INSTANCES) {
    throw new RdsError(
      'InvalidDBInstanceState',
      `Cannot create a read replica of ${source.id}: a replication chain of MariaDB and MySQL DB instances has at most ${MAX_CHAIN_INSTANCES} instances, and ${source.id} is the last of ${instances}.`,
    );
  }
}

/** RDS's rule for ModifyDBInstance BackupRetentionPeriod: backups stay on for a source of read replicas. */
export function checkRetentionChange(record: InstanceRecord, retention: number | undefined, replicaIds: readonly string[]): void {
  if (retention === 0 && record.backupRetentionPeriod !== 0 && replicaIds.length > 0) {
    throw new RdsError(
      'InvalidParameterCombination',
      `Cannot set the backup retention period of ${record.id} to 0: automated backups must be enabled on a source of read replicas (${replicaIds.join(', ')}).`,
    );
  }
}
