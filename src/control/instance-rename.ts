import { RdsError } from '../errors.js';
import type { InstanceRecord } from '../model/instance-record.js';
import type { Store } from '../store/store.js';
import type { HotCopies } from './hot-copies.js';
import { INSTANCE_EXISTS } from './instance-states.js';
import type { InstanceParts } from './parts.js';

export interface InstanceRenamesOptions extends InstanceParts {
  readonly store: Store;
  readonly copies: HotCopies;
}

/**
 * ModifyDBInstance NewDBInstanceIdentifier, while the server is stopped (RDS reboots a renamed
 * instance): the record, its secrets and its read replicas' source move to the new name, then its
 * files (the placement's rename). Tags, parameter group and DbiResourceId are in the record and
 * go with it; snapshots and events keep the name they were made under, as on RDS.
 */
export class InstanceRenames {
  constructor(private readonly options: InstanceRenamesOptions) {}

  /** RDS's checks of renaming `record` to `newId`: the rename to do, or undefined when there is none. */
  check(record: InstanceRecord, newId: string | undefined): string | undefined {
    if (newId === undefined || newId === record.id) return undefined;
    const { states, copies } = this.options;
    if (states.find(newId) || states.list().some((r) => r.pendingIdentifier === newId)) {
      throw new RdsError('DBInstanceAlreadyExists', INSTANCE_EXISTS);
    }
    // A hot copy reads the instance's files where they are; a replica being made still names it.
    if (copies.isCopying(record.id) || states.replicasOf(record.id).some((r) => r.status === 'creating')) {
      throw new RdsError('InvalidDBInstanceState', `Instance ${record.id} cannot be renamed while a copy of it is being made.`);
    }
    return newId;
  }

  /**
   * Moves the stopped instance `id` to `newId`; false when the name was taken meanwhile (a pending
   * rename), and then nothing moved.
   */
  async move(id: string, newId: string): Promise<boolean> {
    const { store, states, secrets, events } = this.options;
    secrets.copy(id, newId);
    // One step in the store; renamedFrom says what is left to move if openrds stops half-way.
    const moved: InstanceRecord = { ...states.get(id), id: newId, pendingIdentifier: undefined, renamedFrom: id };
    if (!store.renameInstance(id, moved)) return false;
    await this.#finish(moved);
    events.record(newId, 'OPENRDS-EVENT-0006', `${id} to ${newId}`);
    return true;
  }

  /** A rename asked for without ApplyImmediately, at the reboot it waited for: the instance's identifier from now on. */
  async applyPending(id: string): Promise<string> {
    const pending = this.options.states.get(id).pendingIdentifier;
    if (pending === undefined) return id;
    if (await this.move(id, pending)) return pending;
    this.options.states.update(id, { pendingIdentifier: undefined });
    return id;
  }

  /** Finishes renames that a stop of openrds interrupted (before instances are brought back). */
  async reconcile(): Promise<void> {
    for (const record of this.options.states.list()) {
      if (record.renamedFrom === undefined) continue;
      await this.options.placement.stopLeftover(record.renamedFrom);
      await this.#finish(record);
    }
  }

  /** The moves after the record's: each can be done again. */
  async #finish(record: InstanceRecord): Promise<void> {
    const { states, placement, secrets } = this.options;
    const from = record.renamedFrom!;
    for (const replica of states.list().filter((r) => r.replicaOf === from)) states.update(replica.id, { replicaOf: record.id });
    await placement.rename(from, record.id);
    secrets.forget(from);
    states.update(record.id, { renamedFrom: undefined });
  }
}
