import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';

import { recordProcessing } from '../audit/processing-log.ts';
import { EnrolmentInstructions } from '../auth/routes.tsx';
import { newTotpSecret, totpEnrolment, verifyTotp } from '../auth/totp.ts';
import { ContactpersonenSection, contactBase } from '../contactpersonen/pages.tsx';
import { contactListsFor } from '../contactpersonen/service.ts';
import type { Db } from '../db/database.ts';
import { errors } from '../errors.ts';
import { type Actor, can } from '../policy/policy.ts';
import { roleLabels } from '../policy/rights.ts';
import { CsrfField, ErrorSummary, Field } from '../web/forms.tsx';
import { requireRight } from '../web/guards.ts';
import { sendPage, setFlash } from '../web/page.tsx';

async function loadOwnAccount(db: Db, actor: Actor) {
  return db
    .selectFrom('account')
    .select(['email', 'name', 'phone', 'organisation', 'totp_enabled', 'totp_secret'])
    .where('id', '=', actor.id)
    .executeTakeFirstOrThrow();
}

async function setTwoFactor(
  request: FastifyRequest,
  actor: Actor,
  change: { totp_enabled: boolean; totp_secret?: null },
) {
  await request.server.db.transaction().execute(async (trx) => {
    await trx.updateTable('account').set(change).where('id', '=', actor.id).execute();
    await recordProcessing(trx, {
      traceId: request.id,
      actorId: actor.id,
      activity: 'accountbeheer',
      action: 'update',
      subjectType: 'account',
      subjectId: actor.id,
      details: { field: 'tweestapsverificatie', enabled: change.totp_enabled },
    });
  });
}

async function showEnrolment(request: FastifyRequest, reply: FastifyReply, error?: string) {
  const actor = requireRight(request, 'profiel.bekijken');
  const account = await loadOwnAccount(request.server.db, actor);
  if (account.totp_enabled) return reply.redirect('/profiel', 303);
  const secret = account.totp_secret ?? newTotpSecret();
  if (!account.totp_secret) {
    await request.server.db
      .updateTable('account')
      .set({ totp_secret: secret })
      .where('id', '=', actor.id)
      .execute();
  }
  const enrolment = await totpEnrolment(secret, account.email);
  return sendPage(
    request,
    reply,
    'Tweestapsverificatie instellen',
    (context) => (
      <>
        <h1>Tweestapsverificatie instellen</h1>
        <ErrorSummary message={error} />
        <EnrolmentInstructions
          svg={enrolment.svg}
          uri={enrolment.uri}
          required={request.server.config.requireTwoFactor}
        />
        <form method="post" action="/profiel/tweestapsverificatie" className="tvs-form" noValidate>
          <CsrfField token={context.csrfToken} />
          <Field
            name="code"
            label="Verificatiecode"
            autoComplete="one-time-code"
            inputMode="numeric"
            error={error}
            required
          />
          <button type="submit" className="tvs-button">
            Tweestapsverificatie aanzetten
          </button>
        </form>
      </>
    ),
    error ? 400 : 200,
  );
}

export const profielRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.get('/profiel', async (request, reply) => {
    const actor = requireRight(request, 'profiel.bekijken');
    const account = await loadOwnAccount(app.db, actor);
    const contactLists = await contactListsFor(app.db, actor);
    const required = app.config.requireTwoFactor;

    return sendPage(request, reply, 'Profiel', (context) => (
      <>
        <h1>Profiel</h1>
        <h2>Uw gegevens</h2>
        <dl className="tvs-summary">
          <dt>Naam</dt>
          <dd>{account.name}</dd>
          <dt>E-mailadres</dt>
          <dd>{account.email}</dd>
          <dt>Telefoon</dt>
          <dd>{account.phone ?? '–'}</dd>
          <dt>Organisatie</dt>
          <dd>{account.organisation}</dd>
          <dt>Rol</dt>
          <dd>
            {actor.coaRole ? (
              roleLabels[actor.coaRole]
            ) : (
              <ul>
                {actor.memberships.map((m) => (
                  <li key={m.gemeenteId}>
                    {roleLabels[m.role]} bij gemeente {m.gemeenteNaam}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </dl>

        {contactLists.map((list) => (
          <ContactpersonenSection
            key={list.gemeente.id}
            list={list}
            base={contactBase(false)}
            csrfToken={context.csrfToken}
          />
        ))}
        {can(actor, 'beheer.openen') && (
          <>
            <h2>Contactpersonen van gemeenten</h2>
            <p>
              <a href="/beheer/contactpersonen">Contactpersonen van een gemeente beheren</a>
            </p>
          </>
        )}

        <h2>Tweestapsverificatie</h2>
        {account.totp_enabled ? (
          <>
            <p>
              Tweestapsverificatie staat aan: bij het inloggen vraagt TVS om een code uit uw app.
            </p>
            {!required && (
              <form
                method="post"
                action="/profiel/tweestapsverificatie/uitschakelen"
                className="tvs-form"
                noValidate
              >
                <CsrfField token={context.csrfToken} />
                <Field
                  name="code"
                  label="Verificatiecode om uit te zetten"
                  autoComplete="one-time-code"
                  inputMode="numeric"
                  required
                />
                <button type="submit" className="tvs-button tvs-button--secondary">
                  Tweestapsverificatie uitzetten
                </button>
              </form>
            )}
          </>
        ) : (
          <>
            <p>
              Tweestapsverificatie staat uit. Met een code uit een authenticator-app beschermt u uw
              account en de gegevens van vergunninghouders beter.
            </p>
            <p>
              <a className="tvs-button" href="/profiel/tweestapsverificatie">
                Tweestapsverificatie instellen
              </a>
            </p>
          </>
        )}
      </>
    ));
  });

  app.get('/profiel/tweestapsverificatie', (request, reply) => showEnrolment(request, reply));

  app.post<{ Body: { code?: string } }>('/profiel/tweestapsverificatie', async (request, reply) => {
    const actor = requireRight(request, 'profiel.bekijken');
    const account = await loadOwnAccount(app.db, actor);
    if (account.totp_enabled) return reply.redirect('/profiel', 303);
    if (!account.totp_secret || !verifyTotp(account.totp_secret, request.body.code ?? '')) {
      return showEnrolment(request, reply, 'De code is onjuist of verlopen. Probeer het opnieuw.');
    }

    await setTwoFactor(request, actor, { totp_enabled: true });
    setFlash(reply, 'ok', 'Tweestapsverificatie staat nu aan.');
    return reply.redirect('/profiel', 303);
  });

  app.post<{ Body: { code?: string } }>(
    '/profiel/tweestapsverificatie/uitschakelen',
    async (request, reply) => {
      const actor = requireRight(request, 'profiel.bekijken');
      if (app.config.requireTwoFactor) {
        throw errors.forbidden('Tweestapsverificatie is verplicht en kan niet uit.');
      }
      const account = await loadOwnAccount(app.db, actor);
      if (!account.totp_secret || !verifyTotp(account.totp_secret, request.body.code ?? '')) {
        setFlash(
          reply,
          'error',
          'De code is onjuist of verlopen. Tweestapsverificatie staat nog aan.',
        );
        return reply.redirect('/profiel', 303);
      }

      await setTwoFactor(request, actor, { totp_enabled: false, totp_secret: null });
      setFlash(reply, 'ok', 'Tweestapsverificatie staat nu uit.');
      return reply.redirect('/profiel', 303);
    },
  );
  done();
};
