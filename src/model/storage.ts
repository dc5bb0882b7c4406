/**
 * The storage openrds accepts for an instance, as RDS for MySQL and MariaDB names it: the storage
 * types, the allocated storage range, and the Iops and throughput ranges. CreateDBInstance's and
 * ModifyDBInstance's rules and DescribeOrderableDBInstanceOptions read them from here.
 */
export const STORAGE_TYPES = ['standard', 'gp2', 'gp3', 'io1', 'io2'] as const;
export type StorageType = (typeof STORAGE_TYPES)[number];

/** AllocatedStorage (and MaxAllocatedStorage) in GiB, for every storage type. */
export const STORAGE_GIB = { min: 20, max: 65536 } as const;

/** Provisioned IOPS per instance, and the storage types that take them. */
export const IOPS = { min: 1000, max: 256000 } as const;
export const IOPS_STORAGE_TYPES: readonly StorageType[] = ['io1', 'io2', 'gp3'];
/** The storage types that need Iops. */
export const IOPS_REQUIRED: readonly StorageType[] = ['io1', 'io2'];

/** StorageThroughput in MiB/s (gp3 only). */
export const THROUGHPUT = { min: 125, max: 4000 } as const;
export const THROUGHPUT_STORAGE_TYPES: readonly StorageType[] = ['gp3'];
