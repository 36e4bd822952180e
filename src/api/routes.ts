import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginCallback } from 'fastify';

import { recordProcessing } from '../audit/processing-log.ts';
import { LOG_PAGE_SIZE, listProcessing } from '../audit/queries.ts';
import { getWelcomeText, listRegions, setWelcomeText } from '../startpagina/service.ts';
import { berichtenApi } from '../berichten/api.ts';
import { contactpersonenApi } from '../contactpersonen/api.ts';
import { klantprofielenApi } from '../klantprofielen/api.ts';
import { notificatiesApi } from '../notificaties/api.ts';
import { vergunninghoudersApi } from '../vergunninghouders/api.ts';
import { requireActor, requireRight } from '../web/guards.ts';
import { Problem, problemResponses } from './schemas.ts';

const Account = Type.Object({
  id: Type.Integer(),
  naam: Type.String(),
  email: Type.String(),
  coaRol: Type.Union([Type.String(), Type.Null()]),
  regio: Type.Union([Type.String(), Type.Null()]),
  gemeenten: Type.Array(
    Type.Object({ id: Type.Integer(), naam: Type.String(), rol: Type.String() }),
  ),
});

const Regio = Type.Object({
  code: Type.String(),
  naam: Type.String(),
  gemeenten: Type.Array(Type.Object({ id: Type.Integer(), naam: Type.String() })),
  regievoerders: Type.Array(
    Type.Object({
      naam: Type.String(),
      telefoon: Type.Union([Type.String(), Type.Null()]),
      email: Type.String(),
    }),
  ),
});

const Welkomsttekst = Type.Object({ tekst: Type.String({ minLength: 1, maxLength: 5000 }) });

const Verwerking = Type.Object({
  id: Type.Integer(),
  tijdstip: Type.String({ format: 'date-time' }),
  traceId: Type.String(),
  actor: Type.Union([Type.String(), Type.Null()]),
  activiteit: Type.String(),
  handeling: Type.String(),
  betrokkeneSoort: Type.Union([Type.String(), Type.Null()]),
  betrokkeneId: Type.Union([Type.String(), Type.Null()]),
});

/** The JSON API under /api/v1: the same services and policy as the pages. */
export const apiRoutes: FastifyPluginCallback = (instance, _options, done) => {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.addSchema(Problem);

  app.get('/openapi.json', { schema: { hide: true } }, () => app.swagger());

  app.get(
    '/account',
    {
      schema: {
        tags: ['Account'],
        summary: 'Het account van de ingelogde gebruiker, met rollen en gemeenten',
        response: { 200: Account, ...problemResponses },
      },
    },
    (request) => {
      const actor = requireActor(request);
      return {
        id: actor.id,
        naam: actor.name,
        email: actor.email,
        coaRol: actor.coaRole,
        regio: actor.regioCode,
        gemeenten: actor.memberships.map((m) => ({
          id: m.gemeenteId,
          naam: m.gemeenteNaam,
          rol: m.role,
        })),
      };
    },
  );

  app.get(
    '/regios',
    {
      schema: {
        tags: ['Startpagina'],
        summary: "De uitplaatsingsregio's met hun gemeenten en regievoerders",
        response: { 200: Type.Array(Regio), ...problemResponses },
      },
    },
    async (request) => {
      requireRight(request, 'startpagina.bekijken');
      const regions = await listRegions(app.db);
      return regions.map((r) => ({
        ...r,
        regievoerders: r.regievoerders.map((v) => ({
          naam: v.name,
          telefoon: v.phone,
          email: v.email,
        })),
      }));
    },
  );

  app.get(
    '/welkomsttekst',
    {
      schema: {
        tags: ['Startpagina'],
        summary: 'De welkomsttekst van de startpagina',
        response: { 200: Welkomsttekst, ...problemResponses },
      },
    },
    async (request) => {
      requireRight(request, 'startpagina.bekijken');
      return { tekst: await getWelcomeText(app.db) };
    },
  );

  app.put(
    '/welkomsttekst',
    {
      schema: {
        tags: ['Startpagina'],
        summary: 'De welkomsttekst wijzigen (COA-beheerder)',
        body: Welkomsttekst,
        response: { 200: Welkomsttekst, ...problemResponses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      await setWelcomeText(app.db, actor, request.body.tekst, request.id);
      return { tekst: await getWelcomeText(app.db) };
    },
  );

  app.get(
    '/verwerkingen',
    {
      schema: {
        tags: ['Logboek dataverwerkingen'],
        summary: 'Het logboek dataverwerkingen, nieuwste eerst (COA-beheerder)',
        querystring: Type.Object({ pagina: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: {
          200: Type.Object({
            totaal: Type.Integer(),
            paginaGrootte: Type.Integer(),
            verwerkingen: Type.Array(Verwerking),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const actor = requireRight(request, 'verwerkingslog.bekijken');
      const page = request.query.pagina ?? 1;
      const { rows, total } = await listProcessing(app.db, page);
      await recordProcessing(app.db, {
        traceId: request.id,
        actorId: actor.id,
        activity: 'functioneel-beheer',
        action: 'read',
        subjectType: 'logboek',
        details: { page, rows: rows.length },
      });
      return {
        totaal: total,
        paginaGrootte: LOG_PAGE_SIZE,
        verwerkingen: rows.map((r) => ({
          id: r.id,
          tijdstip: r.at.toISOString(),
          traceId: r.trace_id,
          actor: r.actor_name,
          activiteit: r.activity,
          handeling: r.action,
          betrokkeneSoort: r.subject_type,
          betrokkeneId: r.subject_id,
        })),
      };
    },
  );
  void app.register(vergunninghoudersApi);
  void app.register(klantprofielenApi);
  void app.register(contactpersonenApi);
  void app.register(notificatiesApi);
  void app.register(berichtenApi);
  done();
};
