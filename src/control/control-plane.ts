import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import type { CopyPosition, Placement, RunningServer, ServerEndpoint, ServerExit, ServerSettings } from '../engine/index.js';
import { RdsError } from '../errors.js';
import { nativePasswordHash, newOperatorPassword, OperatorSession, Personality } from '../personality/personality.js';
import { ReplicationMonitor } from '../replication/monitor.js';
import type { Store } from '../store/store.js';
import { EventLog, type InstanceEventId } from './events.js';
import { classMemoryBytes } from './instance-classes.js';
import { ParameterGroups, type ParameterChange } from './parameter-groups.js';
import type { InstanceRecord, InstanceStatus, ReplicationRecord, Tag } from './instance-record.js';
import { PortReservations, type PortRange } from './ports.js';

export interface CreateInstanceInput {
  readonly id: string;
  readonly engine: 'mariadb' | 'mysql';
  readonly engineVersion?: string;
  readonly instanceClass: string;
  readonly masterUsername: string;
  readonly masterUserPassword: string;
  readonly dbName?: string;
  readonly port?: number;
  readonly parameterGroupName?: string;
  readonly allocatedStorage?: number;
  readonly backupRetentionPeriod?: number;
  readonly tags?: readonly Tag[];
}

export interface CreateReadReplicaInput {
  readonly id: string;
  readonly sourceId: string;
  readonly instanceClass?: string;
  readonly port?: number;
  readonly parameterGroupName?: string;
  readonly tags?: readonly Tag[];
}

export interface ModifyInstanceInput {
  readonly id: string;
  readonly masterUserPassword?: string;
  readonly parameterGroupName?: string;
  readonly instanceClass?: string;
  readonly allocatedStorage?: number;
  readonly backupRetentionPeriod?: number;
  /** A new class restarts the instance now; otherwise it waits for the next reboot. */
  readonly applyImmediately?: boolean;
}

export interface ControlPlaneOptions {
  readonly store: Store;
  readonly placement: Placement;
  readonly personality: Personality;
  readonly ports: PortRange;
  readonly logger: Logger;
  /** DB parameter group families served (the engine's, e.g. `mariadb10.11`, and `mysql8.0`). */
  readonly parameterFamilies: readonly string[];
  /** Unexpected exits tolerated within `crashWindowMs` before an instance is declared failed. */
  readonly maxRestarts?: number;
  readonly crashWindowMs?: number;
  /** How often the replication monitor looks at every instance. */
  readonly monitorIntervalMs?: number;
  /** Replication stopped longer than this is terminated (RDS: 30 days). */
  readonly replicaTerminateAfterMs?: number;
}

const THIRTY_DAYS_MS = 30 * 24 * 3_600_000;

const FIRST_SERVER_ID = 100;
/** RDS allows up to 15 read replicas per MySQL/MariaDB source. */
export const MAX_READ_REPLICAS = 15;
/** The account read replicas replicate as, on every source (as on RDS). */
const REPLICATION_USER = 'rdsrepladmin';
/** The short-lived account a hot copy logs in to its source with. */
const BACKUP_USER = 'rdsbackup';
/** States from which a DB instance can be deleted (RDS refuses while another operation runs). */
const DELETABLE: readonly InstanceStatus[] = ['available', 'stopped', 'failed'];

/**
 * Owns DB instances: the RDS state machine, one operation in flight per instance, supervision of
 * their servers, and reconciliation of the store with the processes at start-up.
 */
export class ControlPlane implements AsyncDisposable {
  readonly events: EventLog;
  readonly monitor: ReplicationMonitor;
  readonly parameterGroups: ParameterGroups;
  readonly #servers = new Map<string, RunningServer>();
  readonly #crashes = new Map<string, number[]>();
  readonly #operations = new Set<Promise<unknown>>();
  readonly #ports = new PortReservations();
  /** Bytes copied so far, per read replica being created. */
  readonly #copyProgress = new Map<string, number>();
  /** Kept operator sessions, per running instance (see withOperator). */
  readonly #operatorSessions = new Map<string, Promise<OperatorSession>>();
  /** Hot copies of one source run one at a time (they share its backup account and its disk). */
  readonly #copyQueues = new Map<string, Promise<unknown>>();
  #closing = false;

  constructor(private readonly options: ControlPlaneOptions) {
    this.events = new EventLog(options.store);
    this.parameterGroups = new ParameterGroups(options.store, options.placement.engine.parameters, options.parameterFamilies);
    this.monitor = new ReplicationMonitor({
      control: this,
      store: options.store,
      logger: options.logger,
      intervalMs: options.monitorIntervalMs ?? 1000,
      terminateAfterMs: options.replicaTerminateAfterMs ?? THIRTY_DAYS_MS,
    });
  }

  private get store(): Store {
    return this.options.store;
  }

  private get placement(): Placement {
    return this.options.placement;
  }

  /** Brings the processes in line with the store: what was available comes back, nothing stays half-made. */
  async reconcile(): Promise<void> {
    const records = this.store.listInstances();
    const known = new Set(records.map((r) => r.id));
    for (const orphan of await this.placement.list()) {
      if (!known.has(orphan)) {
        await this.placement.stopLeftover(orphan);
        await this.placement.destroy(orphan);
        this.options.logger.warn({ instance: orphan }, 'removed files of an instance the store does not know');
      }
    }
    await Promise.all(records.map((record) => this.#reconcileOne(record)));
  }

  async #reconcileOne(record: InstanceRecord): Promise<void> {
    await this.placement.stopLeftover(record.id);
    switch (record.status) {
      case 'creating':
        // The master password is never stored, so an interrupted creation cannot be finished.
        await this.placement.destroy(record.id);
        this.#fail(record.id, 'creation was interrupted by a restart of openrds');
        return;
      case 'deleting':
        await this.#finishDelete(record.id);
        return;
      case 'stopping':
        this.#setStatus(record.id, 'stopped');
        this.events.record(record.id, 'RDS-EVENT-0087');
        return;
      case 'stopped':
      case 'failed':
        return;
      default:
        try {
          await this.#startServer(this.#setStatus(record.id, 'starting'));
          this.#setStatus(record.id, 'available');
        } catch (error) {
          this.#fail(record.id, (error as Error).message);
        }
    }
  }

  describe(id?: string): InstanceRecord[] {
    if (id === undefined) return this.store.listInstances();
    return [this.#get(id)];
  }

  async create(input: CreateInstanceInput): Promise<InstanceRecord> {
    const version = await this.placement.engine.version();
    if (input.engine === 'mariadb' && input.engineVersion && !`${version}.`.startsWith(`${input.engineVersion}.`)) {
      throw new RdsError(
        'InvalidParameterCombination',
        `Cannot find version ${input.engineVersion} for mariadb (openrds serves MariaDB ${version})`,
      );
    }
    const parameterGroup = this.#checkGroupFor(input.engine, version, input.parameterGroupName);
    const record = await this.#insertCreating(input.port, (port) => ({
      id: input.id,
      parameterGroup,
      engine: input.engine,
      engineVersion: version,
      instanceClass: input.instanceClass,
      masterUsername: input.masterUsername,
      dbName: input.dbName ?? null,
      port,
      allocatedStorage: input.allocatedStorage ?? 20,
      backupRetentionPeriod: input.backupRetentionPeriod ?? 1,
      tags: input.tags ?? [],
      replicaOf: null,
    }));
    this.#background(record.id, () => this.#provision(record, input));
    return record;
  }

  /** Records a new instance as `creating`, on a port of its own. */
  async #insertCreating(
    requestedPort: number | undefined,
    fields: (port: number) => Omit<InstanceRecord, 'resourceId' | 'serverId' | 'createTime' | 'status'>,
  ): Promise<InstanceRecord> {
    const port = await this.#choosePort(requestedPort);
    try {
      const record: InstanceRecord = {
        ...fields(port),
        resourceId: `db-${randomBytes(13).toString('hex').toUpperCase().slice(0, 26)}`,
        serverId: this.store.nextCounter('next-server-id', FIRST_SERVER_ID),
        createTime: new Date().toISOString(),
        status: 'creating',
      };
      if (!this.store.insertInstance(record)) {
        throw new RdsError('DBInstanceAlreadyExists', `DB instance already exists`);
      }
      return record;
    } finally {
      this.#ports.release(port);
    }
  }

  /** The DB parameter group family of an instance (`mysql` instances use MySQL's family name). */
  #familyOf(engine: InstanceRecord['engine'], version: string): string {
    return engine === 'mysql' ? 'mysql8.0' : this.placement.engine.parameterFamily(version);
  }

  #groupOf(record: InstanceRecord): string {
    return record.parameterGroup ?? ParameterGroups.defaultName(this.#familyOf(record.engine, record.engineVersion));
  }

  /** The group an instance may use: it must exist and be of the instance's family. */
  #checkGroupFor(engine: InstanceRecord['engine'], version: string, name: string | undefined): string {
    const family = this.#familyOf(engine, version);
    if (name === undefined) return ParameterGroups.defaultName(family);
    const group = this.parameterGroups.get(name);
    if (group.family !== family) {
      throw new RdsError(
        'InvalidParameterCombination',
        `The parameter group ${group.name} with DBParameterGroupFamily ${group.family} can't be used for this instance. Use a parameter group with DBParameterGroupFamily ${family}.`,
      );
    }
    return group.name;
  }

  /** The parameter group an instance uses, and whether it waits for a reboot. */
  parameterGroupOf(record: InstanceRecord): { name: string; applyStatus: 'in-sync' | 'pending-reboot' } {
    return { name: this.#groupOf(record), applyStatus: record.parameterApplyStatus ?? 'in-sync' };
  }

  /**
   * ModifyDBParameterGroup: dynamic values are applied at once to every running instance using the
   * group; static ones (or `pending-reboot` ones) wait for each instance's next reboot.
   */
  async modifyParameterGroup(name: string, changes: readonly ParameterChange[]): Promise<string> {
    const applied = this.parameterGroups.modify(name, changes);
    const group = this.parameterGroups.get(name);
    const members = this.store.listInstances().filter((r) => this.#groupOf(r) === group.name);
    await Promise.all(members.map((member) => this.#applyParameters(member, applied)));
    return group.name;
  }

  async #applyParameters(record: InstanceRecord, changes: readonly ParameterChange[]): Promise<void> {
    const now = changes.filter((c) => c.applyMethod === 'immediate');
    if (now.length < changes.length) this.store.putInstance({ ...this.#get(record.id), parameterApplyStatus: 'pending-reboot' });
    if (!this.isRunning(record.id) || now.length === 0) return;
    await this.withOperator(record.id, async (op) => {
      for (const change of now) {
        const definition = this.parameterGroups.definition(change.name);
        const numeric = definition.dataType === 'integer' || definition.dataType === 'float' || definition.dataType === 'boolean';
        await op.call('rds_operator_set_variable', [change.name, change.value, numeric ? 1 : 0]);
      }
    });
  }

  deleteParameterGroup(name: string): void {
    const group = this.parameterGroups.get(name);
    const members = this.store.listInstances().filter((r) => this.#groupOf(r) === group.name).map((r) => r.id);
    this.parameterGroups.delete(name, members);
  }

  /** Read replicas of `id` (derived from the replicas' records). */
  replicasOf(id: string): InstanceRecord[] {
    return this.store.listInstances().filter((r) => r.replicaOf === id);
  }

  /** Bytes copied so far while a read replica is being created. */
  copyProgress(id: string): number | undefined {
    return this.#copyProgress.get(id);
  }

  /**
   * CreateDBInstanceReadReplica: a hot physical copy of the running source, then replication from
   * the copy's exact GTID position as rdsrepladmin, read-only.
   */
  async createReadReplica(input: CreateReadReplicaInput): Promise<InstanceRecord> {
    const source = this.store.getInstance(input.sourceId);
    if (!source) throw new RdsError('DBInstanceNotFound', `DBInstance ${input.sourceId} not found.`);
    if (source.status !== 'available') {
      throw new RdsError('InvalidDBInstanceState', `DB Instance ${source.id} is not in available state.`);
    }
    if (this.replicasOf(source.id).length >= MAX_READ_REPLICAS) {
      throw new RdsError(
        'InstanceQuotaExceeded',
        `DB Instance ${source.id} already has ${MAX_READ_REPLICAS} read replicas, the most RDS allows.`,
      );
    }
    const parameterGroup = this.#checkGroupFor(source.engine, source.engineVersion, input.parameterGroupName);
    const record = await this.#insertCreating(input.port, (port) => ({
      id: input.id,
      parameterGroup,
      engine: source.engine,
      engineVersion: source.engineVersion,
      instanceClass: input.instanceClass ?? source.instanceClass,
      masterUsername: source.masterUsername,
      dbName: source.dbName,
      port,
      allocatedStorage: source.allocatedStorage,
      backupRetentionPeriod: 0,
      tags: input.tags ?? [],
      replicaOf: source.id,
    }));
    this.#background(record.id, async () => {
      try {
        await this.#provisionReplica(record, source);
      } catch (error) {
        // Nothing half-made stays behind: no process, no files; the record says failed.
        await this.#stopServer(record.id);
        await this.placement.destroy(record.id);
        this.events.record(record.id, 'RDS-EVENT-0202', (error as Error).message);
        throw error;
      } finally {
        this.#copyProgress.delete(record.id);
      }
    });
    return record;
  }

  async #provisionReplica(record: InstanceRecord, source: InstanceRecord): Promise<void> {
    const timer = stepTimer(this.options.logger, record.id);
    this.#copyProgress.set(record.id, 0);
    const position = await this.hotCopy(source.id, record.id, (bytes) => this.#copyProgress.set(record.id, bytes));
    timer('hot copy and prepare');
    const server = await this.#startServer(record);
    timer('start');
    // The copy carries its source's operator password: give the replica one of its own.
    const operatorPassword = newOperatorPassword();
    {
      await using op = await OperatorSession.open(server.endpoint, this.#operatorPassword(source.id));
      await op.call('rds_operator_rotate_password', [nativePasswordHash(operatorPassword)]);
    }
    this.store.setSetting(`operator-password:${record.id}`, operatorPassword);
    const replicationPassword = this.#replicationPassword(source.id);
    await this.withOperator(source.id, (op) => op.call('rds_operator_ensure_repl_user', [REPLICATION_USER, nativePasswordHash(replicationPassword)]));
    await this.withOperator(record.id, (op) =>
      op.call('rds_operator_setup_replica', ['127.0.0.1', source.port, REPLICATION_USER, replicationPassword, position.gtid]),
    );
    timer('replication set up');
    // The copy brings its source's rds_history: its resets are the source's, already reported there.
    const copied = await this.withOperator(record.id, (op) => op.status());
    this.updateExternalResets(record.id, copied.externalResets);
    this.#putReplication(record.id, { status: 'replicating', message: '', since: new Date().toISOString() });
    this.#setStatus(record.id, 'available');
    this.events.record(record.id, 'RDS-EVENT-0005');
  }

  /**
   * Gives `targetId` a prepared hot copy of the running `sourceId`, made with a backup account
   * that exists only meanwhile; copies of one source run one at a time.
   */
  hotCopy(sourceId: string, targetId: string, onProgress?: (bytes: number) => void): Promise<CopyPosition> {
    return this.#queueCopy(sourceId, async () => {
      const backupPassword = newOperatorPassword();
      await this.withOperator(sourceId, (op) => op.call('rds_operator_backup_user', [nativePasswordHash(backupPassword)]));
      try {
        return await this.placement.copyFrom(sourceId, targetId, { user: BACKUP_USER, password: backupPassword }, onProgress);
      } finally {
        await this.withOperator(sourceId, (op) => op.call('rds_operator_backup_user', [null]));
      }
    });
  }

  /** True while a hot copy of `sourceId` is queued or running (its backup account may exist). */
  isCopying(sourceId: string): boolean {
    return this.#copyQueues.has(sourceId);
  }

  /** Runs `copy` after every earlier copy of the same source has ended. */
  #queueCopy<T>(sourceId: string, copy: () => Promise<T>): Promise<T> {
    const previous = this.#copyQueues.get(sourceId) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(copy);
    this.#copyQueues.set(sourceId, next);
    void next.catch(() => undefined).finally(() => {
      if (this.#copyQueues.get(sourceId) === next) this.#copyQueues.delete(sourceId);
    });
    return next;
  }

  #replicationPassword(sourceId: string): string {
    const name = `replication-password:${sourceId}`;
    let password = this.store.getSetting(name);
    if (!password) {
      password = newOperatorPassword();
      this.store.setSetting(name, password);
    }
    return password;
  }

  /** PromoteReadReplica: replication ends for good, the instance becomes writable and reboots. */
  async promote(id: string): Promise<InstanceRecord> {
    const record = this.#get(id);
    if (!record.replicaOf) throw new RdsError('InvalidDBInstanceState', `DB Instance ${id} is not a read replica.`);
    const modifying = this.#transition(id, ['available'], 'modifying');
    this.#background(id, () => this.#promote(id));
    return modifying;
  }

  async #promote(id: string): Promise<void> {
    await this.withOperator(id, async (op) => {
      await op.call('rds_operator_promote', []);
      await op.call('rds_operator_set_read_only', [0]);
    });
    const { replication: _replication, ...standalone } = this.#get(id);
    this.store.putInstance({ ...standalone, replicaOf: null, status: 'rebooting' });
    await this.#stopServer(id);
    await this.#startServer(this.#get(id));
    this.#setStatus(id, 'available');
    this.events.record(id, 'OPENRDS-EVENT-0002');
  }

  /** Runs `work` in an operator session on a running instance. */
  async withOperator<T>(id: string, work: (op: OperatorSession) => Promise<T>): Promise<T> {
    const server = this.#servers.get(id);
    if (!server) throw new Error(`${id} is not running`);
    // One session per running instance, kept open: the monitor asks every instance every second,
    // and a new connection each time cost the service and the server memory and time.
    let session = this.#operatorSessions.get(id);
    if (!session || (await session.catch(() => undefined))?.closed !== false) {
      session = OperatorSession.open(server.endpoint, this.#operatorPassword(id));
      this.#operatorSessions.set(id, session);
      session.catch(() => {
        if (this.#operatorSessions.get(id) === session) this.#operatorSessions.delete(id);
      });
    }
    return work(await session);
  }

  /** Ends the kept operator session of an instance (its server stops, or its password changes). */
  async #closeOperatorSession(id: string): Promise<void> {
    const session = this.#operatorSessions.get(id);
    this.#operatorSessions.delete(id);
    const op = await session?.catch(() => undefined);
    await op?.[Symbol.asyncDispose]();
  }

  /** Whether the instance's server is running under this control plane. */
  isRunning(id: string): boolean {
    return this.#servers.has(id);
  }

  /** The monitor's record of a read replica's replication (persisted: the 30-day rule spans restarts). */
  #putReplication(id: string, replication: ReplicationRecord): void {
    this.store.putInstance({ ...this.#get(id), replication });
  }

  updateReplication(id: string, replication: ReplicationRecord): void {
    if (this.store.getInstance(id)) this.#putReplication(id, replication);
  }

  /** Records how many external-replication resets have been reported (RDS-EVENT-0063). */
  updateExternalResets(id: string, count: number): void {
    const record = this.store.getInstance(id);
    if (record) this.store.putInstance({ ...record, externalResets: count });
  }

  async #provision(record: InstanceRecord, input: CreateInstanceInput): Promise<void> {
    const timer = stepTimer(this.options.logger, record.id);
    const templateKey = await this.#ensureTemplate();
    await this.placement.provision(record.id, templateKey.key);
    timer('template copy');
    const server = await this.#startServer(record);
    timer('start');
    const operatorPassword = newOperatorPassword();
    await this.options.personality.bootstrapInstance(
      server.endpoint,
      templateKey.operatorPassword,
      { username: input.masterUsername, password: input.masterUserPassword, dbName: input.dbName ?? null },
      operatorPassword,
    );
    timer('master user and operator');
    this.store.setSetting(`operator-password:${record.id}`, operatorPassword);
    this.#setStatus(record.id, 'available');
    this.events.record(record.id, 'RDS-EVENT-0005');
    if (record.engine === 'mysql') {
      this.events.record(record.id, 'OPENRDS-EVENT-0001', `engine mysql is served by MariaDB ${record.engineVersion}`);
    }
  }

  /** The template for this engine version and personality, built on first use. */
  async #ensureTemplate(): Promise<{ key: string; operatorPassword: string }> {
    const base = `${this.placement.engine.name}-${await this.placement.engine.version()}-${this.options.personality.digest}`;
    // The key carries a random part remembered with the template's operator secret, so a lost
    // secret means a new template rather than one nobody can log in to.
    let remembered = this.store.getSetting(`template:${base}`);
    if (!remembered) {
      remembered = JSON.stringify({ key: `${base}-${randomBytes(4).toString('hex')}`, operatorPassword: newOperatorPassword() });
      this.store.setSetting(`template:${base}`, remembered);
    }
    const template = JSON.parse(remembered) as { key: string; operatorPassword: string };
    await this.placement.ensureTemplate(template.key, (server) =>
      this.options.personality.installTemplate(server.endpoint, this.placement.engine.bootstrapAccount, template.operatorPassword),
    );
    return template;
  }

  async delete(id: string, input: { skipFinalSnapshot: boolean; finalSnapshotId?: string }): Promise<InstanceRecord> {
    const record = this.#get(id);
    if (!input.skipFinalSnapshot && !input.finalSnapshotId) {
      throw new RdsError(
        'InvalidParameterCombination',
        'FinalDBSnapshotIdentifier is required unless SkipFinalSnapshot is specified.',
      );
    }
    if (!input.skipFinalSnapshot) {
      throw new RdsError('InvalidParameterCombination', 'openrds does not take snapshots: delete with SkipFinalSnapshot.');
    }
    if (record.status === 'deleting') throw new RdsError('InvalidDBInstanceState', `Instance ${id} is already being deleted.`);
    const deleting = this.#transition(id, DELETABLE, 'deleting');
    // As on RDS, the read replicas of a deleted source become standalone instances.
    const replicas = this.replicasOf(id).filter((r) => r.status === 'available');
    for (const replica of replicas) this.#setStatus(replica.id, 'modifying');
    this.#background(id, async () => {
      await Promise.all(replicas.map((r) => this.#promote(r.id)));
      await this.#finishDelete(id);
    });
    return deleting;
  }

  async #finishDelete(id: string): Promise<void> {
    await this.#stopServer(id);
    await this.placement.stopLeftover(id);
    await this.placement.destroy(id);
    this.store.deleteInstance(id);
    this.store.setSetting(`operator-password:${id}`, '');
    this.store.setSetting(`replication-password:${id}`, '');
    this.events.record(id, 'RDS-EVENT-0003');
  }

  async stop(id: string): Promise<InstanceRecord> {
    const stopping = this.#transition(id, ['available'], 'stopping');
    this.#background(id, async () => {
      await this.#stopServer(id);
      this.#setStatus(id, 'stopped');
      this.events.record(id, 'RDS-EVENT-0087');
    });
    return stopping;
  }

  async start(id: string): Promise<InstanceRecord> {
    const record = this.#get(id);
    if (record.status !== 'stopped') {
      throw new RdsError('InvalidDBInstanceState', `Instance ${id} cannot be started as it is not in stopped state.`);
    }
    const starting = this.#transition(id, ['stopped'], 'starting');
    this.events.record(id, 'RDS-EVENT-0089');
    this.#background(id, async () => {
      const newClass = this.#takePendingClass(id);
      await this.#startServer(this.#get(id));
      this.#setStatus(id, 'available');
      this.events.record(id, 'RDS-EVENT-0088');
      if (newClass !== undefined) this.events.record(id, 'RDS-EVENT-0014', `now ${newClass}`);
    });
    return starting;
  }

  async reboot(id: string): Promise<InstanceRecord> {
    const rebooting = this.#transition(id, ['available'], 'rebooting');
    this.#background(id, async () => {
      await this.#stopServer(id);
      const newClass = this.#takePendingClass(id);
      await this.#startServer(this.#get(id));
      this.#setStatus(id, 'available');
      this.events.record(id, 'RDS-EVENT-0006');
      if (newClass !== undefined) this.events.record(id, 'RDS-EVENT-0014', `now ${newClass}`);
    });
    return rebooting;
  }

  /** A class change that waited for this (re)start becomes the instance's class; returns it. */
  #takePendingClass(id: string): string | undefined {
    const record = this.#get(id);
    if (record.pendingInstanceClass === undefined) return undefined;
    this.store.putInstance({ ...record, instanceClass: record.pendingInstanceClass, pendingInstanceClass: undefined });
    return record.pendingInstanceClass;
  }

  /** A new class is new memory settings: the server restarts with them ('modifying' meanwhile). */
  #changeClass(id: string, instanceClass: string, masterUserPassword: string | undefined): InstanceRecord {
    const modifying = this.#transition(id, ['available'], 'modifying');
    this.events.record(id, 'RDS-EVENT-0012', `to ${instanceClass}`);
    this.#background(id, async () => {
      await this.#stopServer(id);
      this.store.putInstance({ ...this.#get(id), instanceClass });
      const server = await this.#startServer(this.#get(id));
      this.events.record(id, 'RDS-EVENT-0014', `now ${instanceClass}`);
      if (masterUserPassword !== undefined) {
        await this.options.personality.setMasterPassword(server.endpoint, this.#operatorPassword(id), masterUserPassword);
        this.events.record(id, 'RDS-EVENT-0016');
      }
      this.#setStatus(id, 'available');
    });
    return modifying;
  }

  async modify(input: ModifyInstanceInput): Promise<InstanceRecord> {
    const record = this.#get(input.id);
    const newClass = input.instanceClass !== undefined && input.instanceClass !== record.instanceClass ? input.instanceClass : undefined;
    const classNow = newClass !== undefined && input.applyImmediately === true;
    if (record.status !== 'available' && (input.masterUserPassword !== undefined || classNow)) {
      throw new RdsError('InvalidDBInstanceState', `Instance ${input.id} is not in available state.`);
    }
    const updated: InstanceRecord = {
      ...record,
      // Without ApplyImmediately RDS waits for the maintenance window; openrds has none and waits for the next reboot.
      pendingInstanceClass: newClass !== undefined && !classNow ? newClass : input.instanceClass !== undefined ? undefined : record.pendingInstanceClass,
      allocatedStorage: input.allocatedStorage ?? record.allocatedStorage,
      backupRetentionPeriod: input.backupRetentionPeriod ?? record.backupRetentionPeriod,
    };
    this.store.putInstance(updated);
    if (classNow) return this.#changeClass(input.id, newClass, input.masterUserPassword);
    if (input.parameterGroupName !== undefined) {
      const group = this.#checkGroupFor(record.engine, record.engineVersion, input.parameterGroupName);
      // As on RDS, a new group takes full effect at the next reboot; its dynamic values apply now.
      this.store.putInstance({ ...this.#get(input.id), parameterGroup: group, parameterApplyStatus: 'pending-reboot' });
      const values = Object.entries(this.parameterGroups.get(group).values);
      const dynamic = values.filter(([n]) => this.parameterGroups.definition(n).dynamic);
      await this.#applyParameters(this.#get(input.id), dynamic.map(([name, value]) => ({ name, value, applyMethod: 'immediate' })));
    }
    if (input.masterUserPassword === undefined) return this.#get(input.id);
    const password = input.masterUserPassword;
    const resetting = this.#transition(input.id, ['available'], 'resetting-master-credentials');
    this.#background(input.id, async () => {
      const server = this.#servers.get(input.id);
      if (!server) throw new Error('the server is not running');
      await this.options.personality.setMasterPassword(server.endpoint, this.#operatorPassword(input.id), password);
      this.#setStatus(input.id, 'available');
      this.events.record(input.id, 'RDS-EVENT-0016');
    });
    return resetting;
  }

  /** Resolves when no operation is in flight (tests and the CLI wait on this). */
  async settled(): Promise<void> {
    while (this.#operations.size > 0) await Promise.allSettled([...this.#operations]);
  }

  /** Stops every server cleanly; instances keep their status and come back at the next start. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.#closing = true;
    await this.monitor[Symbol.asyncDispose]();
    await this.settled();
    await Promise.all([...this.#servers.keys()].map((id) => this.#stopServer(id)));
  }

  #operatorPassword(id: string): string {
    const password = this.store.getSetting(`operator-password:${id}`);
    if (!password) throw new Error(`no operator secret for ${id}`);
    return password;
  }

  #settingsOf(record: InstanceRecord): ServerSettings {
    const values = this.parameterGroups.get(this.#groupOf(record)).values;
    // RDS's read_only default {TrueIfReplica}: a read replica is read-only unless its group says otherwise.
    const readOnly = values.read_only ?? (record.replicaOf ? '1' : '0');
    // A read replica's replication comes back with its server (a reboot, a crash, a repair), unless
    // it was stopped on purpose (rds_stop_replication) or terminated: the server starts it itself.
    const replicating = !!record.replicaOf && !['stopped', 'terminated'].includes(record.replication?.status ?? '');
    return {
      serverId: record.serverId,
      port: record.port,
      variables: {
        ...this.placement.engine.memorySettings(classMemoryBytes(record.instanceClass)),
        ...(record.replicaOf ? this.placement.engine.replicaDefaults : this.placement.engine.externalSourceDefaults),
        ...values,
        read_only: readOnly,
        ...(replicating ? { skip_slave_start: false } : {}),
      },
    };
  }

  /**
   * The operator guard's way back in when the control plane can no longer log in as the operator
   * (the master user renamed, re-passworded or stripped it, or broke rds_definer): the server is
   * restarted once for repair (grant tables off, no TCP, no replication: every session ends) and
   * `repair` runs on its socket; then it starts normally again.
   */
  async repairOffline(id: string, repair: (endpoint: ServerEndpoint) => Promise<void>): Promise<void> {
    const record = this.#transition(id, ['available'], 'rebooting');
    const work = (async () => {
      let failure: Error | undefined;
      try {
        await this.#stopServer(id);
        const server = await this.placement.startForRepair(id, this.#settingsOf(record));
        try {
          await repair(server.endpoint);
        } finally {
          await server.stop();
        }
      } catch (error) {
        failure = error as Error;
      }
      // A repair that failed leaves the damage in place: the server stays down and the instance
      // says so (failed, with the cause) rather than coming back available as it was.
      if (failure) {
        this.#fail(id, `the operator guard could not repair it: ${failure.message}`);
        throw failure;
      }
      try {
        await this.#startServer(this.#get(id));
        this.#setStatus(id, 'available');
        this.events.record(id, 'RDS-EVENT-0006', 'restarted to repair its operator account');
      } catch (error) {
        this.#fail(id, (error as Error).message);
      }
    })();
    this.#operations.add(work);
    try {
      await work;
    } finally {
      this.#operations.delete(work);
    }
  }

  async #startServer(record: InstanceRecord): Promise<RunningServer> {
    const server = await this.placement.start(record.id, this.#settingsOf(record));
    if (record.parameterApplyStatus === 'pending-reboot') this.store.putInstance({ ...this.#get(record.id), parameterApplyStatus: 'in-sync' });
    this.#servers.set(record.id, server);
    void server.exited.then((exit) => this.#onExit(record.id, server, exit));
    return server;
  }

  async #stopServer(id: string): Promise<void> {
    await this.#closeOperatorSession(id);
    const server = this.#servers.get(id);
    if (!server) return;
    await server.stop();
  }

  /** Supervision: a server that ended without being asked to is restarted, and that is an event. */
  async #onExit(id: string, server: RunningServer, exit: ServerExit): Promise<void> {
    if (this.#servers.get(id) === server) this.#servers.delete(id);
    void this.#closeOperatorSession(id);
    if (exit.requested || this.#closing) return;
    const record = this.store.getInstance(id);
    if (!record || record.status === 'deleting' || record.status === 'creating') return;
    const now = Date.now();
    const window = this.options.crashWindowMs ?? 60_000;
    const crashes = [...(this.#crashes.get(id) ?? []).filter((t) => now - t < window), now];
    this.#crashes.set(id, crashes);
    this.options.logger.warn({ instance: id, code: exit.code, signal: exit.signal }, 'server ended unexpectedly');
    if (crashes.length > (this.options.maxRestarts ?? 5)) {
      this.#fail(id, `the server ended ${crashes.length} times within ${window / 1000} s`);
      return;
    }
    this.#background(id, async () => {
      await this.#startServer(record);
      this.events.record(id, 'RDS-EVENT-0006', `recovered after the server ended (${exit.signal ?? `exit code ${exit.code}`})`);
    });
  }

  /** Runs an operation in the background; a failure puts the instance in `failed` with an event. */
  #background(id: string, operation: () => Promise<void>): void {
    const running = operation().catch((error: unknown) => {
      this.options.logger.error({ instance: id, err: error }, 'operation failed');
      if (this.store.getInstance(id)) this.#fail(id, (error as Error).message);
    });
    this.#operations.add(running);
    void running.finally(() => this.#operations.delete(running));
  }

  #fail(id: string, reason: string): void {
    const server = this.#servers.get(id);
    if (server) void server.stop();
    this.#setStatus(id, 'failed');
    this.events.record(id, 'RDS-EVENT-0031', reason);
  }

  #get(id: string): InstanceRecord {
    const record = this.store.getInstance(id);
    if (!record) throw new RdsError('DBInstanceNotFound', `DBInstance ${id} not found.`);
    return record;
  }

  #setStatus(id: string, status: InstanceStatus): InstanceRecord {
    const updated = { ...this.#get(id), status };
    this.store.putInstance(updated);
    return updated;
  }

  /** One operation in flight per instance: moves to `to` only from one of `from`. */
  #transition(id: string, from: readonly InstanceStatus[], to: InstanceStatus): InstanceRecord {
    const record = this.#get(id);
    if (!from.includes(record.status)) {
      throw new RdsError('InvalidDBInstanceState', `Instance ${id} is not in ${from.join(' or ')} state (it is ${record.status}).`);
    }
    return this.#setStatus(id, to);
  }

  /** A free port, reserved until the caller releases it. */
  async #choosePort(requested: number | undefined): Promise<number> {
    const inUse = new Set(this.store.listInstances().map((r) => r.port));
    if (requested !== undefined) {
      if (await this.#ports.reserve(requested, inUse)) return requested;
      throw new RdsError('InvalidParameterValue', `Port ${requested} is already in use on this host.`);
    }
    const port = await this.#ports.reserveFrom(this.options.ports, inUse);
    if (port === undefined) throw new RdsError('InstanceQuotaExceeded', 'No free port is left in the configured range.');
    return port;
  }
}

/** Logs how long each step of a long operation took (debug level), for profiling. */
function stepTimer(logger: Logger, instance: string): (step: string) => void {
  let last = performance.now();
  return (step) => {
    const now = performance.now();
    logger.debug({ instance, step, ms: Math.round(now - last) }, 'step done');
    last = now;
  };
}
