import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { dbInstanceXml } from '../db-instance-xml.js';
import { refusedParam } from '../params.js';

export default defineAction({
  name: 'StopDBInstance',
  input: z.object({
    DBInstanceIdentifier: rules.dbInstanceIdentifier,
    DBSnapshotIdentifier: refusedParam('openrds does not take DB snapshots yet: stop the instance without DBSnapshotIdentifier.'),
  }),
  async handle(input, context) {
    return { DBInstance: dbInstanceXml(await context.control.stop(input.DBInstanceIdentifier), context) };
  },
});
