import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { existingSnapshotIdentifier } from '../../control/snapshot-rules.js';
import { isPublic } from '../../control/snapshot-sharing.js';
import type { SnapshotRecord } from '../../model/snapshot-record.js';
import { defineAction } from '../action.js';
import { arnOf, idOrArn } from '../arn.js';
import { booleanParam, filtersOf, maxRecords, paginate, text } from '../params.js';
import { dbSnapshotXml } from '../snapshot-xml.js';

const FILTERS = ['db-instance-id', 'db-snapshot-id', 'dbi-resource-id', 'snapshot-type', 'engine'] as const;
const SNAPSHOT_TYPES = ['automated', 'manual', 'shared', 'public', 'awsbackup'] as const;

/**
 * Whether a snapshot is of one of RDS's snapshot types, for a service of one account: `public` is
 * this account's manual snapshots shared with `all` (there are no others), `shared` (snapshots other
 * accounts share with this one) and `awsbackup` match nothing here.
 */
const ofType = (snapshot: SnapshotRecord, type: string): boolean =>
  type === 'public' ? snapshot.type !== 'automated' && isPublic(snapshot) : type === (snapshot.type ?? 'manual');

export default defineAction({
  name: 'DescribeDBSnapshots',
  input: z.object({
    DBInstanceIdentifier: idOrArn('db', rules.dbInstanceIdentifier).optional(),
    DBSnapshotIdentifier: idOrArn('snapshot', existingSnapshotIdentifier('DBSnapshotIdentifier')).optional(),
    SnapshotType: z.enum(SNAPSHOT_TYPES, { message: `SnapshotType must be one of ${SNAPSHOT_TYPES.join(', ')}.` }).optional(),
    Filters: filtersOf(FILTERS),
    MaxRecords: maxRecords(),
    Marker: text(512).optional(),
    // They add other accounts' shared / public snapshots to the default list: here every public one is this
    // account's, and listed already; none is shared with it. Honoured, with nothing to add.
    IncludeShared: booleanParam.optional(),
    IncludePublic: booleanParam.optional(),
    DbiResourceId: text(255).optional(),
  }),
  async handle(input, context) {
    const snapshots = context.control.snapshots;
    // RDS: a named snapshot that does not exist is an error; a filter that matches nothing is an empty list.
    let records = input.DBSnapshotIdentifier ? [snapshots.get(input.DBSnapshotIdentifier)] : snapshots.list();
    const types = input.SnapshotType ? [input.SnapshotType] : ['automated', 'manual'];
    const keep = (values: readonly string[], value: string) => values.includes(value);
    records = records.filter(
      (s) =>
        types.some((type) => ofType(s, type)) &&
        (input.DBInstanceIdentifier === undefined || s.instanceId === input.DBInstanceIdentifier) &&
        (input.DbiResourceId === undefined || s.resourceId === input.DbiResourceId),
    );
    for (const filter of input.Filters ?? []) {
      const values = filter.Values;
      records = records.filter((s) => {
        switch (filter.Name) {
          case 'db-instance-id':
            return keep(values.map((v) => v.toLowerCase()), s.instanceId) || keep(values, arnOf({ kind: 'db', name: s.instanceId }, context));
          case 'db-snapshot-id':
            return keep(values.map((v) => v.toLowerCase()), s.id) || keep(values, arnOf({ kind: 'snapshot', name: s.id }, context));
          case 'dbi-resource-id':
            return keep(values, s.resourceId);
          case 'snapshot-type':
            return values.some((type) => ofType(s, type));
          case 'engine':
            return keep(values, s.engine);
        }
      });
    }
    const { page, next } = paginate(records, input.Marker, input.MaxRecords);
    return { Marker: next, DBSnapshots: { DBSnapshot: page.map((s) => dbSnapshotXml(s, context)) } };
  },
});
