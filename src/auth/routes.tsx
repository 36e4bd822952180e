import type { FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';

import { recordProcessing } from '../audit/processing-log.ts';
import { AppError } from '../errors.ts';
import { allRoles, roleLabels } from '../policy/rights.ts';
import { CsrfField, ErrorSummary, Field } from '../web/forms.tsx';
import { sendPage } from '../web/page.tsx';
import { logIn, registerFailure } from './login.ts';
import { SESSION_COOKIE, completeSecondFactor, endSession } from './sessions.ts';
import { newTotpSecret, totpEnrolment, verifyTotp } from './totp.ts';

interface LoginBody {
  email?: string;
  wachtwoord?: string;
  terug?: string;
}

/** Only local paths, so the login page can't be used to send people elsewhere. */
function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !/^\/(?![/\\])/.test(value) || value.startsWith('/inloggen')) {
    return '/';
  }
  return value;
}

/** The demo accounts, one per role, that the login page lists outside production. */
async function demoAccounts(app: FastifyInstance): Promise<{ email: string; role: string }[]> {
  if (app.config.mode === 'production') return [];
  const rows = await app.db
    .selectFrom('account')
    .select(['email'])
    .where('demo', '=', true)
    .where('removed_at', 'is', null)
    .execute();
  const emails = new Set(rows.map((r) => r.email));
  return allRoles
    .map((role) => ({ email: `${role}@demo.tvs.local`, role: roleLabels[role] }))
    .filter((account) => emails.has(account.email));
}

function LoginForm(props: {
  csrfToken: string;
  email?: string | undefined;
  terug: string;
  error?: string | undefined;
  fieldErrors?: Record<string, string>;
  notice?: string | undefined;
  demo: { email: string; role: string }[];
}) {
  return (
    <>
      <h1>Inloggen</h1>
      {props.notice && (
        <div className="tvs-alert" role="status">
          {props.notice}
        </div>
      )}
      <ErrorSummary message={props.error} />
      <form method="post" action="/inloggen" className="tvs-form" noValidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="terug" value={props.terug} />
        <Field
          name="email"
          label="E-mailadres"
          type="email"
          autoComplete="username"
          value={props.email}
          error={props.fieldErrors?.email}
          required
        />
        <Field
          name="wachtwoord"
          label="Wachtwoord"
          type="password"
          autoComplete="current-password"
          error={props.fieldErrors?.wachtwoord}
          required
        />
        <button type="submit" className="tvs-button">
          Inloggen
        </button>
      </form>
      {props.demo.length > 0 && (
        <section className="tvs-demo-accounts" aria-labelledby="demo-accounts">
          <h2 id="demo-accounts">Demo-accounts</h2>
          <p>
            Dit is een demonstratieomgeving met fictieve gegevens. Elk account heeft het wachtwoord{' '}
            <code>demo</code>.
          </p>
          <table className="tvs-table">
            <thead>
              <tr>
                <th scope="col">Rol</th>
                <th scope="col">E-mailadres</th>
              </tr>
            </thead>
            <tbody>
              {props.demo.map((account) => (
                <tr key={account.email}>
                  <td>{account.role}</td>
                  <td>
                    <code>{account.email}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

async function showLogin(
  request: FastifyRequest,
  reply: FastifyReply,
  form: { email?: string | undefined; terug: string; error?: AppError; notice?: string },
) {
  const demo = await demoAccounts(request.server);
  return sendPage(
    request,
    reply,
    'Inloggen',
    (context) => (
      <LoginForm
        csrfToken={context.csrfToken}
        email={form.email}
        terug={form.terug}
        error={form.error?.message}
        fieldErrors={form.error?.fields}
        notice={form.notice}
        demo={demo}
      />
    ),
    form.error?.status ?? 200,
  );
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: request.server.config.secureCookies,
  });
}

export const authRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.get<{ Querystring: { verlopen?: string; terug?: string } }>(
    '/inloggen',
    async (request, reply) => {
      if (request.actor) return reply.redirect('/', 303);
      const notice =
        request.query.verlopen || request.sessionEnded
          ? 'Uw sessie is verlopen. Log opnieuw in.'
          : undefined;
      return showLogin(request, reply, {
        terug: safeReturnPath(request.query.terug),
        ...(notice ? { notice } : {}),
      });
    },
  );

  app.post<{ Body: LoginBody }>('/inloggen', async (request, reply) => {
    const email = (request.body.email ?? '').trim();
    const password = request.body.wachtwoord ?? '';
    const terug = safeReturnPath(request.body.terug);
    const fields: Record<string, string> = {};
    if (!email) fields.email = 'Vul uw e-mailadres in.';
    if (!password) fields.wachtwoord = 'Vul uw wachtwoord in.';
    if (Object.keys(fields).length > 0) {
      const error = new AppError(
        400,
        'invalid_input',
        'Vul uw e-mailadres en wachtwoord in.',
        fields,
      );
      return showLogin(request, reply, { email, terug, error });
    }

    try {
      const result = await logIn(app.db, app.config, email, password, {
        traceId: request.id,
        slowdownMs: app.config.loginSlowdownMs,
      });
      if (request.session) await endSession(app.db, request.session.id);
      setSessionCookie(request, reply, result.token);
      const pending = result.needsSecondFactor || result.mustEnrolSecondFactor;
      return await reply.redirect(pending ? '/inloggen/tweede-stap' : terug, 303);
    } catch (error) {
      if (error instanceof AppError && error.status !== 403) {
        return showLogin(request, reply, { email, terug, error });
      }
      throw error;
    }
  });

  app.get('/inloggen/tweede-stap', async (request, reply) => {
    if (!request.session?.pendingSecondFactor) return reply.redirect('/inloggen', 303);
    return showSecondFactor(request, reply);
  });

  app.post<{ Body: { code?: string } }>('/inloggen/tweede-stap', async (request, reply) => {
    const session = request.session;
    if (!session?.pendingSecondFactor) return reply.redirect('/inloggen', 303);
    const account = await app.db
      .selectFrom('account')
      .select(['id', 'totp_secret', 'totp_enabled'])
      .where('id', '=', session.accountId)
      .executeTakeFirstOrThrow();
    if (!account.totp_secret || !verifyTotp(account.totp_secret, request.body.code ?? '')) {
      try {
        await registerFailure(app.db, account.id, { slowdownMs: app.config.loginSlowdownMs });
      } catch (error) {
        await endSession(app.db, session.id);
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
        throw error;
      }
      return showSecondFactor(
        request,
        reply,
        'De code is onjuist of verlopen. Probeer het opnieuw.',
      );
    }

    await app.db.transaction().execute(async (trx) => {
      if (!account.totp_enabled) {
        await trx
          .updateTable('account')
          .set({ totp_enabled: true, failed_logins: 0 })
          .where('id', '=', account.id)
          .execute();
      }
      await completeSecondFactor(trx, session.id);
      await recordProcessing(trx, {
        traceId: request.id,
        actorId: account.id,
        activity: 'authenticatie',
        action: 'login',
        subjectType: 'account',
        subjectId: account.id,
        details: { secondFactor: 'totp', enrolled: !account.totp_enabled },
      });
    });
    return reply.redirect('/', 303);
  });

  app.post('/uitloggen', async (request, reply) => {
    if (request.session) await endSession(app.db, request.session.id);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/inloggen', 303);
  });
  done();
};

/** The code form; for an account without an authenticator yet, first the QR code to scan. */
async function showSecondFactor(request: FastifyRequest, reply: FastifyReply, error?: string) {
  const db = request.server.db;
  const accountId = request.session?.accountId ?? 0;
  const account = await db
    .selectFrom('account')
    .select(['email', 'totp_secret', 'totp_enabled'])
    .where('id', '=', accountId)
    .executeTakeFirstOrThrow();
  let enrolment: { uri: string; svg: string } | undefined;
  if (!account.totp_enabled) {
    const secret = account.totp_secret ?? newTotpSecret();
    if (!account.totp_secret) {
      await db
        .updateTable('account')
        .set({ totp_secret: secret })
        .where('id', '=', accountId)
        .execute();
    }
    enrolment = await totpEnrolment(secret, account.email);
  }
  return sendPage(
    request,
    reply,
    'Tweestapsverificatie',
    (context) => (
      <>
        <h1>Tweestapsverificatie</h1>
        <ErrorSummary message={error} />
        {enrolment ? (
          <EnrolmentInstructions svg={enrolment.svg} uri={enrolment.uri} required />
        ) : (
          <p>Vul de code van zes cijfers in uit uw authenticator-app.</p>
        )}
        <form method="post" action="/inloggen/tweede-stap" className="tvs-form" noValidate>
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
            Verifiëren
          </button>
        </form>
      </>
    ),
    error ? 400 : 200,
  );
}

export function EnrolmentInstructions(props: { svg: string; uri: string; required: boolean }) {
  const { svg, uri } = props;
  const secret = new URL(uri).searchParams.get('secret') ?? '';
  return (
    <>
      {props.required && <p>Voor dit account is tweestapsverificatie verplicht.</p>}
      <p>
        Scan de QR-code met een authenticator-app (bijvoorbeeld de app van uw organisatie) en vul
        daarna de code van zes cijfers in.
      </p>
      <div
        className="tvs-qr"
        role="img"
        aria-label="QR-code voor de authenticator-app"
        dangerouslySetInnerHTML={{ __html: svg }}
      />
      <p>
        Kunt u niet scannen? Voer dan deze sleutel in: <code>{secret}</code>
      </p>
    </>
  );
}
