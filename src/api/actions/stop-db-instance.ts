import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { refusedStopParams } from '../refused-params.js';
import { dbInstanceXml } from '../db-instance-xml.js';
import { snapshotIdentifier } from '../../control/snapshot-rules.js';

export default defineAction({
  name: 'StopDBInstance',
  input: z.object({
    DBInstanceIdentifier: rules.dbInstanceIdentifier,
    DBSnapshotIdentifier: snapshotIdentifier('DBSnapshotIdentifier').optional(),
    ...refusedStopParams,
  }),
  async handle(input, context) {
    return { DBInstance: dbInstanceXml(await context.control.stop(input.DBInstanceIdentifier, input.DBSnapshotIdentifier), context) };
  },
});
