import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';

import type { Db } from '../db/database.ts';
import { formulierenFor } from '../formulieren/service.ts';
import { AppError } from '../errors.ts';
import type { Actor } from '../policy/policy.ts';
import { CsrfField, ErrorSummary, Field, SelectField, TextAreaField } from '../web/forms.tsx';
import { requireActor, requireRight } from '../web/guards.ts';
import { sendPage, setFlash } from '../web/page.tsx';
import { correctPerson, koppelHousehold, ontkoppelHousehold, setBlocked } from './actions.ts';
import {
  burgerlijkeStaatOptions,
  type CorrectionKey,
  correctionFields,
  geslachtOptions,
} from './corrections.ts';
import { criteriumCategory, type CriteriumName, parseCriteria } from './criteria.ts';
import { type DetailData, DetailPage, type FormState } from './detail-page.tsx';
import { todayText } from './fase.ts';
import { burgerlijkeStaatLabels, geslachtLabels } from './labels.ts';
import { OverviewPage } from './overview-page.tsx';
import { cachedSearchOptions } from './options.ts';
import {
  loadPersonInScope,
  mayUseCriterion,
  searchForActor,
  viewPerson,
  visibleGemeenten,
} from './service.ts';

type Body = Record<string, string | undefined>;
type VParams = { Params: { vNummer: string } };

async function gemeenteOptions(db: Db, actor: Actor) {
  const own = visibleGemeenten(actor);
  if (own) {
    return actor.memberships
      .map((m) => ({ id: m.gemeenteId, naam: m.gemeenteNaam }))
      .filter((g, i, all) => all.findIndex((x) => x.id === g.id) === i)
      .sort((a, b) => a.naam.localeCompare(b.naam, 'nl'));
  }
  return db.selectFrom('gemeente').select(['id', 'naam']).orderBy('naam').execute();
}

async function koppelGemeenten(db: Db, actor: Actor) {
  if (!actor.regioCode) return [];
  return db
    .selectFrom('gemeente')
    .select(['id', 'naam'])
    .where('regio_code', '=', actor.regioCode)
    .orderBy('naam')
    .execute();
}

async function renderDetail(
  request: FastifyRequest<VParams>,
  reply: FastifyReply,
  formState?: FormState,
) {
  const actor = requireActor(request);
  const db = request.server.db;
  const today = todayText();
  const view = await viewPerson(db, actor, request.params.vNummer, request.id, today);
  const data: Omit<DetailData, 'csrfToken'> = {
    view,
    actor,
    koppelGemeenten: await koppelGemeenten(db, actor),
    today,
    formState,
    formulieren: formulierenFor(actor, view),
  };
  const title = `${String(view.fields.voornamen)} ${String(view.fields.achternaam)}`;
  return sendPage(
    request,
    reply,
    title,
    (context) => <DetailPage data={{ ...data, csrfToken: context.csrfToken }} />,
    formState ? 400 : 200,
  );
}

/**
 * Runs a detail-page action; a refused input shows the page again with the messages at the
 * form's fields, anything else goes to the error handler.
 */
async function detailAction(
  request: FastifyRequest<VParams & { Body: Body }>,
  reply: FastifyReply,
  form: FormState['form'],
  action: () => Promise<void>,
  done: string,
) {
  try {
    await action();
  } catch (error) {
    if (error instanceof AppError && (error.status === 400 || error.status === 409)) {
      const values = Object.fromEntries(
        Object.entries(request.body).filter((e): e is [string, string] => e[0] !== '_csrf'),
      );
      return renderDetail(request, reply, {
        form,
        message: error.message,
        fields: error.fields,
        values,
      });
    }
    throw error;
  }
  setFlash(reply, 'ok', done);
  return reply.redirect(`/vergunninghouders/${request.params.vNummer}#koppelinggegevens`, 303);
}

const editableKeys = Object.keys(correctionFields) as CorrectionKey[];

function CorrectionForm(props: {
  vNummer: string;
  csrfToken: string;
  values: Record<string, string>;
  errors: Record<string, string>;
  message?: string | undefined;
}) {
  const { values, errors } = props;
  return (
    <form
      method="post"
      action={`/vergunninghouders/${props.vNummer}/wijzigen`}
      className="tvs-form"
      noValidate
    >
      <ErrorSummary message={props.message} />
      <CsrfField token={props.csrfToken} />
      {editableKeys.map((key) => {
        const spec = correctionFields[key];
        const common = { name: key, label: spec.label, value: values[key], error: errors[key] };
        if (spec.kind === 'enum') {
          const labels: Record<string, string> =
            key === 'geslacht' ? geslachtLabels : burgerlijkeStaatLabels;
          const options = key === 'geslacht' ? geslachtOptions : burgerlijkeStaatOptions;
          return (
            <SelectField
              key={key}
              {...common}
              options={options.map((o) => ({ value: o, label: labels[o] ?? o }))}
            />
          );
        }
        if (spec.kind === 'multiline') return <TextAreaField key={key} {...common} />;
        return (
          <Field
            key={key}
            {...common}
            type={spec.kind === 'date' ? 'date' : 'text'}
            required={'required' in spec}
          />
        );
      })}
      <div className="tvs-actions">
        <button type="submit" className="tvs-button">
          Opslaan
        </button>
        <a
          href={`/vergunninghouders/${props.vNummer}`}
          className="tvs-button tvs-button--secondary"
        >
          Annuleren
        </a>
      </div>
    </form>
  );
}

export const vergunninghoudersRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.get<{ Querystring: Record<string, string> }>('/vergunninghouders', async (request, reply) => {
    const actor = requireRight(request, 'vergunninghouders.zoeken');
    const parsed = parseCriteria(request.query);
    const valid = Object.keys(parsed.errors).length === 0;
    const [result, options, gemeenten] = await Promise.all([
      valid ? searchForActor(app.db, actor, parsed.criteria, request.id) : null,
      cachedSearchOptions(app.db),
      gemeenteOptions(app.db, actor),
    ]);
    const allowed = (name: CriteriumName) =>
      criteriumCategory[name] === undefined || mayUseCriterion(actor, name);
    return sendPage(
      request,
      reply,
      'Vergunninghouders',
      () => (
        <OverviewPage
          data={{ parsed, result, options: { ...options, gemeenten }, allowed, actor }}
        />
      ),
      valid ? 200 : 400,
    );
  });

  app.get<VParams>('/vergunninghouders/:vNummer', (request, reply) => renderDetail(request, reply));

  app.post<VParams & { Body: Body }>('/vergunninghouders/:vNummer/koppeling', (request, reply) =>
    detailAction(
      request,
      reply,
      'koppeling',
      () => {
        const actor = requireActor(request);
        const today = todayText();
        const input = {
          gemeenteId: Number(request.body.gemeenteId ?? ''),
          koppeldatum: request.body.koppeldatum ?? '',
          reden: request.body.reden,
        };
        return koppelHousehold(app.db, actor, request.params.vNummer, input, request.id, today);
      },
      'De plaatsingseenheid is gekoppeld.',
    ),
  );

  app.post<VParams & { Body: Body }>('/vergunninghouders/:vNummer/ontkoppeling', (request, reply) =>
    detailAction(
      request,
      reply,
      'ontkoppeling',
      () =>
        ontkoppelHousehold(
          app.db,
          requireActor(request),
          request.params.vNummer,
          request.body,
          request.id,
        ),
      'De koppeling is ongedaan gemaakt.',
    ),
  );

  app.post<VParams & { Body: Body }>('/vergunninghouders/:vNummer/blokkade', (request, reply) => {
    const geblokkeerd = request.body.geblokkeerd === 'ja';
    return detailAction(
      request,
      reply,
      'blokkade',
      () =>
        setBlocked(
          app.db,
          requireActor(request),
          request.params.vNummer,
          { geblokkeerd, reden: request.body.reden },
          request.id,
        ),
      geblokkeerd ? 'De vergunninghouder is geblokkeerd.' : 'De blokkade is opgeheven.',
    );
  });

  app.get<VParams>('/vergunninghouders/:vNummer/wijzigen', async (request, reply) => {
    const actor = requireRight(request, 'vergunninghouder.corrigeren');
    const person = await loadPersonInScope(app.db, actor, request.params.vNummer);
    const values: Record<string, string> = {};
    for (const key of editableKeys) {
      const value = person[correctionFields[key].column];
      if (value !== null) values[key] = value;
    }
    return sendPage(request, reply, 'Gegevens corrigeren', (context) => (
      <>
        <h1>Gegevens corrigeren</h1>
        <p>
          V-nummer {person.v_nummer}. Wijzigingen van velden waarop gemeenten een veldnotificatie
          kunnen ontvangen, worden vastgelegd.
        </p>
        <CorrectionForm
          vNummer={person.v_nummer}
          csrfToken={context.csrfToken}
          values={values}
          errors={{}}
        />
      </>
    ));
  });

  app.post<VParams & { Body: Body }>(
    '/vergunninghouders/:vNummer/wijzigen',
    async (request, reply) => {
      const actor = requireRight(request, 'vergunninghouder.corrigeren');
      const input: Record<string, unknown> = {};
      for (const key of editableKeys) {
        if (key in request.body) input[key] = request.body[key] ?? '';
      }
      try {
        const changed = await correctPerson(
          app.db,
          actor,
          request.params.vNummer,
          input,
          request.id,
        );
        setFlash(
          reply,
          'ok',
          changed.length === 0
            ? 'Er was niets gewijzigd.'
            : `Opgeslagen: ${changed.length} ${changed.length === 1 ? 'veld' : 'velden'} gewijzigd.`,
        );
        return await reply.redirect(`/vergunninghouders/${request.params.vNummer}`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.status !== 400) throw error;
        const values = Object.fromEntries(
          Object.entries(input).map(([k, v]) => [k, typeof v === 'string' ? v : '']),
        );
        return sendPage(
          request,
          reply,
          'Gegevens corrigeren',
          (context) => (
            <>
              <h1>Gegevens corrigeren</h1>
              <CorrectionForm
                vNummer={request.params.vNummer}
                csrfToken={context.csrfToken}
                values={values}
                errors={error.fields}
                message={error.message}
              />
            </>
          ),
          400,
        );
      }
    },
  );

  done();
};
