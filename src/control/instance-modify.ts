import { RdsError } from '../errors.js';
import { notAvailable } from './instance-states.js';
import type { InstanceOptions, InstanceRecord } from '../model/instance-record.js';
import type { PersonalityName } from '../personality/engine-versions.js';
import { checkStorageQuota } from './account-quotas.js';
import { checkRetentionChange } from './backup-retention.js';
import { checkVersionChange } from './engine-version-change.js';
import { checkOptions, mergeOptions, type LogExportChange } from './instance-options.js';
import type { ParameterBinding } from './parameter-binding.js';
import type { InstanceParts } from './parts.js';
import type { RdsEngine } from './rds-engines.js';
import type { Personality } from '../personality/personality.js';

export interface ModifyInstanceInput {
  readonly id: string;
  /** The instance's own engine only: RDS converts between editions of one engine (Db2, Oracle, SQL Server), which MySQL and MariaDB have none of. */
  readonly engine?: string;
  readonly masterUserPassword?: string;
  readonly parameterGroupName?: string;
  /** Moves the instance to another DB subnet group (bookkeeping: applied at once). */
  readonly subnetGroupName?: string;
  readonly instanceClass?: string;
  readonly engineVersion?: string;
  readonly allowMajorVersionUpgrade?: boolean;
  readonly allocatedStorage?: number;
  readonly backupRetentionPeriod?: number;
  /** A new class or engine version restarts the instance now; otherwise it waits for the next reboot. */
  readonly applyImmediately?: boolean;
  readonly deletionProtection?: boolean;
  /** The options the request sets, on top of the instance's own. */
  readonly options?: InstanceOptions;
  readonly logExports?: LogExportChange;
}

/** What ModifyDBInstance works with. */
export interface InstanceModifyOptions extends InstanceParts {
  readonly parameters: ParameterBinding;
  readonly engines: ReadonlyMap<InstanceRecord['engine'], RdsEngine>;
  /** Re-applies an SQL personality to an instance's data (a major version upgrade). */
  readonly personality: Pick<Personality, 'reapply'>;
}

/** What a restart changes: a class (new memory settings) and an engine version (RDS's outage). */
export interface RestartChanges {
  readonly instanceClass?: string;
  readonly engineVersion?: string;
  /** A major version upgrade: the personality re-applied offline, and the new family's parameter group. */
  readonly major?: { readonly personality?: PersonalityName; readonly parameterGroup: string };
}

/** The pending value after a request: what it changes later, nothing if it names the value again, else as it was. */
function pendingAfter(asked: string | undefined, later: string | undefined, before: string | undefined): string | undefined {
  return later ?? (asked !== undefined ? undefined : before);
}

/** The record's fields a restart's changes set (none for what does not change). */
export function fieldsOf(changes: RestartChanges): Partial<InstanceRecord> {
  return {
    ...(changes.instanceClass !== undefined && { instanceClass: changes.instanceClass }),
    ...(changes.engineVersion !== undefined && { engineVersion: changes.engineVersion }),
  };
}

/** RDS's events for what a restart changed. */
export function reportChanged(events: InstanceParts['events'], id: string, changes: RestartChanges): void {
  if (changes.instanceClass !== undefined) events.record(id, 'RDS-EVENT-0014', `now ${changes.instanceClass}`);
  if (changes.engineVersion !== undefined) events.record(id, 'RDS-EVENT-0268', `now ${changes.engineVersion}`);
}

/** ModifyDBInstance: what it changes at once, what waits for the next reboot, and RDS's refusals. */
export class InstanceModify {
  constructor(private readonly options: InstanceModifyOptions) {}

  async modify(input: ModifyInstanceInput): Promise<InstanceRecord> {
    const { states, parameters } = this.options;
    const record = states.get(input.id);
    if (input.engine !== undefined && input.engine !== record.engine) {
      throw new RdsError('InvalidParameterCombination', `DB instance ${record.id} is of engine ${record.engine}, not ${input.engine}: an instance's engine does not change.`);
    }
    const changes: RestartChanges = {
      instanceClass: input.instanceClass !== undefined && input.instanceClass !== record.instanceClass ? input.instanceClass : undefined,
      ...this.#versionChange(record, input),
    };
    // Without ApplyImmediately RDS waits for the maintenance window; openrds has none and waits for the next reboot.
    const now: RestartChanges = input.applyImmediately === true ? changes : {};
    const later: RestartChanges = input.applyImmediately === true ? {} : changes;
    const restartNow = now.instanceClass !== undefined || now.engineVersion !== undefined;
    if (record.status !== 'available' && (input.masterUserPassword !== undefined || restartNow)) {
      throw notAvailable(input.id);
    }
    checkRetentionChange(record, input.backupRetentionPeriod, states.replicasOf(record.id).map((r) => r.id));
    // A major version upgrade brings its parameter group (of the new family) with it.
    const group = input.parameterGroupName === undefined || changes.major ? undefined : parameters.check(record.engine, record.engineVersion, input.parameterGroupName);
    const options = mergeOptions(record.options, input.options ?? {}, input.logExports);
    checkOptions(options, input.allocatedStorage ?? record.allocatedStorage);
    checkStorageQuota(states.list(), (input.allocatedStorage ?? record.allocatedStorage) - record.allocatedStorage);
    const subnetGroup = input.subnetGroupName === undefined ? record.subnetGroup : this.options.subnetGroups.get(input.subnetGroupName).name;
    states.update(input.id, {
      pendingInstanceClass: pendingAfter(input.instanceClass, later.instanceClass, record.pendingInstanceClass),
      pendingEngineVersion: pendingAfter(input.engineVersion, later.engineVersion, record.pendingEngineVersion),
      allocatedStorage: input.allocatedStorage ?? record.allocatedStorage,
      backupRetentionPeriod: input.backupRetentionPeriod ?? record.backupRetentionPeriod,
      deletionProtection: input.deletionProtection ?? record.deletionProtection,
      options,
      subnetGroup,
    });
    if (group !== undefined) await parameters.bind(input.id, group);
    if (restartNow) return this.#restartWith(input.id, now, input.masterUserPassword);
    if (input.masterUserPassword === undefined) return states.get(input.id);
    const password = input.masterUserPassword;
    const resetting = states.begin(input.id, 'reset-master-password');
    this.options.operations.background(input.id, async () => {
      await this.#setMasterPassword(input.id, password);
      states.setStatus(input.id, 'available');
    });
    return resetting;
  }

  /** ModifyDBInstance's version change: none, a minor one, or a major one with its parameter group checked against the new family. */
  #versionChange(record: InstanceRecord, input: ModifyInstanceInput): Pick<RestartChanges, 'engineVersion' | 'major'> {
    if (input.engineVersion === undefined) return {};
    const move = checkVersionChange(
      record,
      { engineVersion: input.engineVersion, allowMajorVersionUpgrade: input.allowMajorVersionUpgrade ?? false, parameterGroupName: input.parameterGroupName },
      this.options.engines,
      this.options.states,
    );
    if (!move) return {};
    if (move.parameterGroup === undefined) return { engineVersion: move.version };
    if (input.applyImmediately !== true) {
      throw new RdsError('InvalidParameterCombination', 'openrds applies a major version upgrade at once: set ApplyImmediately (it has no maintenance window).');
    }
    const parameterGroup = this.options.parameters.check(record.engine, move.version, move.parameterGroup);
    return { engineVersion: move.version, major: { personality: move.personality, parameterGroup } };
  }

  /** Changes applied now: the server restarts with them ('upgrading' for a version, else 'modifying', meanwhile). */
  #restartWith(id: string, changes: RestartChanges, masterUserPassword: string | undefined): InstanceRecord {
    const { states, events, supervisor } = this.options;
    const restarting = states.begin(id, changes.engineVersion !== undefined ? 'upgrade' : 'modify-class');
    if (changes.instanceClass !== undefined) events.record(id, 'RDS-EVENT-0012', `to ${changes.instanceClass}`);
    if (changes.engineVersion !== undefined) events.record(id, 'RDS-EVENT-0267');
    this.options.operations.background(id, async () => {
      await supervisor.stop(id);
      const major = changes.major;
      if (major?.personality) {
        const personality = major.personality;
        await supervisor.runForRepair(states.get(id), (endpoint) => this.options.personality.reapply(endpoint, this.options.secrets.operatorPassword(id), personality));
      }
      states.update(id, { ...fieldsOf(changes), ...(major && { parameterGroup: major.parameterGroup, parameterApplyStatus: 'in-sync' as const }) });
      await supervisor.start(states.get(id));
      reportChanged(this.options.events, id, changes);
      if (masterUserPassword !== undefined) await this.#setMasterPassword(id, masterUserPassword);
      states.setStatus(id, 'available');
    });
    return restarting;
  }

  async #setMasterPassword(id: string, password: string): Promise<void> {
    const endpoint = this.options.supervisor.endpointOf(id);
    if (!endpoint) throw new Error('the server is not running');
    await using op = await this.options.placement.engine.openOperator(endpoint, this.options.secrets.operatorPassword(id));
    await op.setMasterPassword(password);
    this.options.events.record(id, 'RDS-EVENT-0016');
  }
}
