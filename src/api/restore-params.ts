import { z } from 'zod';
import type { RestoreInput } from '../control/control-plane.js';
import type { Tag } from '../model/instance-record.js';
import { optionsFrom } from './instance-options.js';
import { booleanParam, refusedParam, text } from './params.js';
import { subnetGroupName } from './subnet-params.js';

/** A boolean RDS offers that is always off here: false is honoured, true refused with `message`. */
const offOnly = (message: string) => booleanParam.refine((on) => !on, { message }).optional();

/**
 * The parameters both restores (from a DB snapshot, to a point in time) take beyond the instance's
 * options: refused or honoured only as openrds is where nothing is behind them here.
 */
export const restoreRefusedParams = {
  // A MySQL or MariaDB restore keeps the snapshot's databases (RDS takes DBName for Oracle and SQL Server only).
  DBName: refusedParam('The parameter DBName is not valid for a MySQL or MariaDB restore: the instance keeps the snapshot\'s databases.'),
  DBSubnetGroupName: subnetGroupName.optional(),
  OptionGroupName: text().optional(),
  TdeCredentialArn: refusedParam('TDE is not supported for MySQL or MariaDB.'),
  TdeCredentialPassword: refusedParam('TDE is not supported for MySQL or MariaDB.'),
  Domain: refusedParam('Kerberos domains are not supported for MySQL or MariaDB.'),
  DomainIAMRoleName: refusedParam('Kerberos domains are not supported for MySQL or MariaDB.'),
  EnableIAMDatabaseAuthentication: offOnly('openrds has no IAM database authentication.'),
  ProcessorFeatures: refusedParam('openrds instances have no processor features to set.'),
  EnableCustomerOwnedIp: offOnly('openrds has no Outposts: EnableCustomerOwnedIp is not supported.'),
  CustomIamInstanceProfile: refusedParam('openrds has no RDS Custom: CustomIamInstanceProfile is not supported.'),
  BackupTarget: z.literal('region', { message: 'openrds keeps backups in its region only: BackupTarget must be region.' }).optional(),
  NetworkType: z.literal('IPV4', { message: 'openrds instances listen on IPv4 only: NetworkType must be IPV4.' }).optional(),
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
  };
}
