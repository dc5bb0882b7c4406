import { RdsError } from '../errors.js';
import type { Tag } from '../model/instance-record.js';
import type { SubnetGroupRecord } from '../model/subnet-group-record.js';
import type { Store } from '../store/store.js';
import { QUOTAS } from './account-quotas.js';

/** RDS's rule for a subnet group's name: a letter, then letters, digits, periods, underscores, spaces or hyphens. */
const NAME = /^[a-z][a-z0-9._ -]{0,254}$/;
const SUBNET_ID = /^subnet-[0-9a-f]{8,17}$/;

/** RDS's refusal of a subnet group that does not exist. */
export const subnetGroupNotFound = (name: string) => new RdsError('DBSubnetGroupNotFoundFault', `DB subnet group '${name}' does not exist.`);

/**
 * DB subnet groups as validated bookkeeping: there are no VPCs here, so a group's subnets are
 * checked for form only, and the two-Availability-Zone rule is not applied (docs: README).
 */
export class SubnetGroups {
  constructor(private readonly store: Store) {}

  /** A group by name (stored in lower case, as RDS stores it). */
  get(name: string): SubnetGroupRecord {
    const group = this.store.getSubnetGroup(name.toLowerCase());
    if (!group) throw subnetGroupNotFound(name);
    return group;
  }

  /** A group by name, or undefined. */
  find(name: string): SubnetGroupRecord | undefined {
    return this.store.getSubnetGroup(name.toLowerCase());
  }

  list(): SubnetGroupRecord[] {
    return this.store.listSubnetGroups();
  }

  create(name: string, description: string, subnetIds: readonly string[], tags: readonly Tag[] = []): SubnetGroupRecord {
    const lower = checkName(name);
    if (this.store.listSubnetGroups().length >= QUOTAS.DBSubnetGroups) {
      throw new RdsError('DBSubnetGroupQuotaExceeded', 'The request would result in the user exceeding the allowed number of DB subnet groups.');
    }
    const group: SubnetGroupRecord = { name: lower, description: checkDescription(description), subnetIds: checkSubnets(subnetIds), tags };
    if (!this.store.insertSubnetGroup(group)) throw new RdsError('DBSubnetGroupAlreadyExists', `DB subnet group '${lower}' already exists.`);
    return group;
  }

  /** ModifyDBSubnetGroup: the subnets are replaced; the description only when given. */
  modify(name: string, subnetIds: readonly string[], description: string | undefined): SubnetGroupRecord {
    const group = this.get(checkName(name));
    const changed = { ...group, subnetIds: checkSubnets(subnetIds), description: description === undefined ? group.description : checkDescription(description) };
    this.store.putSubnetGroup(changed);
    return changed;
  }

  /** DeleteDBSubnetGroup: refused while instances are in the group. */
  delete(name: string): void {
    const group = this.get(checkName(name));
    const inUseBy = this.store.listInstances().filter((r) => r.subnetGroup === group.name).map((r) => r.id);
    // RDS names one of them.
    if (inUseBy.length > 0) {
      throw new RdsError('InvalidDBSubnetGroupStateFault', `Cannot delete the subnet group '${group.name}' because at least one database instance: ${inUseBy[0]} is still using it.`);
    }
    this.store.deleteSubnetGroup(group.name);
  }

  setTags(name: string, tags: readonly Tag[]): void {
    this.store.putSubnetGroup({ ...this.get(name), tags });
  }
}

function checkName(name: string): string {
  const lower = name.toLowerCase();
  if (lower === 'default') throw new RdsError('InvalidParameterValue', 'The default DB subnet group cannot be created, modified or deleted.');
  if (!NAME.test(lower)) {
    throw new RdsError(
      'InvalidParameterValue',
      'The parameter DBSubnetGroupName is not a valid identifier. It must begin with a letter and contain only letters, digits, periods, underscores, spaces or hyphens (255 at most).',
    );
  }
  return lower;
}

function checkDescription(description: string): string {
  if (description.trim() === '') throw new RdsError('InvalidParameterValue', 'The parameter DBSubnetGroupDescription must be provided and must not be blank.');
  return description;
}

function checkSubnets(subnetIds: readonly string[]): readonly string[] {
  if (subnetIds.length === 0) throw new RdsError('InvalidSubnet', 'Subnet IDs are required.');
  const unique = [...new Set(subnetIds)];
  if (unique.length > QUOTAS.SubnetsPerDBSubnetGroup) {
    throw new RdsError('DBSubnetQuotaExceededFault', 'The request would result in the user exceeding the allowed number of subnets in a DB subnet groups.');
  }
  const bad = unique.find((id) => !SUBNET_ID.test(id));
  if (bad !== undefined) throw new RdsError('InvalidSubnet', `The subnet ID '${bad}' is not a valid subnet ID.`);
  return unique;
}
