import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';

import { problemResponses } from '../api/schemas.ts';
import { errors } from '../errors.ts';
import { DOCX_TYPE, sendHouseholdDocx } from '../formulieren/routes.tsx';
import { householdDocument } from '../formulieren/service.ts';
import { requireActor } from '../web/guards.ts';
import { vergelijkVersies } from './content.ts';
import { sendProfielPdf } from './document.ts';
import { type ProfielSoort, veldenVan } from './fields.ts';
import {
  loadForEditor,
  readVersie,
  readVersies,
  recordToestemming,
  saveConcept,
  sendProfiel,
  toestemmingLabels,
  withdrawToestemming,
} from './service.ts';
import { readToestemming } from './input.ts';

const VNummer = Type.String({ pattern: '^[0-9]{10}$' });
const VNummerParams = Type.Object({ vNummer: VNummer });
const VersieParams = Type.Object({ vNummer: VNummer, versie: Type.Integer({ minimum: 1 }) });
const SoortParams = Type.Object({
  vNummer: VNummer,
  soort: Type.Union([Type.Literal('klantprofiel'), Type.Literal('nareisprofiel')]),
});

function inhoudSchema(soort: ProfielSoort) {
  const paths = veldenVan(soort)
    .map((v) => `\`${v.path}\` (${v.label}${v.bron === 'schrijver' ? '' : `, ${v.bron}`})`)
    .join(', ');
  return Type.Record(Type.String(), Type.Unknown(), {
    description:
      `De inhoud als geneste JSON. Velden (pad, label, bron): ${paths}. ` +
      'Velden met bron "persoon" komen bij het versturen uit de registratie; "berekend" wordt ' +
      'berekend en nooit ingevoerd.',
  });
}

const VersieMeta = Type.Object({
  versie: Type.Integer(),
  verstuurdOp: Type.String({ format: 'date-time' }),
  verstuurdDoor: Type.Union([Type.String(), Type.Null()]),
});

const Pdf = Type.String({ format: 'binary', description: 'Getagde PDF (PDF/UA-structuur)' });

const Toestemming = Type.Object({
  gegeven: Type.Boolean(),
  datum: Type.String({ format: 'date' }),
  wijze: Type.Union([Type.Literal('verklaring'), Type.Literal('aanwezig')], {
    description: 'verklaring: ondertekende verklaring; aanwezig: de vergunninghouder zelf aanwezig',
  }),
});

const ToestemmingStatus = Type.Object({
  status: Type.Union([
    Type.Literal('geen'),
    Type.Literal('ja'),
    Type.Literal('nee'),
    Type.Literal('ingetrokken'),
  ]),
  label: Type.String(),
  datum: Type.Union([Type.String({ format: 'date' }), Type.Null()]),
  wijze: Type.Union([Type.String(), Type.Null()]),
  ingetrokkenOp: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const Wijziging = Type.Object({
  onderdeel: Type.String(),
  veld: Type.String(),
  oud: Type.String(),
  nieuw: Type.String(),
});

const responses = { ...problemResponses, 404: Type.Ref('Problem'), 409: Type.Ref('Problem') };
const tags = ['Klantprofielen'];

function meta(v: { versie: number; sentAt: Date; verstuurdDoor: string | null }) {
  return { versie: v.versie, verstuurdOp: v.sentAt.toISOString(), verstuurdDoor: v.verstuurdDoor };
}

function wantsPdf(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? '';
  return /application\/pdf/.test(accept) && !/application\/json/.test(accept);
}

/** Klantprofiel and nareisprofiel resources, under the same policy and log as the pages. */
export const klantprofielenApi: FastifyPluginCallback = (instance, _options, done) => {
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();

  for (const soort of ['klantprofiel', 'nareisprofiel'] as const) {
    const Versie = Type.Object({ ...VersieMeta.properties, inhoud: inhoudSchema(soort) });
    const jsonOrPdf = {
      200: {
        description: `Het ${soort}: JSON, of PDF met Accept: application/pdf`,
        content: { 'application/json': { schema: Versie }, 'application/pdf': { schema: Pdf } },
      },
      ...responses,
    };

    const one = async (
      request: FastifyRequest<{ Params: { vNummer: string; versie?: number } }>,
      reply: FastifyReply,
      pdf: boolean,
    ) => {
      const { person, versie } = await readVersie(
        app.db,
        requireActor(request),
        request.params.vNummer,
        soort,
        request.params.versie,
        request.id,
        pdf ? 'pdf' : 'api',
      );
      if (pdf) return sendProfielPdf(reply, soort, versie, person.v_nummer);
      return { ...meta(versie), inhoud: versie.inhoud };
    };

    app.get(
      `/vergunninghouders/:vNummer/${soort}`,
      {
        schema: {
          tags,
          summary: `De laatste versie van het ${soort} (alleen met toestemming)`,
          params: VNummerParams,
          response: jsonOrPdf,
        },
      },
      (request, reply) => one(request, reply, wantsPdf(request)),
    );
    app.get(
      `/vergunninghouders/:vNummer/${soort}/pdf`,
      {
        schema: {
          tags,
          summary: `De laatste versie van het ${soort} als PDF`,
          params: VNummerParams,
          produces: ['application/pdf'],
          response: { 200: Pdf, ...responses },
        },
      },
      (request, reply) => one(request, reply, true),
    );
    app.get(
      `/vergunninghouders/:vNummer/${soort}/versies`,
      {
        schema: {
          tags,
          summary: `De verstuurde versies van het ${soort}, nieuwste eerst`,
          params: VNummerParams,
          response: { 200: Type.Array(VersieMeta), ...responses },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const { alle } = await readVersies(
          app.db,
          actor,
          request.params.vNummer,
          soort,
          'laatste',
          request.id,
          'api-versies',
        );
        return alle.map(meta);
      },
    );
    app.get(
      `/vergunninghouders/:vNummer/${soort}/versies/:versie`,
      {
        schema: {
          tags,
          summary: `Eén versie van het ${soort}`,
          params: VersieParams,
          response: jsonOrPdf,
        },
      },
      (request, reply) => one(request, reply, wantsPdf(request)),
    );
    app.get(
      `/vergunninghouders/:vNummer/${soort}/versies/:versie/pdf`,
      {
        schema: {
          tags,
          summary: `Eén versie van het ${soort} als PDF`,
          params: VersieParams,
          produces: ['application/pdf'],
          response: { 200: Pdf, ...responses },
        },
      },
      (request, reply) => one(request, reply, true),
    );
    app.get(
      `/vergunninghouders/:vNummer/${soort}/vergelijking`,
      {
        schema: {
          tags,
          summary: `Wat er tussen twee versies van het ${soort} veranderde, per veld`,
          params: VNummerParams,
          querystring: Type.Object({
            van: Type.Integer({ minimum: 1 }),
            naar: Type.Integer({ minimum: 1 }),
          }),
          response: { 200: Type.Array(Wijziging), ...responses },
        },
      },
      async (request) => {
        const actor = requireActor(request);
        const { van, naar } = request.query;
        const { versies } = await readVersies(
          app.db,
          actor,
          request.params.vNummer,
          soort,
          [van, naar],
          request.id,
          'vergelijken',
        );
        const a = versies.find((v) => v.versie === van);
        const b = versies.find((v) => v.versie === naar);
        if (!a || !b) throw errors.notFound('Deze versie bestaat niet.');
        return vergelijkVersies(soort, a.inhoud, b.inhoud).map((w) => ({
          onderdeel: w.section,
          veld: w.label,
          oud: w.oud,
          nieuw: w.nieuw,
        }));
      },
    );
    app.post(
      `/vergunninghouders/:vNummer/${soort}/versies`,
      {
        schema: {
          tags,
          summary:
            soort === 'klantprofiel'
              ? 'Doorsturen naar gemeente: het concept (met deze inhoud) wordt een nieuwe versie'
              : 'Het nareisprofiel (met deze inhoud) naar de gemeente van de referent sturen',
          params: VNummerParams,
          body: Type.Object({ inhoud: inhoudSchema(soort) }),
          response: { 201: VersieMeta, ...responses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const versie = await sendProfiel(
          app.db,
          actor,
          request.params.vNummer,
          soort,
          request.body.inhoud,
          false,
          request.id,
        );
        return reply
          .status(201)
          .header(
            'location',
            `/api/v1/vergunninghouders/${request.params.vNummer}/${soort}/versies/${versie}`,
          )
          .send({ versie, verstuurdOp: new Date().toISOString(), verstuurdDoor: actor.name });
      },
    );
  }

  app.get(
    '/vergunninghouders/:vNummer/klantprofiel/concept',
    {
      schema: {
        tags,
        summary: 'Het concept van het klantprofiel (casemanager)',
        params: VNummerParams,
        response: {
          200: Type.Object({
            inhoud: inhoudSchema('klantprofiel'),
            opgeslagenOp: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
          }),
          ...responses,
        },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const loaded = await loadForEditor(
        app.db,
        actor,
        request.params.vNummer,
        'klantprofiel',
        request.id,
      );
      return {
        inhoud: loaded.concept,
        opgeslagenOp: loaded.conceptOpgeslagen?.toISOString() ?? null,
      };
    },
  );
  app.put(
    '/vergunninghouders/:vNummer/klantprofiel/concept',
    {
      schema: {
        tags,
        summary: 'Het concept van het klantprofiel opslaan; er gaat niets naar de gemeente',
        params: VNummerParams,
        body: Type.Object({ inhoud: inhoudSchema('klantprofiel') }),
        response: { 204: Type.Null(), ...responses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await saveConcept(
        app.db,
        actor,
        request.params.vNummer,
        request.body.inhoud,
        false,
        request.id,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/vergunninghouders/:vNummer/toestemmingen/:soort',
    {
      schema: {
        tags,
        summary: 'De huidige toestemming tot overdracht (casemanager of COL-medewerker)',
        params: SoortParams,
        response: { 200: ToestemmingStatus, ...responses },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { toestemming } = await loadForEditor(
        app.db,
        actor,
        request.params.vNummer,
        request.params.soort,
        request.id,
      );
      return {
        status: toestemming.status,
        label: toestemmingLabels[toestemming.status],
        datum: toestemming.datum,
        wijze: toestemming.wijze,
        ingetrokkenOp: toestemming.ingetrokkenOp?.toISOString() ?? null,
      };
    },
  );
  app.put(
    '/vergunninghouders/:vNummer/toestemmingen/:soort',
    {
      schema: {
        tags,
        summary: 'Toestemming tot overdracht vastleggen: ja of nee, datum en wijze',
        params: SoortParams,
        body: Toestemming,
        response: { 204: Type.Null(), ...responses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const input = readToestemming(request.body);
      await recordToestemming(
        app.db,
        actor,
        request.params.vNummer,
        request.params.soort,
        input,
        request.id,
      );
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/vergunninghouders/:vNummer/toestemmingen/:soort/intrekking',
    {
      schema: {
        tags,
        summary:
          'De gegeven toestemming intrekken; vanaf dan ziet de gemeente het profiel niet meer',
        params: SoortParams,
        response: { 204: Type.Null(), ...responses },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      await withdrawToestemming(
        app.db,
        actor,
        request.params.vNummer,
        request.params.soort,
        request.id,
      );
      return reply.status(204).send(null);
    },
  );

  for (const form of ['informatieformulier', 'inkomstenverklaring'] as const) {
    app.get(
      `/vergunninghouders/:vNummer/${form}`,
      {
        schema: {
          tags: ['Formulieren'],
          summary: `Het ${form} van de plaatsingseenheid als Word-document (docx)`,
          params: VNummerParams,
          produces: [DOCX_TYPE],
          response: { 200: Type.String({ format: 'binary' }), ...responses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const result = await householdDocument(
          app.db,
          actor,
          request.params.vNummer,
          form,
          request.id,
        );
        return sendHouseholdDocx(reply, result, form);
      },
    );
  }
  done();
};
