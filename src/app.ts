import { randomUUID, timingSafeEqual } from 'node:crypto';

import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import fastifyHelmet from '@fastify/helmet';
import fastifySwagger from '@fastify/swagger';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, LogController } from 'fastify';

import { apiRoutes } from './api/routes.ts';
import { authRoutes } from './auth/routes.tsx';
import { SESSION_COOKIE, type SessionInfo, loadSession } from './auth/sessions.ts';
import { beheerRoutes } from './beheer/routes.tsx';
import { berichtenRoutes } from './berichten/routes.tsx';
import { contactpersonenRoutes } from './contactpersonen/routes.tsx';
import type { Config } from './config.ts';
import type { Db } from './db/database.ts';
import { errors } from './errors.ts';
import { loggerOptions } from './logger.ts';
import type { Actor } from './policy/policy.ts';
import { formulierenRoutes } from './formulieren/routes.tsx';
import { klantprofielRoutes } from './klantprofielen/routes.tsx';
import { notificatiesRoutes } from './notificaties/routes.tsx';
import { profielRoutes } from './profiel/routes.tsx';
import { startpaginaRoutes } from './startpagina/routes.tsx';
import { vergunninghoudersRoutes } from './vergunninghouders/routes.tsx';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { registerErrorHandling } from './web/errors.tsx';
import { expectedCsrfToken } from './web/page.tsx';
import { staticRoutes } from './web/static-routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    config: Config;
    mailer: Mailer;
  }
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionInfo | null;
    /** A session cookie came in but its session had ended (idle, absolute or removed). */
    sessionEnded: boolean;
  }
}

export const API_VERSION = '1.0.0';

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Builds the application: plugins, session loading, CSRF, error handling and all routes. */
export async function buildApp(
  config: Config,
  db: Db,
  mailer: Mailer = createMailer(config),
): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    genReqId: () => randomUUID(),
    trustProxy: config.mode === 'production',
    logController: new LogController({ disableRequestLogging: config.mode === 'test' }),
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate('db', db);
  app.decorate('config', config);
  app.decorate('mailer', mailer);
  app.addHook('onClose', () => {
    mailer.close();
  });
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('sessionEnded', false);

  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyFormbody);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'TVS API',
        version: API_VERSION,
        description:
          'De API van het Taakstellingvolgsysteem. Fouten volgen RFC 9457 ' +
          '(application/problem+json). Vanuit de browser werkt de sessie van de ingelogde ' +
          'gebruiker; wijzigingen vragen dan de kop X-CSRF-Token.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          sessie: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
      security: [{ sessie: [] }],
    },
    hideUntagged: true,
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/static/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await loadSession(db, config, token);
    if (!session) {
      request.sessionEnded = true;
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return;
    }
    request.session = session;
    request.actor = session.pendingSecondFactor ? null : session.actor;
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/api/')) reply.header('API-Version', API_VERSION);
  });

  // Every state-changing request carries the CSRF token of its session (or, before login, of
  // its anonymous cookie): as the form field _csrf or the X-CSRF-Token header.
  app.addHook('preHandler', (request, _reply, done) => {
    if (!UNSAFE_METHODS.has(request.method)) {
      done();
      return;
    }
    const expected = expectedCsrfToken(request);
    const body = request.body as Record<string, unknown> | undefined;
    const sent = request.headers['x-csrf-token'] ?? (body ? body._csrf : undefined);
    const valid = expected && typeof sent === 'string' && tokensEqual(sent, expected);
    done(valid ? undefined : errors.csrf());
  });

  registerErrorHandling(app);
  await app.register(staticRoutes);
  await app.register(authRoutes);
  await app.register(startpaginaRoutes);
  await app.register(profielRoutes);
  await app.register(contactpersonenRoutes);
  await app.register(vergunninghoudersRoutes);
  await app.register(klantprofielRoutes);
  await app.register(formulierenRoutes);
  await app.register(notificatiesRoutes);
  await app.register(beheerRoutes);
  await app.register(berichtenRoutes);
  await app.register(apiRoutes, { prefix: '/api/v1' });
  return app;
}

function tokensEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
