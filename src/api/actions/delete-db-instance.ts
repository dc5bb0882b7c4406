import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { dbInstanceXml } from '../db-instance-xml.js';
import { snapshotIdentifier } from '../../control/snapshot-rules.js';
import { booleanParam } from '../params.js';

export default defineAction({
  name: 'DeleteDBInstance',
  input: z.object({
    DBInstanceIdentifier: rules.dbInstanceIdentifier,
    SkipFinalSnapshot: booleanParam.optional(),
    FinalDBSnapshotIdentifier: snapshotIdentifier('FinalDBSnapshotIdentifier').optional(),
    // RDS's default, true: an instance's automated backups go with it (kept here in its binary logs and files).
    DeleteAutomatedBackups: booleanParam
      .refine((remove) => remove, { message: 'openrds keeps no automated backups of deleted DB instances: DeleteAutomatedBackups must be true.' })
      .optional(),
  }),
  async handle(input, context) {
    const record = await context.control.delete(input.DBInstanceIdentifier, {
      skipFinalSnapshot: input.SkipFinalSnapshot ?? false,
      finalSnapshotId: input.FinalDBSnapshotIdentifier,
    });
    return { DBInstance: dbInstanceXml(record, context) };
  },
});
