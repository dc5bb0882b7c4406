import { z } from 'zod';
import { defineAction } from '../action.js';
import { arnOf } from '../arn.js';
import { blueGreenXml } from '../blue-green-xml.js';
import { filtersOf, maxRecords, paginate, text } from '../params.js';

const FILTERS = ['blue-green-deployment-identifier', 'blue-green-deployment-name', 'source', 'target'] as const;

export default defineAction({
  name: 'DescribeBlueGreenDeployments',
  input: z.object({
    BlueGreenDeploymentIdentifier: text(255).optional(),
    Filters: filtersOf(FILTERS),
    MaxRecords: maxRecords(),
    Marker: text(512).optional(),
  }),
  async handle(input, context) {
    const deployments = context.control.blueGreen.deployments;
    let records = input.BlueGreenDeploymentIdentifier ? [deployments.get(input.BlueGreenDeploymentIdentifier)] : deployments.list();
    const db = (id: string) => arnOf({ kind: 'db', name: id }, context);
    for (const filter of input.Filters ?? []) {
      const values = new Set(filter.Values);
      records = records.filter((r) => {
        switch (filter.Name) {
          case 'blue-green-deployment-identifier':
            return values.has(r.id);
          case 'blue-green-deployment-name':
            return values.has(r.name);
          case 'source':
            return values.has(db(r.members[0]!.source));
          case 'target':
            return values.has(db(r.members[0]!.target));
        }
      });
    }
    const { page, next } = paginate(records, input.Marker, input.MaxRecords);
    return { BlueGreenDeployments: { member: page.map((r) => blueGreenXml(r, context)) }, Marker: next };
  },
});
