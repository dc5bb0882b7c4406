import { z } from 'zod';
import { existingSnapshotIdentifier } from '../../control/snapshot-rules.js';
import { defineAction } from '../action.js';
import { dbSnapshotXml } from '../snapshot-xml.js';

export default defineAction({
  name: 'DeleteDBSnapshot',
  input: z.object({ DBSnapshotIdentifier: existingSnapshotIdentifier('DBSnapshotIdentifier') }),
  async handle(input, context) {
    return { DBSnapshot: dbSnapshotXml(await context.control.snapshots.delete(input.DBSnapshotIdentifier), context) };
  },
});
