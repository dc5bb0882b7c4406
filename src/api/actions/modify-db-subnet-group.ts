import { z } from 'zod';
import { defineAction } from '../action.js';
import { text } from '../params.js';
import { subnetGroupName, subnetIds } from '../subnet-params.js';
import { subnetGroupXml } from '../subnet-group-xml.js';

export default defineAction({
  name: 'ModifyDBSubnetGroup',
  input: z.object({ DBSubnetGroupName: subnetGroupName, DBSubnetGroupDescription: text(255).optional(), SubnetIds: subnetIds }),
  async handle(input, context) {
    const group = context.control.subnetGroups.modify(input.DBSubnetGroupName, input.SubnetIds, input.DBSubnetGroupDescription);
    return { DBSubnetGroup: subnetGroupXml(group, context) };
  },
});
