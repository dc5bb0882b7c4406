/** RDS's DB instance states that openrds uses. */
export type InstanceStatus =
  | 'creating'
  | 'available'
  | 'modifying'
  | 'upgrading'
  | 'resetting-master-credentials'
  | 'rebooting'
  | 'backing-up'
  | 'renaming'
  | 'stopping'
  | 'stopped'
  | 'starting'
  | 'deleting'
  | 'failed';

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** The replica status RDS shows in StatusInfos (`read replication`). */
export type ReplicaStatus =
  | 'replicating'
  | 'replication stop point set'
  | 'replication stop point reached'
  | 'error'
  | 'stopped'
  | 'terminated';

export interface ReplicationRecord {
  readonly status: ReplicaStatus;
  /** The IO or SQL error text; empty when there is none. */
  readonly message: string;
  /** When the status began (ISO time): the 30-day rule counts from a stop. */
  readonly since: string;
}

/**
 * What RDS records of an instance and shows back, with no server behind it here (windows, storage
 * type, the CA, monitoring, security groups...): validated as RDS validates them, stored, described.
 */
export interface InstanceOptions {
  readonly preferredBackupWindow?: string;
  readonly preferredMaintenanceWindow?: string;
  readonly autoMinorVersionUpgrade?: boolean;
  readonly copyTagsToSnapshot?: boolean;
  readonly publiclyAccessible?: boolean;
  readonly maxAllocatedStorage?: number;
  readonly availabilityZone?: string;
  readonly storageType?: string;
  readonly iops?: number;
  readonly storageThroughput?: number;
  readonly caCertificateIdentifier?: string;
  readonly engineLifecycleSupport?: string;
  readonly monitoringInterval?: number;
  readonly monitoringRoleArn?: string;
  readonly enabledCloudwatchLogsExports?: readonly string[];
  readonly vpcSecurityGroupIds?: readonly string[];
}

/** A DB instance as the control plane keeps it. */
export interface InstanceRecord {
  readonly id: string;
  readonly resourceId: string;
  /** What the user asked for: `mariadb`, or `mysql` served by MariaDB. */
  readonly engine: 'mariadb' | 'mysql';
  readonly engineVersion: string;
  /** A minor version upgrade asked for without ApplyImmediately: it takes effect at the next reboot. */
  readonly pendingEngineVersion?: string;
  readonly instanceClass: string;
  /** A class change asked for without ApplyImmediately: it takes effect at the next reboot. */
  readonly pendingInstanceClass?: string;
  /** A rename asked for without ApplyImmediately: it takes effect at the next reboot. */
  readonly pendingIdentifier?: string;
  /** While a rename is under way: the old identifier, whose files and secrets may not have moved yet. */
  readonly renamedFrom?: string;
  readonly masterUsername: string;
  readonly dbName: string | null;
  readonly port: number;
  readonly serverId: number;
  readonly allocatedStorage: number;
  readonly backupRetentionPeriod: number;
  readonly createTime: string;
  readonly tags: readonly Tag[];
  readonly status: InstanceStatus;
  /** The source of a read replica; null for a standalone instance. */
  readonly replicaOf?: string | null;
  /** A read replica's last known replication status. */
  readonly replication?: ReplicationRecord;
  /** The DB parameter group; absent means the family's default group. */
  readonly parameterGroup?: string;
  /**
   * Old blue after a blue/green switchover: read-only, reboots included, until its parameter group
   * sets `read_only` to 0 (as RDS keeps it); read_only's default formula reads it.
   */
  readonly switchedOver?: boolean;
  /** rds_reset_external_master calls already reported (RDS-EVENT-0063). */
  readonly externalResets?: number;
  readonly options?: InstanceOptions;
  /** DeletionProtection: DeleteDBInstance is refused while it is on. */
  readonly deletionProtection?: boolean;
  /** The DB subnet group (bookkeeping); absent: none, as for an instance created without one. */
  readonly subnetGroup?: string;
  /** `pending-reboot` while static values (or a new group) wait for a reboot. */
  readonly parameterApplyStatus?: 'in-sync' | 'pending-reboot';
}
