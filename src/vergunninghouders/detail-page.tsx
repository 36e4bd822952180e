import type { ReactNode } from 'react';

import { FormulierenTable } from '../formulieren/pages.tsx';
import type { FormulierenData } from '../formulieren/service.ts';

import type { Actor } from '../policy/policy.ts';
import { can } from '../policy/policy.ts';
import { CsrfField, ErrorSummary, SelectField, TextAreaField } from '../web/forms.tsx';
import type { Fase } from '../db/schema.ts';
import { faseLabels } from './fase.ts';
import { type FieldSpec, fieldSpecs, type SectionId, sections } from './fields.ts';
import {
  dutchDate,
  dutchDateTime,
  koppelingActieLabels,
  labelOf,
  rolInPleLabels,
} from './labels.ts';
import type { PersonView } from './service.ts';

/** A refused action form, shown again with its messages and what was typed. */
export interface FormState {
  form: 'koppeling' | 'ontkoppeling' | 'blokkade';
  message: string;
  fields: Record<string, string>;
  values: Record<string, string>;
}

export interface DetailData {
  view: PersonView;
  actor: Actor;
  csrfToken: string;
  /** Gemeenten the regievoerder may link to (their region). */
  koppelGemeenten: { id: number; naam: string }[];
  today: string;
  formState?: FormState | undefined;
  /** The forms and profiles of the household the actor may see. */
  formulieren: FormulierenData;
}

function display(spec: FieldSpec, value: string | number | boolean | null): ReactNode {
  if (value === null || value === '') return '–';
  if (spec.kind === 'boolean') return value ? 'Ja' : 'Nee';
  if (spec.kind === 'date') return dutchDate(String(value));
  if (spec.key === 'fase') return faseLabels[value as Fase];
  if (spec.key === 'faseDagenOver' && typeof value === 'number') {
    return value < 0 ? `${-value} dagen overschreden` : `${value} dagen`;
  }
  if (spec.kind === 'multiline') {
    return <span className="tvs-multiline">{String(value)}</span>;
  }
  return labelOf(spec.key, String(value));
}

function Fields({ section, view }: { section: SectionId; view: PersonView }) {
  const specs = fieldSpecs.filter((s) => s.section === section && s.key in view.fields);
  if (specs.length === 0) return null;
  return (
    <dl className="tvs-summary">
      {specs.map((spec) => (
        <div key={spec.key} className="tvs-summary__row" data-veld={spec.key}>
          <dt>{spec.label}</dt>
          <dd>{display(spec, view.fields[spec.key] ?? null)}</dd>
        </div>
      ))}
    </dl>
  );
}

function Section(props: { id: SectionId; children: ReactNode }) {
  return (
    <section id={props.id} aria-labelledby={`${props.id}-kop`} className="tvs-section">
      <h2 id={`${props.id}-kop`}>{sections[props.id]}</h2>
      {props.children}
    </section>
  );
}

function shownSections(view: PersonView): SectionId[] {
  return (Object.keys(sections) as SectionId[]).filter((id) => {
    if (id === 'huurcontract') return view.huurcontract !== undefined;
    if (id === 'anderePersonen') return view.anderePersonen !== undefined;
    return fieldSpecs.some((s) => s.section === id && s.key in view.fields);
  });
}

function Huurcontract({ view }: { view: PersonView }) {
  const lease = view.huurcontract;
  if (!lease) return <p>Geen huurcontract bekend</p>;
  return (
    <dl className="tvs-summary">
      <dt>Adres</dt>
      <dd>
        {lease.straat} {lease.huisnummer}, {lease.postcode} {lease.woonplaats}
      </dd>
      <dt>Corporatie</dt>
      <dd>{lease.corporatie}</dd>
      <dt>Ingangsdatum</dt>
      <dd>{dutchDate(lease.ingangsdatum)}</dd>
    </dl>
  );
}

function OtherPersons({ view }: { view: PersonView }) {
  const others = view.anderePersonen ?? [];
  if (others.length === 0) return <p>Geen andere personen in deze plaatsingseenheid.</p>;
  return (
    <table className="tvs-table">
      <caption className="tvs-visually-hidden">Andere personen in deze plaatsingseenheid</caption>
      <thead>
        <tr>
          <th scope="col">V-nummer</th>
          <th scope="col">Naam</th>
          <th scope="col">Geboortedatum</th>
          <th scope="col">Geslacht</th>
          <th scope="col">Rol</th>
        </tr>
      </thead>
      <tbody>
        {others.map((o) => (
          <tr key={o.vNummer}>
            <td>
              <a href={`/vergunninghouders/${o.vNummer}`}>{o.vNummer}</a>
            </td>
            <td>
              {o.achternaam}, {o.voornamen}
            </td>
            <td>{dutchDate(o.geboortedatum)}</td>
            <td>{labelOf('geslacht', o.geslacht)}</td>
            <td>{rolInPleLabels[o.rolInPle as keyof typeof rolInPleLabels]}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function History({ view }: { view: PersonView }) {
  const koppeling = view.koppelingHistorie ?? [];
  const blokkade = view.blokkadeHistorie ?? [];
  if (view.koppelingHistorie === undefined) return null;
  return (
    <details className="tvs-history">
      <summary>Historie van koppeling en blokkade (alleen COA)</summary>
      {koppeling.length === 0 && blokkade.length === 0 && <p>Nog geen wijzigingen.</p>}
      {koppeling.length > 0 && (
        <table className="tvs-table">
          <caption>Koppelingen</caption>
          <thead>
            <tr>
              <th scope="col">Tijdstip</th>
              <th scope="col">Actie</th>
              <th scope="col">Gemeente</th>
              <th scope="col">Koppeldatum</th>
              <th scope="col">Reden</th>
              <th scope="col">Door</th>
            </tr>
          </thead>
          <tbody>
            {koppeling.map((h, i) => (
              <tr key={i}>
                <td>{dutchDateTime(h.at)}</td>
                <td>{koppelingActieLabels[h.actie]}</td>
                <td>{h.gemeente}</td>
                <td>{dutchDate(h.koppeldatum)}</td>
                <td>{h.reden ?? '–'}</td>
                <td>{h.door ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {blokkade.length > 0 && (
        <table className="tvs-table">
          <caption>Blokkades</caption>
          <thead>
            <tr>
              <th scope="col">Tijdstip</th>
              <th scope="col">Actie</th>
              <th scope="col">Reden</th>
              <th scope="col">Door</th>
            </tr>
          </thead>
          <tbody>
            {blokkade.map((b, i) => (
              <tr key={i}>
                <td>{dutchDateTime(b.at)}</td>
                <td>{b.geblokkeerd ? 'Geblokkeerd' : 'Gedeblokkeerd'}</td>
                <td>{b.reden}</td>
                <td>{b.door ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}

function formProps(data: DetailData, form: FormState['form']) {
  const state = data.formState?.form === form ? data.formState : undefined;
  return {
    state,
    error: (name: string) => state?.fields[name],
    value: (name: string) => state?.values[name],
    prefix: form,
  };
}

function KoppelForms({ data }: { data: DetailData }) {
  const { view } = data;
  const linked = view.fields.gekoppeldeGemeente !== null;
  const housed = view.fields.fase === 'fase-3' || view.fields.fase === 'historisch';
  if (!can(data.actor, 'koppeling.beheren') || housed) return null;
  const vNummer = String(view.fields.vNummer);
  const k = formProps(data, 'koppeling');
  const o = formProps(data, 'ontkoppeling');
  return (
    <div className="tvs-action-forms">
      <form
        method="post"
        action={`/vergunninghouders/${vNummer}/koppeling`}
        className="tvs-form"
        aria-labelledby="koppelen-kop"
      >
        <h3 id="koppelen-kop">{linked ? 'Koppeling wijzigen' : 'Koppelen aan een gemeente'}</h3>
        <ErrorSummary message={k.state?.message} />
        <CsrfField token={data.csrfToken} />
        <SelectField
          idPrefix="koppeling"
          name="gemeenteId"
          label="Gemeente"
          required
          value={k.value('gemeenteId')}
          error={k.error('gemeenteId')}
          hint="Gemeenten in uw regio. De hele plaatsingseenheid wordt gekoppeld."
          options={[
            { value: '', label: '-- Kies een gemeente --' },
            ...data.koppelGemeenten.map((g) => ({ value: String(g.id), label: g.naam })),
          ]}
        />
        <KoppeldatumField
          value={k.value('koppeldatum') ?? data.today}
          error={k.error('koppeldatum')}
          max={data.today}
        />
        {linked && (
          <TextAreaField
            idPrefix="koppeling"
            name="reden"
            label="Reden van de wijziging"
            required
            maxLength={1000}
            value={k.value('reden')}
            error={k.error('reden')}
          />
        )}
        <button type="submit" className="tvs-button">
          {linked ? 'Koppeling wijzigen' : 'Koppelen'}
        </button>
      </form>
      {linked && (
        <form
          method="post"
          action={`/vergunninghouders/${vNummer}/ontkoppeling`}
          className="tvs-form"
          aria-labelledby="ontkoppelen-kop"
        >
          <h3 id="ontkoppelen-kop">Koppeling ongedaan maken</h3>
          <ErrorSummary message={o.state?.message} />
          <CsrfField token={data.csrfToken} />
          <TextAreaField
            idPrefix="ontkoppeling"
            name="reden"
            label="Reden"
            required
            maxLength={1000}
            value={o.value('reden')}
            error={o.error('reden')}
          />
          <button type="submit" className="tvs-button tvs-button--secondary">
            Koppeling ongedaan maken
          </button>
        </form>
      )}
    </div>
  );
}

function KoppeldatumField(props: { value: string; error: string | undefined; max: string }) {
  return (
    <div className={`tvs-field${props.error ? ' tvs-field--invalid' : ''}`}>
      <label htmlFor="koppeling-koppeldatum">Koppeldatum</label>
      {props.error && (
        <p id="koppeling-koppeldatum-fout" className="tvs-field__error">
          {props.error}
        </p>
      )}
      <input
        id="koppeling-koppeldatum"
        name="koppeldatum"
        type="date"
        required
        defaultValue={props.value}
        max={props.max}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? 'koppeling-koppeldatum-fout' : undefined}
      />
    </div>
  );
}

function BlockForm({ data }: { data: DetailData }) {
  if (!can(data.actor, 'vergunninghouder.blokkeren')) return null;
  const blocked = data.view.fields.geblokkeerd === true;
  const b = formProps(data, 'blokkade');
  return (
    <form
      method="post"
      action={`/vergunninghouders/${String(data.view.fields.vNummer)}/blokkade`}
      className="tvs-form"
      aria-labelledby="blokkade-kop"
    >
      <h3 id="blokkade-kop">{blocked ? 'Blokkade opheffen' : 'Blokkeren'}</h3>
      <ErrorSummary message={b.state?.message} />
      <CsrfField token={data.csrfToken} />
      <input type="hidden" name="geblokkeerd" value={blocked ? 'nee' : 'ja'} />
      <TextAreaField
        idPrefix="blokkade"
        name="reden"
        label="Reden"
        required
        maxLength={1000}
        value={b.value('reden')}
        error={b.error('reden')}
      />
      <button type="submit" className="tvs-button tvs-button--secondary">
        {blocked ? 'Blokkade opheffen' : 'Blokkeren'}
      </button>
    </form>
  );
}

export function DetailPage({ data }: { data: DetailData }) {
  const { view } = data;
  const shown = shownSections(view);
  const name = `${String(view.fields.voornamen)} ${String(view.fields.achternaam)}`;
  const vNummer = String(view.fields.vNummer);
  return (
    <>
      <p className="tvs-back">
        <a href="/vergunninghouders">Terug naar het overzicht</a>
      </p>
      <h1>
        {name} <span className="tvs-subtitle">V-nummer {vNummer}</span>
      </h1>
      <div className="tvs-detail">
        <nav aria-label="Onderdelen" className="tvs-sidenav">
          <ul>
            {shown.map((id) => (
              <li key={id}>
                <a href={`#${id}`}>{sections[id]}</a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="tvs-detail__content">
          {shown.map((id) => (
            <Section key={id} id={id}>
              {id === 'huurcontract' ? (
                <Huurcontract view={view} />
              ) : id === 'anderePersonen' ? (
                <OtherPersons view={view} />
              ) : (
                <Fields section={id} view={view} />
              )}
              {id === 'basisgegevens' && can(data.actor, 'vergunninghouder.corrigeren') && (
                <p>
                  <a
                    href={`/vergunninghouders/${vNummer}/wijzigen`}
                    className="tvs-button tvs-button--secondary"
                  >
                    Gegevens corrigeren
                  </a>
                </p>
              )}
              {id === 'plaatsingseenheid' && (
                <FormulierenTable vNummer={vNummer} data={data.formulieren} />
              )}
              {id === 'koppelinggegevens' && (
                <>
                  {view.gemeenteId !== null &&
                    can(data.actor, 'bericht.schrijven') &&
                    data.koppelGemeenten.some((g) => g.id === view.gemeenteId) && (
                      <p>
                        <a
                          href={`/berichten/nieuw?gemeente=${view.gemeenteId}&vNummer=${vNummer}`}
                          className="tvs-button tvs-button--secondary"
                        >
                          Bericht aan de gemeente over deze vergunninghouder
                        </a>
                      </p>
                    )}
                  <History view={view} />
                  <KoppelForms data={data} />
                  <BlockForm data={data} />
                </>
              )}
            </Section>
          ))}
        </div>
      </div>
    </>
  );
}
