import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { idOrArn } from '../arn.js';
import { dbInstanceXml } from '../db-instance-xml.js';
import { dbClusterIdentifier, refusedReplicaParams } from '../refused-params.js';
import { replicaOptionParams, optionsFrom } from '../instance-options.js';
import { booleanParam, text } from '../params.js';
import { subnetGroupName } from '../subnet-params.js';

export default defineAction({
  name: 'CreateDBInstanceReadReplica',
  input: z.object({
    DBInstanceIdentifier: rules.dbInstanceIdentifier,
    SourceDBInstanceIdentifier: idOrArn('db', rules.dbInstanceIdentifier),
    DBInstanceClass: rules.dbInstanceClass.optional(),
    Port: rules.port.optional(),
    DBParameterGroupName: rules.dbParameterGroupName.optional(),
    DBSubnetGroupName: subnetGroupName.optional(),
    Tags: rules.tags.optional(),
    DeletionProtection: booleanParam.optional(),
    OptionGroupName: text().optional(),
    AllocatedStorage: rules.allocatedStorage.optional(),
    // Nothing here is in a DB cluster: RDS's error for one it does not have.
    SourceDBClusterIdentifier: dbClusterIdentifier,
    ...replicaOptionParams,
    ...refusedReplicaParams,
  }),
  async handle(input, context) {
    const record = await context.control.createReadReplica({
      id: input.DBInstanceIdentifier,
      sourceId: input.SourceDBInstanceIdentifier,
      instanceClass: input.DBInstanceClass,
      port: input.Port,
      parameterGroupName: input.DBParameterGroupName,
      subnetGroupName: input.DBSubnetGroupName,
      tags: input.Tags,
      deletionProtection: input.DeletionProtection,
      options: optionsFrom(input, context.region).options,
      optionGroupName: input.OptionGroupName,
      allocatedStorage: input.AllocatedStorage,
    });
    return { DBInstance: dbInstanceXml(record, context) };
  },
});
