import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { existingSnapshotIdentifier } from '../../control/snapshot-rules.js';
import { defineAction } from '../action.js';
import { idOrArn } from '../arn.js';
import { dbInstanceXml } from '../db-instance-xml.js';
import { restoreOptionParams } from '../instance-options.js';
import { booleanParam, refusedParam } from '../params.js';
import { restoredInstance, restoreRefusedParams } from '../restore-params.js';

export default defineAction({
  name: 'RestoreDBInstanceFromDBSnapshot',
  input: z.object({
    DBInstanceIdentifier: rules.dbInstanceIdentifier,
    DBSnapshotIdentifier: idOrArn('snapshot', existingSnapshotIdentifier('DBSnapshotIdentifier')),
    DBInstanceClass: rules.dbInstanceClass.optional(),
    Port: rules.port.optional(),
    Engine: rules.engine.optional(),
    DBParameterGroupName: rules.dbParameterGroupName.optional(),
    Tags: rules.tags.optional(),
    DeletionProtection: booleanParam.optional(),
    ...restoreOptionParams,
    ...restoreRefusedParams,
    DBClusterSnapshotIdentifier: refusedParam('openrds has no DB clusters: restore from a DB snapshot (DBSnapshotIdentifier).'),
  }),
  async handle(input, context) {
    const record = await context.control.restores.fromSnapshot({
      id: input.DBInstanceIdentifier,
      snapshotId: input.DBSnapshotIdentifier,
      ...restoredInstance(input, context.region),
    });
    return { DBInstance: dbInstanceXml(record, context) };
  },
});
