import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { snapshotIdentifier, snapshotIdentifierOrArn } from '../../control/snapshot-rules.js';
import { defineAction } from '../action.js';
import { booleanParam, refusedParam } from '../params.js';
import { dbSnapshotXml } from '../snapshot-xml.js';

export default defineAction({
  name: 'CopyDBSnapshot',
  input: z.object({
    SourceDBSnapshotIdentifier: snapshotIdentifierOrArn('SourceDBSnapshotIdentifier'),
    TargetDBSnapshotIdentifier: snapshotIdentifier('TargetDBSnapshotIdentifier'),
    Tags: rules.tags.optional(),
    CopyTags: booleanParam.optional(),
    // One region, nothing encrypted, no option groups or Outposts here.
    KmsKeyId: refusedParam('openrds snapshots are not encrypted: KmsKeyId is not supported.'),
    PreSignedUrl: refusedParam('openrds copies snapshots within its one region: PreSignedUrl is not supported.'),
    OptionGroupName: refusedParam('openrds has no option groups: OptionGroupName is not supported.'),
    TargetCustomAvailabilityZone: refusedParam('openrds has no RDS Custom: TargetCustomAvailabilityZone is not supported.'),
  }),
  async handle(input, context) {
    const snapshot = context.control.snapshots.copy(input.SourceDBSnapshotIdentifier, input.TargetDBSnapshotIdentifier, input.Tags ?? [], input.CopyTags ?? false);
    return { DBSnapshot: dbSnapshotXml(snapshot, context) };
  },
});
