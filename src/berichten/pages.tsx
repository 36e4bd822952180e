import type { ReactNode } from 'react';

import { dutchDateTime } from '../vergunninghouders/labels.ts';
import { CsrfField, ErrorSummary, Field, SelectField, TextAreaField } from '../web/forms.tsx';
import {
  type Afzender,
  MAX_BERICHT,
  MAX_ONDERWERP,
  type Thread,
  type ThreadList,
  type ThreadPerson,
  type ThreadSummary,
} from './service.ts';

/** What a refused form shows again: the message, the messages per field and what was typed. */
export interface FormState {
  message: string;
  fields: Record<string, string>;
  values: Record<string, string>;
}

function afzenderText(afzender: Afzender): string {
  return `${afzender.naam} (${afzender.organisatie})`;
}

function Time({ value }: { value: Date }) {
  return <time dateTime={value.toISOString()}>{dutchDateTime(value)}</time>;
}

/** Unread threads are bold; the words "ongelezen" say the same to screen readers. */
function Bold({ when, children }: { when: boolean; children: ReactNode }) {
  return when ? <strong>{children}</strong> : <>{children}</>;
}

function ThreadRow({ thread }: { thread: ThreadSummary }) {
  const unread = thread.ongelezen;
  return (
    <tr>
      <td>
        <a href={`/berichten/${thread.id}`}>
          <Bold when={unread}>{thread.onderwerp}</Bold>
          {unread && <span className="tvs-visually-hidden"> (ongelezen)</span>}
        </a>
      </td>
      <td>
        <Bold when={unread}>{thread.gemeente.naam}</Bold>
      </td>
      <td>
        <Bold when={unread}>{afzenderText(thread.afzender)}</Bold>
      </td>
      <td>
        <Bold when={unread}>
          <Time value={thread.verstuurdOp} />
        </Bold>
      </td>
      <td>
        <Bold when={unread}>{thread.aantalAntwoorden}</Bold>
      </td>
    </tr>
  );
}

function Pagination({ list }: { list: ThreadList }) {
  const pages = Math.max(1, Math.ceil(list.totaal / list.perPagina));
  if (pages === 1) return null;
  return (
    <nav className="tvs-pagination" aria-label="Paginering">
      <ul>
        {list.pagina > 1 && (
          <li>
            <a href={`/berichten?pagina=${list.pagina - 1}`}>Vorige</a>
          </li>
        )}
        <li>
          <span aria-current="page">
            Pagina {list.pagina} van {pages}
          </span>
        </li>
        {list.pagina < pages && (
          <li>
            <a href={`/berichten?pagina=${list.pagina + 1}`}>Volgende</a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** The list of threads: newest first, unread ones in bold. */
export function BerichtenPage(props: { list: ThreadList; unread: number; mayWrite: boolean }) {
  const { list, unread } = props;
  return (
    <>
      <h1>Berichten</h1>
      <p className="tvs-lead">
        Berichten tussen de regievoerder van COA en de contactpersonen van de gemeente.
      </p>
      {props.mayWrite && (
        <p>
          <a href="/berichten/nieuw" className="tvs-button">
            Nieuw bericht
          </a>
        </p>
      )}
      <p role="status">
        {unread === 0
          ? 'U heeft geen ongelezen berichten.'
          : `U heeft ${unread} ${unread === 1 ? 'ongelezen bericht' : 'ongelezen berichten'}.`}
      </p>
      {list.threads.length === 0 ? (
        <p>Er zijn nog geen berichten.</p>
      ) : (
        <div className="tvs-table-wrap">
          <table className="tvs-table">
            <caption className="tvs-visually-hidden">Berichten, nieuwste eerst</caption>
            <thead>
              <tr>
                <th scope="col">Onderwerp</th>
                <th scope="col">Gemeente</th>
                <th scope="col">Afzender</th>
                <th scope="col">Datum</th>
                <th scope="col">Antwoorden</th>
              </tr>
            </thead>
            <tbody>
              {list.threads.map((thread) => (
                <ThreadRow key={thread.id} thread={thread} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination list={list} />
    </>
  );
}

/** The regievoerder's form for a new message to a gemeente of their region. */
export function NieuwBerichtPage(props: {
  gemeenten: readonly { id: number; naam: string }[];
  csrfToken: string;
  values: Record<string, string>;
  state?: FormState | undefined;
}) {
  const { values, state } = props;
  const error = (name: string) => state?.fields[name];
  return (
    <>
      <p className="tvs-back">
        <a href="/berichten">Terug naar Berichten</a>
      </p>
      <h1>Nieuw bericht</h1>
      <p className="tvs-lead">
        Een bericht aan de contactpersonen van een gemeente in uw regio. Wie daarvoor gekozen heeft,
        krijgt er een notificatie van.
      </p>
      <form method="post" action="/berichten" className="tvs-form" noValidate>
        <ErrorSummary message={state?.message} />
        <CsrfField token={props.csrfToken} />
        <SelectField
          name="gemeenteId"
          label="Gemeente"
          required
          value={values.gemeenteId}
          error={error('gemeenteId')}
          options={[
            { value: '', label: '-- Kies een gemeente --' },
            ...props.gemeenten.map((g) => ({ value: String(g.id), label: g.naam })),
          ]}
        />
        <Field
          name="onderwerp"
          label="Onderwerp"
          required
          value={values.onderwerp}
          error={error('onderwerp')}
          hint={`Hoogstens ${MAX_ONDERWERP} tekens.`}
        />
        <TextAreaField
          name="bericht"
          label="Bericht"
          required
          rows={8}
          value={values.bericht}
          error={error('bericht')}
          hint={`Hoogstens ${MAX_BERICHT} tekens.`}
        />
        <Field
          name="vNummer"
          label="V-nummer van de vergunninghouder (optioneel)"
          inputMode="numeric"
          value={values.vNummer}
          error={error('vNummer')}
          hint="Als het bericht over één vergunninghouder gaat: 10 cijfers. De vergunninghouder moet aan de gekozen gemeente gekoppeld zijn."
        />
        <div className="tvs-actions">
          <button type="submit" className="tvs-button">
            Versturen
          </button>
          <a href="/berichten" className="tvs-button tvs-button--secondary">
            Annuleren
          </a>
        </div>
      </form>
    </>
  );
}

function PersonRow({ person }: { person: ThreadPerson | null }) {
  if (!person) return null;
  return (
    <div className="tvs-summary__row">
      <dt>Vergunninghouder</dt>
      <dd>
        {person.zichtbaar ? (
          <a href={`/vergunninghouders/${person.vNummer}`}>
            {person.naam} ({person.vNummer})
          </a>
        ) : (
          'Een vergunninghouder die niet (meer) aan uw gemeente gekoppeld is'
        )}
      </dd>
    </div>
  );
}

function AnswerForm(props: { threadId: number; csrfToken: string; state?: FormState | undefined }) {
  const { state } = props;
  return (
    <form
      method="post"
      action={`/berichten/${props.threadId}/antwoorden`}
      className="tvs-form"
      aria-labelledby="antwoord-kop"
      noValidate
    >
      <h2 id="antwoord-kop">Beantwoorden</h2>
      <ErrorSummary message={state?.message} />
      <CsrfField token={props.csrfToken} />
      <TextAreaField
        name="bericht"
        label="Antwoord"
        required
        rows={6}
        value={state?.values.bericht}
        error={state?.fields.bericht}
        hint={`Hoogstens ${MAX_BERICHT} tekens.`}
      />
      <button type="submit" className="tvs-button">
        Antwoord versturen
      </button>
    </form>
  );
}

/** One thread, oldest message first, with the answer form for those who may answer. */
export function ThreadPage(props: {
  thread: Thread;
  csrfToken: string;
  state?: FormState | undefined;
}) {
  const { thread } = props;
  return (
    <>
      <p className="tvs-back">
        <a href="/berichten">Terug naar Berichten</a>
      </p>
      <h1>{thread.onderwerp}</h1>
      <dl className="tvs-summary">
        <div className="tvs-summary__row">
          <dt>Gemeente</dt>
          <dd>{thread.gemeente.naam}</dd>
        </div>
        <PersonRow person={thread.vergunninghouder} />
        <div className="tvs-summary__row">
          <dt>Antwoorden</dt>
          <dd>{thread.berichten.length - 1}</dd>
        </div>
      </dl>
      {thread.berichten.map((bericht, i) => (
        <article
          key={bericht.id}
          id={`bericht-${bericht.id}`}
          className="tvs-section"
          aria-labelledby={`bericht-${bericht.id}-kop`}
        >
          <h2 id={`bericht-${bericht.id}-kop`}>
            {i === 0 ? 'Bericht' : 'Antwoord'} van {afzenderText(bericht.afzender)}
            {bericht.eigen && <span className="tvs-visually-hidden"> (uzelf)</span>}
          </h2>
          <p>
            <Time value={bericht.verstuurdOp} />
          </p>
          <p className="tvs-multiline">{bericht.tekst}</p>
        </article>
      ))}
      {thread.magBeantwoorden ? (
        <AnswerForm threadId={thread.id} csrfToken={props.csrfToken} state={props.state} />
      ) : (
        <p>
          Alleen de contactpersonen van de gemeente en de regievoerder die dit bericht stuurde,
          kunnen het beantwoorden.
        </p>
      )}
    </>
  );
}
