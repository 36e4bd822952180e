import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from '@sinclair/typebox';
import type { FastifyPluginCallback } from 'fastify';

import { problemResponses } from '../api/schemas.ts';
import { errors } from '../errors.ts';
import { requireActor } from '../web/guards.ts';
import { koppelHousehold, correctPerson, ontkoppelHousehold, setBlocked } from './actions.ts';
import { correctionFields } from './corrections.ts';
import { jaNeeCriteria, pageSizes, parseCriteria, sortKeys } from './criteria.ts';
import { todayText } from './fase.ts';
import { fieldSpecs } from './fields.ts';
import { searchForActor, viewPerson } from './service.ts';

const nullable = (schema: TSchema) => Type.Union([schema, Type.Null()]);
const JaNee = Type.Union([Type.Literal('ja'), Type.Literal('nee'), Type.Literal('beide')], {
  description: 'Ja, Nee of beide ("Ja + nee")',
});

const ZoekParameters = Type.Object({
  fase: Type.Optional(
    Type.Union([Type.Literal('fase-1'), Type.Literal('fase-2'), Type.Literal('fase-3')]),
  ),
  vNummer: Type.Optional(Type.String({ description: 'V-nummer, 10 cijfers' })),
  bsn: Type.Optional(Type.String({ description: 'BSN; alleen voor rollen die het BSN zien' })),
  azc: Type.Optional(Type.String({ description: 'Id van de opvanglocatie' })),
  ple: Type.Optional(Type.String({ description: 'Nummer van de plaatsingseenheid' })),
  nationaliteit: Type.Optional(Type.String()),
  gemeente: Type.Optional(Type.String({ description: 'Id van de gekoppelde gemeente' })),
  achternaam: Type.Optional(Type.String({ description: 'Begin van de achternaam' })),
  etniciteit: Type.Optional(Type.String()),
  geslacht: Type.Optional(
    Type.Union([Type.Literal('man'), Type.Literal('vrouw'), Type.Literal('beide')]),
  ),
  ...Object.fromEntries(
    Object.entries(jaNeeCriteria).map(([name, label]) => [
      name,
      Type.Optional({ ...JaNee, description: `${label}: ja, nee of beide` }),
    ]),
  ),
  personenVan: Type.Optional(Type.String({ description: 'Personen in PLE, vanaf' })),
  personenTot: Type.Optional(Type.String({ description: 'Personen in PLE, tot en met' })),
  sorteer: Type.Optional(Type.Union(sortKeys.map((k) => Type.Literal(k)))),
  richting: Type.Optional(Type.Union([Type.Literal('op'), Type.Literal('af')])),
  pagina: Type.Optional(Type.String()),
  perPagina: Type.Optional(Type.Union(pageSizes.map((n) => Type.Literal(String(n))))),
});

const Zoekresultaat = Type.Object({
  vNummer: Type.String(),
  voornamen: Type.String(),
  achternaam: Type.String(),
  geboortedatum: Type.String({ format: 'date' }),
  geslacht: Type.String(),
  nationaliteit: Type.String(),
  fase: Type.String(),
  historisch: Type.Boolean(),
  geblokkeerd: Type.Boolean(),
  gekoppeldeGemeente: nullable(Type.Object({ id: Type.Integer(), naam: Type.String() })),
  ple: Type.Integer(),
  personenInPle: Type.Integer(),
  azc: nullable(Type.String()),
});

const kindSchemas = {
  text: Type.String(),
  multiline: Type.String(),
  date: Type.String({ format: 'date' }),
  boolean: Type.Boolean(),
  number: Type.Integer(),
};

/** Every field is optional: a field the caller's role may not see is left out entirely. */
const Vergunninghouder = Type.Object({
  ...Object.fromEntries(
    fieldSpecs.map((spec) => [
      spec.key,
      Type.Optional(nullable({ ...kindSchemas[spec.kind], description: spec.label })),
    ]),
  ),
  huurcontract: Type.Optional(
    nullable(
      Type.Object({
        corporatie: Type.String(),
        straat: Type.String(),
        huisnummer: Type.String(),
        postcode: Type.String(),
        woonplaats: Type.String(),
        ingangsdatum: Type.String({ format: 'date' }),
      }),
    ),
  ),
  anderePersonen: Type.Optional(
    Type.Array(
      Type.Object({
        vNummer: Type.String(),
        voornamen: Type.String(),
        achternaam: Type.String(),
        geboortedatum: Type.String({ format: 'date' }),
        geslacht: Type.String(),
        rolInPle: Type.String(),
      }),
    ),
  ),
  koppelingHistorie: Type.Optional(
    Type.Array(
      Type.Object({
        actie: Type.String(),
        gemeente: Type.String(),
        koppeldatum: Type.String({ format: 'date' }),
        reden: nullable(Type.String()),
        door: nullable(Type.String()),
        tijdstip: Type.String({ format: 'date-time' }),
      }),
    ),
  ),
  blokkadeHistorie: Type.Optional(
    Type.Array(
      Type.Object({
        geblokkeerd: Type.Boolean(),
        reden: Type.String(),
        door: nullable(Type.String()),
        tijdstip: Type.String({ format: 'date-time' }),
      }),
    ),
  ),
});

const VNummerParams = Type.Object({ vNummer: Type.String({ pattern: '^[0-9]{10}$' }) });

const Koppeling = Type.Object({
  gemeenteId: Type.Integer({ minimum: 1 }),
  koppeldatum: Type.Optional(Type.String({ format: 'date', description: 'Standaard vandaag' })),
  reden: Type.Optional(Type.String({ maxLength: 1000, description: 'Verplicht bij wijzigen' })),
});
const Reden = Type.Object({ reden: Type.String({ minLength: 1, maxLength: 1000 }) });
const Blokkade = Type.Object({
  geblokkeerd: Type.Boolean(),
  reden: Type.String({ minLength: 1, maxLength: 1000 }),
});
const Correctie = Type.Object(
  Object.fromEntries(
    Object.entries(correctionFields).map(([key, spec]) => [
      key,
      Type.Optional(nullable(Type.String({ description: spec.label }))),
    ]),
  ),
  { additionalProperties: false, minProperties: 1 },
);

const tags = ['Vergunninghouders'];
const withNotFound = { ...problemResponses, 404: Type.Ref('Problem'), 409: Type.Ref('Problem') };

/** The vergunninghouders resources: search, detail and the COA actions. */
export const vergunninghoudersApi: FastifyPluginCallback = (instance, _options, done) => {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/vergunninghouders',
    {
      schema: {
        tags,
        summary: 'Vergunninghouders zoeken',
        description:
          'Dezelfde zoekcriteria als het Overzicht vergunninghouders. Historisch is standaard ' +
          '"nee". Een contactpersoon vindt alleen personen die aan een van zijn gemeenten ' +
          'gekoppeld zijn.',
        querystring: ZoekParameters,
        response: {
          200: Type.Object({
            totaal: Type.Integer(),
            pagina: Type.Integer(),
            perPagina: Type.Integer(),
            resultaten: Type.Array(Zoekresultaat),
          }),
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { criteria, errors: invalid } = parseCriteria(request.query);
      if (Object.keys(invalid).length > 0) throw errors.invalid(invalid);
      const { rows, total } = await searchForActor(app.db, actor, criteria, request.id);
      return {
        totaal: total,
        pagina: criteria.pagina,
        perPagina: criteria.perPagina,
        resultaten: rows.map((r) => ({
          vNummer: r.vNummer,
          voornamen: r.voornamen,
          achternaam: r.achternaam,
          geboortedatum: r.geboortedatum,
          geslacht: r.geslacht,
          nationaliteit: r.nationaliteit,
          fase: r.fase,
          historisch: r.historisch,
          geblokkeerd: r.geblokkeerd,
          gekoppeldeGemeente:
            r.gemeenteId === null ? null : { id: r.gemeenteId, naam: r.gemeente ?? '' },
          ple: r.pleId,
          personenInPle: r.personen,
          azc: r.azc,
        })),
      };
    },
  );

  app.get(
    '/vergunninghouders/:vNummer',
    {
      schema: {
        tags,
        summary: 'Eén vergunninghouder',
        description: 'Velden die de rol van de aanvrager niet mag zien, ontbreken.',
        params: VNummerParams,
        response: { 200: Vergunninghouder, ...withNotFound },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const view = await viewPerson(app.db, actor, request.params.vNummer, request.id);
      return {
        ...view.fields,
        ...(view.huurcontract !== undefined && { huurcontract: view.huurcontract }),
        ...(view.anderePersonen && { anderePersonen: view.anderePersonen }),
        ...(view.koppelingHistorie && {
          koppelingHistorie: view.koppelingHistorie.map((h) => ({
            actie: h.actie,
            gemeente: h.gemeente,
            koppeldatum: h.koppeldatum,
            reden: h.reden,
            door: h.door,
            tijdstip: h.at.toISOString(),
          })),
        }),
        ...(view.blokkadeHistorie && {
          blokkadeHistorie: view.blokkadeHistorie.map((b) => ({
            geblokkeerd: b.geblokkeerd,
            reden: b.reden,
            door: b.door,
            tijdstip: b.at.toISOString(),
          })),
        }),
      };
    },
  );

  app.patch(
    '/vergunninghouders/:vNummer',
    {
      schema: {
        tags,
        summary: 'Basis- en overige gegevens corrigeren (COA)',
        description: 'Een lege tekst of null wist een veld dat niet verplicht is.',
        params: VNummerParams,
        body: Correctie,
        response: {
          200: Type.Object({ gewijzigd: Type.Array(Type.String()) }),
          ...withNotFound,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const body = request.body as Record<string, unknown>;
      const changed = await correctPerson(app.db, actor, request.params.vNummer, body, request.id);
      return { gewijzigd: changed };
    },
  );

  app.put(
    '/vergunninghouders/:vNummer/koppeling',
    {
      schema: {
        tags,
        summary: 'De plaatsingseenheid koppelen aan een gemeente, of de koppeling wijzigen',
        params: VNummerParams,
        body: Koppeling,
        response: { 204: Type.Null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const today = todayText();
      const input = { ...request.body, koppeldatum: request.body.koppeldatum ?? today };
      await koppelHousehold(app.db, actor, request.params.vNummer, input, request.id, today);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/vergunninghouders/:vNummer/koppeling',
    {
      schema: {
        tags,
        summary: 'De koppeling van de plaatsingseenheid ongedaan maken',
        params: VNummerParams,
        body: Reden,
        response: { 204: Type.Null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await ontkoppelHousehold(app.db, actor, request.params.vNummer, request.body, request.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/vergunninghouders/:vNummer/blokkade',
    {
      schema: {
        tags,
        summary: 'Een vergunninghouder blokkeren of deblokkeren, met reden',
        params: VNummerParams,
        body: Blokkade,
        response: { 204: Type.Null(), ...withNotFound },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await setBlocked(app.db, actor, request.params.vNummer, request.body, request.id);
      return reply.status(204).send(null);
    },
  );

  done();
};
