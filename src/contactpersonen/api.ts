import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginCallback } from 'fastify';

import { problemResponses } from '../api/schemas.ts';
import { AppError } from '../errors.ts';
import { requireActor } from '../web/guards.ts';
import { MAX_RECHTSGROND, MIN_RECHTSGROND } from './input.ts';
import { deliverInvitation } from './invitation.ts';
import {
  addContactpersoon,
  listContactpersonen,
  removeContactpersoon,
  renewInvitation,
  updateContactpersoon,
} from './service.ts';

const Rol = Type.Union(
  [
    Type.Literal('gemeente'),
    Type.Literal('corporatie'),
    Type.Literal('sociale-dienst'),
    Type.Literal('vluchtelingenwerk'),
  ],
  { description: 'De rol bij deze gemeente' },
);

/** One contact person of a gemeente. */
const Contactpersoon = Type.Object({
  accountId: Type.Integer(),
  naam: Type.String(),
  telefoon: Type.Union([Type.String(), Type.Null()]),
  organisatie: Type.String(),
  rol: Rol,
  email: Type.String(),
  wachtwoordIngesteld: Type.Boolean({
    description: 'Onwaar zolang een uitgenodigde persoon nog geen wachtwoord heeft ingesteld',
  }),
  notificaties: Type.Array(Type.String(), { description: 'Gekozen notificaties (labels)' }),
  veldnotificaties: Type.Array(Type.String(), { description: 'Gekozen veldnotificaties' }),
  rechtsgrond: Type.Optional(
    Type.Union([Type.String(), Type.Null()], {
      description: 'De vastgelegde rechtsgrond; alleen voor wie de lijst beheert',
    }),
  ),
});

const rechtsgrondFields = {
  rechtsgrondBevestigd: Type.Optional(
    Type.Boolean({
      description:
        'Verplicht (true) bij een andere rol dan gemeente: de gemeente bevestigt dat zij de ' +
        'gegevens met deze organisatie mag delen. De toestemming van de vergunninghouder geldt ' +
        'alleen voor de gemeente.',
    }),
  ),
  rechtsgrond: Type.Optional(
    Type.String({
      maxLength: MAX_RECHTSGROND,
      description: `De rechtsgrond voor het delen, minstens ${MIN_RECHTSGROND} tekens; verplicht bij een andere rol dan gemeente`,
    }),
  ),
};

const NieuweContactpersoon = Type.Object(
  {
    naam: Type.String(),
    telefoonnummer: Type.String({ description: 'Bijvoorbeeld 06 12345678' }),
    email: Type.String({ description: 'Een bestaand account krijgt alleen het lidmaatschap' }),
    rol: Rol,
    organisatie: Type.String(),
    ...rechtsgrondFields,
  },
  { additionalProperties: false },
);

const Wijziging = Type.Object(
  {
    naam: Type.Optional(Type.String()),
    telefoonnummer: Type.Optional(Type.String()),
    organisatie: Type.Optional(Type.String()),
    rol: Type.Optional(Rol),
    ...rechtsgrondFields,
  },
  { additionalProperties: false, minProperties: 1 },
);

const Uitnodiging = Type.Object({
  verstuurd: Type.Boolean({ description: 'Onwaar als de e-mail niet kon worden verstuurd' }),
  geldigTot: Type.String({ format: 'date-time' }),
});

const ToegevoegdeContactpersoon = Type.Object({
  ...Contactpersoon.properties,
  uitnodiging: Type.Union([Uitnodiging, Type.Null()], {
    description: 'Null als het e-mailadres al een account had: dan is alleen het lid toegevoegd',
  }),
});

const GemeenteParams = Type.Object({ gemeenteId: Type.Integer({ minimum: 1 }) });
const ContactParams = Type.Object({
  gemeenteId: Type.Integer({ minimum: 1 }),
  accountId: Type.Integer({ minimum: 1 }),
});

const tags = ['Contactpersonen'];
const responses = { ...problemResponses, 404: Type.Ref('Problem'), 409: Type.Ref('Problem') };

/** The contact persons of a gemeente: the same service functions as the pages under Profiel. */
export const contactpersonenApi: FastifyPluginCallback = (instance, _options, done) => {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const path = '/gemeenten/:gemeenteId/contactpersonen';

  app.get(
    path,
    {
      schema: {
        tags,
        summary: 'De contactpersonen van een gemeente',
        description:
          'Voor elke contactpersoon van de gemeente, en voor de COA-beheerder. Notificaties zijn ' +
          'die voor deze gemeente of voor al iemands gemeenten.',
        params: GemeenteParams,
        response: { 200: Type.Array(Contactpersoon), ...responses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const list = await listContactpersonen(app.db, actor, request.params.gemeenteId);
      return list.contactpersonen;
    },
  );

  app.post(
    path,
    {
      schema: {
        tags,
        summary: 'Contactpersoon toevoegen',
        description:
          'Voor contactpersonen met de rol Gemeente en de COA-beheerder. Een nieuw account krijgt ' +
          'een e-mail met een eenmalige link om een wachtwoord in te stellen (72 uur geldig).',
        params: GemeenteParams,
        body: NieuweContactpersoon,
        response: { 201: ToegevoegdeContactpersoon, ...responses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { gemeenteId } = request.params;
      const result = await addContactpersoon(app.db, actor, gemeenteId, request.body, request.id);

      const invitation = result.invitation;
      const uitnodiging = invitation && {
        verstuurd: await deliverInvitation(request, invitation),
        geldigTot: invitation.expiresAt.toISOString(),
      };
      return reply.status(201).send({ ...result.contactpersoon, uitnodiging });
    },
  );

  app.patch(
    `${path}/:accountId`,
    {
      schema: {
        tags,
        summary: 'Contactpersoon wijzigen',
        description:
          'Naam, telefoonnummer en organisatie gelden voor het account, de rol voor deze ' +
          'gemeente. Een andere rol dan gemeente vraagt opnieuw om bevestiging en rechtsgrond.',
        params: ContactParams,
        body: Wijziging,
        response: { 200: Contactpersoon, ...responses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { gemeenteId, accountId } = request.params;
      return updateContactpersoon(app.db, actor, gemeenteId, accountId, request.body, request.id);
    },
  );

  app.delete(
    `${path}/:accountId`,
    {
      schema: {
        tags,
        summary: 'Contactpersoon verwijderen',
        description:
          'Verwijdert het lidmaatschap en de notificaties voor deze gemeente; zonder andere ' +
          'gemeente ook het account. Alle sessies van de persoon eindigen direct. De laatste ' +
          'contactpersoon met de rol Gemeente kan alleen de COA-beheerder verwijderen.',
        params: ContactParams,
        response: { 204: Type.Null(), ...responses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const { gemeenteId, accountId } = request.params;
      await removeContactpersoon(app.db, actor, gemeenteId, accountId, request.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    `${path}/:accountId/uitnodiging`,
    {
      schema: {
        tags,
        summary: 'Uitnodiging opnieuw versturen',
        description:
          'Voor een contactpersoon die nog geen wachtwoord heeft ingesteld. De nieuwe link maakt ' +
          'eerdere, ongebruikte links ongeldig.',
        params: ContactParams,
        response: { 200: Uitnodiging, 503: Type.Ref('Problem'), ...responses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { gemeenteId, accountId } = request.params;
      const invitation = await renewInvitation(app.db, actor, gemeenteId, accountId, request.id);

      if (!(await deliverInvitation(request, invitation))) {
        throw new AppError(
          503,
          'uitnodiging_niet_verstuurd',
          'De uitnodiging kon niet per e-mail worden verstuurd. Probeer het later opnieuw.',
        );
      }
      return { verstuurd: true, geldigTot: invitation.expiresAt.toISOString() };
    },
  );
  done();
};

/** For `register(import(…))` in the API's composition. */
