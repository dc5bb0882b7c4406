import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { dbInstanceElement } from '../db-instance-xml.js';
import { filtersOf, maxRecords, paginate, text } from '../params.js';
import { RawXml } from '../xml.js';
import { arnOf } from '../arn.js';

const FILTERS = ['db-instance-id', 'engine', 'dbi-resource-id'] as const;

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
    for (const filter of input.Filters ?? []) {
      const values = new Set(filter.Values.map((v) => (filter.Name === 'db-instance-id' ? v.toLowerCase() : v)));
      records = records.filter((r) => {
        if (filter.Name === 'engine') return values.has(r.engine);
        if (filter.Name === 'dbi-resource-id') return values.has(r.resourceId);
        return values.has(r.id) || values.has(arnOf({ kind: 'db', name: r.id }, context));
      });
    }
    const { page, next } = paginate(records, input.Marker, input.MaxRecords);
    // Each <DBInstance> is written once and kept until it changes (db-instance-xml.ts).
    return { Marker: next, DBInstances: new RawXml(page.map((r) => dbInstanceElement(r, context, replicas.get(r.id) ?? []))) };
  },
});
