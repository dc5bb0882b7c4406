import { z } from 'zod';
import * as rules from '../../control/rules.js';
import type { InstanceRecord } from '../../model/instance-record.js';
import { defineAction, type RequestContext } from '../action.js';
import { dbInstanceElement } from '../db-instance-xml.js';
import { filtersOf, maxRecords, paginate, text } from '../params.js';
import { RawXml } from '../xml.js';
import { arnOf } from '../arn.js';

const FILTERS = ['db-cluster-id', 'db-instance-id', 'dbi-resource-id', 'domain', 'engine'] as const;

/** Whether an instance passes one of RDS's filters (no instance here is in a DB cluster or an Active Directory domain). */
function filterMatches(name: (typeof FILTERS)[number], values: readonly string[], record: InstanceRecord, context: RequestContext): boolean {
  switch (name) {
    case 'db-instance-id':
      return values.some((v) => [record.id, arnOf({ kind: 'db', name: record.id }, context)].includes(v.toLowerCase()));
    case 'dbi-resource-id':
      return values.includes(record.resourceId);
    case 'engine':
      return values.includes(record.engine);
    case 'db-cluster-id':
    case 'domain':
      return false;
  }
}

export default defineAction({
  name: 'DescribeDBInstances',
  input: z.object({
    DBInstanceIdentifier: rules.dbInstanceIdentifier.optional(),
    Filters: filtersOf(FILTERS),
    MaxRecords: maxRecords(),
    Marker: text(512).optional(),
  }),
  async handle(input, context) {
    const all = context.control.describe();
    let records = input.DBInstanceIdentifier ? context.control.describe(input.DBInstanceIdentifier) : all;
    const replicas = new Map<string, string[]>();
    for (const r of all) {
      if (!r.replicaOf) continue;
      const ids = replicas.get(r.replicaOf);
      if (ids) ids.push(r.id);
      else replicas.set(r.replicaOf, [r.id]);
    }
    for (const filter of input.Filters ?? []) records = records.filter((r) => filterMatches(filter.Name, filter.Values, r, context));
    const { page, next } = paginate(records, input.Marker, input.MaxRecords);
    // Each <DBInstance> is written once and kept until it changes (db-instance-xml.ts).
    return { Marker: next, DBInstances: new RawXml(page.map((r) => dbInstanceElement(r, context, replicas.get(r.id) ?? []))) };
  },
});
