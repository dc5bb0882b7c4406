import type { RdsEngine } from './rds-engines.js';
import { trueIfReplica } from './server-settings.js';
import { RdsError } from '../errors.js';
import type { InstanceRecord } from '../model/instance-record.js';
import type { OperatorClient } from '../engine/index.js';
import type { InstanceStates } from './instance-states.js';
import { ParameterGroups, type ParameterChange } from './parameter-groups.js';

export interface ParameterBindingOptions {
  readonly groups: ParameterGroups;
  readonly engines: ReadonlyMap<InstanceRecord['engine'], RdsEngine>;
  readonly states: InstanceStates;
  readonly isRunning: (id: string) => boolean;
  readonly withOperator: <T>(id: string, work: (op: OperatorClient) => Promise<T>) => Promise<T>;
}

/** Which DB parameter group each instance uses, and how a group's changes reach its instances. */
export class ParameterBinding {
  constructor(private readonly options: ParameterBindingOptions) {}

  /** The DB parameter group family of an instance. */
  familyOf(engine: InstanceRecord['engine'], version: string): string {
    return this.options.engines.get(engine)!.family(version);
  }

  groupOf(record: InstanceRecord): string {
    return record.parameterGroup ?? ParameterGroups.defaultName(this.familyOf(record.engine, record.engineVersion));
  }

  /** The values the instance's group sets. */
  valuesOf(record: InstanceRecord): Readonly<Record<string, string>> {
    return this.options.groups.serverValues(this.groupOf(record));
  }

  /** The group an instance may use: it must exist and be of the instance's family. */
  check(engine: InstanceRecord['engine'], version: string, name: string | undefined): string {
    const family = this.familyOf(engine, version);
    if (name === undefined) return ParameterGroups.defaultName(family);
    const group = this.options.groups.get(name);
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
    return { name: this.groupOf(record), applyStatus: record.parameterApplyStatus ?? 'in-sync' };
  }

  /**
   * ModifyDBParameterGroup: dynamic values are applied at once to every running instance using the
   * group; static ones (or `pending-reboot` ones) wait for each instance's next reboot.
   */
  async modifyGroup(name: string, changes: readonly ParameterChange[]): Promise<string> {
    const applied = this.options.groups.modify(name, changes);
    const group = this.options.groups.get(name);
    await Promise.all(this.#members(group.name).map((member) => this.apply(member, applied)));
    return group.name;
  }

  /** ResetDBParameterGroup: the defaults come back, dynamic ones at once on running members. */
  async resetGroup(name: string, which: Parameters<ParameterGroups['reset']>[1]): Promise<string> {
    const changes = this.options.groups.reset(name, which);
    const group = this.options.groups.get(name);
    await Promise.all(this.#members(group.name).map((member) => this.apply(member, changes)));
    return group.name;
  }

  deleteGroup(name: string): void {
    const group = this.options.groups.get(name);
    this.options.groups.delete(name, this.#members(group.name).map((r) => r.id));
  }

  /**
   * A new group for an instance: its values, dynamic ones too, apply at the next reboot. RDS: "When
   * you associate a new DB parameter group with a DB instance, the modified static and dynamic
   * parameters are applied only after the DB instance is rebooted."
   */
  async bind(id: string, name: string): Promise<void> {
    this.options.states.update(id, { parameterGroup: name, parameterApplyStatus: 'pending-reboot' });
  }

  /** Applies immediate changes to a running instance; others mark it pending-reboot. */
  async apply(record: InstanceRecord, changes: readonly ParameterChange[]): Promise<void> {
    // A default that is RDS's formula (a reset brings it back) is worked out for this instance;
    // one that cannot be worked out here waits for the reboot, whose settings derive it.
    const resolved = changes.map((c) => {
      if (!c.value.startsWith('{')) return c;
      if (c.value === '{TrueIfReplica}') return { ...c, value: trueIfReplica(record) };
      return { ...c, applyMethod: 'pending-reboot' as const };
    });
    const now = resolved.filter((c) => c.applyMethod === 'immediate');
    if (now.length < resolved.length) this.options.states.update(record.id, { parameterApplyStatus: 'pending-reboot' });
    if (!this.options.isRunning(record.id) || now.length === 0) return;
    await this.options.withOperator(record.id, async (op) => {
      for (const change of now) {
        const definition = this.options.groups.definition(change.name);
        const numeric = definition.dataType === 'integer' || definition.dataType === 'float' || definition.dataType === 'boolean';
        await op.setVariable(change.name, change.value, numeric);
      }
    });
  }

  #members(groupName: string): InstanceRecord[] {
    return this.options.states.list().filter((r) => this.groupOf(r) === groupName);
  }
}
