import type { ReplicaStatus } from '../model/instance-record.js';

/** The columns of MariaDB's SHOW SLAVE STATUS that the monitor reads. */
export interface SlaveStatusRow {
  readonly Slave_IO_Running?: string;
  readonly Slave_SQL_Running?: string;
  readonly Last_IO_Errno?: number;
  readonly Last_IO_Error?: string;
  readonly Last_SQL_Errno?: number;
  readonly Last_SQL_Error?: string;
  readonly Seconds_Behind_Master?: number | null;
  readonly Until_Condition?: string;
  readonly Relay_Master_Log_File?: string;
}

export interface ReplicaObservation {
  /** `unknown`: both threads are down with no error and nobody stopped them (a server starting). */
  readonly status: Exclude<ReplicaStatus, 'terminated'> | 'unknown';
  readonly message: string;
  /** ReplicaLag: Seconds_Behind_Master, or -1 when replication is not active. */
  readonly lag: number;
}

/**
 * What RDS would show for a read replica, from its SHOW SLAVE STATUS, the stop point that
 * rds_start_replication_until recorded, and the procedures' last action: a stop without an error
 * is a manual stop only when rds_stop_replication made it; otherwise the server is still starting
 * its replication (after a restart) and nothing is concluded.
 */
export function observeReplica(row: SlaveStatusRow | undefined, stopPoint: string | null, lastAction: string | null): ReplicaObservation {
  if (!row) return { status: 'error', message: 'Replication is not configured.', lag: -1 };
  const io = row.Slave_IO_Running;
  const sql = row.Slave_SQL_Running;
  const error = row.Last_SQL_Error || row.Last_IO_Error || '';
  const lag = io === 'Yes' && sql === 'Yes' && typeof row.Seconds_Behind_Master === 'number' ? row.Seconds_Behind_Master : -1;
  if (io === 'Yes' && sql === 'Yes') {
    const untilSet = stopPoint !== null && row.Until_Condition !== undefined && row.Until_Condition !== 'None';
    return { status: untilSet ? 'replication stop point set' : 'replicating', message: '', lag };
  }
  if (error) return { status: 'error', message: error, lag: -1 };
  if (io === 'Connecting') return { status: 'error', message: 'Connecting to the source.', lag: -1 };
  // The SQL thread stops by itself at an UNTIL position while the IO thread keeps reading.
  if (stopPoint !== null && sql === 'No' && io === 'Yes') {
    return { status: 'replication stop point reached', message: '', lag: -1 };
  }
  if (lastAction !== 'stop slave') return { status: 'unknown', message: '', lag: -1 };
  return { status: 'stopped', message: '', lag: -1 };
}
