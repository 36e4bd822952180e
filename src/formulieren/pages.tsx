import type { ReactNode } from 'react';

import { unavailableTexts } from '../klantprofielen/service.ts';
import { dutchDate, geslachtLabels, rolInPleLabels } from '../vergunninghouders/labels.ts';
import type { FormulierenData, HuisvestingView } from './service.ts';

interface Row {
  naam: string;
  beschrijving: string;
  links: { href: string; text: string; hidden?: string }[];
}

function rows(vNummer: string, data: FormulierenData): Row[] {
  const base = `/vergunninghouders/${vNummer}`;
  const result: Row[] = [];
  if (data.informatieformulier) {
    result.push({
      naam: 'Informatieformulier',
      beschrijving: 'Dit is het informatieformulier voor de gemeente.',
      links: [{ href: `${base}/informatieformulier.docx`, text: 'Word (docx)' }],
    });
  }
  if (data.inkomstenverklaring) {
    result.push({
      naam: 'Inkomstenverklaring',
      beschrijving: 'Dit is de inkomstenverklaring vanuit COA.',
      links: [{ href: `${base}/inkomstenverklaring.docx`, text: 'Word (docx)' }],
    });
  }
  if (data.huisvesting) {
    result.push({
      naam: 'Informatieformulier Huisvesting',
      beschrijving: 'Dit is het informatieformulier voor de corporatie en gemeente.',
      links: [{ href: `${base}/informatieformulier-huisvesting`, text: 'Bekijken' }],
    });
  }
  for (const profiel of [data.klantprofiel, data.nareisprofiel]) {
    if (!profiel) continue;
    const titel = profiel.soort === 'klantprofiel' ? 'Klantprofiel' : 'Nareisprofiel';
    if (profiel.unavailable) {
      result.push({
        naam: titel,
        beschrijving: unavailableTexts[profiel.soort][profiel.unavailable],
        links: [],
      });
      continue;
    }
    const count = profiel.versies.length;
    result.push({
      naam: titel,
      beschrijving: `Dit is het ${profiel.soort} van de vergunninghouder.`,
      links: [
        { href: `${base}/${profiel.soort}.pdf`, text: 'PDF', hidden: ` ${profiel.soort}` },
        {
          href: `${base}/${profiel.soort}`,
          text: count === 1 ? '1 versie' : `${count} versies`,
          hidden: ` van het ${profiel.soort}`,
        },
      ],
    });
  }
  return result;
}

/** The Formulieren (plaatsingseenheid) table on the detail page. */
export function FormulierenTable({ vNummer, data }: { vNummer: string; data: FormulierenData }) {
  const list = rows(vNummer, data);
  return (
    <>
      <h3 id="formulieren-kop">Formulieren (plaatsingseenheid)</h3>
      {list.length === 0 ? (
        <p>Er zijn geen formulieren die u mag inzien.</p>
      ) : (
        <table className="tvs-table" aria-labelledby="formulieren-kop">
          <thead>
            <tr>
              <th scope="col">Naam</th>
              <th scope="col">Beschrijving</th>
              <th scope="col">Downloaden</th>
            </tr>
          </thead>
          <tbody>
            {list.map((row) => (
              <tr key={row.naam} data-formulier={row.naam}>
                <td>{row.naam}</td>
                <td>{row.beschrijving}</td>
                <td>
                  {row.links.length === 0
                    ? '–'
                    : row.links.map((link, i) => (
                        <span key={link.href}>
                          {i > 0 && ' · '}
                          <a href={link.href}>
                            {link.text}
                            {link.hidden && (
                              <span className="tvs-visually-hidden">{link.hidden}</span>
                            )}
                          </a>
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(data.bewerken.klantprofiel || data.bewerken.nareisprofiel) && (
        <p className="tvs-actions">
          {data.bewerken.klantprofiel && (
            <a
              href={`/vergunninghouders/${vNummer}/klantprofiel/bewerken`}
              className="tvs-button tvs-button--secondary"
            >
              Klantprofiel, toestemming en gesprekken
            </a>
          )}
          {data.bewerken.nareisprofiel && (
            <a
              href={`/vergunninghouders/${vNummer}/nareisprofiel/bewerken`}
              className="tvs-button tvs-button--secondary"
            >
              Nareisprofiel en toestemming
            </a>
          )}
        </p>
      )}
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="tvs-summary__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

const relatieLabels: Record<string, string> = {
  partner: 'Partner',
  kind: 'Kind',
  ouder: 'Ouder',
  overig: 'Overig',
};

/** The Informatieformulier Huisvesting: the household and its housing needs. */
export function HuisvestingPage({ view }: { view: HuisvestingView }) {
  const expected = view.nareizigers.length;
  return (
    <>
      <p className="tvs-back">
        <a href={`/vergunninghouders/${view.vNummer}#plaatsingseenheid`}>Terug naar {view.naam}</a>
      </p>
      <h1>Informatieformulier Huisvesting</h1>
      <p className="tvs-lead">
        Voor de corporatie en de gemeente: wie er in de woning komen wonen en waar de woning aan
        moet voldoen. Opgemaakt uit de gegevens van vandaag.
      </p>
      <section className="tvs-section" aria-labelledby="ple-kop">
        <h2 id="ple-kop">Plaatsingseenheid</h2>
        <dl className="tvs-summary">
          <Row label="Gekoppelde gemeente">{view.gemeente ?? '–'}</Row>
          <Row label="Koppeldatum">{dutchDate(view.koppeldatum)}</Row>
          <Row label="Locatie (AZC)">{view.locatie ?? '–'}</Row>
          <Row label="Personen in PLE">{view.members.length}</Row>
          <Row label="Verwachte nareizigers">
            {expected === 0
              ? 'Geen'
              : `${expected} (samen ${view.members.length + expected} personen in de woning)`}
          </Row>
        </dl>
      </section>
      <section className="tvs-section" aria-labelledby="personen-kop">
        <h2 id="personen-kop">Personen</h2>
        <table className="tvs-table">
          <caption className="tvs-visually-hidden">Personen in de plaatsingseenheid</caption>
          <thead>
            <tr>
              <th scope="col">Naam</th>
              <th scope="col">Geboortedatum</th>
              <th scope="col">Geslacht</th>
              <th scope="col">Rol</th>
              {view.toonBeperking && <th scope="col">Beperking t.a.v. huisvesting</th>}
            </tr>
          </thead>
          <tbody>
            {view.members.map((m) => (
              <tr key={m.vNummer}>
                <th scope="row">{m.naam}</th>
                <td>{dutchDate(m.geboortedatum)}</td>
                <td>{geslachtLabels[m.geslacht]}</td>
                <td>{rolInPleLabels[m.rol]}</td>
                {view.toonBeperking && <td>{m.beperkingHuisvesting ?? 'Geen'}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      {expected > 0 && (
        <section className="tvs-section" aria-labelledby="nareis-kop">
          <h2 id="nareis-kop">Verwachte nareizigers</h2>
          <ul>
            {view.nareizigers.map((n, i) => (
              <li key={i}>
                {relatieLabels[n.relatie] ?? n.relatie}, geboren {dutchDate(n.geboortedatum)}
                {n.verwachte_aankomst
                  ? `, verwacht op ${dutchDate(n.verwachte_aankomst)}`
                  : ', aankomst nog niet bekend'}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="tvs-section" aria-labelledby="woning-kop">
        <h2 id="woning-kop">Woning</h2>
        <dl className="tvs-summary">
          <Row label="Concreet woningaanbod">
            {view.voordracht
              ? `${view.voordracht.straat} ${view.voordracht.huisnummer}, ${view.voordracht.woonplaats} ` +
                `(${view.voordracht.kamers} kamers, ${view.voordracht.status}, beschikbaar vanaf ` +
                `${dutchDate(view.voordracht.beschikbaar_vanaf)})`
              : 'Geen'}
          </Row>
          <Row label="Huurcontract">
            {view.huurcontract
              ? `${view.huurcontract.straat} ${view.huurcontract.huisnummer}, ` +
                `${view.huurcontract.postcode} ${view.huurcontract.woonplaats} ` +
                `(${view.huurcontract.corporatie}, ingangsdatum ` +
                `${dutchDate(view.huurcontract.ingangsdatum)})`
              : 'Geen huurcontract bekend'}
          </Row>
        </dl>
      </section>
    </>
  );
}
