import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginCallback } from 'fastify';

import { problemResponses } from '../api/schemas.ts';
import { requireActor } from '../web/guards.ts';
import {
  choicesFor,
  listNotifications,
  markAllRead,
  openNotification,
  setChoices,
} from './service.ts';

const Notificatie = Type.Object({
  id: Type.Integer(),
  soort: Type.Union([Type.Literal('event'), Type.Literal('field')]),
  titel: Type.String(),
  tekst: Type.String(),
  link: Type.Union([Type.String(), Type.Null()]),
  gemeente: Type.Union([Type.String(), Type.Null()]),
  aangemaaktOp: Type.String({ format: 'date-time' }),
  gelezenOp: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const Keuze = Type.Object({
  sleutel: Type.String(),
  label: Type.String(),
  gekozen: Type.Boolean(),
});
const Keuzes = Type.Object({
  gemeenteId: Type.Integer(),
  gemeente: Type.String(),
  notificaties: Type.Array(Keuze),
  veldnotificaties: Type.Array(Keuze),
});

const tags = ['Notificaties'];
const responses = { ...problemResponses, 404: Type.Ref('Problem') };

/** Notifications of the signed-in user and their choices. */
export const notificatiesApi: FastifyPluginCallback = (instance, _options, done) => {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/notificaties',
    {
      schema: {
        tags,
        summary: 'Uw notificaties, nieuwste eerst, met het aantal ongelezen',
        querystring: Type.Object({ pagina: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: {
          200: Type.Object({
            totaal: Type.Integer(),
            ongelezen: Type.Integer(),
            notificaties: Type.Array(Notificatie),
          }),
          ...responses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const listing = await listNotifications(app.db, actor, request.query.pagina ?? 1);
      return {
        totaal: listing.total,
        ongelezen: listing.unread,
        notificaties: listing.rows.map((n) => ({
          id: n.id,
          soort: n.kind,
          titel: n.title,
          tekst: n.body,
          link: n.link,
          gemeente: n.gemeente,
          aangemaaktOp: n.createdAt.toISOString(),
          gelezenOp: n.readAt?.toISOString() ?? null,
        })),
      };
    },
  );

  app.post(
    '/notificaties/:id/gelezen',
    {
      schema: {
        tags,
        summary: 'Een notificatie als gelezen markeren',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }) }),
        response: { 204: Type.Null(), ...responses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await openNotification(app.db, actor, request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/notificaties/gelezen',
    {
      schema: {
        tags,
        summary: 'Alle notificaties als gelezen markeren',
        response: { 200: Type.Object({ gemarkeerd: Type.Integer() }), ...responses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { gemarkeerd: await markAllRead(app.db, actor) };
    },
  );

  app.get(
    '/notificatiekeuzes',
    {
      schema: {
        tags,
        summary: 'Per gemeente de notificaties die uw rol mag kiezen, en wat u koos',
        response: { 200: Type.Array(Keuzes), ...responses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const offered = await choicesFor(app.db, actor);
      return offered.map((o) => ({
        gemeenteId: o.gemeenteId,
        gemeente: o.gemeenteNaam,
        notificaties: o.events.map((c) => ({
          sleutel: c.key,
          label: c.label,
          gekozen: o.chosenEvents.includes(c.key),
        })),
        veldnotificaties: o.fields.map((c) => ({
          sleutel: c.key,
          label: c.label,
          gekozen: o.chosenFields.includes(c.key),
        })),
      }));
    },
  );

  app.put(
    '/notificatiekeuzes/:gemeenteId',
    {
      schema: {
        tags,
        summary: 'Uw keuzes voor één gemeente vervangen; een keuze die uw rol niet mag: 403',
        params: Type.Object({ gemeenteId: Type.Integer({ minimum: 1 }) }),
        body: Type.Object({
          notificaties: Type.Array(Type.String(), { maxItems: 50 }),
          veldnotificaties: Type.Array(Type.String(), { maxItems: 50 }),
        }),
        response: { 204: Type.Null(), ...responses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await setChoices(
        app.db,
        actor,
        request.params.gemeenteId,
        request.body.notificaties,
        request.body.veldnotificaties,
        request.id,
      );
      return reply.status(204).send(null);
    },
  );
  done();
};
