import type { InstanceOptions, Tag } from './instance-record.js';

/** A blue/green deployment's status (the API model's BlueGreenDeploymentStatus). */
export type BlueGreenStatus =
  | 'PROVISIONING'
  | 'AVAILABLE'
  | 'SWITCHOVER_IN_PROGRESS'
  | 'SWITCHOVER_COMPLETED'
  | 'INVALID_CONFIGURATION'
  | 'SWITCHOVER_FAILED'
  | 'DELETING';

/** A pair's switchover status, as RDS's SwitchoverDetail shows it (MISSING_* are derived, never stored). */
export type MemberStatus = 'PROVISIONING' | 'AVAILABLE' | 'SWITCHOVER_IN_PROGRESS' | 'SWITCHOVER_COMPLETED' | 'SWITCHOVER_FAILED';

/** A blue instance and its green copy, by instance identifier (after a switchover: old blue and new blue). */
export interface SwitchoverMember {
  readonly source: string;
  readonly target: string;
  readonly status: MemberStatus;
}

/** RDS's task names for the green environment of a DB instance. */
export type TaskName = 'CREATING_READ_REPLICA_OF_SOURCE' | 'DB_ENGINE_VERSION_UPGRADE' | 'CONFIGURE_BACKUPS' | 'CREATING_TOPOLOGY_OF_SOURCE';

export interface BlueGreenTask {
  readonly name: TaskName;
  readonly status: 'PENDING' | 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
}

export interface BlueGreenRecord {
  /** `bgd-` and 16 characters, as RDS makes them. */
  readonly id: string;
  readonly name: string;
  /** The primary pair is members[0]; the others are blue's read replicas and theirs. */
  readonly members: readonly SwitchoverMember[];
  readonly tasks: readonly BlueGreenTask[];
  readonly status: BlueGreenStatus;
  readonly statusDetails?: string;
  readonly createTime: string;
  readonly tags: readonly Tag[];
  readonly targetEngineVersion?: string;
  readonly targetParameterGroup?: string;
  /** Green's class and storage, where they differ from blue's (TargetDBInstanceClass, Target*Storage*, TargetIops). */
  readonly targetInstanceClass?: string;
  readonly targetAllocatedStorage?: number;
  readonly targetStorage?: Pick<InstanceOptions, 'storageType' | 'iops' | 'storageThroughput'>;
}
