import type { FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';

import { CsrfField, ErrorSummary, Field } from '../web/forms.tsx';
import { sendPage, setFlash } from '../web/page.tsx';
import { hashPassword, passwordProblem } from './passwords.ts';
import { findUsableToken, PASSWORD_TOKEN_HOURS, redeemPasswordToken } from './password-tokens.ts';

interface FormState {
  message: string;
  fields: Record<string, string>;
}

function PasswordForm(props: {
  csrfToken: string;
  token: string;
  email: string;
  state?: FormState;
}) {
  const { state } = props;
  return (
    <>
      <h1>Wachtwoord instellen</h1>
      <ErrorSummary message={state?.message} />
      <p>
        U stelt een wachtwoord in voor het account <strong>{props.email}</strong> in het
        Taakstellingvolgsysteem (TVS). Daarna logt u in met dit e-mailadres en uw wachtwoord.
      </p>
      <form method="post" action="/wachtwoord-instellen" className="tvs-form" noValidate>
        <CsrfField token={props.csrfToken} />
        <input type="hidden" name="token" value={props.token} />
        <Field
          name="wachtwoord"
          label="Nieuw wachtwoord"
          type="password"
          autoComplete="new-password"
          hint="Minstens 12 tekens. Een zin van een paar woorden is sterk en goed te onthouden."
          error={state?.fields.wachtwoord}
          required
        />
        <Field
          name="herhaling"
          label="Herhaal het nieuwe wachtwoord"
          type="password"
          autoComplete="new-password"
          error={state?.fields.herhaling}
          required
        />
        <button type="submit" className="tvs-button">
          Wachtwoord instellen
        </button>
      </form>
    </>
  );
}

function UnusableLink() {
  return (
    <>
      <h1>Deze link is verlopen of al gebruikt</h1>
      <p>
        Een link om uw wachtwoord in te stellen werkt één keer en is {PASSWORD_TOKEN_HOURS} uur
        geldig. Een nieuwere uitnodiging maakt eerdere links ongeldig.
      </p>
      <ul className="tvs-list">
        <li>
          Heeft u uw wachtwoord al ingesteld? Dan kunt u <a href="/inloggen">inloggen</a> met uw
          e-mailadres en wachtwoord.
        </li>
        <li>
          Is de link verlopen? Vraag een contactpersoon met de rol Gemeente van uw gemeente (of de
          COA-beheerder) om u de uitnodiging opnieuw te sturen.
        </li>
      </ul>
    </>
  );
}

const TITLE = 'Wachtwoord instellen';

function showUnusable(request: FastifyRequest, reply: FastifyReply) {
  return sendPage(request, reply, 'Link verlopen of gebruikt', () => <UnusableLink />, 410);
}

/** The first problem with the chosen password, as messages per field. */
function passwordFields(password: string, repeat: string): Record<string, string> {
  const weak = passwordProblem(password);
  if (weak) return { wachtwoord: weak };
  if (password !== repeat) return { herhaling: 'De twee wachtwoorden zijn niet gelijk.' };
  return {};
}

/**
 * The public page behind the one-time link of an invitation (or a reset): no session needed,
 * the 256-bit token is the proof. It is not cached, and no Referer carries the token to another
 * site. The form posts the token in its body, so it never appears in a logged path.
 */
export const passwordLinkRoutes: FastifyPluginCallback = (app, _options, done) => {
  app.addHook('onSend', async (_request, reply) => {
    reply.header('referrer-policy', 'no-referrer');
    reply.header('cache-control', 'no-store');
  });

  // The path holds the token: its request lines are kept out of the application log.
  app.get<{ Params: { token: string } }>(
    '/wachtwoord-instellen/:token',
    { logLevel: 'warn' },
    async (request, reply) => {
      const usable = await findUsableToken(app.db, request.params.token);
      if (!usable) return showUnusable(request, reply);
      return sendPage(request, reply, TITLE, (context) => (
        <PasswordForm
          csrfToken={context.csrfToken}
          token={request.params.token}
          email={usable.email}
        />
      ));
    },
  );

  app.post<{ Body: { token?: string; wachtwoord?: string; herhaling?: string } }>(
    '/wachtwoord-instellen',
    async (request, reply) => {
      const token = request.body.token ?? '';
      const usable = await findUsableToken(app.db, token);
      if (!usable) return showUnusable(request, reply);

      const password = request.body.wachtwoord ?? '';
      const fields = passwordFields(password, request.body.herhaling ?? '');
      if (Object.keys(fields).length > 0) {
        const state = { message: 'Kies een ander wachtwoord.', fields };
        return sendPage(
          request,
          reply,
          TITLE,
          (context) => (
            <PasswordForm
              csrfToken={context.csrfToken}
              token={token}
              email={usable.email}
              state={state}
            />
          ),
          400,
        );
      }

      const redeemed = await redeemPasswordToken(
        app.db,
        token,
        await hashPassword(password),
        request.id,
      );
      if (!redeemed) return showUnusable(request, reply);
      setFlash(reply, 'ok', 'Uw wachtwoord is ingesteld. Log in met uw e-mailadres en wachtwoord.');
      return reply.redirect('/inloggen', 303);
    },
  );
  done();
};
