import { z } from 'zod';
import { defineAction } from '../action.js';
import { blueGreenXml } from '../blue-green-xml.js';
import { booleanParam, text } from '../params.js';

export default defineAction({
  name: 'DeleteBlueGreenDeployment',
  input: z.object({
    BlueGreenDeploymentIdentifier: text(255),
    DeleteTarget: booleanParam.optional(),
  }),
  async handle(input, context) {
    const record = context.control.blueGreen.delete(input.BlueGreenDeploymentIdentifier, input.DeleteTarget ?? false);
    return { BlueGreenDeployment: blueGreenXml(record, context) };
  },
});
