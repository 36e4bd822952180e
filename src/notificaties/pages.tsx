import type { StoredMail } from '../mail/mailer.ts';
import { dutchDateTime } from '../vergunninghouders/labels.ts';
import { CsrfField } from '../web/forms.tsx';
import type { listNotifications, OfferedChoices } from './service.ts';

type Listing = Awaited<ReturnType<typeof listNotifications>>;

export function NotificationsPage(props: { listing: Listing; page: number; csrfToken: string }) {
  const { listing, page } = props;
  const pages = Math.max(1, Math.ceil(listing.total / 25));
  return (
    <>
      <h1>Notificaties</h1>
      <p role="status">
        {listing.unread === 0
          ? 'U heeft geen ongelezen notificaties.'
          : listing.unread === 1
            ? 'U heeft 1 ongelezen notificatie.'
            : `U heeft ${listing.unread} ongelezen notificaties.`}{' '}
        <a href="/profiel/notificaties">Kies waarover u notificaties krijgt</a>
      </p>
      {listing.unread > 0 && (
        <form method="post" action="/notificaties/gelezen" aria-label="Alles als gelezen markeren">
          <CsrfField token={props.csrfToken} />
          <button type="submit" className="tvs-button tvs-button--secondary">
            Alles als gelezen markeren
          </button>
        </form>
      )}
      {listing.rows.length === 0 ? (
        <p>Er zijn nog geen notificaties.</p>
      ) : (
        <table className="tvs-table">
          <caption className="tvs-visually-hidden">Uw notificaties, nieuwste eerst</caption>
          <thead>
            <tr>
              <th scope="col">Datum</th>
              <th scope="col">Notificatie</th>
              <th scope="col">Gemeente</th>
            </tr>
          </thead>
          <tbody>
            {listing.rows.map((n) => (
              <tr
                key={n.id}
                className={n.readAt ? undefined : 'tvs-unread'}
                data-notificatie={n.id}
              >
                <td>{dutchDateTime(n.createdAt)}</td>
                <td>
                  <a href={`/notificaties/${n.id}`}>
                    {n.title}
                    {!n.readAt && <span className="tvs-visually-hidden"> (ongelezen)</span>}
                  </a>
                  {n.body && <div className="tvs-multiline tvs-muted">{n.body}</div>}
                </td>
                <td>{n.gemeente ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pages > 1 && (
        <nav aria-label="Pagina's" className="tvs-pagination">
          {page > 1 && <a href={`/notificaties?pagina=${page - 1}`}>Vorige</a>}{' '}
          <span>
            Pagina {page} van {pages}
          </span>{' '}
          {page < pages && <a href={`/notificaties?pagina=${page + 1}`}>Volgende</a>}
        </nav>
      )}
    </>
  );
}

function Checkboxes(props: {
  name: string;
  legend: string;
  options: readonly { key: string; label: string }[];
  chosen: readonly string[];
}) {
  return (
    <fieldset className="tvs-checkboxes">
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <label key={o.key} className="tvs-checkbox">
          <input
            type="checkbox"
            name={props.name}
            value={o.key}
            defaultChecked={props.chosen.includes(o.key)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Each contact person ticks what they want to hear about, per gemeente. */
export function ChoicesPage(props: { offered: OfferedChoices[]; csrfToken: string }) {
  return (
    <>
      <p className="tvs-back">
        <a href="/profiel">Terug naar Profiel</a>
      </p>
      <h1>Notificaties kiezen</h1>
      <p className="tvs-lead">
        Kies waarover u een notificatie krijgt, in TVS en per e-mail. De e-mail zegt alleen wat er
        is gebeurd, met een link; de gegevens zelf ziet u in TVS. U ziet alleen de keuzes die bij uw
        rol horen.
      </p>
      {props.offered.length === 0 && (
        <p>Notificaties zijn er voor contactpersonen van gemeenten.</p>
      )}
      {props.offered.map((o) => (
        <form
          key={o.gemeenteId}
          method="post"
          action="/profiel/notificaties"
          className="tvs-form"
          aria-labelledby={`keuzes-${o.gemeenteId}`}
        >
          <h2 id={`keuzes-${o.gemeenteId}`}>{o.gemeenteNaam}</h2>
          <CsrfField token={props.csrfToken} />
          <input type="hidden" name="gemeenteId" value={o.gemeenteId} />
          <Checkboxes
            name="events"
            legend="Notificaties"
            options={o.events}
            chosen={o.chosenEvents}
          />
          <Checkboxes
            name="fields"
            legend="Veldnotificaties"
            options={o.fields}
            chosen={o.chosenFields}
          />
          <button type="submit" className="tvs-button">
            Keuzes opslaan voor {o.gemeenteNaam}
          </button>
        </form>
      ))}
    </>
  );
}

/** Demo mode: the e-mails TVS would have sent, as written to the data folder. */
export function MailsPage({ mails, folder }: { mails: StoredMail[]; folder: string }) {
  return (
    <>
      <h1>Verstuurde e-mails (demo)</h1>
      <p className="tvs-lead">
        In de demo gaan e-mails niet naar een mailserver maar naar bestanden in{' '}
        <code>{folder}</code>. Hier staan de nieuwste {mails.length === 200 ? '200' : ''} e-mails.
      </p>
      {mails.length === 0 ? (
        <p>Er zijn nog geen e-mails verstuurd.</p>
      ) : (
        mails.map((m) => (
          <article key={m.file} className="tvs-mail" aria-labelledby={`mail-${m.file}`}>
            <h2 id={`mail-${m.file}`}>{m.subject}</h2>
            <p className="tvs-muted">
              Aan {m.to} · {dutchDateTime(m.at)}
            </p>
            <pre className="tvs-multiline">{m.text}</pre>
          </article>
        ))
      )}
    </>
  );
}
