import { z } from 'zod';
import { defineAction } from '../action.js';
import { subnetGroupName } from '../subnet-params.js';

export default defineAction({
  name: 'DeleteDBSubnetGroup',
  input: z.object({ DBSubnetGroupName: subnetGroupName }),
  async handle(input, context) {
    context.control.subnetGroups.delete(input.DBSubnetGroupName);
    return undefined;
  },
});
