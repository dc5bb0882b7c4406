import type { Logger } from 'pino';
import type { CopyPosition, OperatorClient, Placement, ServerSettings } from '../engine/index.js';
import type { InstanceRecord } from '../model/instance-record.js';
import type { Personality } from '../personality/personality.js';
import type { Store } from '../store/store.js';
import { EventLog } from './events.js';
import { InstanceLogs } from './instance-logs.js';
import { InstanceCreation, type CreateInstanceInput, type CreateReadReplicaInput } from './instance-creation.js';
import { InstanceStates } from './instance-states.js';
import { Lifecycle } from './lifecycle.js';
import { InstanceRenames } from './instance-rename.js';
import { InstanceMoves, type ModifyRequest } from './instance-moves.js';
import { OperatorSessions } from './operator-sessions.js';
import { Operations } from './operations.js';
import { ParameterBinding } from './parameter-binding.js';
import type { InstanceParts } from './parts.js';
import { ParameterGroups } from './parameter-groups.js';
import type { PortRange } from './ports.js';
import { Provisioning } from './provisioning.js';
import { rdsEngines } from './rds-engines.js';
import { defaultPersonalities } from '../personality/engine-versions.js';
import { ReplicaProvisioning } from './replica-provisioning.js';
import { HotCopies } from './hot-copies.js';
import { Restores } from './restores.js';
import { AutomatedBackups } from './automated-backups.js';
import { MAX_SNAPSHOTS, Snapshots } from './snapshots.js';
import { Secrets } from './secrets.js';
import { serverSettings } from './server-settings.js';
import { Supervisor } from './supervisor.js';
import { Tagging } from './tagging.js';
import { accountQuotas, type AccountQuota } from './account-quotas.js';
import { SubnetGroups } from './subnet-groups.js';
import { BlueGreen } from './blue-green.js';
import { BlueGreenDeployments } from './blue-green-deployments.js';
import { MonitoredView } from './monitored-view.js';

export type { RestoreInput } from './snapshot-restore.js';

export interface ControlPlaneOptions {
  readonly store: Store;
  readonly placement: Placement;
  /** What the control plane needs of the personality: its digest, the template installer, and re-applying it (major upgrades). */
  readonly personality: Pick<Personality, 'digest' | 'installTemplate' | 'reapply'>;
  readonly ports: PortRange;
  readonly logger: Logger;
  /** DB parameter group families served: every major version's (engine-versions.ts's servedFamilies()). */
  readonly parameterFamilies: readonly string[];
  /** Unexpected exits tolerated within `crashWindowMs` before an instance is declared failed. */
  readonly maxRestarts?: number;
  readonly crashWindowMs?: number;
  /** The clock (supervision's crash window, automated backups); Date.now by default. */
  readonly now?: () => number;
  /** How long a day of automated backups lasts (their window and retention period); a real day by default. */
  readonly backupDayMs?: number;
}

/**
 * The facade the API and the CLI use (the monitor and the guard, its `monitored` view): DB instances
 * and their RDS operations. The work is done by the parts it wires together (states, supervisor, ...).
 */
export class ControlPlane implements AsyncDisposable {
  readonly events: EventLog;
  readonly parameterGroups: ParameterGroups;
  /** Which group each instance uses; ModifyDBParameterGroup, ResetDBParameterGroup, DeleteDBParameterGroup. */
  readonly parameters: ParameterBinding;
  /** Tags of instances and parameter groups. */
  readonly tags: Tagging;
  /** Instances' log files. */
  readonly logs: InstanceLogs;
  /** DB subnet groups (bookkeeping). */
  readonly subnetGroups: SubnetGroups;
  /** DB snapshots, manual and automated. */
  readonly snapshots: Snapshots;
  /** Automated backups (service.ts starts their passes). */
  readonly backups: AutomatedBackups;
  /** RestoreDBInstanceFromDBSnapshot and RestoreDBInstanceToPointInTime. */
  readonly restores: Restores;
  /** Blue/green deployments: records, creation, switchover, deletion. */
  readonly blueGreen: BlueGreen;
  /** What the replication monitor and the operator guard see and do. */
  readonly monitored: MonitoredView;
  readonly #states: InstanceStates;
  readonly #operations: Operations;
  readonly #supervisor: Supervisor;
  readonly #replicas: ReplicaProvisioning;
  readonly #provisioning: Provisioning;
  readonly #creation: InstanceCreation;
  readonly #lifecycle: Lifecycle;
  readonly #renames: InstanceRenames;
  readonly #moves: InstanceMoves;
  readonly #placement: Placement;
  readonly #ports: PortRange;

  constructor(options: ControlPlaneOptions) {
    const { store, placement, personality, logger } = options;
    this.#placement = placement;
    this.#ports = options.ports;
    const subnetGroups = (this.subnetGroups = new SubnetGroups(store));
    const states = (this.#states = new InstanceStates(store));
    const events = (this.events = new EventLog(store));
    const secrets = new Secrets(store);
    this.parameterGroups = new ParameterGroups(store, placement.engine.parameters, options.parameterFamilies);
    const operations = (this.#operations = new Operations(logger, (id, error) => {
      if (states.find(id)) supervisor.fail(id, error.message);
    }));
    const sessions = new OperatorSessions(
      (endpoint, password) => placement.engine.openOperator(endpoint, password),
      (id) => supervisor.endpointOf(id),
      (id) => secrets.operatorPassword(id),
    );
    const withOperator = <T>(id: string, work: (op: OperatorClient) => Promise<T>) => sessions.with(id, work);
    const copies = new HotCopies(withOperator);
    this.logs = new InstanceLogs(states, placement);
    const engines = rdsEngines();
    const parameters: ParameterBinding = (this.parameters = new ParameterBinding({
      groups: this.parameterGroups,
      engines,
      states,
      isRunning: (id): boolean => supervisor.isRunning(id),
      withOperator,
    }));
    const supervisor: Supervisor = (this.#supervisor = new Supervisor({
      placement,
      states,
      events,
      operations,
      logger,
      settingsOf: (record): ServerSettings => serverSettings(placement.engine, record, parameters.valuesOf(record)),
      onServerGone: (id) => sessions.close(id),
      maxRestarts: options.maxRestarts,
      crashWindowMs: options.crashWindowMs,
      now: options.now,
    }));
    const parts: InstanceParts = { placement, states, events, secrets, supervisor, operations, subnetGroups };
    const replicas = (this.#replicas = new ReplicaProvisioning({ ...parts, withOperator, copies }));
    const provisioning = (this.#provisioning = new Provisioning({ ...parts, personality, engines }));
    const snapshots = (this.snapshots = new Snapshots({ ...parts, store, copies, logger, now: options.now }));
    const deployments = new BlueGreenDeployments(store);
    this.tags = new Tagging(states, this.parameterGroups, snapshots, subnetGroups, deployments);
    const creation = (this.#creation = new InstanceCreation({ store, placement, states, parameters, operations, provisioning, replicas, ports: options.ports, engines, subnetGroups }));
    const backups = (this.backups = new AutomatedBackups({ ...parts, snapshots, logger, dayMs: options.backupDayMs ?? 86_400_000, now: options.now ?? Date.now }));
    this.restores = new Restores({ ...parts, snapshots, creation, parameters, backups, withOperator });
    const renames = (this.#renames = new InstanceRenames({ ...parts, store, copies }));
    this.#moves = new InstanceMoves({ ...parts, renames, replicas });
    this.#lifecycle = new Lifecycle({ ...parts, parameters, replicas, snapshots, engines, logger, renames, personality });
    const instances = { createReadReplica: (input: CreateReadReplicaInput) => this.createReadReplica(input), modify: (input: ModifyRequest) => this.modify(input) };
    const deleteInstance = (id: string) => this.delete(id, { skipFinalSnapshot: true });
    this.blueGreen = new BlueGreen({ ...parts, deployments, parameters, engines, instances, deleteInstance, renames, replicas, withOperator });
    this.monitored = new MonitoredView({ states, events, sessions, supervisor, secrets, copies, backups, operations });
  }

  async reconcile(): Promise<void> {
    await this.snapshots.reconcile();
    // Renames first: until one is finished, its instance's files are under its old name.
    await this.#renames.reconcile();
    await this.#lifecycle.reconcile();
  }

  /**
   * Builds the templates of the engines' default versions now (seconds each), so that the first
   * CreateDBInstance is as fast as the later ones; settled() waits for them. Other versions'
   * templates are built on first use.
   */
  prepareTemplate(): Promise<void> {
    return this.#operations.track(
      (async () => {
        for (const personality of defaultPersonalities()) await this.#provisioning.ensureTemplate(personality);
      })(),
    );
  }

  describe(id?: string): InstanceRecord[] {
    return id === undefined ? this.#states.list() : [this.#states.get(id)];
  }

  create(input: CreateInstanceInput): Promise<InstanceRecord> {
    return this.#creation.create(input);
  }

  createReadReplica(input: CreateReadReplicaInput): Promise<InstanceRecord> {
    return this.#creation.createReadReplica(input);
  }

  async promote(id: string, backups?: { retention?: number; window?: string }): Promise<InstanceRecord> {
    return this.#lifecycle.promote(id, backups);
  }

  async delete(id: string, input: { skipFinalSnapshot: boolean; finalSnapshotId?: string }): Promise<InstanceRecord> {
    return this.#lifecycle.delete(id, input);
  }

  /** StopDBInstance; with `snapshotId`, after a snapshot. */
  async stop(id: string, snapshotId?: string): Promise<InstanceRecord> {
    return this.#lifecycle.stop(id, snapshotId);
  }

  async start(id: string): Promise<InstanceRecord> {
    return this.#lifecycle.start(id);
  }

  async reboot(id: string): Promise<InstanceRecord> {
    return this.#lifecycle.reboot(id);
  }

  modify(input: ModifyRequest): Promise<InstanceRecord> {
    return this.#moves.modify(input, (rest) => this.#lifecycle.modify(rest));
  }

  /** The address clients reach an instance at (its endpoint's host; the placement decides). */
  addressOf(record: InstanceRecord): string {
    return this.#placement.endpoint(record.id, record.port).host;
  }

  /** Read replicas of `id`. */
  replicasOf(id: string): InstanceRecord[] {
    return this.#states.replicasOf(id);
  }

  /** Bytes copied so far while a read replica is being created. */
  copyProgress(id: string): number | undefined {
    return this.#replicas.copyProgress(id);
  }

  hotCopy(sourceId: string, targetId: string, onProgress?: (bytes: number) => void): Promise<CopyPosition> {
    return this.#replicas.hotCopy(sourceId, targetId, onProgress);
  }

  /** DescribeAccountAttributes: what the account uses of each quota, and what it may. */
  accountQuotas(): AccountQuota[] {
    return accountQuotas({
      instances: this.#states.list(),
      parameterGroups: this.parameterGroups.customCount(),
      manualSnapshots: { used: this.snapshots.manualCount(), max: MAX_SNAPSHOTS },
      subnetGroups: this.subnetGroups.list(),
      ports: this.#ports,
    });
  }

  /** Resolves when no operation is in flight (tests and the CLI wait on this). */
  settled(): Promise<void> {
    return this.#operations.settled();
  }

  /** Stops every server cleanly (stop the monitor first); instances keep their status and come back at the next start. */
  async [Symbol.asyncDispose](): Promise<void> {
    await this.backups[Symbol.asyncDispose]();
    await this.settled();
    await this.#supervisor.close();
  }
}
