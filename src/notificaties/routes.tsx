import type { FastifyPluginCallback } from 'fastify';

import { errors } from '../errors.ts';
import { listStoredMails } from '../mail/mailer.ts';
import { requireActor, requireRight } from '../web/guards.ts';
import { sendPage, setFlash } from '../web/page.tsx';
import { ChoicesPage, MailsPage, NotificationsPage } from './pages.tsx';
import {
  choicesFor,
  listNotifications,
  markAllRead,
  openNotification,
  setChoices,
} from './service.ts';

type Body = Record<string, string | string[] | undefined>;

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : [value].flat();

export const notificatiesRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.get<{ Querystring: { pagina?: string } }>('/notificaties', async (request, reply) => {
    const actor = requireActor(request);
    const page = Math.max(1, Number.parseInt(request.query.pagina ?? '1', 10) || 1);
    const listing = await listNotifications(request.server.db, actor, page);
    return sendPage(request, reply, 'Notificaties', (context) => (
      <NotificationsPage listing={listing} page={page} csrfToken={context.csrfToken} />
    ));
  });

  app.get<{ Params: { id: string } }>('/notificaties/:id(^\\d{1,18})', async (request, reply) => {
    const actor = requireActor(request);
    const link = await openNotification(request.server.db, actor, Number(request.params.id));
    return reply.redirect(link, 303);
  });

  app.post('/notificaties/gelezen', async (request, reply) => {
    const actor = requireActor(request);
    await markAllRead(request.server.db, actor);
    setFlash(reply, 'ok', 'Alle notificaties zijn als gelezen gemarkeerd.');
    return reply.redirect('/notificaties', 303);
  });

  app.get('/profiel/notificaties', async (request, reply) => {
    const actor = requireActor(request);
    const offered = await choicesFor(request.server.db, actor);
    return sendPage(request, reply, 'Notificaties kiezen', (context) => (
      <ChoicesPage offered={offered} csrfToken={context.csrfToken} />
    ));
  });

  app.post<{ Body: Body }>('/profiel/notificaties', async (request, reply) => {
    const actor = requireActor(request);
    const gemeenteId = Number(request.body.gemeenteId);
    if (!Number.isInteger(gemeenteId)) throw errors.invalid({ gemeenteId: 'Kies een gemeente.' });
    await setChoices(
      request.server.db,
      actor,
      gemeenteId,
      list(request.body.events),
      list(request.body.fields),
      request.id,
    );
    setFlash(reply, 'ok', 'Uw keuzes zijn opgeslagen.');
    return reply.redirect('/profiel/notificaties', 303);
  });

  app.get('/beheer/e-mails', async (request, reply) => {
    requireRight(request, 'beheer.openen');
    const folder = request.server.mailer.folder;
    if (!folder) throw errors.notFound('E-mails gaan naar de mailserver; er zijn geen bestanden.');
    const mails = await listStoredMails(folder);
    return sendPage(request, reply, 'Verstuurde e-mails', () => (
      <MailsPage mails={mails} folder={folder} />
    ));
  });
  done();
};
