import * as rules from '../control/rules.js';
import type { RestoreInput } from '../control/control-plane.js';
import type { Tag } from '../model/instance-record.js';
import { optionsFrom } from './instance-options.js';
import { refusedParam, text } from './params.js';
import { refusedRestoreParams } from './refused-params.js';
import { subnetGroupName } from './subnet-params.js';

/**
 * The parameters both restores (from a DB snapshot, to a point in time) take beyond the instance's
 * options; what has nothing behind it here is refused as CreateDBInstance refuses it.
 */
export const restoreRefusedParams = {
  // A MySQL or MariaDB restore keeps the snapshot's databases (RDS takes DBName for Oracle and SQL Server only).
  DBName: refusedParam('The parameter DBName is not valid for a MySQL or MariaDB restore: the instance keeps the snapshot\'s databases.'),
  DBSubnetGroupName: subnetGroupName.optional(),
  OptionGroupName: text().optional(),
  AllocatedStorage: rules.allocatedStorage.optional(),
  BackupRetentionPeriod: rules.backupRetentionPeriod.optional(),
  ...refusedRestoreParams,
};

/** What both restores take for the new instance, as CreateDBInstance would. */
export function restoredInstance(
  input: Parameters<typeof optionsFrom>[0] & {
    readonly Engine?: string;
    readonly DBInstanceClass?: string;
    readonly Port?: number;
    readonly DBParameterGroupName?: string;
    readonly Tags?: readonly Tag[];
    readonly DeletionProtection?: boolean;
    readonly DBSubnetGroupName?: string;
    readonly OptionGroupName?: string;
    readonly AllocatedStorage?: number;
    readonly BackupRetentionPeriod?: number;
  },
  region: string,
): Omit<RestoreInput, 'id' | 'snapshotId'> {
  return {
    engine: input.Engine,
    instanceClass: input.DBInstanceClass,
    port: input.Port,
    parameterGroupName: input.DBParameterGroupName,
    tags: input.Tags,
    deletionProtection: input.DeletionProtection,
    options: optionsFrom(input, region).options,
    subnetGroupName: input.DBSubnetGroupName,
    optionGroupName: input.OptionGroupName,
    allocatedStorage: input.AllocatedStorage,
    backupRetentionPeriod: input.BackupRetentionPeriod,
  };
}
