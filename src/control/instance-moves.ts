import { RdsError } from '../errors.js';
import { notAvailable } from './instance-states.js';
import type { InstanceRecord } from '../model/instance-record.js';
import type { InstanceRenames } from './instance-rename.js';
import type { ModifyInstanceInput } from './lifecycle.js';
import { checkOptionGroup } from './option-groups.js';
import type { InstanceParts } from './parts.js';
import { portInUse } from './ports.js';
import type { ReplicaProvisioning } from './replica-provisioning.js';

/** What ModifyDBInstance moves: the instance's name and its port (both restart it). */
export interface MoveInput {
  readonly newIdentifier?: string;
  readonly port?: number;
  /** Only the default option group of the instance's engine version is served. */
  readonly optionGroupName?: string;
}

export type ModifyRequest = ModifyInstanceInput & MoveInput;

export interface InstanceMovesOptions extends InstanceParts {
  readonly renames: InstanceRenames;
  readonly replicas: ReplicaProvisioning;
}

/**
 * ModifyDBInstance's NewDBInstanceIdentifier and DBPortNumber: the instance restarts under its new
 * name or on its new port (a port change restarts it whatever ApplyImmediately says, as on RDS;
 * a rename without it waits for the next reboot), and its read replicas are pointed at the new port.
 */
export class InstanceMoves {
  constructor(private readonly options: InstanceMovesOptions) {}

  /** Checks the moves, has `modify` do the rest of the request, then starts the moves. */
  async modify(input: ModifyRequest, modify: (input: ModifyInstanceInput) => Promise<InstanceRecord>): Promise<InstanceRecord> {
    const { states } = this.options;
    const record = states.get(input.id);
    checkOptionGroup(record, input.optionGroupName);
    const newId = this.options.renames.check(record, input.newIdentifier);
    const port = await this.#checkPort(record, input.port);
    const renameNow = newId !== undefined && input.applyImmediately === true;
    if ((renameNow || port !== undefined) && this.#restartsOtherwise(record, input)) {
      throw new RdsError(
        'InvalidParameterCombination',
        'openrds applies NewDBInstanceIdentifier with ApplyImmediately and DBPortNumber in a modification of their own: send MasterUserPassword, and a class or version applied immediately, in another one.',
      );
    }
    if ((renameNow || port !== undefined) && record.status !== 'available') {
      throw notAvailable(record.id);
    }
    const modified = await modify(input);
    if (newId !== undefined && !renameNow) states.update(record.id, { pendingIdentifier: newId });
    if (!renameNow && port === undefined) return states.find(record.id) ?? modified;
    return this.#restart(record.id, renameNow ? newId : undefined, port);
  }

  /** The new port, checked (undefined when it does not change). */
  async #checkPort(record: InstanceRecord, port: number | undefined): Promise<number | undefined> {
    if (port === undefined || port === record.port) return undefined;
    const taken = this.options.states.list().some((r) => r.port === port);
    if (taken || !(await this.options.placement.portIsFree(port))) throw new RdsError('InvalidParameterValue', portInUse(port));
    return port;
  }

  /** Whether the rest of the request starts an operation of its own now. */
  #restartsOtherwise(record: InstanceRecord, input: ModifyInstanceInput): boolean {
    if (input.masterUserPassword !== undefined) return true;
    if (input.applyImmediately !== true) return false;
    const newClass = input.instanceClass !== undefined && input.instanceClass !== record.instanceClass;
    const newVersion = input.engineVersion !== undefined && input.engineVersion !== record.engineVersion;
    return newClass || newVersion;
  }

  /** Stops the server, moves it, starts it again, and points its read replicas at it. */
  #restart(id: string, newId: string | undefined, port: number | undefined): InstanceRecord {
    const { states, supervisor, operations, events, renames } = this.options;
    states.begin(id, port !== undefined ? 'modify-port' : 'rename');
    const shown = newId === undefined ? states.get(id) : states.update(id, { pendingIdentifier: newId })!;
    operations.background(id, async () => {
      let current = id;
      try {
        await supervisor.stop(id);
        if (newId !== undefined && (await renames.move(id, newId))) current = newId;
        if (port !== undefined) states.update(current, { port });
        await supervisor.start(states.get(current));
        if (port !== undefined) await this.options.replicas.repointAll(states.get(current));
        states.setStatus(current, 'available');
        events.record(current, 'RDS-EVENT-0006');
      } catch (error) {
        // The background operation fails the instance by the identifier it began with.
        if (current === id) throw error;
        supervisor.fail(current, (error as Error).message);
      }
    });
    return shown;
  }
}
