import { z } from 'zod';
import { existingSnapshotIdentifier } from '../../control/snapshot-rules.js';
import { defineAction } from '../action.js';
import { snapshotAttributesXml } from '../snapshot-attributes-xml.js';

export default defineAction({
  name: 'DescribeDBSnapshotAttributes',
  // Manual and automated snapshots alike (an automated one's `restore` is always empty).
  input: z.object({ DBSnapshotIdentifier: existingSnapshotIdentifier('DBSnapshotIdentifier') }),
  async handle(input, context) {
    return snapshotAttributesXml(context.control.snapshots.get(input.DBSnapshotIdentifier));
  },
});
