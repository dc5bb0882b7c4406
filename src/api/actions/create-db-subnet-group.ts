import { z } from 'zod';
import * as rules from '../../control/rules.js';
import { defineAction } from '../action.js';
import { text } from '../params.js';
import { subnetGroupName, subnetIds } from '../subnet-params.js';
import { subnetGroupXml } from '../subnet-group-xml.js';

export default defineAction({
  name: 'CreateDBSubnetGroup',
  input: z.object({ DBSubnetGroupName: subnetGroupName, DBSubnetGroupDescription: text(255), SubnetIds: subnetIds, Tags: rules.tags.optional() }),
  async handle(input, context) {
    const group = context.control.subnetGroups.create(input.DBSubnetGroupName, input.DBSubnetGroupDescription, input.SubnetIds, input.Tags);
    return { DBSubnetGroup: subnetGroupXml(group, context) };
  },
});
