import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { dbInstanceXml } from '../db-instance-xml.js';
import { refusedModifyParams } from '../refused-params.js';
import { modifyOptionParams, optionsFrom } from '../instance-options.js';
import { booleanParam, text } from '../params.js';
import { subnetGroupName } from '../subnet-params.js';

export default defineAction({
  name: 'ModifyDBInstance',
  input: z.object({
    DBInstanceIdentifier: rules.dbInstanceIdentifier,
    Engine: rules.engine.optional(),
    MasterUserPassword: rules.masterUserPassword.optional(),
    DBParameterGroupName: rules.dbParameterGroupName.optional(),
    DBSubnetGroupName: subnetGroupName.optional(),
    DBInstanceClass: rules.dbInstanceClass.optional(),
    EngineVersion: text(32).optional(),
    AllowMajorVersionUpgrade: booleanParam.optional(),
    AllocatedStorage: rules.allocatedStorage.optional(),
    BackupRetentionPeriod: rules.backupRetentionPeriod.optional(),
    ApplyImmediately: booleanParam.optional(),
    DeletionProtection: booleanParam.optional(),
    NewDBInstanceIdentifier: rules.instanceIdentifier('NewDBInstanceIdentifier').optional(),
    DBPortNumber: rules.port.optional(),
    OptionGroupName: text().optional(),
    // The CA is recorded only (no TLS certificate behind it): a CA change never restarts the instance.
    CertificateRotationRestart: booleanParam.optional(),
    ...modifyOptionParams,
    ...refusedModifyParams,
  }),
  async handle(input, context) {
    const record = await context.control.modify({
      id: input.DBInstanceIdentifier,
      ...optionsFrom(input, context.region),
      engine: input.Engine,
      masterUserPassword: input.MasterUserPassword,
      parameterGroupName: input.DBParameterGroupName,
      subnetGroupName: input.DBSubnetGroupName,
      instanceClass: input.DBInstanceClass,
      engineVersion: input.EngineVersion,
      allowMajorVersionUpgrade: input.AllowMajorVersionUpgrade,
      allocatedStorage: input.AllocatedStorage,
      backupRetentionPeriod: input.BackupRetentionPeriod,
      applyImmediately: input.ApplyImmediately,
      deletionProtection: input.DeletionProtection,
      newIdentifier: input.NewDBInstanceIdentifier,
      port: input.DBPortNumber,
      optionGroupName: input.OptionGroupName,
    });
    return { DBInstance: dbInstanceXml(record, context) };
  },
});
