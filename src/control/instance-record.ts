/** RDS's DB instance states that openrds uses. */
export type InstanceStatus =
  | 'creating'
  | 'available'
  | 'modifying'
  | 'resetting-master-credentials'
  | 'rebooting'
  | 'stopping'
  | 'stopped'
  | 'starting'
  | 'deleting'
  | 'failed';

export interface Tag {
  readonly Key: string;
  readonly Value: string;
}

/** A DB instance as the control plane keeps it. */
export interface InstanceRecord {
  readonly id: string;
  readonly resourceId: string;
  /** What the user asked for: `mariadb`, or `mysql` served by MariaDB. */
  readonly engine: 'mariadb' | 'mysql';
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly masterUsername: string;
  readonly dbName: string | null;
  readonly port: number;
  readonly serverId: number;
  readonly allocatedStorage: number;
  readonly backupRetentionPeriod: number;
  readonly createTime: string;
  readonly tags: readonly Tag[];
  readonly status: InstanceStatus;
}
