import { performance } from 'node:perf_hooks';
import type { OperatorClient } from '../engine/index.js';
import type { BlueGreenRecord, SwitchoverMember } from '../model/blue-green-record.js';
import { RdsError } from '../errors.js';
import { BlueGreenDeployments, invalidDeploymentState } from './blue-green-deployments.js';
import type { InstanceRenames } from './instance-rename.js';
import type { InstanceParts } from './parts.js';
import type { ReplicaProvisioning } from './replica-provisioning.js';

/** RDS's default SwitchoverTimeout, in seconds. */
export const DEFAULT_SWITCHOVER_TIMEOUT_S = 300;

export interface BlueGreenSwitchoverOptions extends InstanceParts {
  readonly deployments: BlueGreenDeployments;
  readonly renames: InstanceRenames;
  readonly replicas: ReplicaProvisioning;
  readonly withOperator: <T>(id: string, work: (op: OperatorClient) => Promise<T>) => Promise<T>;
}

/** The name a switched-over blue instance keeps (RDS's suffix). */
const oldName = (id: string): string => `${id}-old1`;

/**
 * SwitchoverBlueGreenDeployment: RDS's guardrails, then blue read-only, green caught up with all
 * blue wrote, green promoted, and names and ports swapped so clients reconnect to the same
 * endpoint. Until green is promoted a timeout rolls back (blue writable again).
 */
export class BlueGreenSwitchover {
  constructor(private readonly options: BlueGreenSwitchoverOptions) {}

  async switchover(id: string, timeoutS = DEFAULT_SWITCHOVER_TIMEOUT_S): Promise<BlueGreenRecord> {
    const { deployments, states, operations } = this.options;
    const record = deployments.get(id);
    if (record.status !== 'AVAILABLE' && record.status !== 'SWITCHOVER_FAILED') throw invalidDeploymentState(record, 'switched over');
    await this.#guardrails(record);
    for (const m of record.members) for (const instance of [m.source, m.target]) states.begin(instance, 'switchover');
    const started = deployments.setStatus(record.id, 'SWITCHOVER_IN_PROGRESS');
    this.options.events.recordDeployment(record.id, 'RDS-EVENT-0247');
    this.options.events.recordDeployment(record.id, 'RDS-EVENT-0250');
    operations.background(record.members[0]!.source, () => this.#run(started, performance.now() + timeoutS * 1000));
    return started;
  }

  /** RDS's checks before it starts: every member available, green replicating without error, old names free. */
  async #guardrails(record: BlueGreenRecord): Promise<void> {
    const { states, supervisor, withOperator } = this.options;
    const refuse = (why: string) => new RdsError('InvalidBlueGreenDeploymentStateFault', `Switchover of the blue/green deployment ${record.id} is not possible: ${why}`);
    for (const member of record.members) {
      for (const instance of [member.source, member.target]) {
        const found = states.find(instance);
        if (!found) throw refuse(`DB instance ${instance} does not exist.`);
        if (found.status !== 'available' || !supervisor.isRunning(instance)) throw refuse(`DB instance ${instance} is not available.`);
      }
      if (states.find(oldName(member.source))) throw refuse(`DB instance ${oldName(member.source)} already exists.`);
      const replication = (await withOperator(member.target, (op) => op.status())).replication;
      if (!replication || replication.ioThread !== 'running' || replication.sqlThread !== 'running' || replication.lastError !== '') {
        throw refuse(`replication to the green DB instance ${member.target} is not healthy${replication?.lastError ? `: ${replication.lastError}` : '.'}`);
      }
    }
  }

  async #run(record: BlueGreenRecord, deadline: number): Promise<void> {
    const { deployments, events, withOperator, operations } = this.options;
    const [primary, ...replicas] = record.members;
    const blue = primary!.source;
    let promoted = false;
    try {
      await operations.phases(record.id, 'switchover', [
        ['blue read-only', () => withOperator(blue, (op) => op.setReadOnly(true))],
        ['green caught up', () => this.#catchUp(record, deadline)],
        ['green promoted', async () => void (await withOperator(primary!.target, (op) => op.promote()), (promoted = true))],
        ['names and endpoints swapped', async () => {
          await this.#swap(primary!, true);
          events.recordDeployment(record.id, 'RDS-EVENT-0251');
        }],
        ['read replicas swapped', async () => {
          for (const m of replicas) {
            events.recordDeployment(record.id, 'RDS-EVENT-0259');
            await this.#swap(m, false);
            events.recordDeployment(record.id, 'RDS-EVENT-0260');
          }
        }],
      ]);
    } catch (error) {
      if (promoted) {
        // Past the point of no return: nothing to roll back to, and the deployment says so.
        deployments.update(record.id, { status: 'SWITCHOVER_FAILED', statusDetails: (error as Error).message });
        throw error;
      }
      await this.#rollBack(record, (error as Error).message);
      return;
    }
    deployments.update(record.id, {
      status: 'SWITCHOVER_COMPLETED',
      members: record.members.map((m) => ({ source: oldName(m.source), target: m.source, status: 'SWITCHOVER_COMPLETED' })),
    });
    events.recordDeployment(record.id, 'RDS-EVENT-0248');
  }

  /** Waits until every green instance has applied all blue wrote before it became read-only. */
  async #catchUp(record: BlueGreenRecord, deadline: number): Promise<void> {
    const position = await this.options.withOperator(record.members[0]!.source, (op) => op.binlogPosition());
    for (const member of record.members) {
      const caughtUp = await this.options.withOperator(member.target, (op) => op.waitForPosition(position, deadline - performance.now()));
      if (!caughtUp) throw new Error(`the switchover timed out: ${member.target} had not applied ${position}`);
    }
  }

  /**
   * Blue and green stop together, blue takes the `-old1` name and green blue's name and port, then
   * the new blue starts first (writes resume as soon as it listens) and the old one after, read-only
   * for good (`switchedOver`: its server settings say read_only, reboots included).
   */
  async #swap(member: SwitchoverMember, primary: boolean): Promise<void> {
    const { states, supervisor, renames } = this.options;
    const blue = states.get(member.source);
    const green = states.get(member.target);
    await Promise.all([supervisor.stop(blue.id), supervisor.stop(green.id)]);
    const old = oldName(blue.id);
    if (!(await renames.move(blue.id, old)) || !(await renames.move(green.id, blue.id))) throw new Error(`the names of ${blue.id} and ${green.id} could not be swapped`);
    states.update(old, { port: green.port, switchedOver: true });
    states.update(blue.id, {
      port: blue.port,
      ...(primary && { replicaOf: null, replication: undefined, backupRetentionPeriod: blue.backupRetentionPeriod }),
    });
    await supervisor.start(states.get(blue.id));
    states.setStatus(blue.id, 'available');
    await supervisor.start(states.get(old));
    // Read-only now even where its parameter group sets read_only=0 (that group wins at a reboot).
    await this.options.withOperator(old, (op) => op.setReadOnly(true));
    states.setStatus(old, 'available');
    // Replicas follow their sources' new ports: new blue's from green's, old blue's.
    for (const source of [blue.id, old]) await this.options.replicas.repointAll(states.get(source));
  }

  /** A switchover that did not get as far as promoting green: blue writable again, nothing moved. */
  async #rollBack(record: BlueGreenRecord, why: string): Promise<void> {
    const { states, deployments, events, withOperator } = this.options;
    await withOperator(record.members[0]!.source, (op) => op.setReadOnly(false));
    for (const m of record.members) for (const instance of [m.source, m.target]) if (states.find(instance)) states.setStatus(instance, 'available');
    deployments.setStatus(record.id, 'SWITCHOVER_FAILED', why);
    events.recordDeployment(record.id, 'RDS-EVENT-0252');
    events.recordDeployment(record.id, 'RDS-EVENT-0249');
  }
}
