import type { DocumentField, DocumentSection } from '../documents/model.ts';
import type { ToestemmingWijze } from '../db/schema.ts';
import {
  CsrfField,
  ErrorSummary,
  Field,
  RadioGroup,
  SelectField,
  TextAreaField,
} from '../web/forms.tsx';
import { dutchDate, dutchDateTime } from '../vergunninghouders/labels.ts';
import {
  chosenOptions,
  computeResults,
  conceptFormValues,
  formatVeld,
  type Inhoud,
  profielSecties,
  type Wijziging,
} from './content.ts';
import { longDutchDate } from './document.ts';
import {
  NIET_GEVERIFIEERD,
  type ProfielSoort,
  profielTitels,
  type ProfielVeld,
  veldenVan,
} from './fields.ts';
import {
  type Toestemming,
  toestemmingLabels,
  type Versie,
  type VersieMeta,
  wijzeLabels,
} from './service.ts';

export interface GesprekRow {
  datum: string;
  soort: keyof typeof gesprekSoortLabels;
  verslag: string;
  door: string | null;
}

export const gesprekSoortLabels = {
  intake: 'Intakegesprek',
  vervolg: 'Vervolggesprek',
  klantprofiel: 'Gesprek klantprofiel',
  overig: 'Overig',
} as const;

function FieldValue({ value }: { value: DocumentField['value'] }) {
  if (Array.isArray(value)) {
    if (value.length === 0) return <>–</>;
    return (
      <ul className="tvs-list">
        {value.map((item, i) => (
          <li key={i}>{item}</li>
        ))}
      </ul>
    );
  }
  return <span className="tvs-multiline">{value === '' ? '–' : value}</span>;
}

function Fields({ fields }: { fields: readonly DocumentField[] }) {
  if (fields.length === 0) return null;
  return (
    <dl className="tvs-summary">
      {fields.map((f) => (
        <div key={f.label} className="tvs-summary__row">
          <dt>{f.label}</dt>
          <dd>
            <FieldValue value={f.value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Sections({ sections }: { sections: readonly DocumentSection[] }) {
  return (
    <>
      {sections.map((s) => (
        <section key={s.heading} className="tvs-section">
          <h2>{s.heading}</h2>
          <Fields fields={s.fields} />
          {(s.subsections ?? []).map((sub) => (
            <section key={sub.heading}>
              <h3>{sub.heading}</h3>
              <Fields fields={sub.fields} />
            </section>
          ))}
        </section>
      ))}
    </>
  );
}

const base = (vNummer: string, soort: ProfielSoort) => `/vergunninghouders/${vNummer}/${soort}`;

export interface ReaderData {
  soort: ProfielSoort;
  vNummer: string;
  naam: string;
  versie: Versie;
  versies: VersieMeta[];
}

/** A sent version as the gemeente reads it, with the earlier versions and a comparison. */
export function VersiePage({ data }: { data: ReaderData }) {
  const { soort, vNummer, versie } = data;
  const titel = profielTitels[soort];
  const contactNaam = formatVeld(
    { path: 'contactpersoonCoa.naam', label: 'Naam', section: '', kind: 'text', bron: 'persoon' },
    versie.inhoud,
  );
  const contactEmail = formatVeld(
    {
      path: 'contactpersoonCoa.email',
      label: 'E-mail',
      section: '',
      kind: 'text',
      bron: 'persoon',
    },
    versie.inhoud,
  );
  const newest = data.versies[0]?.versie;
  return (
    <>
      <p>
        <a href={`/vergunninghouders/${vNummer}#plaatsingseenheid`}>Terug naar {data.naam}</a>
      </p>
      <h1>
        {titel} van {data.naam}
      </h1>
      <p className="tvs-lead">
        Versie {versie.versie}
        {versie.versie === newest ? ' (laatste)' : ''}, verstuurd op {longDutchDate(versie.sentAt)}
        {versie.verstuurdDoor ? ` door ${versie.verstuurdDoor}` : ''}.{' '}
        <a href={`${base(vNummer, soort)}/versies/${versie.versie}.pdf`}>
          Downloaden als PDF<span className="tvs-visually-hidden"> (versie {versie.versie})</span>
        </a>
      </p>
      {soort === 'nareisprofiel' && (
        <div className="tvs-alert tvs-alert--warning" role="note">
          {NIET_GEVERIFIEERD}
        </div>
      )}
      <Sections sections={profielSecties(soort, versie.inhoud)} />
      <section className="tvs-section">
        <h2>Contactpersoon COA</h2>
        <dl className="tvs-summary">
          <div className="tvs-summary__row">
            <dt>Naam</dt>
            <dd>{contactNaam || '–'}</dd>
          </div>
          <div className="tvs-summary__row">
            <dt>E-mailadres</dt>
            <dd>
              {typeof contactEmail === 'string' && contactEmail ? (
                <a href={`mailto:${contactEmail}`}>{contactEmail}</a>
              ) : (
                '–'
              )}
            </dd>
          </div>
        </dl>
      </section>
      <VersionList data={data} current={versie.versie} />
    </>
  );
}

function VersionList({ data, current }: { data: ReaderData; current: number }) {
  const { soort, vNummer, versies } = data;
  const options = versies.map((v) => ({
    value: String(v.versie),
    label: `Versie ${v.versie} (${dutchDate(v.sentAt.toISOString())})`,
  }));
  return (
    <section className="tvs-section" aria-labelledby="versies-kop">
      <h2 id="versies-kop">Versies</h2>
      <table className="tvs-table">
        <caption className="tvs-visually-hidden">Verstuurde versies</caption>
        <thead>
          <tr>
            <th scope="col">Versie</th>
            <th scope="col">Verstuurd op</th>
            <th scope="col">Verstuurd door</th>
            <th scope="col">Downloaden</th>
          </tr>
        </thead>
        <tbody>
          {versies.map((v) => (
            <tr key={v.versie}>
              <td>
                {v.versie === current ? (
                  <span aria-current="page">Versie {v.versie} (getoond)</span>
                ) : (
                  <a href={`${base(vNummer, soort)}/versies/${v.versie}`}>Versie {v.versie}</a>
                )}
              </td>
              <td>{dutchDateTime(v.sentAt)}</td>
              <td>{v.verstuurdDoor ?? '–'}</td>
              <td>
                <a href={`${base(vNummer, soort)}/versies/${v.versie}.pdf`}>
                  PDF<span className="tvs-visually-hidden"> versie {v.versie}</span>
                </a>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {versies.length > 1 && (
        <form method="get" action={`${base(vNummer, soort)}/vergelijking`} className="tvs-form">
          <h3>Wat is er veranderd?</h3>
          <div className="tvs-form__row">
            <SelectField
              name="van"
              label="Van versie"
              options={options}
              value={String(versies[1]?.versie ?? '')}
            />
            <SelectField
              name="naar"
              label="Naar versie"
              options={options}
              value={String(versies[0]?.versie ?? '')}
            />
          </div>
          <button type="submit" className="tvs-button tvs-button--secondary">
            Vergelijken
          </button>
        </form>
      )}
    </section>
  );
}

export interface CompareData {
  soort: ProfielSoort;
  vNummer: string;
  naam: string;
  van: VersieMeta;
  naar: VersieMeta;
  wijzigingen: Wijziging[];
}

/** What changed between two versions, field by field. */
export function VergelijkingPage({ data }: { data: CompareData }) {
  const { van, naar } = data;
  return (
    <>
      <p>
        <a href={base(data.vNummer, data.soort)}>Terug naar het {data.soort}</a>
      </p>
      <h1>
        Wijzigingen in het {data.soort} van {data.naam}
      </h1>
      <p className="tvs-lead">
        Van versie {van.versie} ({longDutchDate(van.sentAt)}) naar versie {naar.versie} (
        {longDutchDate(naar.sentAt)}).
      </p>
      {data.wijzigingen.length === 0 ? (
        <p>Er is niets veranderd tussen deze versies.</p>
      ) : (
        <table className="tvs-table">
          <caption>
            {data.wijzigingen.length === 1
              ? '1 gewijzigd veld'
              : `${data.wijzigingen.length} gewijzigde velden`}
          </caption>
          <thead>
            <tr>
              <th scope="col">Onderdeel</th>
              <th scope="col">Veld</th>
              <th scope="col">Versie {van.versie}</th>
              <th scope="col">Versie {naar.versie}</th>
            </tr>
          </thead>
          <tbody>
            {data.wijzigingen.map((w) => (
              <tr key={`${w.section}-${w.label}`}>
                <td>{w.section}</td>
                <th scope="row">{w.label}</th>
                <td className="tvs-multiline">{w.oud || '(leeg)'}</td>
                <td className="tvs-multiline">{w.nieuw || '(leeg)'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

export interface EditorData {
  soort: ProfielSoort;
  vNummer: string;
  naam: string;
  csrfToken: string;
  toestemming: Toestemming;
  versies: VersieMeta[];
  concept: Inhoud;
  conceptOpgeslagen: Date | null;
  gekoppeld: boolean;
  gesprekken: GesprekRow[];
  /** Values typed into a refused form, keyed by field name, and its messages. */
  values?: Record<string, string> | undefined;
  multi?: Record<string, string[]> | undefined;
  errors?: Record<string, string> | undefined;
  message?: string | undefined;
  /** Which form the messages belong to. */
  form?: 'profiel' | 'toestemming' | 'gesprek' | undefined;
}

function CheckboxGroup(props: {
  name: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  chosen: readonly string[];
  error?: string | undefined;
}) {
  const id = `veld-${props.name}`;
  return (
    <fieldset
      className={`tvs-checkboxes${props.error ? ' tvs-field--invalid' : ''}`}
      aria-describedby={props.error ? `${id}-fout` : undefined}
    >
      <legend>{props.legend}</legend>
      {props.error && (
        <p id={`${id}-fout`} className="tvs-field__error">
          {props.error}
        </p>
      )}
      {props.options.map((o) => (
        <label key={o.value} className="tvs-checkbox">
          <input
            type="checkbox"
            name={props.name}
            value={o.value}
            defaultChecked={props.chosen.includes(o.value)}
          />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

function EditorField(props: {
  spec: ProfielVeld;
  values: Record<string, string>;
  chosen: string[];
  error: string | undefined;
  computed: Inhoud;
}) {
  const { spec, values, error } = props;
  const common = { name: spec.path, label: spec.label, value: values[spec.path], error };
  const hint = spec.hint ? { hint: spec.hint } : {};
  switch (spec.kind) {
    case 'multiline':
    case 'lines':
    case 'taalvaardigheid':
      return <TextAreaField {...common} {...hint} rows={spec.kind === 'multiline' ? 3 : 4} />;
    case 'date':
      return <Field {...common} {...hint} type="date" />;
    case 'int':
      return <Field {...common} {...hint} inputMode="numeric" maxLength={3} pattern="[0-9]*" />;
    case 'janee':
      return (
        <RadioGroup
          name={spec.path}
          legend={spec.label}
          options={[
            { value: 'ja', label: 'Ja' },
            { value: 'nee', label: 'Nee' },
          ]}
          value={values[spec.path] ?? ''}
          error={error}
        />
      );
    case 'select':
      return (
        <SelectField
          {...common}
          {...hint}
          options={[{ value: '', label: '-- Nog niet bekend --' }, ...(spec.options ?? [])]}
        />
      );
    case 'multi':
      return (
        <CheckboxGroup
          name={spec.path}
          legend={spec.label}
          options={spec.options ?? []}
          chosen={props.chosen}
          error={error}
        />
      );
    case 'berekend': {
      const value = formatVeld(spec, props.computed);
      return (
        <div className="tvs-field" data-veld={spec.path}>
          <p className="tvs-field__label">{spec.label}</p>
          {spec.hint && <p className="tvs-field__hint">{spec.hint}</p>}
          <p>
            {typeof value === 'string' && value
              ? `${value} (berekend)`
              : 'Wordt berekend zodra het is ingevuld.'}
          </p>
        </div>
      );
    }
    default:
      return <Field {...common} {...hint} />;
  }
}

function groups(soort: ProfielSoort) {
  const result: { heading: string; sub?: string; specs: ProfielVeld[] }[] = [];
  for (const spec of veldenVan(soort)) {
    if (spec.bron === 'persoon') continue;
    const last = result[result.length - 1];
    if (last && last.heading === spec.section && last.sub === spec.subsection)
      last.specs.push(spec);
    else {
      const group: { heading: string; sub?: string; specs: ProfielVeld[] } = {
        heading: spec.section,
        specs: [spec],
      };
      if (spec.subsection) group.sub = spec.subsection;
      result.push(group);
    }
  }
  return result;
}

function ConsentPanel({ data }: { data: EditorData }) {
  const { toestemming, soort, vNummer } = data;
  const errorsHere = data.form === 'toestemming' ? (data.errors ?? {}) : {};
  const values = data.form === 'toestemming' ? (data.values ?? {}) : {};
  return (
    <section className="tvs-section" aria-labelledby="toestemming-kop" id="toestemming">
      <h2 id="toestemming-kop">Toestemming overdracht {soort}</h2>
      <dl className="tvs-summary">
        <div className="tvs-summary__row" data-veld="toestemming">
          <dt>Toestemming</dt>
          <dd>{toestemmingLabels[toestemming.status]}</dd>
        </div>
        {toestemming.datum && (
          <div className="tvs-summary__row">
            <dt>Datum</dt>
            <dd>{dutchDate(toestemming.datum)}</dd>
          </div>
        )}
        {toestemming.wijze && (
          <div className="tvs-summary__row">
            <dt>Wijze</dt>
            <dd>{wijzeLabels[toestemming.wijze]}</dd>
          </div>
        )}
        {toestemming.ingetrokkenOp && (
          <div className="tvs-summary__row">
            <dt>Ingetrokken op</dt>
            <dd>{dutchDateTime(toestemming.ingetrokkenOp)}</dd>
          </div>
        )}
      </dl>
      <form
        method="post"
        action={`/vergunninghouders/${vNummer}/toestemming/${soort}`}
        className="tvs-form"
        aria-labelledby="toestemming-form-kop"
        noValidate
      >
        <h3 id="toestemming-form-kop">Toestemming vastleggen</h3>
        {data.form === 'toestemming' && <ErrorSummary message={data.message} />}
        <CsrfField token={data.csrfToken} />
        <RadioGroup
          name="gegeven"
          legend="Geeft de vergunninghouder toestemming?"
          options={[
            { value: 'ja', label: 'Ja' },
            { value: 'nee', label: 'Nee' },
          ]}
          value={values.gegeven ?? ''}
          error={errorsHere.gegeven}
        />
        <Field
          name="datum"
          label="Datum"
          type="date"
          value={values.datum}
          error={errorsHere.datum}
        />
        <RadioGroup
          name="wijze"
          legend="Hoe is de toestemming gegeven?"
          options={(Object.keys(wijzeLabels) as ToestemmingWijze[]).map((w) => ({
            value: w,
            label: wijzeLabels[w],
          }))}
          value={values.wijze ?? ''}
          error={errorsHere.wijze}
        />
        <button type="submit" className="tvs-button tvs-button--secondary">
          Toestemming vastleggen
        </button>
      </form>
      {toestemming.status === 'ja' && (
        <form
          method="post"
          action={`/vergunninghouders/${vNummer}/toestemming/${soort}/intrekking`}
          className="tvs-form"
          aria-label="Toestemming intrekken"
        >
          <CsrfField token={data.csrfToken} />
          <p>
            Trekt de vergunninghouder de toestemming in? Vanaf dan ziet de gemeente het {soort} niet
            meer.
          </p>
          <button type="submit" className="tvs-button tvs-button--secondary">
            Toestemming intrekken
          </button>
        </form>
      )}
    </section>
  );
}

function GesprekkenPanel({ data }: { data: EditorData }) {
  const errorsHere = data.form === 'gesprek' ? (data.errors ?? {}) : {};
  const values = data.form === 'gesprek' ? (data.values ?? {}) : {};
  return (
    <section className="tvs-section" aria-labelledby="gesprekken-kop" id="gesprekken">
      <h2 id="gesprekken-kop">Gesprekken</h2>
      {data.gesprekken.length === 0 ? (
        <p>Nog geen gesprekken vastgelegd.</p>
      ) : (
        <table className="tvs-table">
          <caption className="tvs-visually-hidden">Gevoerde gesprekken</caption>
          <thead>
            <tr>
              <th scope="col">Datum</th>
              <th scope="col">Soort</th>
              <th scope="col">Verslag</th>
              <th scope="col">Door</th>
            </tr>
          </thead>
          <tbody>
            {data.gesprekken.map((g, i) => (
              <tr key={i}>
                <td>{dutchDate(g.datum)}</td>
                <td>{gesprekSoortLabels[g.soort]}</td>
                <td className="tvs-multiline">{g.verslag || '–'}</td>
                <td>{g.door ?? '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        method="post"
        action={`/vergunninghouders/${data.vNummer}/gesprekken`}
        className="tvs-form"
        aria-labelledby="gesprek-form-kop"
        noValidate
      >
        <h3 id="gesprek-form-kop">Gesprek vastleggen</h3>
        {data.form === 'gesprek' && <ErrorSummary message={data.message} />}
        <CsrfField token={data.csrfToken} />
        <Field
          name="gesprekDatum"
          label="Datum"
          type="date"
          value={values.gesprekDatum}
          error={errorsHere.gesprekDatum}
        />
        <SelectField
          name="gesprekSoort"
          label="Soort gesprek"
          options={Object.entries(gesprekSoortLabels).map(([value, label]) => ({ value, label }))}
          value={values.gesprekSoort}
          error={errorsHere.gesprekSoort}
        />
        <TextAreaField
          name="verslag"
          label="Verslag"
          hint="Alleen voor COA; gaat niet naar de gemeente."
          value={values.verslag}
          error={errorsHere.verslag}
          maxLength={4000}
        />
        <button type="submit" className="tvs-button tvs-button--secondary">
          Gesprek vastleggen
        </button>
      </form>
    </section>
  );
}

/** The writer's page: consent, conversations, the draft and "Doorsturen naar gemeente". */
export function EditorPage({ data }: { data: EditorData }) {
  const { soort, vNummer } = data;
  const profielForm = data.form === 'profiel';
  const values = profielForm && data.values ? data.values : conceptFormValues(soort, data.concept);
  const errorsHere = profielForm ? (data.errors ?? {}) : {};
  const released = data.toestemming.status === 'ja';
  return (
    <>
      <p>
        <a href={`/vergunninghouders/${vNummer}`}>Terug naar {data.naam}</a>
      </p>
      <h1>
        {profielTitels[soort]} van {data.naam}
      </h1>
      <ConsentPanel data={data} />
      {soort === 'klantprofiel' && <GesprekkenPanel data={data} />}
      <section className="tvs-section" aria-labelledby="profiel-kop" id="profiel">
        <h2 id="profiel-kop">
          {soort === 'klantprofiel' ? 'Klantprofiel invullen' : 'Nareisprofiel invullen'}
        </h2>
        <p>
          {data.versies.length === 0
            ? 'Nog niet naar de gemeente gestuurd.'
            : `Laatst verstuurd: versie ${data.versies[0]?.versie ?? ''} op ${longDutchDate(
                data.versies[0]?.sentAt ?? new Date(),
              )}.`}{' '}
          {data.conceptOpgeslagen && soort === 'klantprofiel'
            ? `Concept opgeslagen op ${dutchDateTime(data.conceptOpgeslagen)}.`
            : ''}
        </p>
        <p>
          Naam, geboortedatum, nationaliteit, gezinsleden en status komen bij het doorsturen uit de
          registratie. Wat nog niet bekend is, laat u leeg; bij een vervolggesprek vult u aan en
          stuurt u een nieuwe versie.
        </p>
        {!released && (
          <div className="tvs-alert tvs-alert--warning" role="note">
            Zonder toestemming van de vergunninghouder kunt u het {soort} wel invullen, maar niet
            naar de gemeente sturen.
          </div>
        )}
        {released && !data.gekoppeld && (
          <div className="tvs-alert tvs-alert--warning" role="note">
            Deze vergunninghouder is nog niet aan een gemeente gekoppeld; doorsturen kan na de
            koppeling.
          </div>
        )}
        <form
          method="post"
          action={`/vergunninghouders/${vNummer}/${soort}/bewerken`}
          className="tvs-form"
          aria-labelledby="profiel-kop"
          noValidate
        >
          {profielForm && <ErrorSummary message={data.message} />}
          <CsrfField token={data.csrfToken} />
          {groups(soort).map((group) => (
            <fieldset key={`${group.heading}-${group.sub ?? ''}`} className="tvs-fieldset">
              <legend>{group.sub ? `${group.heading}: ${group.sub}` : group.heading}</legend>
              {group.specs.map((spec) => (
                <EditorField
                  key={spec.path}
                  spec={spec}
                  values={values}
                  chosen={
                    profielForm && data.multi
                      ? (data.multi[spec.path] ?? [])
                      : chosenOptions(data.concept, spec.path)
                  }
                  error={errorsHere[spec.path]}
                  computed={computeResults(structuredClone(data.concept))}
                />
              ))}
            </fieldset>
          ))}
          <div className="tvs-actions">
            {soort === 'klantprofiel' && (
              <button
                type="submit"
                name="actie"
                value="opslaan"
                className="tvs-button tvs-button--secondary"
              >
                Opslaan als concept
              </button>
            )}
            <button type="submit" name="actie" value="doorsturen" className="tvs-button">
              Doorsturen naar gemeente
            </button>
          </div>
        </form>
      </section>
      {data.versies.length > 0 && (
        <section className="tvs-section" aria-labelledby="verstuurd-kop">
          <h2 id="verstuurd-kop">Verstuurde versies</h2>
          <ul>
            {data.versies.map((v) => (
              <li key={v.versie}>
                <a href={`${base(vNummer, soort)}/versies/${v.versie}`}>Versie {v.versie}</a> –{' '}
                {dutchDateTime(v.sentAt)}
                {v.verstuurdDoor ? `, ${v.verstuurdDoor}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
