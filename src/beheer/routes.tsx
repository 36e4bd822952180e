import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';

import { recordProcessing } from '../audit/processing-log.ts';
import { LOG_PAGE_SIZE, listProcessing } from '../audit/queries.ts';
import { AppError } from '../errors.ts';
import { getWelcomeText, setWelcomeText, WELCOME_MAX_LENGTH } from '../startpagina/service.ts';
import { CsrfField, ErrorSummary } from '../web/forms.tsx';
import { requireRight } from '../web/guards.ts';
import { sendPage, setFlash } from '../web/page.tsx';

const dateTime = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: 'Europe/Amsterdam',
});

async function showBeheer(
  request: FastifyRequest,
  reply: FastifyReply,
  form?: { text: string; error: AppError },
) {
  requireRight(request, 'beheer.openen');
  const text = form?.text ?? (await getWelcomeText(request.server.db));
  const fieldError = form?.error.fields.welkomsttekst;
  return sendPage(
    request,
    reply,
    'Beheer',
    (context) => (
      <>
        <h1>Beheer</h1>
        <h2>Welkomsttekst van de startpagina</h2>
        <ErrorSummary message={form?.error.message} />
        <form method="post" action="/beheer/welkomsttekst" className="tvs-form" noValidate>
          <CsrfField token={context.csrfToken} />
          <div className={`tvs-field${fieldError ? ' tvs-field--invalid' : ''}`}>
            <label htmlFor="veld-welkomsttekst">Welkomsttekst</label>
            <p id="veld-welkomsttekst-hint" className="tvs-field__hint">
              Een lege regel begint een nieuwe alinea. Hoogstens {WELCOME_MAX_LENGTH} tekens.
            </p>
            {fieldError && (
              <p id="veld-welkomsttekst-fout" className="tvs-field__error">
                {fieldError}
              </p>
            )}
            <textarea
              id="veld-welkomsttekst"
              name="welkomsttekst"
              defaultValue={text}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={`veld-welkomsttekst-hint${fieldError ? ' veld-welkomsttekst-fout' : ''}`}
            />
          </div>
          <button type="submit" className="tvs-button">
            Opslaan
          </button>
        </form>
        <h2>Logboek dataverwerkingen</h2>
        <p>
          <a href="/beheer/logboek">Logboek dataverwerkingen bekijken</a>
        </p>
        <h2>Contactpersonen van gemeenten</h2>
        <p>
          <a href="/beheer/contactpersonen">Contactpersonen per gemeente beheren</a>
        </p>
        {request.server.mailer.folder && (
          <>
            <h2>E-mails (demo)</h2>
            <p>
              <a href="/beheer/e-mails">Verstuurde e-mails bekijken</a>
            </p>
          </>
        )}
      </>
    ),
    form ? form.error.status : 200,
  );
}

export const beheerRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.get('/beheer', (request, reply) => showBeheer(request, reply));

  app.post<{ Body: { welkomsttekst?: string } }>(
    '/beheer/welkomsttekst',
    async (request, reply) => {
      const actor = requireRight(request, 'beheer.openen');
      const text = request.body.welkomsttekst ?? '';
      try {
        await setWelcomeText(app.db, actor, text, request.id);
      } catch (error) {
        if (error instanceof AppError && error.status === 400) {
          return showBeheer(request, reply, { text, error });
        }
        throw error;
      }
      setFlash(reply, 'ok', 'De welkomsttekst is opgeslagen.');
      return reply.redirect('/beheer', 303);
    },
  );

  app.get<{ Querystring: { pagina?: string } }>('/beheer/logboek', async (request, reply) => {
    const actor = requireRight(request, 'verwerkingslog.bekijken');
    const page = Math.max(1, Number.parseInt(request.query.pagina ?? '1', 10) || 1);
    const { rows, total } = await listProcessing(app.db, page);
    await recordProcessing(app.db, {
      traceId: request.id,
      actorId: actor.id,
      activity: 'functioneel-beheer',
      action: 'read',
      subjectType: 'logboek',
      details: { page, rows: rows.length },
    });
    const pages = Math.max(1, Math.ceil(total / LOG_PAGE_SIZE));

    return sendPage(request, reply, 'Logboek dataverwerkingen', () => (
      <>
        <h1>Logboek dataverwerkingen</h1>
        <p>
          {total} verwerkingen · pagina {page} van {pages}
        </p>
        <table className="tvs-table">
          <caption className="tvs-skip">Verwerkingen van persoonsgegevens, nieuwste eerst</caption>
          <thead>
            <tr>
              <th scope="col">Tijdstip</th>
              <th scope="col">Wie</th>
              <th scope="col">Verwerkingsactiviteit</th>
              <th scope="col">Handeling</th>
              <th scope="col">Betrokkene</th>
              <th scope="col">Trace-id</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td>{dateTime.format(row.at)}</td>
                <td>{row.actor_name ?? '–'}</td>
                <td>{row.activity}</td>
                <td>{row.action}</td>
                <td>{row.subject_type ? `${row.subject_type} ${row.subject_id ?? ''}` : '–'}</td>
                <td>
                  <code>{row.trace_id}</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <nav aria-label="Paginering">
          {page > 1 && <a href={`/beheer/logboek?pagina=${page - 1}`}>Vorige pagina</a>}{' '}
          {page < pages && <a href={`/beheer/logboek?pagina=${page + 1}`}>Volgende pagina</a>}
        </nav>
      </>
    ));
  });
  done();
};
