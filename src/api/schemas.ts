import { Type } from '@sinclair/typebox';

/** RFC 9457 problem details, as every API error is sent. */
export const Problem = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'Stabiele code, bijvoorbeeld forbidden of invalid_input.' }),
    detail: Type.String({ description: 'Nederlandse uitleg voor mensen.' }),
    instance: Type.String({ description: 'Trace-id van de aanvraag.' }),
    errors: Type.Optional(Type.Record(Type.String(), Type.String())),
  },
  { $id: 'Problem' },
);

export const problemResponses = {
  400: Type.Ref('Problem'),
  401: Type.Ref('Problem'),
  403: Type.Ref('Problem'),
};
