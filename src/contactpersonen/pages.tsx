import { contactRoles, roleLabels } from '../policy/rights.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  type Option,
  SelectField,
  TextAreaField,
} from '../web/forms.tsx';
import { MAX_RECHTSGROND, MIN_RECHTSGROND } from './input.ts';
import type { ContactList, Contactpersoon, Gemeente } from './service.ts';

/** Where the contact pages of this actor live: under Profiel, or under Beheer for COA. */
export function contactBase(coa: boolean): string {
  return coa ? '/beheer/contactpersonen' : '/profiel/contactpersonen';
}

export const roleOptions: readonly Option[] = contactRoles.map((role) => ({
  value: role,
  label: roleLabels[role],
}));

function ChoiceList({ labels }: { labels: readonly string[] }) {
  if (labels.length === 0) return <>Geen</>;
  return (
    <ul className="tvs-list">
      {labels.map((label) => (
        <li key={label}>{label}</li>
      ))}
    </ul>
  );
}

/** An address that may wrap before its @, so the table keeps its last columns in view. */
function BreakableEmail({ email }: { email: string }) {
  const at = email.indexOf('@');
  if (at <= 0) return <>{email}</>;
  return (
    <>
      {email.slice(0, at)}
      <wbr />
      {email.slice(at)}
    </>
  );
}

function telHref(phone: string): string {
  return `tel:${phone.replace(/[^0-9+]/g, '')}`;
}

function ContactRow(props: {
  contact: Contactpersoon;
  gemeenteId: number;
  beheren: boolean;
  base: string;
  csrfToken: string;
}) {
  const { contact: c, base } = props;
  const path = `${base}/${props.gemeenteId}/${c.accountId}`;
  return (
    <tr>
      <td>
        {c.naam}
        {!c.wachtwoordIngesteld && (
          <div className="tvs-field__hint">Uitgenodigd, nog geen wachtwoord ingesteld</div>
        )}
      </td>
      <td>{c.telefoon ? <a href={telHref(c.telefoon)}>{c.telefoon}</a> : '–'}</td>
      <td>{c.organisatie}</td>
      <td>{roleLabels[c.rol]}</td>
      <td>
        <a href={`mailto:${c.email}`}>
          <BreakableEmail email={c.email} />
        </a>
      </td>
      <td>
        <ChoiceList labels={c.notificaties} />
      </td>
      <td>
        <ChoiceList labels={c.veldnotificaties} />
      </td>
      {props.beheren && (
        <td>
          <ul className="tvs-list">
            <li>
              <a href={`${path}/wijzigen`}>
                Wijzigen<span className="tvs-visually-hidden"> {c.naam}</span>
              </a>
            </li>
            <li>
              <a href={`${path}/verwijderen`}>
                Verwijderen<span className="tvs-visually-hidden"> {c.naam}</span>
              </a>
            </li>
          </ul>
          {!c.wachtwoordIngesteld && (
            <form method="post" action={`${path}/uitnodiging`}>
              <CsrfField token={props.csrfToken} />
              <button type="submit" className="tvs-button tvs-button--secondary">
                Uitnodiging opnieuw versturen
                <span className="tvs-visually-hidden"> aan {c.naam}</span>
              </button>
            </form>
          )}
        </td>
      )}
    </tr>
  );
}

/** The contact persons of one gemeente, with add, wijzigen and verwijderen for managers. */
export function ContactpersonenSection(props: {
  list: ContactList;
  base: string;
  csrfToken: string;
}) {
  const { gemeente, beheren, contactpersonen } = props.list;
  const headingId = `contactpersonen-${gemeente.id}`;
  return (
    <section className="tvs-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Contactpersonen gemeente {gemeente.naam}</h2>
      {beheren && (
        <p>
          <a className="tvs-button" href={`${props.base}/${gemeente.id}/toevoegen`}>
            Contactpersoon toevoegen
            <span className="tvs-visually-hidden"> aan gemeente {gemeente.naam}</span>
          </a>
        </p>
      )}
      {contactpersonen.length === 0 ? (
        <p>Deze gemeente heeft nog geen contactpersonen.</p>
      ) : (
        <div className="tvs-table-wrap">
          <table className="tvs-table">
            <caption className="tvs-visually-hidden">
              Contactpersonen van gemeente {gemeente.naam}
            </caption>
            <thead>
              <tr>
                <th scope="col">Naam</th>
                <th scope="col">Telefoon</th>
                <th scope="col">Organisatie</th>
                <th scope="col">Rol</th>
                <th scope="col">E-mail</th>
                <th scope="col">Notificaties</th>
                <th scope="col">Veldnotificaties</th>
                {beheren && <th scope="col">Acties</th>}
              </tr>
            </thead>
            <tbody>
              {contactpersonen.map((contact) => (
                <ContactRow
                  key={contact.accountId}
                  contact={contact}
                  gemeenteId={gemeente.id}
                  beheren={beheren}
                  base={props.base}
                  csrfToken={props.csrfToken}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function FieldErrors({ fields }: { fields: Record<string, string> }) {
  const entries = Object.entries(fields);
  if (entries.length === 0) return null;
  return (
    <ul className="tvs-list">
      {entries.map(([name, message]) => (
        <li key={name}>
          <a href={`#veld-${name}`}>{message}</a>
        </li>
      ))}
    </ul>
  );
}

function ConfirmationField(props: { checked: boolean; error?: string | undefined }) {
  const id = 'veld-rechtsgrondBevestigd';
  return (
    <div className={`tvs-checkboxes${props.error ? ' tvs-field--invalid' : ''}`}>
      {props.error && (
        <p id={`${id}-fout`} className="tvs-field__error">
          {props.error}
        </p>
      )}
      <label className="tvs-checkbox">
        <input
          id={id}
          type="checkbox"
          name="rechtsgrondBevestigd"
          value="ja"
          defaultChecked={props.checked}
          aria-invalid={props.error ? true : undefined}
          aria-describedby={props.error ? `${id}-fout` : undefined}
        />
        Ik bevestig dat de gemeente op grond van haar wettelijke taak of een andere rechtsgrond de
        gegevens van vergunninghouders met deze organisatie mag delen.
      </label>
    </div>
  );
}

/** Why a role other than Gemeente needs a rechtsgrond, shown beside the field (seed, §1.1). */
function RechtsgrondFieldset(props: {
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  current?: string | null | undefined;
}) {
  return (
    <fieldset className="tvs-fieldset" aria-describedby="rechtsgrond-uitleg">
      <legend>Rechtsgrond voor het delen van gegevens</legend>
      <div id="rechtsgrond-uitleg">
        <p>
          Alleen nodig bij de rollen Corporatie, Sociale Dienst en Vluchtelingenwerk. Het COA heeft
          van de vergunninghouder alleen toestemming om gegevens over te dragen aan de gemeente.
          Wilt u een contactpersoon van een andere organisatie toevoegen, stel dan vooraf vast of de
          gemeente in het kader van haar wettelijke taak (of een andere rechtsgrond) de gegevens mag
          delen met deze organisatie. De gemeente is ervoor verantwoordelijk dat het delen voldoet
          aan de privacywetgeving.
        </p>
      </div>
      {props.current && (
        <div className="tvs-field">
          <p className="tvs-field__label">Vastgelegde rechtsgrond</p>
          <p className="tvs-multiline">{props.current}</p>
          <p className="tvs-field__hint">
            Laat het veld hieronder leeg om deze te houden. Bij een andere rol vraagt TVS de
            rechtsgrond opnieuw.
          </p>
        </div>
      )}
      <ConfirmationField
        checked={props.values.rechtsgrondBevestigd === 'ja'}
        error={props.errors.rechtsgrondBevestigd}
      />
      <TextAreaField
        name="rechtsgrond"
        label="Beschrijving van de rechtsgrond"
        hint={
          'Bijvoorbeeld de wettelijke taak, het convenant of de overeenkomst waarop het delen ' +
          `berust. Minstens ${MIN_RECHTSGROND} tekens.`
        }
        value={props.values.rechtsgrond}
        error={props.errors.rechtsgrond}
        maxLength={MAX_RECHTSGROND}
        rows={4}
      />
    </fieldset>
  );
}

export interface ContactFormProps {
  mode: 'toevoegen' | 'wijzigen';
  gemeente: Gemeente;
  action: string;
  cancel: string;
  csrfToken: string;
  values: Record<string, string | undefined>;
  errors: Record<string, string>;
  message?: string | undefined;
  /** Wijzigen: the person's address (not changeable) and recorded rechtsgrond. */
  email?: string;
  currentRechtsgrond?: string | null;
}

/** Contactpersoon toevoegen or wijzigen, with the messages at the fields after a refusal. */
export function ContactFormPage(props: ContactFormProps) {
  const { values, errors } = props;
  const adding = props.mode === 'toevoegen';
  return (
    <>
      <h1>{adding ? 'Contactpersoon toevoegen' : 'Contactpersoon wijzigen'}</h1>
      <p className="tvs-lead">
        Gemeente {props.gemeente.naam}
        {props.email && <> · {props.email}</>}
      </p>
      <ErrorSummary message={props.message}>
        <FieldErrors fields={errors} />
      </ErrorSummary>
      {adding && (
        <p>
          Heeft deze persoon nog geen account in TVS, dan krijgt hij of zij een e-mail met een link
          om een wachtwoord in te stellen. Een bestaand account wordt alleen aan de gemeente
          toegevoegd.
        </p>
      )}
      <form method="post" action={props.action} className="tvs-form" noValidate>
        <CsrfField token={props.csrfToken} />
        <Field
          name="naam"
          label="Naam"
          autoComplete="off"
          value={values.naam}
          error={errors.naam}
          required
        />
        <Field
          name="telefoonnummer"
          label="Telefoonnummer"
          type="tel"
          autoComplete="off"
          value={values.telefoonnummer}
          error={errors.telefoonnummer}
          required
        />
        {adding && (
          <Field
            name="email"
            label="E-mailadres"
            type="email"
            autoComplete="off"
            value={values.email}
            error={errors.email}
            required
          />
        )}
        <SelectField
          name="rol"
          label="Rol"
          options={
            adding ? [{ value: '', label: '-- Kies een rol --' }, ...roleOptions] : roleOptions
          }
          value={values.rol}
          error={errors.rol}
          required
        />
        <Field
          name="organisatie"
          label="Organisatie"
          autoComplete="off"
          value={values.organisatie}
          error={errors.organisatie}
          required
        />
        <RechtsgrondFieldset values={values} errors={errors} current={props.currentRechtsgrond} />
        <div className="tvs-actions">
          <button type="submit" className="tvs-button">
            {adding ? 'Contactpersoon toevoegen' : 'Opslaan'}
          </button>
          <a href={props.cancel} className="tvs-button tvs-button--secondary">
            Annuleren
          </a>
        </div>
      </form>
    </>
  );
}

/** The confirmation step of Verwijderen. */
export function RemovePage(props: {
  gemeente: Gemeente;
  contact: Contactpersoon;
  action: string;
  cancel: string;
  csrfToken: string;
}) {
  const { contact: c, gemeente } = props;
  return (
    <>
      <h1>Contactpersoon verwijderen</h1>
      <p>
        Wilt u <strong>{c.naam}</strong> ({c.organisatie}, rol {roleLabels[c.rol]}) verwijderen als
        contactpersoon van gemeente {gemeente.naam}?
      </p>
      <ul className="tvs-list">
        <li>
          {c.naam} ziet daarna geen gegevens van deze gemeente meer en wordt direct uitgelogd.
        </li>
        <li>De gekozen notificaties voor deze gemeente vervallen.</li>
        <li>
          Is {c.naam} geen contactpersoon van een andere gemeente meer, dan wordt ook het account
          verwijderd.
        </li>
      </ul>
      <form method="post" action={props.action} className="tvs-form" noValidate>
        <CsrfField token={props.csrfToken} />
        <div className="tvs-actions">
          <button type="submit" className="tvs-button">
            Verwijderen
          </button>
          <a href={props.cancel} className="tvs-button tvs-button--secondary">
            Annuleren
          </a>
        </div>
      </form>
    </>
  );
}

/** Beheer: the COA-beheerder picks a gemeente and manages its contact list. */
export function BeheerContactpersonenPage(props: {
  gemeenten: readonly Gemeente[];
  selected: string;
  error?: string | undefined;
  list: ContactList | null;
  csrfToken: string;
}) {
  return (
    <>
      <h1>Contactpersonen van gemeenten</h1>
      <ErrorSummary message={props.error} />
      <form method="get" action="/beheer/contactpersonen" className="tvs-form" noValidate>
        <SelectField
          name="gemeente"
          label="Gemeente"
          options={[
            { value: '', label: '-- Kies een gemeente --' },
            ...props.gemeenten.map((g) => ({ value: String(g.id), label: g.naam })),
          ]}
          value={props.selected}
          error={props.error}
        />
        <button type="submit" className="tvs-button">
          Tonen
        </button>
      </form>
      {props.list && (
        <ContactpersonenSection
          list={props.list}
          base={contactBase(true)}
          csrfToken={props.csrfToken}
        />
      )}
    </>
  );
}

/** The form values of a contact person, to fill Wijzigen. */
export function valuesOf(contact: Contactpersoon): Record<string, string> {
  return {
    naam: contact.naam,
    telefoonnummer: contact.telefoon ?? '',
    rol: contact.rol,
    organisatie: contact.organisatie,
  };
}
