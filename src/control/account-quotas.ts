import { RdsError } from '../errors.js';
import type { InstanceRecord } from '../model/instance-record.js';
import type { PortRange } from './ports.js';

/** RDS's default account quotas that openrds enforces as RDS does (the others follow from what it is: below). */
export const QUOTAS = {
  AllocatedStorage: 100000,
  DBParameterGroups: 50,
  DBSubnetGroups: 50,
  SubnetsPerDBSubnetGroup: 20,
  /** RDS allows up to 15 read replicas per MySQL/MariaDB source. */
  ReadReplicasPerMaster: 15,
} as const;

/** One of DescribeAccountAttributes's AccountQuotas. */
export interface AccountQuota {
  readonly name: string;
  readonly used: number;
  readonly max: number;
}

/** What the quotas are counted over. */
export interface QuotaUse {
  readonly instances: readonly InstanceRecord[];
  readonly parameterGroups: number;
  /** Manual snapshots and their limit (control/snapshots.ts's). */
  readonly manualSnapshots: { readonly used: number; readonly max: number };
  readonly subnetGroups: readonly { readonly subnetIds: readonly string[] }[];
  /** The instances' port range: one port per instance is the DB instances quota here. */
  readonly ports: PortRange;
}

/** The account's quotas, used and allowed, as DescribeAccountAttributes shows them. */
export function accountQuotas(use: QuotaUse): AccountQuota[] {
  const replicas = new Map<string, number>();
  for (const r of use.instances) if (r.replicaOf) replicas.set(r.replicaOf, (replicas.get(r.replicaOf) ?? 0) + 1);
  return [
    { name: 'DBInstances', used: use.instances.length, max: use.ports.last - use.ports.first + 1 },
    { name: 'AllocatedStorage', used: storageUsed(use.instances), max: QUOTAS.AllocatedStorage },
    { name: 'DBParameterGroups', used: use.parameterGroups, max: QUOTAS.DBParameterGroups },
    { name: 'ManualSnapshots', ...use.manualSnapshots },
    { name: 'DBSubnetGroups', used: use.subnetGroups.length, max: QUOTAS.DBSubnetGroups },
    { name: 'SubnetsPerDBSubnetGroup', used: Math.max(0, ...use.subnetGroups.map((g) => g.subnetIds.length)), max: QUOTAS.SubnetsPerDBSubnetGroup },
    { name: 'ReadReplicasPerMaster', used: Math.max(0, ...replicas.values()), max: QUOTAS.ReadReplicasPerMaster },
  ];
}

function storageUsed(instances: readonly InstanceRecord[]): number {
  return instances.reduce((sum, r) => sum + r.allocatedStorage, 0);
}

/** RDS's refusal of storage beyond the account's quota: `added` GiB more than the instances have. */
export function checkStorageQuota(instances: readonly InstanceRecord[], added: number): void {
  if (storageUsed(instances) + added > QUOTAS.AllocatedStorage) {
    throw new RdsError('StorageQuotaExceeded', 'The request would result in the user exceeding the allowed amount of storage available across all DB instances.');
  }
}
