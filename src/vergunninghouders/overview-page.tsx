import type { Actor } from '../policy/policy.ts';
import { Field, type Option, RadioGroup, SelectField } from '../web/forms.tsx';
import {
  type Criteria,
  criteriaToQuery,
  type CriteriumName,
  jaNeeCriteria,
  type JaNeeCriterium,
  pageSizes,
  type ParsedCriteria,
  type SortKey,
} from './criteria.ts';
import { faseLabels } from './fase.ts';
import { dutchDate, geslachtLabels } from './labels.ts';
import type { SearchRow } from './search-repository.ts';

export interface OverviewData {
  parsed: ParsedCriteria;
  result: { rows: SearchRow[]; total: number } | null;
  options: {
    locaties: { id: number; naam: string }[];
    nationaliteiten: string[];
    etniciteiten: string[];
    gemeenten: { id: number; naam: string }[];
  };
  /** Which protected criteria the actor may use. */
  allowed: (name: CriteriumName) => boolean;
  actor: Actor;
}

const jaNeeOptions: Option[] = [
  { value: 'ja', label: 'Ja' },
  { value: 'nee', label: 'Nee' },
  { value: 'beide', label: 'Ja + nee' },
];

/** A free-text criterion: its value as typed, and no suggestions from earlier searches. */
function TextCriterion(props: {
  name: keyof Criteria;
  label: string;
  value: string | number | undefined;
  error: string | undefined;
  inputMode?: 'numeric';
  hint?: string;
}) {
  return (
    <Field
      name={props.name}
      label={props.label}
      value={props.value === undefined ? undefined : String(props.value)}
      error={props.error}
      inputMode={props.inputMode}
      hint={props.hint}
      autoComplete="off"
      maxLength={100}
    />
  );
}

function SearchForm({ data }: { data: OverviewData }) {
  const { criteria: c, errors } = data.parsed;
  const all = (label: string): Option => ({ value: '', label });
  const jaNeeShown = (Object.keys(jaNeeCriteria) as JaNeeCriterium[]).filter(data.allowed);
  return (
    <form
      method="get"
      action="/vergunninghouders"
      className="tvs-search"
      role="search"
      aria-labelledby="zoekcriteria"
    >
      <h2 id="zoekcriteria">Zoekcriteria</h2>
      <div className="tvs-search__grid">
        <SelectField
          name="fase"
          label="Fase"
          value={c.fase}
          error={errors.fase}
          options={[
            all('-- Alle fasen --'),
            ...(['fase-1', 'fase-2', 'fase-3'] as const).map((f) => ({
              value: f,
              label: faseLabels[f],
            })),
          ]}
        />
        <TextCriterion
          name="vNummer"
          label="V-nummer"
          value={c.vNummer}
          error={errors.vNummer}
          inputMode="numeric"
        />
        {data.allowed('bsn') && (
          <TextCriterion
            name="bsn"
            label="BSN"
            value={c.bsn}
            error={errors.bsn}
            inputMode="numeric"
          />
        )}
        <SelectField
          name="azc"
          label="AZC"
          value={c.azc === undefined ? '' : String(c.azc)}
          error={errors.azc}
          options={[
            all('-- Alle locaties --'),
            ...data.options.locaties.map((l) => ({ value: String(l.id), label: l.naam })),
          ]}
        />
        <TextCriterion
          name="ple"
          label="PLE"
          value={c.ple}
          error={errors.ple}
          inputMode="numeric"
        />
        <SelectField
          name="nationaliteit"
          label="Nationaliteit"
          value={c.nationaliteit}
          error={errors.nationaliteit}
          options={[
            all('-- Alle nationaliteiten --'),
            ...data.options.nationaliteiten.map((n) => ({ value: n, label: n })),
          ]}
        />
        <SelectField
          name="gemeente"
          label="Gekoppelde Gemeente"
          value={c.gemeente === undefined ? '' : String(c.gemeente)}
          error={errors.gemeente}
          options={[
            all(data.actor.coaRole ? '-- Alle gemeenten --' : '-- Al mijn gemeenten --'),
            ...data.options.gemeenten.map((g) => ({ value: String(g.id), label: g.naam })),
          ]}
        />
        <TextCriterion
          name="achternaam"
          label="Achternaam"
          value={c.achternaam}
          error={errors.achternaam}
          hint="Begin van de achternaam"
        />
        <SelectField
          name="etniciteit"
          label="Etniciteit"
          value={c.etniciteit}
          error={errors.etniciteit}
          options={[
            all('-- Alle etniciteiten --'),
            ...data.options.etniciteiten.map((e) => ({ value: e, label: e })),
          ]}
        />
      </div>
      <div className="tvs-search__grid">
        <RadioGroup
          name="geslacht"
          legend="Geslacht"
          value={c.geslacht}
          error={errors.geslacht}
          options={[
            { value: 'man', label: 'Man' },
            { value: 'vrouw', label: 'Vrouw' },
            { value: 'beide', label: 'Beide' },
          ]}
        />
        {jaNeeShown.map((name) => (
          <RadioGroup
            key={name}
            name={name}
            legend={jaNeeCriteria[name]}
            value={c[name]}
            error={errors[name]}
            options={jaNeeOptions}
          />
        ))}
        <fieldset className="tvs-radios tvs-range">
          <legend>Personen in PLE</legend>
          {(errors.personenVan ?? errors.personenTot) && (
            <p className="tvs-field__error">{errors.personenVan ?? errors.personenTot}</p>
          )}
          <label htmlFor="veld-personenVan">van</label>
          <input
            id="veld-personenVan"
            name="personenVan"
            type="text"
            inputMode="numeric"
            size={3}
            defaultValue={c.personenVan}
          />
          <label htmlFor="veld-personenTot">tot en met</label>
          <input
            id="veld-personenTot"
            name="personenTot"
            type="text"
            inputMode="numeric"
            size={3}
            defaultValue={c.personenTot}
          />
        </fieldset>
      </div>
      <input type="hidden" name="sorteer" value={c.sorteer} />
      <input type="hidden" name="richting" value={c.richting} />
      <input type="hidden" name="perPagina" value={c.perPagina} />
      <div className="tvs-actions">
        <button type="submit" className="tvs-button">
          Zoeken
        </button>
        <a href="/vergunninghouders" className="tvs-button tvs-button--secondary">
          Reset
        </a>
      </div>
    </form>
  );
}

const columns: { key: SortKey | null; label: string }[] = [
  { key: 'vNummer', label: 'V-nummer' },
  { key: 'achternaam', label: 'Naam' },
  { key: 'geboortedatum', label: 'Geboortedatum' },
  { key: null, label: 'Geslacht' },
  { key: 'nationaliteit', label: 'Nationaliteit' },
  { key: 'fase', label: 'Fase' },
  { key: 'gemeente', label: 'Gekoppelde gemeente' },
  { key: 'personen', label: 'Personen in PLE' },
  { key: null, label: 'AZC' },
];

function SortHeader({
  column,
  criteria,
}: {
  column: (typeof columns)[number];
  criteria: Criteria;
}) {
  if (!column.key) return <th scope="col">{column.label}</th>;
  const active = criteria.sorteer === column.key;
  const next = active && criteria.richting === 'op' ? 'af' : 'op';
  const href = `/vergunninghouders${criteriaToQuery(criteria, {
    sorteer: column.key,
    richting: next,
    pagina: 1,
  })}`;
  const sort = active ? (criteria.richting === 'op' ? 'ascending' : 'descending') : undefined;
  return (
    <th scope="col" aria-sort={sort}>
      <a href={href}>
        {column.label}
        {active && (
          <span className="tvs-sort">
            {criteria.richting === 'op' ? ' ▲' : ' ▼'}
            <span className="tvs-visually-hidden">
              {criteria.richting === 'op' ? ' (oplopend)' : ' (aflopend)'}
            </span>
          </span>
        )}
      </a>
    </th>
  );
}

function Pagination({ criteria, total }: { criteria: Criteria; total: number }) {
  const pages = Math.max(1, Math.ceil(total / criteria.perPagina));
  if (pages <= 1) return null;
  const page = Math.min(criteria.pagina, pages);
  const link = (p: number) => `/vergunninghouders${criteriaToQuery(criteria, { pagina: p })}`;
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pages])]
    .filter((p) => p >= 1 && p <= pages)
    .sort((a, b) => a - b);
  return (
    <nav aria-label="Paginering" className="tvs-pagination">
      <ul>
        {page > 1 && (
          <li>
            <a href={link(page - 1)} rel="prev">
              Vorige
            </a>
          </li>
        )}
        {shown.map((p) => (
          <li key={p}>
            {p === page ? (
              <span aria-current="page">{p}</span>
            ) : (
              <a href={link(p)} aria-label={`Pagina ${p}`}>
                {p}
              </a>
            )}
          </li>
        ))}
        {page < pages && (
          <li>
            <a href={link(page + 1)} rel="next">
              Volgende
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

function Results({ data }: { data: OverviewData }) {
  const { criteria } = data.parsed;
  const result = data.result;
  if (!result) return null;
  const first = (criteria.pagina - 1) * criteria.perPagina + 1;
  const last = first + result.rows.length - 1;
  return (
    <section aria-labelledby="resultaten">
      <h2 id="resultaten">Resultaten</h2>
      <p role="status">
        {result.total === 0
          ? 'Geen vergunninghouders gevonden met deze zoekcriteria.'
          : `${result.total.toLocaleString('nl-NL')} ${
              result.total === 1 ? 'vergunninghouder' : 'vergunninghouders'
            } gevonden` +
            (result.rows.length > 0 ? `; ${first} tot en met ${last} worden getoond.` : '.')}
      </p>
      {result.total === 0 && !data.actor.coaRole && (
        <p>
          Ziet u iemand niet die u verwacht? Dan heeft de regievoerder deze persoon nog niet aan uw
          gemeente gekoppeld.
        </p>
      )}
      {result.rows.length > 0 && (
        <div className="tvs-table-wrap">
          <table className="tvs-table">
            <caption className="tvs-visually-hidden">Gevonden vergunninghouders</caption>
            <thead>
              <tr>
                {columns.map((column) => (
                  <SortHeader key={column.label} column={column} criteria={criteria} />
                ))}
              </tr>
            </thead>
            <tbody>
              {result.rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <a href={`/vergunninghouders/${row.vNummer}`}>{row.vNummer}</a>
                  </td>
                  <td>
                    {row.achternaam}, {row.voornamen}
                    {row.geblokkeerd && <span className="tvs-tag"> Geblokkeerd</span>}
                  </td>
                  <td>{dutchDate(row.geboortedatum)}</td>
                  <td>{geslachtLabels[row.geslacht]}</td>
                  <td>{row.nationaliteit}</td>
                  <td>{faseLabels[row.fase]}</td>
                  <td>{row.gemeente ?? 'Nog niet gekoppeld'}</td>
                  <td>{row.personen}</td>
                  <td>{row.azc ?? '–'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination criteria={criteria} total={result.total} />
      {result.total > pageSizes[0] && (
        <p className="tvs-page-size">
          Per pagina:{' '}
          {pageSizes.map((size) =>
            size === criteria.perPagina ? (
              <strong key={size}> {size} </strong>
            ) : (
              <a
                key={size}
                href={`/vergunninghouders${criteriaToQuery(criteria, {
                  perPagina: size,
                  pagina: 1,
                })}`}
              >
                {' '}
                {size}{' '}
              </a>
            ),
          )}
        </p>
      )}
    </section>
  );
}

export function OverviewPage({ data }: { data: OverviewData }) {
  const invalid = Object.keys(data.parsed.errors).length > 0;
  return (
    <>
      <h1>Overzicht vergunninghouders</h1>
      {invalid && (
        <div className="tvs-alert tvs-alert--error" role="alert" tabIndex={-1} data-focus-on-load>
          Niet alle zoekcriteria konden worden gelezen. Controleer de gemarkeerde velden.
        </div>
      )}
      <SearchForm data={data} />
      <Results data={data} />
    </>
  );
}
