import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';

import { AppError, errors } from '../errors.ts';
import { requireActor } from '../web/guards.ts';
import { sendPage, setFlash } from '../web/page.tsx';
import { type Inhoud, vergelijkVersies } from './content.ts';
import { sendProfielPdf } from './document.ts';
import { type ProfielSoort, veldenVan } from './fields.ts';
import { readGesprek, readToestemming } from './input.ts';
import { type EditorData, EditorPage, VergelijkingPage, VersiePage } from './pages.tsx';
import {
  addGesprek,
  listGesprekken,
  loadForEditor,
  readVersie,
  readVersies,
  recordToestemming,
  saveConcept,
  sendProfiel,
  withdrawToestemming,
} from './service.ts';

type Body = Record<string, string | string[] | undefined>;
type VParams = { Params: { vNummer: string } };
type SoortParams = { Params: { vNummer: string; soort: string } };

const soorten: readonly ProfielSoort[] = ['klantprofiel', 'nareisprofiel'];

function soortOf(value: string): ProfielSoort {
  if (!soorten.includes(value as ProfielSoort)) throw errors.notFound();
  return value as ProfielSoort;
}

function single(body: Body, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim() : '';
}

async function renderEditor(
  request: FastifyRequest<VParams>,
  reply: FastifyReply,
  soort: ProfielSoort,
  refused?: { form: EditorData['form']; error: AppError; body: Body },
) {
  const actor = requireActor(request);
  const db = request.server.db;
  const loaded = await loadForEditor(db, actor, request.params.vNummer, soort, request.id);
  const gesprekken = soort === 'klantprofiel' ? await listGesprekken(db, loaded.person.id) : [];
  const naam = `${loaded.person.voornamen} ${loaded.person.achternaam}`;
  const data: Omit<EditorData, 'csrfToken'> = {
    soort,
    vNummer: loaded.person.v_nummer,
    naam,
    toestemming: loaded.toestemming,
    versies: loaded.versies,
    concept: loaded.concept,
    conceptOpgeslagen: loaded.conceptOpgeslagen,
    gekoppeld: loaded.person.gemeente_id !== null,
    gesprekken,
  };
  if (refused) {
    const values: Record<string, string> = {};
    const multi: Record<string, string[]> = {};
    for (const [key, value] of Object.entries(refused.body)) {
      if (key === '_csrf' || value === undefined) continue;
      if (Array.isArray(value)) multi[key] = value;
      else {
        values[key] = value;
        multi[key] = [value];
      }
    }
    Object.assign(data, {
      form: refused.form,
      values,
      multi,
      errors: refused.error.fields,
      message: refused.error.message,
    });
  }
  return sendPage(
    request,
    reply,
    `${soort === 'klantprofiel' ? 'Klantprofiel' : 'Nareisprofiel'} bewerken – ${naam}`,
    (context) => <EditorPage data={{ ...data, csrfToken: context.csrfToken }} />,
    refused ? (refused.error.status === 409 ? 409 : 400) : 200,
  );
}

/** Runs a writer's action; refused input shows the editor again with the messages. */
async function editorAction(
  request: FastifyRequest<VParams & { Body: Body }>,
  reply: FastifyReply,
  soort: ProfielSoort,
  form: EditorData['form'],
  action: () => Promise<string>,
  anchor: string,
) {
  let done: string;
  try {
    done = await action();
  } catch (error) {
    if (error instanceof AppError && (error.status === 400 || error.status === 409)) {
      return renderEditor(request, reply, soort, { form, error, body: request.body });
    }
    throw error;
  }
  setFlash(reply, 'ok', done);
  return reply.redirect(
    `/vergunninghouders/${request.params.vNummer}/${soort}/bewerken#${anchor}`,
    303,
  );
}

function flatInput(soort: ProfielSoort, body: Body): Inhoud {
  const input: Inhoud = {};
  for (const spec of veldenVan(soort)) {
    if (spec.path in body) input[spec.path] = body[spec.path];
  }
  return input;
}

export const klantprofielRoutes: FastifyPluginCallback = (app, _options, done) => {
  for (const soort of soorten) {
    app.get<VParams>(`/vergunninghouders/:vNummer/${soort}/bewerken`, (request, reply) =>
      renderEditor(request, reply, soort),
    );
    app.post<VParams & { Body: Body }>(
      `/vergunninghouders/:vNummer/${soort}/bewerken`,
      (request, reply) => {
        const actor = requireActor(request);
        const db = request.server.db;
        const input = flatInput(soort, request.body);
        const send = soort === 'nareisprofiel' || single(request.body, 'actie') === 'doorsturen';
        return editorAction(
          request,
          reply,
          soort,
          'profiel',
          async () => {
            if (!send) {
              await saveConcept(db, actor, request.params.vNummer, input, true, request.id);
              return 'Het concept is opgeslagen. Het is nog niet naar de gemeente gestuurd.';
            }
            const versie = await sendProfiel(
              db,
              actor,
              request.params.vNummer,
              soort,
              input,
              true,
              request.id,
            );
            return `Versie ${versie} van het ${soort} is naar de gemeente gestuurd.`;
          },
          'profiel',
        );
      },
    );
  }

  app.post<SoortParams & { Body: Body }>(
    '/vergunninghouders/:vNummer/toestemming/:soort',
    (request, reply) => {
      const soort = soortOf(request.params.soort);
      const actor = requireActor(request);
      return editorAction(
        request,
        reply,
        soort,
        'toestemming',
        async () => {
          const input = readToestemming(request.body);
          await recordToestemming(
            request.server.db,
            actor,
            request.params.vNummer,
            soort,
            input,
            request.id,
          );
          return 'De toestemming is vastgelegd.';
        },
        'toestemming',
      );
    },
  );

  app.post<SoortParams & { Body: Body }>(
    '/vergunninghouders/:vNummer/toestemming/:soort/intrekking',
    (request, reply) => {
      const soort = soortOf(request.params.soort);
      const actor = requireActor(request);
      return editorAction(
        request,
        reply,
        soort,
        'toestemming',
        async () => {
          await withdrawToestemming(
            request.server.db,
            actor,
            request.params.vNummer,
            soort,
            request.id,
          );
          return `De toestemming is ingetrokken. De gemeente ziet het ${soort} niet meer.`;
        },
        'toestemming',
      );
    },
  );

  app.post<VParams & { Body: Body }>('/vergunninghouders/:vNummer/gesprekken', (request, reply) => {
    const actor = requireActor(request);
    return editorAction(
      request,
      reply,
      'klantprofiel',
      'gesprek',
      async () => {
        const input = readGesprek(request.body);
        await addGesprek(request.server.db, actor, request.params.vNummer, input, request.id);
        return 'Het gesprek is vastgelegd.';
      },
      'gesprekken',
    );
  });

  for (const soort of soorten) {
    const load = (
      request: FastifyRequest<{ Params: { vNummer: string; versie?: string } }>,
      purpose: string,
    ) =>
      readVersie(
        request.server.db,
        requireActor(request),
        request.params.vNummer,
        soort,
        request.params.versie === undefined ? undefined : Number(request.params.versie),
        request.id,
        purpose,
      );
    const showVersion = async (
      request: FastifyRequest<{ Params: { vNummer: string; versie?: string } }>,
      reply: FastifyReply,
    ) => {
      const { person, versie, alle } = await load(request, 'bekijken');
      const naam = `${person.voornamen} ${person.achternaam}`;
      return sendPage(
        request,
        reply,
        `${soort === 'klantprofiel' ? 'Klantprofiel' : 'Nareisprofiel'} – ${naam}`,
        () => (
          <VersiePage data={{ soort, vNummer: person.v_nummer, naam, versie, versies: alle }} />
        ),
      );
    };
    app.get<{ Params: { vNummer: string } }>(`/vergunninghouders/:vNummer/${soort}`, showVersion);
    app.get<{ Params: { vNummer: string; versie: string } }>(
      `/vergunninghouders/:vNummer/${soort}/versies/:versie(^\\d{1,6})`,
      showVersion,
    );

    const pdf = async (
      request: FastifyRequest<{ Params: { vNummer: string; versie?: string } }>,
      reply: FastifyReply,
    ) => {
      const { person, versie } = await load(request, 'pdf');
      return sendProfielPdf(reply, soort, versie, person.v_nummer);
    };
    app.get<{ Params: { vNummer: string } }>(`/vergunninghouders/:vNummer/${soort}.pdf`, pdf);
    app.get<{ Params: { vNummer: string; versie: string } }>(
      `/vergunninghouders/:vNummer/${soort}/versies/:versie(^\\d{1,6}).pdf`,
      pdf,
    );

    app.get<{ Params: { vNummer: string }; Querystring: { van?: string; naar?: string } }>(
      `/vergunninghouders/:vNummer/${soort}/vergelijking`,
      async (request, reply) => {
        const actor = requireActor(request);
        const van = Number(request.query.van);
        const naar = Number(request.query.naar);
        if (!Number.isInteger(van) || !Number.isInteger(naar) || van < 1 || naar < 1) {
          throw errors.invalid({ van: 'Kies twee versies om te vergelijken.' });
        }
        const { person, versies } = await readVersies(
          request.server.db,
          actor,
          request.params.vNummer,
          soort,
          [van, naar],
          request.id,
          'vergelijken',
        );
        const [a, b] = [
          versies.find((v) => v.versie === van),
          versies.find((v) => v.versie === naar),
        ];
        if (!a || !b) throw errors.notFound('Deze versie bestaat niet.');
        const naam = `${person.voornamen} ${person.achternaam}`;
        return sendPage(request, reply, `Wijzigingen ${soort} – ${naam}`, () => (
          <VergelijkingPage
            data={{
              soort,
              vNummer: person.v_nummer,
              naam,
              van: a,
              naar: b,
              wijzigingen: vergelijkVersies(soort, a.inhoud, b.inhoud),
            }}
          />
        ));
      },
    );
  }
  done();
};
