import type { ControlPlane } from '../control/control-plane.js';
import type { ExternalSource, ReplicationMonitor } from '../replication/monitor.js';

/**
 * The openrds JSON view of the instances, for the CLI and the console: what DescribeDBInstances
 * says plus what the RDS API carries elsewhere (ReplicaLag is a CloudWatch metric on RDS) or not at
 * all (bytes copied while a read replica is created).
 */
export interface InstanceView {
  readonly id: string;
  readonly engine: string;
  readonly engineVersion: string;
  readonly status: string;
  readonly endpoint: { readonly address: string; readonly port: number } | null;
  readonly masterUsername: string;
  readonly instanceClass: string;
  /** Days of automated backups; 0: none, so no point-in-time restore. */
  readonly backupRetentionPeriod: number;
  readonly role: 'standalone' | 'source' | 'read replica';
  readonly replicaOf: string | null;
  readonly replicas: readonly string[];
  readonly replication: { readonly status: string; readonly message: string; readonly since: string } | null;
  /** Seconds behind the source; -1 when not replicating; null for a non-replica. */
  readonly replicaLag: number | null;
  readonly bytesCopied: number | null;
  /** The sources outside openrds this instance replicates from, one per channel (rds_set_external_master, *_for_channel). */
  readonly externalSources: readonly ExternalSource[];
}

export function instanceViews(control: ControlPlane, monitor: ReplicationMonitor): InstanceView[] {
  return control.describe().map((record) => {
    const replicas = control.replicasOf(record.id).map((r) => r.id);
    return {
      id: record.id,
      engine: record.engine,
      engineVersion: record.engineVersion,
      status: record.status,
      endpoint: record.status === 'creating' ? null : { address: control.addressOf(record), port: record.port },
      masterUsername: record.masterUsername,
      instanceClass: record.instanceClass,
      backupRetentionPeriod: record.backupRetentionPeriod,
      role: record.replicaOf ? 'read replica' : replicas.length > 0 ? 'source' : 'standalone',
      replicaOf: record.replicaOf ?? null,
      replicas,
      replication: record.replicaOf && record.replication ? { ...record.replication } : null,
      replicaLag: record.replicaOf ? (monitor.lag(record.id) ?? -1) : null,
      bytesCopied: control.copyProgress(record.id) ?? null,
      externalSources: monitor.externalSources(record.id),
    };
  });
}
