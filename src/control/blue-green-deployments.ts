import { randomBytes } from 'node:crypto';
import { RdsError } from '../errors.js';
import type { BlueGreenRecord, BlueGreenStatus } from '../model/blue-green-record.js';
import type { Store } from '../store/store.js';

/** The store setting that holds every deployment (a handful at most: one per blue instance). */
const SETTING = 'blue-green-deployments';

export const deploymentNotFound = (id: string): RdsError =>
  new RdsError('BlueGreenDeploymentNotFoundFault', `BlueGreenDeploymentIdentifier ${id} doesn't refer to an existing blue/green deployment.`);

export const invalidDeploymentState = (record: BlueGreenRecord, action: string): RdsError =>
  new RdsError('InvalidBlueGreenDeploymentStateFault', `The blue/green deployment ${record.id} can't be ${action} in its current state ${record.status}.`);

/** A new deployment identifier: `bgd-` and 16 lower-case letters and digits. */
export function newDeploymentId(): string {
  return `bgd-${randomBytes(12).toString('base64url').toLowerCase().replace(/[^a-z0-9]/g, '0').slice(0, 16)}`;
}

/** The name of a green instance for the blue instance `blueId`, as RDS names it. */
export function greenName(blueId: string): string {
  return `${blueId}-green-${randomBytes(6).toString('hex').slice(0, 6)}`;
}

/** Blue/green deployment records, kept in the store. */
export class BlueGreenDeployments {
  constructor(private readonly store: Store) {}

  list(): BlueGreenRecord[] {
    return JSON.parse(this.store.getSetting(SETTING) ?? '[]') as BlueGreenRecord[];
  }

  /** By identifier (RDS: case-insensitive). */
  get(id: string): BlueGreenRecord {
    const record = this.list().find((r) => r.id === id.toLowerCase());
    if (!record) throw deploymentNotFound(id);
    return record;
  }

  /** The deployment an instance is a member of, blue or green (once switched over, none holds it). */
  ofInstance(instanceId: string): BlueGreenRecord | undefined {
    return this.list().find((r) => r.status !== 'SWITCHOVER_COMPLETED' && r.members.some((m) => m.source === instanceId || m.target === instanceId));
  }

  /** RDS's refusal of a name another deployment has (CreateBlueGreenDeployment checks it before the source). */
  checkName(name: string): void {
    if (this.list().some((r) => r.name === name)) {
      // RDS's wording, as its users quote it.
      throw new RdsError('BlueGreenDeploymentAlreadyExistsFault', `A Blue Green Deployment with the name '${name}' already exists`);
    }
  }

  insert(record: BlueGreenRecord): void {
    this.checkName(record.name);
    this.#write([...this.list(), record]);
  }

  update(id: string, fields: Partial<BlueGreenRecord>): BlueGreenRecord {
    const updated = { ...this.get(id), ...fields };
    this.#write(this.list().map((r) => (r.id === id ? updated : r)));
    return updated;
  }

  /** Sets the deployment's status and every member's (what a switchover's steps show). */
  setStatus(id: string, status: BlueGreenStatus, statusDetails?: string): BlueGreenRecord {
    const record = this.get(id);
    const member = status === 'PROVISIONING' || status === 'AVAILABLE' || status.startsWith('SWITCHOVER_') ? status : undefined;
    const members = member ? record.members.map((m) => ({ ...m, status: member as typeof m.status })) : record.members;
    return this.update(id, { status, members, statusDetails });
  }

  delete(id: string): void {
    this.#write(this.list().filter((r) => r.id !== id));
  }

  #write(records: readonly BlueGreenRecord[]): void {
    this.store.setSetting(SETTING, JSON.stringify(records));
  }
}
