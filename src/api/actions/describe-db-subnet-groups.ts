import { z } from 'zod';
import { defineAction } from '../action.js';
import { maxRecords, paginate, text, unsupportedFilters } from '../params.js';
import { subnetGroupName } from '../subnet-params.js';
import { subnetGroupXml } from '../subnet-group-xml.js';

export default defineAction({
  name: 'DescribeDBSubnetGroups',
  input: z.object({ DBSubnetGroupName: subnetGroupName.optional(), Filters: unsupportedFilters(), MaxRecords: maxRecords(), Marker: text(512).optional() }),
  async handle(input, context) {
    const groups = input.DBSubnetGroupName ? [context.control.subnetGroups.get(input.DBSubnetGroupName)] : context.control.subnetGroups.list();
    const { page, next } = paginate(groups, input.Marker, input.MaxRecords);
    return { Marker: next, DBSubnetGroups: { DBSubnetGroup: page.map((g) => subnetGroupXml(g, context)) } };
  },
});
