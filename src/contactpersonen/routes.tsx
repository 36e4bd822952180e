import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';

import { passwordLinkRoutes } from '../auth/password-link.tsx';
import { SESSION_COOKIE } from '../auth/sessions.ts';
import { AppError, errors } from '../errors.ts';
import { type Actor, assertCan } from '../policy/policy.ts';
import { requireActor, requireRight } from '../web/guards.ts';
import { sendPage, setFlash } from '../web/page.tsx';
import { deliverInvitation } from './invitation.ts';
import {
  BeheerContactpersonenPage,
  ContactFormPage,
  type ContactFormProps,
  contactBase,
  RemovePage,
  valuesOf,
} from './pages.tsx';
import {
  addContactpersoon,
  type ContactList,
  listContactpersonen,
  loadContactpersoon,
  loadGemeente,
  removeContactpersoon,
  renewInvitation,
  updateContactpersoon,
} from './service.ts';

type Body = Record<string, string | undefined>;
type GemeenteParams = { Params: { gemeenteId: string } };
type ContactParams = { Params: { gemeenteId: string; accountId: string } };

/** A path id; anything else is a page that does not exist. */
export function idOf(value: string | undefined): number {
  if (!value || !/^[1-9][0-9]{0,8}$/.test(value)) throw errors.notFound();
  return Number(value);
}

/** Where a manager returns to after a change: their Profiel, or the Beheer list for COA. */
function listUrl(actor: Actor, gemeenteId: number): string {
  return actor.coaRole
    ? `/beheer/contactpersonen?gemeente=${gemeenteId}`
    : `/profiel#contactpersonen-${gemeenteId}`;
}

/** The posted fields without the CSRF token. */
function formValues(body: Body | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body ?? {}).filter(
      (e): e is [string, string] => e[0] !== '_csrf' && typeof e[1] === 'string',
    ),
  );
}

function isFormRefusal(error: unknown): error is AppError {
  return error instanceof AppError && (error.status === 400 || error.status === 409);
}

function showForm(
  request: FastifyRequest,
  reply: FastifyReply,
  props: Omit<ContactFormProps, 'csrfToken'>,
  status = 200,
) {
  const title = props.mode === 'toevoegen' ? 'Contactpersoon toevoegen' : 'Contactpersoon wijzigen';
  return sendPage(
    request,
    reply,
    title,
    (context) => <ContactFormPage {...props} csrfToken={context.csrfToken} />,
    status,
  );
}

function addedMessage(
  result: Awaited<ReturnType<typeof addContactpersoon>>,
  sent: boolean,
): ['ok' | 'error', string] {
  const { naam, email } = result.contactpersoon;
  if (result.bestaandAccount) {
    return [
      'ok',
      `${naam} had al een account in TVS en is nu ook contactpersoon van deze gemeente. De ` +
        'naam, het telefoonnummer en de organisatie van dat account zijn niet gewijzigd.',
    ];
  }
  if (!sent) {
    return [
      'error',
      `${naam} is toegevoegd, maar de uitnodiging kon niet per e-mail worden verstuurd. ` +
        'Probeer het opnieuw met ‘Uitnodiging opnieuw versturen’ bij deze contactpersoon.',
    ];
  }
  return [
    'ok',
    `${naam} is toegevoegd. Er is een uitnodiging gestuurd naar ${email} om een wachtwoord ` +
      'in te stellen.',
  ];
}

/** The pages of Contactpersoon toevoegen, wijzigen, verwijderen and opnieuw uitnodigen. */
const contactPages: FastifyPluginCallback<{ base: string }> = (app, { base }, done) => {
  app.get<GemeenteParams>(`${base}/:gemeenteId/toevoegen`, async (request, reply) => {
    const actor = requireActor(request);
    const gemeenteId = idOf(request.params.gemeenteId);
    assertCan(actor, 'contactpersonen.beheren', gemeenteId);
    const gemeente = await loadGemeente(app.db, gemeenteId);
    return showForm(request, reply, {
      mode: 'toevoegen',
      gemeente,
      action: `${base}/${gemeenteId}`,
      cancel: listUrl(actor, gemeenteId),
      values: {},
      errors: {},
    });
  });

  app.post<GemeenteParams & { Body: Body }>(`${base}/:gemeenteId`, async (request, reply) => {
    const actor = requireActor(request);
    const gemeenteId = idOf(request.params.gemeenteId);
    const values = formValues(request.body);
    let result;
    try {
      result = await addContactpersoon(app.db, actor, gemeenteId, values, request.id);
    } catch (error) {
      if (!isFormRefusal(error)) throw error;
      return showForm(
        request,
        reply,
        {
          mode: 'toevoegen',
          gemeente: await loadGemeente(app.db, gemeenteId),
          action: `${base}/${gemeenteId}`,
          cancel: listUrl(actor, gemeenteId),
          values,
          errors: error.fields,
          message: error.message,
        },
        error.status,
      );
    }

    const sent = result.invitation ? await deliverInvitation(request, result.invitation) : true;
    setFlash(reply, ...addedMessage(result, sent));
    return reply.redirect(listUrl(actor, gemeenteId), 303);
  });

  app.get<ContactParams>(`${base}/:gemeenteId/:accountId/wijzigen`, async (request, reply) => {
    const actor = requireActor(request);
    const gemeenteId = idOf(request.params.gemeenteId);
    const accountId = idOf(request.params.accountId);
    const { gemeente, contactpersoon } = await loadContactpersoon(
      app.db,
      actor,
      gemeenteId,
      accountId,
    );
    return showForm(request, reply, {
      mode: 'wijzigen',
      gemeente,
      action: request.url.split('?')[0] ?? '',
      cancel: listUrl(actor, gemeenteId),
      values: valuesOf(contactpersoon),
      errors: {},
      email: contactpersoon.email,
      currentRechtsgrond: contactpersoon.rechtsgrond,
    });
  });

  app.post<ContactParams & { Body: Body }>(
    `${base}/:gemeenteId/:accountId/wijzigen`,
    async (request, reply) => {
      const actor = requireActor(request);
      const gemeenteId = idOf(request.params.gemeenteId);
      const accountId = idOf(request.params.accountId);
      const values = formValues(request.body);
      try {
        await updateContactpersoon(app.db, actor, gemeenteId, accountId, values, request.id);
      } catch (error) {
        if (!isFormRefusal(error)) throw error;
        const loaded = await loadContactpersoon(app.db, actor, gemeenteId, accountId);
        return showForm(
          request,
          reply,
          {
            mode: 'wijzigen',
            gemeente: loaded.gemeente,
            action: request.url.split('?')[0] ?? '',
            cancel: listUrl(actor, gemeenteId),
            values,
            errors: error.fields,
            message: error.message,
            email: loaded.contactpersoon.email,
            currentRechtsgrond: loaded.contactpersoon.rechtsgrond,
          },
          error.status,
        );
      }
      setFlash(reply, 'ok', 'De gegevens van de contactpersoon zijn opgeslagen.');
      return reply.redirect(listUrl(actor, gemeenteId), 303);
    },
  );

  app.get<ContactParams>(`${base}/:gemeenteId/:accountId/verwijderen`, async (request, reply) => {
    const actor = requireActor(request);
    const gemeenteId = idOf(request.params.gemeenteId);
    const accountId = idOf(request.params.accountId);
    const { gemeente, contactpersoon } = await loadContactpersoon(
      app.db,
      actor,
      gemeenteId,
      accountId,
    );
    return sendPage(request, reply, 'Contactpersoon verwijderen', (context) => (
      <RemovePage
        gemeente={gemeente}
        contact={contactpersoon}
        action={request.url.split('?')[0] ?? ''}
        cancel={listUrl(actor, gemeenteId)}
        csrfToken={context.csrfToken}
      />
    ));
  });

  app.post<ContactParams>(`${base}/:gemeenteId/:accountId/verwijderen`, async (request, reply) => {
    const actor = requireActor(request);
    const gemeenteId = idOf(request.params.gemeenteId);
    const accountId = idOf(request.params.accountId);
    const { gemeente, contactpersoon } = await loadContactpersoon(
      app.db,
      actor,
      gemeenteId,
      accountId,
    );

    await removeContactpersoon(app.db, actor, gemeenteId, accountId, request.id);
    if (accountId === actor.id) {
      // Their own sessions, this one included, have just ended.
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      setFlash(reply, 'ok', `U bent verwijderd als contactpersoon van gemeente ${gemeente.naam}.`);
      return reply.redirect('/inloggen', 303);
    }
    setFlash(
      reply,
      'ok',
      `${contactpersoon.naam} is verwijderd als contactpersoon van gemeente ${gemeente.naam}.`,
    );
    return reply.redirect(listUrl(actor, gemeenteId), 303);
  });

  app.post<ContactParams>(`${base}/:gemeenteId/:accountId/uitnodiging`, async (request, reply) => {
    const actor = requireActor(request);
    const gemeenteId = idOf(request.params.gemeenteId);
    const accountId = idOf(request.params.accountId);
    const invitation = await renewInvitation(app.db, actor, gemeenteId, accountId, request.id);

    if (await deliverInvitation(request, invitation)) {
      setFlash(
        reply,
        'ok',
        `Er is een nieuwe uitnodiging gestuurd naar ${invitation.email}. Eerdere links werken ` +
          'niet meer.',
      );
    } else {
      setFlash(
        reply,
        'error',
        'De uitnodiging kon niet per e-mail worden verstuurd. Probeer het later opnieuw.',
      );
    }
    return reply.redirect(listUrl(actor, gemeenteId), 303);
  });
  done();
};

/** Contactpersonen: the pages, the COA-beheerder's overview and the set-password link. */
export const contactpersonenRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.get<{ Querystring: { gemeente?: string } }>(
    '/beheer/contactpersonen',
    async (request, reply) => {
      const actor = requireRight(request, 'beheer.openen');
      const gemeenten = await app.db
        .selectFrom('gemeente')
        .select(['id', 'naam'])
        .orderBy('naam')
        .execute();
      const selected = request.query.gemeente ?? '';
      const known = gemeenten.find((g) => String(g.id) === selected);
      const error = selected !== '' && !known ? 'Kies een gemeente uit de lijst.' : undefined;
      const list: ContactList | null = known
        ? await listContactpersonen(app.db, actor, known.id)
        : null;
      return sendPage(
        request,
        reply,
        'Contactpersonen van gemeenten',
        (context) => (
          <BeheerContactpersonenPage
            gemeenten={gemeenten}
            selected={selected}
            error={error}
            list={list}
            csrfToken={context.csrfToken}
          />
        ),
        error ? 400 : 200,
      );
    },
  );

  void app.register(contactPages, { base: contactBase(false) });
  void app.register(contactPages, { base: contactBase(true) });
  void app.register(passwordLinkRoutes);
  done();
};

/** For `register(import(…))` in the application's composition. */
