import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { existingSnapshotIdentifier, snapshotIdentifier } from '../../control/snapshot-rules.js';
import { defineAction } from '../action.js';
import { refusedCopySnapshotParams } from '../refused-params.js';
import { idOrArn } from '../arn.js';
import { checkOptionGroup } from '../../control/option-groups.js';
import { booleanParam, refusedParam, text } from '../params.js';
import { dbSnapshotXml } from '../snapshot-xml.js';

export default defineAction({
  name: 'CopyDBSnapshot',
  input: z.object({
    SourceDBSnapshotIdentifier: idOrArn('snapshot', existingSnapshotIdentifier('SourceDBSnapshotIdentifier')),
    TargetDBSnapshotIdentifier: snapshotIdentifier('TargetDBSnapshotIdentifier'),
    Tags: rules.tags.optional(),
    CopyTags: booleanParam.optional(),
    // One region, nothing encrypted, no Outposts here; the one option group is the version's default.
    KmsKeyId: refusedParam('openrds snapshots are not encrypted: KmsKeyId is not supported.'),
    PreSignedUrl: refusedParam('openrds copies snapshots within its one region: PreSignedUrl is not supported.'),
    OptionGroupName: text().optional(),
    TargetCustomAvailabilityZone: refusedParam('openrds has no RDS Custom: TargetCustomAvailabilityZone is not supported.'),
    ...refusedCopySnapshotParams,
  }),
  async handle(input, context) {
    checkOptionGroup(context.control.snapshots.get(input.SourceDBSnapshotIdentifier), input.OptionGroupName);
    const snapshot = context.control.snapshots.copy(input.SourceDBSnapshotIdentifier, input.TargetDBSnapshotIdentifier, input.Tags ?? [], input.CopyTags ?? false);
    return { DBSnapshot: dbSnapshotXml(snapshot, context) };
  },
});
