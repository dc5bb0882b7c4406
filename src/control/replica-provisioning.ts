import type { CopyPosition, OperatorClient, RunningServer } from '../engine/index.js';
import type { InstanceRecord } from '../model/instance-record.js';
import { newOperatorPassword } from '../personality/personality.js';
import type { HotCopies } from './hot-copies.js';
import type { InstanceParts } from './parts.js';

/** The account read replicas replicate as, on every source (as on RDS). */
const REPLICATION_USER = 'rdsrepladmin';

export interface ReplicaProvisioningOptions extends InstanceParts {
  readonly withOperator: <T>(id: string, work: (op: OperatorClient) => Promise<T>) => Promise<T>;
  readonly copies: HotCopies;
}

/** Read replicas: made from a hot copy of their running source, and promoted to standalone instances. */
export class ReplicaProvisioning {
  /** Bytes copied so far, per read replica being created. */
  readonly #copyProgress = new Map<string, number>();

  constructor(private readonly options: ReplicaProvisioningOptions) {}

  /**
   * CreateDBInstanceReadReplica's work: a hot physical copy of the running source, then
   * replication from the copy's exact GTID position as rdsrepladmin, read-only.
   */
  async provision(record: InstanceRecord, source: InstanceRecord): Promise<void> {
    const { secrets, supervisor, withOperator } = this.options;
    let position: CopyPosition | undefined;
    let server: RunningServer | undefined;
    this.#copyProgress.set(record.id, 0);
    try {
      await this.options.operations.phases(record.id, 'create read replica', [
        ['hot copy and prepare', async () => void (position = await this.hotCopy(source.id, record.id, (b) => this.#copyProgress.set(record.id, b)))],
        ['start', async () => void (server = await supervisor.start(record))],
        [
          'operator secret',
          async () => {
            // The copy carries its source's operator password: give the replica one of its own.
            const operatorPassword = newOperatorPassword();
            await using op = await this.options.placement.engine.openOperator(server!.endpoint, secrets.operatorPassword(source.id));
            await op.rotatePassword(operatorPassword);
            secrets.setOperatorPassword(record.id, operatorPassword);
          },
        ],
        [
          'replication',
          async () => {
            const password = secrets.replicationPassword(source.id);
            await withOperator(source.id, (op) => op.ensureReplicationUser(REPLICATION_USER, password));
            const from = this.options.placement.endpoint(source.id, source.port);
            await withOperator(record.id, (op) => op.setupReplica(from, REPLICATION_USER, password, position!.gtid));
          },
        ],
      ]);
    } catch (error) {
      // Nothing half-made stays behind: no process, no files; the record says failed.
      await supervisor.stop(record.id);
      await this.options.placement.destroy(record.id);
      this.options.events.record(record.id, 'RDS-EVENT-0202', (error as Error).message);
      throw error;
    } finally {
      this.#copyProgress.delete(record.id);
    }
    // The copy brings its source's rds_history: its resets are the source's, already reported there.
    const copied = await withOperator(record.id, (op) => op.status());
    this.options.states.update(record.id, {
      externalResets: copied.externalResets,
      replication: { status: 'replicating', message: '', since: new Date().toISOString() },
    });
    this.options.states.setStatus(record.id, 'available');
    this.options.events.record(record.id, 'RDS-EVENT-0005');
  }

  /**
   * Points the running read replicas of `source` at its endpoint again (its port or name changed),
   * each from where it stands; a terminated one never replicates again.
   */
  async repointAll(source: InstanceRecord): Promise<void> {
    const from = this.options.placement.endpoint(source.id, source.port);
    const password = this.options.secrets.replicationPassword(source.id);
    for (const replica of this.options.states.replicasOf(source.id)) {
      if (replica.replication?.status === 'terminated' || !this.options.supervisor.isRunning(replica.id)) continue;
      await this.options.withOperator(replica.id, (op) => op.setupReplica(from, REPLICATION_USER, password, null));
    }
  }

  /** Bytes copied so far while a read replica is being created. */
  copyProgress(id: string): number | undefined {
    return this.#copyProgress.get(id);
  }

  /** Gives `targetId` a prepared hot copy of the running `sourceId` (HotCopies: its backup account, one at a time). */
  hotCopy(sourceId: string, targetId: string, onProgress?: (bytes: number) => void): Promise<CopyPosition> {
    return this.options.copies.run(sourceId, (account) => this.options.placement.copyFrom(sourceId, targetId, account, onProgress));
  }

  /** PromoteReadReplica's work: replication ends for good, the instance becomes writable and reboots. */
  async promote(id: string): Promise<void> {
    const { states, supervisor } = this.options;
    await this.options.operations.phases(id, 'promote', [
      [
        'end replication',
        () => this.options.withOperator(id, (op) => op.promote()),
      ],
      [
        'reboot',
        async () => {
          states.update(id, { replication: undefined, replicaOf: null, status: 'rebooting' });
          await supervisor.stop(id);
          await supervisor.start(states.get(id));
        },
      ],
    ]);
    states.setStatus(id, 'available');
    this.options.events.record(id, 'OPENRDS-EVENT-0002');
  }
}
