import { z } from 'zod';
import { modifyRestoreAttribute } from '../../control/snapshot-sharing.js';
import { snapshotIdentifier } from '../../control/snapshot-rules.js';
import { defineAction } from '../action.js';
import { text } from '../params.js';
import { snapshotAttributesXml } from '../snapshot-attributes-xml.js';

export default defineAction({
  name: 'ModifyDBSnapshotAttribute',
  input: z.object({
    // A manual snapshot's identifier only: RDS refuses an automated one's (`rds:...`) with the identifier rule.
    DBSnapshotIdentifier: snapshotIdentifier('DBSnapshotIdentifier'),
    AttributeName: text(),
    ValuesToAdd: z.array(text()).max(100).optional(),
    ValuesToRemove: z.array(text()).max(100).optional(),
  }),
  async handle(input, context) {
    const snapshots = context.control.snapshots;
    modifyRestoreAttribute(snapshots, input.DBSnapshotIdentifier, input.AttributeName, input.ValuesToAdd ?? [], input.ValuesToRemove ?? []);
    return snapshotAttributesXml(snapshots.get(input.DBSnapshotIdentifier));
  },
});
