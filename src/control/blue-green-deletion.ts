import { RdsError } from '../errors.js';
import type { BlueGreenRecord } from '../model/blue-green-record.js';
import type { InstanceRecord } from '../model/instance-record.js';
import { BlueGreenDeployments, invalidDeploymentState } from './blue-green-deployments.js';
import type { EventLog } from './events.js';
import type { InstanceStates } from './instance-states.js';
import type { Operations } from './operations.js';

export interface BlueGreenDeletionOptions {
  readonly deployments: BlueGreenDeployments;
  readonly states: InstanceStates;
  readonly events: EventLog;
  readonly operations: Operations;
  /** DeleteDBInstance of a green instance (a read replica: no final snapshot). */
  readonly deleteInstance: (id: string) => Promise<InstanceRecord>;
}

/** DeleteBlueGreenDeployment: the deployment goes; with DeleteTarget, its green instances too (their replicas first). */
export class BlueGreenDeletion {
  constructor(private readonly options: BlueGreenDeletionOptions) {}

  delete(id: string, deleteTarget: boolean): BlueGreenRecord {
    const { deployments, events, operations } = this.options;
    const record = deployments.get(id);
    if (record.status === 'SWITCHOVER_IN_PROGRESS' || record.status === 'DELETING') throw invalidDeploymentState(record, 'deleted');
    if (deleteTarget && record.status === 'SWITCHOVER_COMPLETED') {
      throw new RdsError('InvalidParameterCombination', `The green environment of the blue/green deployment ${record.id} is production since its switchover: DeleteTarget can't be specified.`);
    }
    if (!deleteTarget) {
      deployments.delete(record.id);
      events.recordDeployment(record.id, 'RDS-EVENT-0246');
      return record;
    }
    const deleting = deployments.update(record.id, { status: 'DELETING' });
    operations.background(record.id, async () => {
      // Green replicas before green itself, or green's deletion would promote them.
      for (const member of [...record.members].reverse()) await this.#deleteGreen(member.target);
      deployments.delete(record.id);
      events.recordDeployment(record.id, 'RDS-EVENT-0246');
    });
    return deleting;
  }

  async #deleteGreen(id: string): Promise<void> {
    const record = this.options.states.find(id);
    if (!record || record.status === 'deleting') return;
    await this.options.deleteInstance(id);
    await this.options.operations.idle(id);
  }
}
