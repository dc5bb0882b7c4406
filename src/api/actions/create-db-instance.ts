import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { dbInstanceXml } from '../db-instance-xml.js';
import { dbClusterIdentifier, refusedCreateParams } from '../refused-params.js';
import { createOptionParams, optionsFrom } from '../instance-options.js';
import { booleanParam, text } from '../params.js';
import { subnetGroupName } from '../subnet-params.js';

export default defineAction({
  name: 'CreateDBInstance',
  input: z.object({
    DBInstanceIdentifier: rules.dbInstanceIdentifier,
    DBInstanceClass: rules.dbInstanceClass,
    Engine: rules.engine,
    MasterUsername: rules.masterUsername,
    MasterUserPassword: rules.masterUserPassword,
    EngineVersion: text(32).optional(),
    DBName: rules.dbName.optional(),
    Port: rules.port.optional(),
    DBParameterGroupName: rules.dbParameterGroupName.optional(),
    DBSubnetGroupName: subnetGroupName.optional(),
    AllocatedStorage: rules.allocatedStorage.optional(),
    BackupRetentionPeriod: rules.backupRetentionPeriod.optional(),
    Tags: rules.tags.optional(),
    DeletionProtection: booleanParam.optional(),
    OptionGroupName: text().optional(),
    CharacterSetName: text().optional(),
    DBClusterIdentifier: dbClusterIdentifier,
    ...createOptionParams,
    ...refusedCreateParams,
  }),
  async handle(input, context) {
    const record = await context.control.create({
      id: input.DBInstanceIdentifier,
      engine: input.Engine as 'mariadb' | 'mysql',
      engineVersion: input.EngineVersion,
      instanceClass: input.DBInstanceClass,
      masterUsername: input.MasterUsername,
      masterUserPassword: input.MasterUserPassword,
      dbName: input.DBName,
      port: input.Port,
      parameterGroupName: input.DBParameterGroupName,
      subnetGroupName: input.DBSubnetGroupName,
      allocatedStorage: input.AllocatedStorage,
      backupRetentionPeriod: input.BackupRetentionPeriod,
      tags: input.Tags,
      deletionProtection: input.DeletionProtection,
      options: optionsFrom(input, context.region).options,
      optionGroupName: input.OptionGroupName,
      characterSetName: input.CharacterSetName,
    });
    return { DBInstance: dbInstanceXml(record, context) };
  },
});
