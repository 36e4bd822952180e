import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

import { recordProcessing } from '../audit/processing-log.ts';
import { AppError, errors } from '../errors.ts';
import { sendPage } from './page.tsx';

const titles: Record<number, string> = {
  400: 'Ongeldige invoer',
  401: 'Niet ingelogd',
  403: 'Geen toegang',
  404: 'Niet gevonden',
  409: 'Conflict',
  413: 'Te groot',
  429: 'Te veel pogingen',
  500: 'Er ging iets mis',
};

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

/** Turns anything thrown into the one application error type. */
function toAppError(error: FastifyError | AppError): AppError {
  if (error instanceof AppError) return error;
  if (error.validation) {
    const fields: Record<string, string> = {};
    for (const issue of error.validation) {
      const field =
        issue.instancePath.replace(/^\//, '').replace(/\//g, '.') ||
        ((issue.params as { missingProperty?: string }).missingProperty ?? 'invoer');
      fields[field] = `Ongeldige waarde (${issue.message ?? 'onbekende fout'}).`;
    }
    return errors.invalid(fields, 'De invoer voldoet niet aan het verwachte formaat.');
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new AppError(status, 'bad_request', titles[status] ?? 'De aanvraag is ongeldig.');
  }
  return new AppError(500, 'internal_error', 'Er ging iets mis. Probeer het later opnieuw.');
}

/** Sends an error as problem+json (API) or as an honest page (people). */
async function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  if (error.status === 403) await logRefusal(request, error);

  if (isApi(request)) {
    return reply
      .status(error.status)
      .type('application/problem+json')
      .send({
        type: `https://tvs.coa.nl/problemen/${error.code}`,
        title: titles[error.status] ?? 'Fout',
        status: error.status,
        code: error.code,
        detail: error.message,
        instance: `urn:uuid:${request.id}`,
        ...(Object.keys(error.fields).length > 0 ? { errors: error.fields } : {}),
      });
  }
  if (error.status === 401) {
    const target = request.sessionEnded
      ? '/inloggen?verlopen=1'
      : `/inloggen?terug=${encodeURIComponent(request.url)}`;
    return reply.redirect(target, 303);
  }
  return sendPage(
    request,
    reply,
    titles[error.status] ?? 'Fout',
    () => (
      <>
        <h1>{titles[error.status] ?? 'Fout'}</h1>
        <p>{error.message}</p>
        <p>
          <a href="/">Naar de startpagina</a>
        </p>
      </>
    ),
    error.status,
  );
}

/** Every refusal is recorded: in the processing log and, with ids only, in the application log. */
async function logRefusal(request: FastifyRequest, error: AppError): Promise<void> {
  const path = request.url.split('?')[0] ?? '';
  request.log.warn(
    { accountId: request.actor?.id ?? null, method: request.method, path, code: error.code },
    'toegang geweigerd',
  );
  await recordProcessing(request.server.db, {
    traceId: request.id,
    actorId: request.actor?.id ?? request.session?.accountId ?? null,
    activity: 'toegangscontrole',
    action: 'refuse',
    details: { method: request.method, path, code: error.code },
  });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(async (error: FastifyError | AppError, request, reply) => {
    const appError = toAppError(error);
    if (appError.status >= 500) {
      // Name, code and stack only: database errors carry row values in other properties.
      const { name, message, stack } = error;
      const code = (error as { code?: unknown }).code;
      request.log.error({ err: { name, code, message, stack } }, 'onverwachte fout');
    }
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler(async (request, reply) => sendError(request, reply, errors.notFound()));
}
