import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';

import { AppError, errors } from '../errors.ts';
import { can } from '../policy/policy.ts';
import { requireActor } from '../web/guards.ts';
import { sendPage, setFlash } from '../web/page.tsx';
import { BerichtenPage, type FormState, NieuwBerichtPage, ThreadPage } from './pages.tsx';
import {
  answerThread,
  listThreads,
  messageGemeenten,
  readThread,
  sendMessage,
  unreadMessageCount,
} from './service.ts';

type Body = Record<string, string | undefined>;
type IdParams = { Params: { id: string } };

const MAX_ID = 2_147_483_647;

/** A message id from the path; anything else is a page that does not exist. */
function messageIdOf(value: string): number {
  const id = /^[0-9]{1,10}$/.test(value) ? Number(value) : 0;
  if (id < 1 || id > MAX_ID) throw errors.notFound('Dit bericht bestaat niet.');
  return id;
}

function formValues(body: Body): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body).filter(
      (e): e is [string, string] => e[0] !== '_csrf' && typeof e[1] === 'string',
    ),
  );
}

/** A refused input shows the form again; anything else goes to the error handler. */
function refusedInput(error: unknown, body: Body): FormState {
  if (!(error instanceof AppError) || error.status !== 400) throw error;
  return { message: error.message, fields: error.fields, values: formValues(body) };
}

async function renderNieuw(
  request: FastifyRequest,
  reply: FastifyReply,
  values: Record<string, string>,
  state?: FormState,
) {
  const actor = requireActor(request);
  const gemeenten = await messageGemeenten(request.server.db, actor);
  return sendPage(
    request,
    reply,
    'Nieuw bericht',
    (context) => (
      <NieuwBerichtPage
        gemeenten={gemeenten}
        csrfToken={context.csrfToken}
        values={values}
        state={state}
      />
    ),
    state ? 400 : 200,
  );
}

async function renderThread(
  request: FastifyRequest<IdParams>,
  reply: FastifyReply,
  state?: FormState,
) {
  const actor = requireActor(request);
  const id = messageIdOf(request.params.id);
  const thread = await readThread(request.server.db, actor, id, request.id);
  // A link to an answer (from a notification) opens its thread at that answer.
  if (thread.id !== id) return reply.redirect(`/berichten/${thread.id}#bericht-${id}`, 303);
  return sendPage(
    request,
    reply,
    thread.onderwerp,
    (context) => <ThreadPage thread={thread} csrfToken={context.csrfToken} state={state} />,
    state ? 400 : 200,
  );
}

/** The Berichten pages: the list, a new message, one thread and its answers. */
export const berichtenRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.get<{ Querystring: { pagina?: string } }>('/berichten', async (request, reply) => {
    const actor = requireActor(request);
    const pagina = Number(request.query.pagina ?? '1');
    const [list, unread] = await Promise.all([
      listThreads(app.db, actor, pagina),
      unreadMessageCount(app.db, actor),
    ]);
    return sendPage(request, reply, 'Berichten', () => (
      <BerichtenPage list={list} unread={unread} mayWrite={can(actor, 'bericht.schrijven')} />
    ));
  });

  app.get<{ Querystring: { gemeente?: string; vNummer?: string } }>(
    '/berichten/nieuw',
    (request, reply) => {
      const values: Record<string, string> = {};
      if (request.query.gemeente) values.gemeenteId = request.query.gemeente;
      if (request.query.vNummer) values.vNummer = request.query.vNummer;
      return renderNieuw(request, reply, values);
    },
  );

  app.post<{ Body: Body }>('/berichten', async (request, reply) => {
    const actor = requireActor(request);
    let berichtId: number;
    try {
      ({ berichtId } = await sendMessage(app.db, actor, request.body, request.id));
    } catch (error) {
      const state = refusedInput(error, request.body);
      return renderNieuw(request, reply, state.values, state);
    }
    setFlash(reply, 'ok', 'Uw bericht is verstuurd.');
    return reply.redirect(`/berichten/${berichtId}`, 303);
  });

  app.get<IdParams>('/berichten/:id', (request, reply) => renderThread(request, reply));

  app.post<IdParams & { Body: Body }>('/berichten/:id/antwoorden', async (request, reply) => {
    const actor = requireActor(request);
    const id = messageIdOf(request.params.id);
    let answer: { berichtId: number; threadId: number };
    try {
      answer = await answerThread(app.db, actor, id, request.body, request.id);
    } catch (error) {
      return renderThread(request, reply, refusedInput(error, request.body));
    }
    setFlash(reply, 'ok', 'Uw antwoord is verstuurd.');
    return reply.redirect(`/berichten/${answer.threadId}#bericht-${answer.berichtId}`, 303);
  });

  done();
};
