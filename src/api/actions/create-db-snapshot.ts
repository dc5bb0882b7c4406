import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { snapshotIdentifier } from '../../control/snapshot-rules.js';
import { defineAction } from '../action.js';
import { dbSnapshotXml } from '../snapshot-xml.js';

export default defineAction({
  name: 'CreateDBSnapshot',
  input: z.object({
    DBSnapshotIdentifier: snapshotIdentifier('DBSnapshotIdentifier'),
    DBInstanceIdentifier: rules.dbInstanceIdentifier,
    Tags: rules.tags.optional(),
  }),
  async handle(input, context) {
    const snapshot = context.control.snapshots.create(input.DBSnapshotIdentifier, input.DBInstanceIdentifier, input.Tags);
    return { DBSnapshot: dbSnapshotXml(snapshot, context) };
  },
});
