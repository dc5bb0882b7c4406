import type { ReplicationState } from '../engine/index.js';
import type { ReplicaStatus } from '../model/instance-record.js';

export interface ReplicaObservation {
  /** `unknown`: both threads are down with no error and nobody stopped them (a server starting). */
  readonly status: Exclude<ReplicaStatus, 'terminated'> | 'unknown';
  readonly message: string;
  /** ReplicaLag: Seconds_Behind_Master, or -1 when replication is not active. */
  readonly lag: number;
}

/**
 * What RDS would show for a read replica, from its replication threads, the stop point that
 * rds_start_replication_until recorded, and the procedures' last action: a stop without an error
 * is a manual stop only when rds_stop_replication made it; otherwise the server is still starting
 * its replication (after a restart) and nothing is concluded.
 */
export function observeReplica(state: ReplicationState | undefined, stopPoint: string | null, lastAction: string | null): ReplicaObservation {
  if (!state) return { status: 'error', message: 'Replication is not configured.', lag: -1 };
  const running = state.ioThread === 'running' && state.sqlThread === 'running';
  if (running) {
    const lag = state.secondsBehindSource ?? -1;
    return { status: stopPoint !== null && state.untilSet ? 'replication stop point set' : 'replicating', message: '', lag };
  }
  if (state.lastError) return { status: 'error', message: state.lastError, lag: -1 };
  if (state.ioThread === 'connecting') return { status: 'error', message: 'Connecting to the source.', lag: -1 };
  // The SQL thread stops by itself at an UNTIL position while the IO thread keeps reading.
  if (stopPoint !== null && state.sqlThread === 'stopped' && state.ioThread === 'running') {
    return { status: 'replication stop point reached', message: '', lag: -1 };
  }
  if (lastAction !== 'stop slave') return { status: 'unknown', message: '', lag: -1 };
  return { status: 'stopped', message: '', lag: -1 };
}
