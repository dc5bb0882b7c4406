import { RdsError } from '../errors.js';
import type { BlueGreenRecord, BlueGreenTask, TaskName } from '../model/blue-green-record.js';
import type { InstanceRecord, Tag } from '../model/instance-record.js';
import { checkStorageQuota } from './account-quotas.js';
import { checkReplicaSource } from './backup-retention.js';
import { BlueGreenDeployments, greenName, newDeploymentId } from './blue-green-deployments.js';
import type { EventLog } from './events.js';
import { checkOptions, mergeOptions } from './instance-options.js';
import type { CreateReadReplicaInput } from './instance-creation.js';
import { notAvailable, type InstanceStates } from './instance-states.js';
import type { ModifyRequest } from './instance-moves.js';
import type { Operations } from './operations.js';
import type { ParameterBinding } from './parameter-binding.js';
import type { RdsEngine } from './rds-engines.js';

export interface CreateBlueGreenInput {
  readonly name: string;
  /** The blue instance (Source's ARN, resolved by the API). */
  readonly sourceId: string;
  readonly targetEngineVersion?: string;
  readonly targetParameterGroupName?: string;
  readonly targetInstanceClass?: string;
  readonly targetAllocatedStorage?: number;
  readonly targetStorage?: BlueGreenRecord['targetStorage'];
  readonly tags?: readonly Tag[];
}

/** What creating the green environment asks of the control plane's instance operations. */
export interface GreenInstances {
  createReadReplica(input: CreateReadReplicaInput): Promise<InstanceRecord>;
  modify(input: ModifyRequest): Promise<InstanceRecord>;
}

export interface BlueGreenCreationOptions {
  readonly deployments: BlueGreenDeployments;
  readonly states: InstanceStates;
  readonly events: EventLog;
  readonly operations: Operations;
  readonly parameters: ParameterBinding;
  readonly engines: ReadonlyMap<InstanceRecord['engine'], RdsEngine>;
  readonly instances: GreenInstances;
}

/**
 * CreateBlueGreenDeployment: green copies of blue and of its read replicas (RDS mirrors the
 * topology), each a read replica, upgraded and given the target parameter group; the tasks show
 * how far it has got, as RDS's do.
 */
export class BlueGreenCreation {
  constructor(private readonly options: BlueGreenCreationOptions) {}

  create(input: CreateBlueGreenInput): BlueGreenRecord {
    const { states, deployments } = this.options;
    deployments.checkName(input.name);
    const blue = states.get(input.sourceId);
    if (blue.replicaOf) {
      throw new RdsError('SourceDatabaseNotSupportedFault', `The source DB instance ${blue.id} isn't supported for a blue/green deployment: it is a read replica.`);
    }
    if (blue.status !== 'available') throw notAvailable(blue.id);
    const taken = deployments.ofInstance(blue.id);
    if (taken) throw new RdsError('InvalidDBInstanceState', `DB instance ${blue.id} is already part of the blue/green deployment ${taken.id}.`);
    checkReplicaSource(blue, (id) => states.find(id));
    const version = this.#targetVersion(blue, input.targetEngineVersion);
    const group = input.targetParameterGroupName === undefined ? undefined : this.options.parameters.check(blue.engine, version ?? blue.engineVersion, input.targetParameterGroupName);
    // Green's storage is checked now, as ModifyDBInstance would check it on blue, not when green is made.
    checkOptions(mergeOptions(blue.options, input.targetStorage ?? {}), input.targetAllocatedStorage ?? blue.allocatedStorage);
    if (input.targetAllocatedStorage !== undefined) checkStorageQuota(states.list(), input.targetAllocatedStorage);
    const replicas = states.replicasOf(blue.id).filter((r) => r.status !== 'deleting');
    const tasks: TaskName[] = [
      'CREATING_READ_REPLICA_OF_SOURCE',
      ...(version !== undefined ? (['DB_ENGINE_VERSION_UPGRADE'] as const) : []),
      'CONFIGURE_BACKUPS',
      ...(replicas.length > 0 ? (['CREATING_TOPOLOGY_OF_SOURCE'] as const) : []),
    ];
    const record: BlueGreenRecord = {
      id: newDeploymentId(),
      name: input.name,
      members: [blue, ...replicas].map((b) => ({ source: b.id, target: greenName(b.id), status: 'PROVISIONING' as const })),
      tasks: tasks.map((name) => ({ name, status: 'PENDING' })),
      status: 'PROVISIONING',
      createTime: new Date().toISOString(),
      tags: input.tags ?? [],
      targetEngineVersion: version,
      targetParameterGroup: group,
      targetInstanceClass: input.targetInstanceClass,
      targetAllocatedStorage: input.targetAllocatedStorage,
      targetStorage: input.targetStorage,
    };
    deployments.insert(record);
    this.options.operations.background(blue.id, () => this.#provision(record));
    return record;
  }

  /** The version green moves to (undefined: blue's), checked as ModifyDBInstance would with AllowMajorVersionUpgrade. */
  #targetVersion(blue: InstanceRecord, requested: string | undefined): string | undefined {
    if (requested === undefined) return undefined;
    return this.options.engines.get(blue.engine)!.change(blue.engineVersion, requested, true)?.version;
  }

  async #provision(record: BlueGreenRecord): Promise<void> {
    const [primary, ...replicas] = record.members;
    const blue = this.options.states.get(primary!.source);
    const green = primary!.target;
    const group = record.targetParameterGroup;
    try {
      // Without a new version the target group is green's from the start; with one, the upgrade brings it.
      await this.#task(record.id, 'CREATING_READ_REPLICA_OF_SOURCE', async () => {
        const { targetInstanceClass: instanceClass, targetStorage: options } = record;
        await this.#replica({ id: green, sourceId: blue.id, instanceClass, options, tags: blue.tags, parameterGroupName: record.targetEngineVersion ? undefined : group });
        // RDS lets green have less storage than blue, which a read replica may not: green's is set once it is made.
        if (record.targetAllocatedStorage !== undefined) this.options.states.update(green, { allocatedStorage: record.targetAllocatedStorage });
      });
      const version = record.targetEngineVersion;
      if (version !== undefined) {
        await this.#task(record.id, 'DB_ENGINE_VERSION_UPGRADE', () =>
          this.#settle(green, () => this.options.instances.modify({ id: green, engineVersion: version, allowMajorVersionUpgrade: true, applyImmediately: true, parameterGroupName: group })),
        );
      }
      // Green keeps blue's automated backups (its own read replicas need them).
      await this.#task(record.id, 'CONFIGURE_BACKUPS', async () => void this.options.states.update(green, { backupRetentionPeriod: blue.backupRetentionPeriod }));
      if (replicas.length > 0) {
        await this.#task(record.id, 'CREATING_TOPOLOGY_OF_SOURCE', async () => {
          for (const member of replicas) {
            const source = this.options.states.get(member.source);
            await this.#replica({ id: member.target, sourceId: green, instanceClass: source.instanceClass, tags: source.tags, parameterGroupName: group });
          }
        });
      }
      this.options.deployments.setStatus(record.id, 'AVAILABLE');
      this.options.events.recordDeployment(record.id, 'RDS-EVENT-0244');
    } catch (error) {
      const why = (error as Error).message;
      this.options.deployments.update(record.id, { status: 'INVALID_CONFIGURATION', statusDetails: why });
      this.options.events.recordDeployment(record.id, 'RDS-EVENT-0245');
    }
  }

  /** A green read replica, created and provisioned (fails unless it ends available). */
  async #replica(input: CreateReadReplicaInput): Promise<void> {
    await this.#settle(input.id, () => this.options.instances.createReadReplica(input));
  }

  /** Starts an instance operation and waits for it: the instance must be available after. */
  async #settle(id: string, start: () => Promise<InstanceRecord>): Promise<void> {
    await start();
    await this.options.operations.idle(id);
    const after = this.options.states.find(id);
    if (after?.status !== 'available') throw new Error(`green instance ${id} is ${after?.status ?? 'gone'}`);
  }

  async #task(id: string, name: TaskName, run: () => Promise<void>): Promise<void> {
    const set = (status: BlueGreenTask['status']) =>
      this.options.deployments.update(id, { tasks: this.options.deployments.get(id).tasks.map((t) => (t.name === name ? { ...t, status } : t)) });
    set('IN_PROGRESS');
    try {
      await run();
    } catch (error) {
      set('FAILED');
      throw error;
    }
    set('COMPLETED');
  }
}
