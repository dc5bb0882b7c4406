import { randomBytes } from 'node:crypto';
import type { Placement } from '../engine/index.js';
import { RdsError } from '../errors.js';
import type { InstanceOptions, InstanceRecord, Tag } from '../model/instance-record.js';
import { checkOptions, copyStorage, mergeOptions } from './instance-options.js';
import { checkStorageQuota, QUOTAS } from './account-quotas.js';
import { checkReplicaSource } from './backup-retention.js';
import { checkOptionGroup } from './option-groups.js';
import type { SubnetGroups } from './subnet-groups.js';
import type { Store } from '../store/store.js';
import { INSTANCE_EXISTS, instanceNotFound, notAvailable, type InstanceStates } from './instance-states.js';
import type { Operations } from './operations.js';
import type { ParameterBinding } from './parameter-binding.js';
import { portInUse, PortReservations, type PortRange } from './ports.js';
import type { RdsEngine } from './rds-engines.js';
import type { Provisioning } from './provisioning.js';
import type { ReplicaProvisioning } from './replica-provisioning.js';

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
  readonly subnetGroupName?: string;
  readonly allocatedStorage?: number;
  readonly backupRetentionPeriod?: number;
  readonly tags?: readonly Tag[];
  readonly deletionProtection?: boolean;
  readonly options?: InstanceOptions;
  /** Only the version's default option group is served (option-groups.ts). */
  readonly optionGroupName?: string;
  /** Refused with RDS's error: RDS for MySQL and MariaDB take no character set at creation. */
  readonly characterSetName?: string;
}

export interface CreateReadReplicaInput {
  readonly id: string;
  readonly sourceId: string;
  readonly instanceClass?: string;
  readonly port?: number;
  readonly parameterGroupName?: string;
  /** Refused: RDS takes one only for a replica in another region. */
  readonly subnetGroupName?: string;
  readonly tags?: readonly Tag[];
  readonly deletionProtection?: boolean;
  readonly options?: InstanceOptions;
  readonly optionGroupName?: string;
  /** At least the source's. */
  readonly allocatedStorage?: number;
}

export const MAX_READ_REPLICAS = QUOTAS.ReadReplicasPerMaster;
const FIRST_SERVER_ID = 100;

export interface InstanceCreationOptions {
  readonly store: Store;
  readonly placement: Placement;
  readonly states: InstanceStates;
  readonly parameters: ParameterBinding;
  readonly operations: Operations;
  readonly provisioning: Provisioning;
  readonly replicas: ReplicaProvisioning;
  readonly ports: PortRange;
  readonly engines: ReadonlyMap<InstanceRecord['engine'], RdsEngine>;
  readonly subnetGroups: SubnetGroups;
}

/** CreateDBInstance and CreateDBInstanceReadReplica: RDS's checks, the record, then the work in the background. */
export class InstanceCreation {
  readonly #ports: PortReservations;

  constructor(private readonly options: InstanceCreationOptions) {
    this.#ports = new PortReservations((port) => options.placement.portIsFree(port));
  }

  async create(input: CreateInstanceInput): Promise<InstanceRecord> {
    const version = this.options.engines.get(input.engine)!.resolve(input.engineVersion);
    if (input.characterSetName !== undefined) {
      throw new RdsError('InvalidParameterValue', `Character sets not supported on create for engine: ${input.engine} and version${version}`);
    }
    checkOptionGroup({ engine: input.engine, engineVersion: version }, input.optionGroupName);
    const parameterGroup = this.options.parameters.check(input.engine, version, input.parameterGroupName);
    const options = mergeOptions(undefined, input.options ?? {});
    checkOptions(options, input.allocatedStorage ?? 20);
    checkStorageQuota(this.options.states.list(), input.allocatedStorage ?? 20);
    const subnetGroup = input.subnetGroupName === undefined ? undefined : this.options.subnetGroups.get(input.subnetGroupName).name;
    const record = await this.insertCreating(input.port, (port) => ({
      id: input.id,
      parameterGroup,
      subnetGroup,
      engine: input.engine,
      engineVersion: version,
      instanceClass: input.instanceClass,
      masterUsername: input.masterUsername,
      dbName: input.dbName ?? null,
      port,
      allocatedStorage: input.allocatedStorage ?? 20,
      backupRetentionPeriod: input.backupRetentionPeriod ?? 1,
      tags: input.tags ?? [],
      deletionProtection: input.deletionProtection ?? false,
      options,
      replicaOf: null,
    }));
    const master = { username: input.masterUsername, password: input.masterUserPassword, dbName: input.dbName ?? null };
    this.options.operations.background(record.id, () => this.options.provisioning.provision(record, master));
    return record;
  }

  async createReadReplica(input: CreateReadReplicaInput): Promise<InstanceRecord> {
    const source = this.options.states.find(input.sourceId);
    if (!source) throw instanceNotFound(input.sourceId);
    if (source.status !== 'available') {
      throw notAvailable(source.id);
    }
    checkReplicaSource(source, (id) => this.options.states.find(id));
    if (this.options.states.replicasOf(source.id).length >= MAX_READ_REPLICAS) {
      throw new RdsError(
        'InstanceQuotaExceeded',
        `DB Instance ${source.id} already has ${MAX_READ_REPLICAS} read replicas, the most RDS allows.`,
      );
    }
    checkOptionGroup(source, input.optionGroupName);
    const parameterGroup = this.options.parameters.check(source.engine, source.engineVersion, input.parameterGroupName);
    // A replica keeps its source's windows and CA, and takes what the request sets on top.
    const inherited = mergeOptions(source.options, input.options ?? {});
    const allocatedStorage = copyStorage(input.allocatedStorage, source.allocatedStorage, `DB instance ${source.id}`);
    checkOptions(inherited, allocatedStorage);
    checkStorageQuota(this.options.states.list(), allocatedStorage);
    if (input.subnetGroupName !== undefined) {
      throw new RdsError('DBSubnetGroupNotAllowedFault', "The DBSubnetGroup shouldn't be specified while creating read replicas that lie in the same region as the source instance.");
    }
    const record = await this.insertCreating(input.port, (port) => ({
      id: input.id,
      parameterGroup,
      // In the source's VPC, as a replica in the source's region is on RDS.
      subnetGroup: source.subnetGroup,
      engine: source.engine,
      engineVersion: source.engineVersion,
      instanceClass: input.instanceClass ?? source.instanceClass,
      masterUsername: source.masterUsername,
      dbName: source.dbName,
      port,
      allocatedStorage,
      backupRetentionPeriod: 0,
      tags: input.tags ?? [],
      deletionProtection: input.deletionProtection ?? false,
      options: inherited,
      replicaOf: source.id,
    }));
    this.options.operations.background(record.id, () => this.options.replicas.provision(record, source));
    return record;
  }

  /** Records a new instance as `creating`, on a port of its own (RestoreDBInstanceFromDBSnapshot's too). */
  async insertCreating(
    requestedPort: number | undefined,
    fields: (port: number) => Omit<InstanceRecord, 'resourceId' | 'serverId' | 'createTime' | 'status'>,
  ): Promise<InstanceRecord> {
    const port = await this.#choosePort(requestedPort);
    try {
      const record: InstanceRecord = {
        ...fields(port),
        resourceId: `db-${randomBytes(13).toString('hex').toUpperCase().slice(0, 26)}`,
        serverId: this.options.store.nextCounter('next-server-id', FIRST_SERVER_ID),
        createTime: new Date().toISOString(),
        status: 'creating',
      };
      if (!this.options.store.insertInstance(record)) {
        throw new RdsError('DBInstanceAlreadyExists', INSTANCE_EXISTS);
      }
      return record;
    } finally {
      this.#ports.release(port);
    }
  }

  /** A free port, reserved until the caller releases it. */
  async #choosePort(requested: number | undefined): Promise<number> {
    const inUse = new Set(this.options.states.list().map((r) => r.port));
    if (requested !== undefined) {
      if (await this.#ports.reserve(requested, inUse)) return requested;
      throw new RdsError('InvalidParameterValue', portInUse(requested));
    }
    const port = await this.#ports.reserveFrom(this.options.ports, inUse);
    if (port === undefined) throw new RdsError('InstanceQuotaExceeded', 'No free port is left in the configured range.');
    return port;
  }
}
