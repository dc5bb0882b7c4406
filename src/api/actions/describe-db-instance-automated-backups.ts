import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { RdsError } from '../../errors.js';
import { defineAction } from '../action.js';
import { arnOf } from '../arn.js';
import { automatedBackupsArn, automatedBackupXml } from '../automated-backup-xml.js';
import { filtersOf, maxRecords, paginate, text } from '../params.js';

const FILTERS = ['status', 'db-instance-id', 'dbi-resource-id'] as const;

/**
 * DescribeDBInstanceAutomatedBackups: one entry per instance with a backup retention period
 * (`creating` until its first automated snapshot, then `active`). Deleted instances keep none here,
 * so `retained` matches nothing.
 */
export default defineAction({
  name: 'DescribeDBInstanceAutomatedBackups',
  input: z.object({
    DbiResourceId: text(255).optional(),
    DBInstanceIdentifier: rules.dbInstanceIdentifier.optional(),
    Filters: filtersOf(FILTERS),
    MaxRecords: maxRecords(),
    Marker: text(512).optional(),
    DBInstanceAutomatedBackupsArn: text(1024).optional(),
  }),
  async handle(input, context) {
    let records = context.control.describe().filter((r) => r.backupRetentionPeriod > 0);
    records = records.filter(
      (r) =>
        (input.DBInstanceIdentifier === undefined || r.id === input.DBInstanceIdentifier) &&
        (input.DbiResourceId === undefined || r.resourceId === input.DbiResourceId) &&
        (input.DBInstanceAutomatedBackupsArn === undefined || automatedBackupsArn(r, context) === input.DBInstanceAutomatedBackupsArn),
    );
    const named = input.DBInstanceIdentifier ?? input.DbiResourceId ?? input.DBInstanceAutomatedBackupsArn;
    if (named !== undefined && records.length === 0) throw new RdsError('DBInstanceAutomatedBackupNotFound', `No automated backup for ${named} was found.`);
    const status = (r: (typeof records)[number]) => (context.control.backups.restoreWindow(r) ? 'active' : 'creating');
    for (const filter of input.Filters ?? []) {
      const values = filter.Values;
      records = records.filter((r) => {
        switch (filter.Name) {
          case 'status':
            return values.includes(status(r));
          case 'db-instance-id':
            return values.map((v) => v.toLowerCase()).includes(r.id) || values.includes(arnOf({ kind: 'db', name: r.id }, context));
          case 'dbi-resource-id':
            return values.includes(r.resourceId);
        }
      });
    }
    const { page, next } = paginate(records, input.Marker, input.MaxRecords);
    return { Marker: next, DBInstanceAutomatedBackups: { DBInstanceAutomatedBackup: page.map((r) => automatedBackupXml(r, context)) } };
  },
});
