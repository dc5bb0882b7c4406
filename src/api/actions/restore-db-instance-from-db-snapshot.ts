import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { snapshotIdentifierOrArn } from '../../control/snapshot-rules.js';
import { defineAction } from '../action.js';
import { dbInstanceXml } from '../db-instance-xml.js';
import { optionsFrom, restoreOptionParams } from '../instance-options.js';
import { booleanParam, refusedParam } from '../params.js';

/** A boolean RDS offers that is always off here: false is honoured, true refused with `message`. */
const offOnly = (message: string) => booleanParam.refine((on) => !on, { message }).optional();

export default defineAction({
  name: 'RestoreDBInstanceFromDBSnapshot',
  input: z.object({
    DBInstanceIdentifier: rules.dbInstanceIdentifier,
    DBSnapshotIdentifier: snapshotIdentifierOrArn('DBSnapshotIdentifier'),
    DBInstanceClass: rules.dbInstanceClass.optional(),
    Port: rules.port.optional(),
    Engine: rules.engine.optional(),
    DBParameterGroupName: rules.dbParameterGroupName.optional(),
    Tags: rules.tags.optional(),
    DeletionProtection: booleanParam.optional(),
    UseDefaultProcessorFeatures: booleanParam.optional(),
    ...restoreOptionParams,
    // A MySQL or MariaDB restore keeps the snapshot's databases (RDS takes DBName for Oracle and SQL Server only).
    DBName: refusedParam('The parameter DBName is not valid for a MySQL or MariaDB restore: the instance keeps the snapshot\'s databases.'),
    DBSubnetGroupName: refusedParam('openrds has no DB subnet groups for a restore yet: restore without DBSubnetGroupName.'),
    OptionGroupName: refusedParam('openrds has no option groups: OptionGroupName is not supported.'),
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
    DBClusterSnapshotIdentifier: refusedParam('openrds has no DB clusters: restore from a DB snapshot (DBSnapshotIdentifier).'),
  }),
  async handle(input, context) {
    const record = await context.control.restore({
      id: input.DBInstanceIdentifier,
      snapshotId: input.DBSnapshotIdentifier,
      engine: input.Engine,
      instanceClass: input.DBInstanceClass,
      port: input.Port,
      parameterGroupName: input.DBParameterGroupName,
      tags: input.Tags,
      deletionProtection: input.DeletionProtection,
      options: optionsFrom(input, context.region).options,
    });
    return { DBInstance: dbInstanceXml(record, context) };
  },
});
