import { randomBytes } from 'node:crypto';

import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';

import { Layout, type PageContext } from './layout.tsx';

const ANON_CSRF_COOKIE = 'tvs_csrf';
const FLASH_COOKIE = 'tvs_melding';

/**
 * The CSRF token a form on this page must carry: the session's, or before login a random token
 * that is also set as a cookie (double submit).
 */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  if (request.session) return request.session.csrfToken;
  const existing = request.cookies[ANON_CSRF_COOKIE];
  if (existing && existing.length >= 32) return existing;
  const token = randomBytes(24).toString('base64url');
  reply.setCookie(ANON_CSRF_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: request.server.config.secureCookies,
  });
  return token;
}

/** The token a state-changing request must match, or undefined when there is none. */
export function expectedCsrfToken(request: FastifyRequest): string | undefined {
  return request.session?.csrfToken ?? request.cookies[ANON_CSRF_COOKIE];
}

/** A one-time message shown on the next page, e.g. after a form posted and redirected. */
export function setFlash(reply: FastifyReply, kind: 'ok' | 'error', text: string): void {
  reply.setCookie(FLASH_COOKIE, JSON.stringify({ kind, text }), {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    signed: true,
    secure: reply.server.config.secureCookies,
  });
}

function takeFlash(request: FastifyRequest, reply: FastifyReply): PageContext['flash'] {
  const raw = request.cookies[FLASH_COOKIE];
  if (!raw) return undefined;
  reply.clearCookie(FLASH_COOKIE, { path: '/' });
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid) return undefined;
  try {
    const parsed = JSON.parse(unsigned.value) as { kind?: unknown; text?: unknown };
    if ((parsed.kind === 'ok' || parsed.kind === 'error') && typeof parsed.text === 'string') {
      return { kind: parsed.kind, text: parsed.text };
    }
  } catch {
    // A tampered or old cookie is simply ignored.
  }
  return undefined;
}

export function pageContext(request: FastifyRequest, reply: FastifyReply): PageContext {
  return {
    actor: request.actor,
    csrfToken: csrfTokenFor(request, reply),
    path: request.url.split('?')[0] ?? '/',
    demo: request.server.config.mode !== 'production',
    flash: takeFlash(request, reply),
    unread: request.session?.unreadNotifications ?? 0,
  };
}

/** Renders a page in the layout and sends it. */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  title: string,
  render: (context: PageContext) => ReactElement,
  status = 200,
): FastifyReply {
  const context = pageContext(request, reply);
  const html = renderToStaticMarkup(
    <Layout title={title} context={context}>
      {render(context)}
    </Layout>,
  );
  return reply
    .status(status)
    .header('cache-control', 'no-store')
    .type('text/html; charset=utf-8')
    .send(`<!doctype html>${html}`);
}
