import type { OperatorClient, ServerEndpoint } from '../engine/index.js';
import type { InstanceRecord, ReplicationRecord } from '../model/instance-record.js';
import type { AutomatedBackups } from './automated-backups.js';
import type { EventLog } from './events.js';
import type { HotCopies } from './hot-copies.js';
import type { InstanceStates } from './instance-states.js';
import type { OperatorSessions } from './operator-sessions.js';
import type { GuardedInstances } from './operator-guard.js';
import type { Operations } from './operations.js';
import type { Secrets } from './secrets.js';
import type { Supervisor } from './supervisor.js';

export interface MonitoredViewOptions {
  readonly states: InstanceStates;
  readonly events: EventLog;
  readonly sessions: OperatorSessions;
  readonly supervisor: Supervisor;
  readonly secrets: Secrets;
  readonly copies: HotCopies;
  readonly backups: AutomatedBackups;
  readonly operations: Operations;
}

/**
 * What the replication monitor and the operator guard may see and do of the instances: their
 * records, the operator session, the monitor's own fields, and the guard's offline repair.
 */
export class MonitoredView implements GuardedInstances {
  readonly events: EventLog;

  constructor(private readonly options: MonitoredViewOptions) {
    this.events = options.events;
  }

  describe(): InstanceRecord[] {
    return this.options.states.list();
  }

  replicasOf(id: string): InstanceRecord[] {
    return this.options.states.replicasOf(id);
  }

  /** Whether the instance's server is running under this control plane. */
  isRunning(id: string): boolean {
    return this.options.supervisor.isRunning(id);
  }

  /** True while a hot copy of `sourceId` is queued or running (its backup account may exist). */
  isCopying(sourceId: string): boolean {
    return this.options.copies.isCopying(sourceId);
  }

  /** Runs `work` in the kept operator session of a running instance. */
  withOperator<T>(id: string, work: (op: OperatorClient) => Promise<T>): Promise<T> {
    return this.options.sessions.with(id, work);
  }

  /** The monitor's record of a read replica's replication (persisted: the 30-day rule spans restarts). */
  updateReplication(id: string, replication: ReplicationRecord): void {
    this.options.states.update(id, { replication });
  }

  /** Records how many external-replication resets have been reported (RDS-EVENT-0063). */
  updateExternalResets(id: string, count: number): void {
    this.options.states.update(id, { externalResets: count });
  }

  /** The oldest binary log of an instance that point-in-time restores still need (the monitor keeps it). */
  binlogRetainedFrom(id: string): string | undefined {
    const record = this.options.states.find(id);
    return record && this.options.backups.binlogRetainedFrom(record);
  }

  /** The passwords the operator guard checks the reserved accounts against. */
  reservedSecrets(id: string): { operator: string; replication: string | undefined } {
    return { operator: this.options.secrets.operatorPassword(id), replication: this.options.secrets.existingReplicationPassword(id) };
  }

  /**
   * The operator guard's way back in when the control plane can no longer log in as the operator
   * (the master user renamed, re-passworded or stripped it, or broke rds_definer).
   */
  async repairOffline(id: string, repair: (endpoint: ServerEndpoint) => Promise<void>): Promise<void> {
    const record = this.options.states.begin(id, 'repair');
    await this.options.operations.track(this.options.supervisor.repairOffline(record, repair));
  }
}
