import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginCallback } from 'fastify';

import { problemResponses } from '../api/schemas.ts';
import { requireActor } from '../web/guards.ts';
import {
  answerThread,
  listThreads,
  MAX_BERICHT,
  MAX_ONDERWERP,
  readThread,
  sendMessage,
  type Thread,
  type ThreadSummary,
  unreadMessageCount,
} from './service.ts';

const Gemeente = Type.Object({ id: Type.Integer(), naam: Type.String() });
const Afzender = Type.Object({
  naam: Type.String(),
  organisatie: Type.String({ description: 'COA of de organisatie van de contactpersoon' }),
});

/** One thread in the list, described by its first message. */
const Draadoverzicht = Type.Object({
  id: Type.Integer({ description: 'Id van het eerste bericht; ook het id van de draad' }),
  gemeente: Gemeente,
  onderwerp: Type.String(),
  afzender: Afzender,
  verstuurdOp: Type.String({ format: 'date-time' }),
  aantalAntwoorden: Type.Integer(),
  ongelezen: Type.Boolean({ description: 'Er is een bericht van een ander dat u niet las' }),
});

const Bericht = Type.Object({
  id: Type.Integer(),
  afzender: Afzender,
  eigen: Type.Boolean({ description: 'Door uzelf verstuurd' }),
  verstuurdOp: Type.String({ format: 'date-time' }),
  tekst: Type.String(),
});

/** A whole thread; the vergunninghouder's name only for readers who may see the person. */
const Draad = Type.Object({
  id: Type.Integer(),
  gemeente: Gemeente,
  onderwerp: Type.String(),
  vergunninghouder: Type.Union(
    [
      Type.Object({
        zichtbaar: Type.Boolean({
          description: 'Onwaar als de persoon niet (meer) aan een van uw gemeenten gekoppeld is',
        }),
        vNummer: Type.Optional(Type.String()),
        naam: Type.Optional(Type.String()),
      }),
      Type.Null(),
    ],
    { description: 'De vergunninghouder over wie het bericht gaat, of null' },
  ),
  berichten: Type.Array(Bericht, { description: 'Oudste eerst; het eerste is het bericht' }),
  magBeantwoorden: Type.Boolean(),
});

const NieuwBericht = Type.Object({
  gemeenteId: Type.Integer({ description: 'Een gemeente in de regio van de regievoerder' }),
  onderwerp: Type.String({ description: `1 tot en met ${MAX_ONDERWERP} tekens` }),
  bericht: Type.String({ description: `1 tot en met ${MAX_BERICHT} tekens` }),
  vNummer: Type.Optional(
    Type.String({
      description: 'Optioneel: V-nummer van een vergunninghouder die aan de gemeente gekoppeld is',
    }),
  ),
});

const Antwoord = Type.Object({
  bericht: Type.String({ description: `1 tot en met ${MAX_BERICHT} tekens` }),
});

const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const Verstuurd = Type.Object({ id: Type.Integer(), draadId: Type.Integer() });

const tags = ['Berichten'];
const withNotFound = { ...problemResponses, 404: Type.Ref('Problem') };

function summaryJson(t: ThreadSummary) {
  return { ...t, verstuurdOp: t.verstuurdOp.toISOString() };
}

function threadJson(t: Thread) {
  return {
    ...t,
    berichten: t.berichten.map((b) => ({ ...b, verstuurdOp: b.verstuurdOp.toISOString() })),
  };
}

/** Messages between the regievoerder and the gemeente: the same services as the pages. */
export const berichtenApi: FastifyPluginCallback = (instance, _options, done) => {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/berichten',
    {
      schema: {
        tags,
        summary: 'De berichten die u mag lezen, nieuwste eerst',
        description:
          'Een contactpersoon ziet de berichten van zijn gemeenten, een regievoerder die van ' +
          'de gemeenten in zijn regio. Per draad het eerste bericht en het aantal antwoorden.',
        querystring: Type.Object({ pagina: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: {
          200: Type.Object({
            totaal: Type.Integer(),
            pagina: Type.Integer(),
            perPagina: Type.Integer(),
            ongelezen: Type.Integer({ description: 'Draden met een ongelezen bericht' }),
            berichten: Type.Array(Draadoverzicht),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const [list, unread] = await Promise.all([
        listThreads(app.db, actor, request.query.pagina ?? 1),
        unreadMessageCount(app.db, actor),
      ]);
      return {
        totaal: list.totaal,
        pagina: list.pagina,
        perPagina: list.perPagina,
        ongelezen: unread,
        berichten: list.threads.map(summaryJson),
      };
    },
  );

  app.post(
    '/berichten',
    {
      schema: {
        tags,
        summary: 'Een bericht aan een gemeente schrijven (regievoerder)',
        description:
          'Alleen aan gemeenten in de eigen regio (anders 403). De contactpersonen die ' +
          '"Bericht van regievoerder aan gemeente" kozen, krijgen een notificatie.',
        body: NieuwBericht,
        response: { 201: Verstuurd, ...problemResponses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { berichtId } = await sendMessage(app.db, actor, request.body, request.id);
      return reply
        .status(201)
        .header('location', `/api/v1/berichten/${berichtId}`)
        .send({ id: berichtId, draadId: berichtId });
    },
  );

  app.get(
    '/berichten/:id',
    {
      schema: {
        tags,
        summary: 'Eén draad: het bericht met zijn antwoorden; markeert hem als gelezen',
        description: 'Het id van een antwoord geeft de draad waarin het staat.',
        params: IdParams,
        response: { 200: Draad, ...withNotFound },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return threadJson(await readThread(app.db, actor, request.params.id, request.id));
    },
  );

  app.post(
    '/berichten/:id/antwoorden',
    {
      schema: {
        tags,
        summary: 'Een bericht beantwoorden',
        description:
          'Contactpersonen van de gemeente en de regievoerder die het bericht stuurde, ' +
          'kunnen antwoorden.',
        params: IdParams,
        body: Antwoord,
        response: { 201: Verstuurd, ...withNotFound },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const answer = await answerThread(app.db, actor, request.params.id, request.body, request.id);
      return reply
        .status(201)
        .header('location', `/api/v1/berichten/${answer.threadId}`)
        .send({ id: answer.berichtId, draadId: answer.threadId });
    },
  );

  done();
};
