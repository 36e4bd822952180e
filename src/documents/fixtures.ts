import { KNM_UREN, NIET_GEVERIFIEERD, SCORE_MAX, TAALLES_UREN } from '../klantprofielen/fields.ts';
import type { ProfileDocument } from './model.ts';

/**
 * Realistic sample profiles for the PDF tests and the document benchmark. The people are
 * invented; the names carry the diacritics a real caseload has (Turkish, Vietnamese, Dutch),
 * so a font without them shows up at once.
 */

const GENERATED_AT = new Date('2026-11-12T14:05:00+01:00');

const CONTACT: ProfileDocument['contact'] = {
  heading: 'Contactpersoon COA',
  naam: 'Zoë van den Berg-Nguyễn',
  email: 'zoe.vandenberg@coa.nl',
};

export function sampleProfileDocument(): ProfileDocument {
  return {
    title: 'Klantprofiel',
    subject: 'Şükrü Yıldırım-Öztürk (V-nummer 2918374650)',
    author: 'Zoë van den Berg-Nguyễn, COA-locatie Ter Apel',
    versionLine: 'Versie 3, verstuurd op 12 november 2026',
    sections: [
      {
        heading: 'Persoonlijke gegevens',
        fields: [
          { label: 'Naam', value: 'Şükrü Yıldırım-Öztürk' },
          { label: 'Geboortedatum', value: '12-03-1988' },
          { label: 'Geslacht', value: 'Man' },
          { label: 'Nationaliteit', value: 'Turkse' },
          { label: 'Talen', value: ['Turks (moedertaal)', 'Koerdisch (Kurmanji)', 'Engels'] },
        ],
      },
      {
        heading: 'Familiegegevens',
        fields: [
          {
            label: 'Overige gezinsleden',
            value: [
              'Ayşe Yıldırım-Çelik, partner, 27-08-1991',
              'Zoë Yıldırım, dochter, 03-02-2017',
              'Emir Yıldırım, zoon, 19-06-2020',
            ],
          },
          {
            label: 'Gezinshereniging',
            value:
              'Meneer wil zijn moeder, Gülşen Öztürk, laten overkomen. Zij woont nu bij zijn ' +
              'zus in Gaziantep. Er is nog geen aanvraag ingediend; meneer weet dat hij daarvoor ' +
              'zelf contact opneemt met VluchtelingenWerk.',
          },
        ],
      },
      {
        heading: 'Statusgegevens',
        fields: [
          { label: 'V-nummer', value: '2918374650' },
          { label: 'Uitgifte verblijfsvergunning', value: '02-09-2026' },
          { label: 'Soort verblijfsvergunning', value: 'Verblijfsvergunning asiel bepaalde tijd' },
        ],
      },
      {
        heading: 'Voorinburgering',
        fields: [
          { label: 'Instemming deelname Voorinburgering', value: 'Ja' },
          { label: 'Reden van niet deelnemen', value: '' },
          { label: 'PID map ontvangen', value: 'Ja' },
        ],
        subsections: [
          {
            heading: 'Deelname taallessen',
            fields: [
              { label: 'Periode van', value: '14-09-2026' },
              { label: 'Periode tot en met', value: '06-11-2026' },
              { label: 'Niveaugroep', value: 'Middelbaar/hogopgeleiden' },
              { label: `Uren aanwezig (van ${TAALLES_UREN})`, value: '104' },
              { label: 'Resultaat', value: 'Voldaan' },
            ],
          },
          {
            heading: 'Toets taalleerbaarheid',
            fields: [
              { label: 'Toets taalleerbaarheid', value: 'NT2' },
              { label: `Score leerbaarheidstoets (0–${SCORE_MAX})`, value: '17' },
              { label: 'Resultaat leerbaarheidstoets', value: 'Gemiddeld (score 12–18)' },
              { label: 'NT2 gespreksvaardigheidstoets', value: 'A1' },
              { label: 'Opleidingsniveau (geschat)', value: 'Mbo-niveau 4' },
            ],
          },
          {
            heading: 'Kennis Nederlandse Maatschappij (KNM)',
            fields: [
              { label: `Uren aanwezig (van ${KNM_UREN})`, value: '20' },
              {
                label: "Behandelde thema's",
                value: [
                  'Inburgeringsplicht',
                  'Wonen in Nederland',
                  'Onderwijs in Nederland',
                  'Werk en Oriëntatie Nederlandse Arbeidsmarkt (ONA)',
                ],
              },
            ],
          },
        ],
      },
      {
        heading: 'Educatieve gegevens',
        fields: [
          {
            label: 'Taalvaardigheid',
            value: ['Turks: moedertaal', 'Koerdisch: goed (spreken)', 'Engels: redelijk'],
          },
          {
            label: 'Onderwijs',
            value:
              'Lise (middelbare school) afgerond in Şanlıurfa, 2006. Daarna twee jaar ' +
              'meslek yüksekokulu (vergelijkbaar met mbo-niveau 4) in de richting ' +
              'elektrotechniek; het diploma is in Turkije achtergebleven en wordt door zijn zus ' +
              'opgevraagd.',
          },
          { label: 'Contact met UAF', value: 'Nee' },
          { label: 'IDW/ION waardering', value: [] },
        ],
      },
      {
        heading: 'Arbeidsgegevens',
        fields: [
          { label: 'Curriculum vitae', value: 'Ja' },
          {
            label: 'Werkervaring',
            value:
              'Twaalf jaar elektricien bij een installatiebedrijf in Gaziantep, de laatste vier ' +
              'jaar als ploegleider van vijf monteurs: aanleg van elektrische installaties in ' +
              'nieuwbouwwoningen en kantoren, storingen verhelpen, meterkasten vervangen. Op ' +
              'het AZC helpt hij als vrijwilliger bij kleine technische klussen met de ' +
              'locatiebeheerder en bij de fietsenwerkplaats.',
          },
          {
            label: 'Zelfwerkzaamheid',
            value:
              'Regelt zijn eigen afspraken en zoekt zelf uit hoe dingen werken. Heeft op eigen ' +
              'initiatief een Nederlandse cursus op de telefoon gevolgd (Duolingo, 180 dagen op ' +
              'rij) en gaat met de bus naar de bibliotheek in Emmen voor het taalcafé.',
          },
          {
            label: 'Overige competenties',
            value:
              'Betrouwbaar, rustig, goed in samenwerken; neemt de leiding als dat nodig is. ' +
              'Heeft een Turks rijbewijs B en C (vrachtwagen).',
          },
          { label: 'Computervaardigheden', value: 'Goed: e-mail, Word, Excel, online formulieren' },
          {
            label: "Vrijetijdsbesteding (hobby's)",
            value: 'Voetbal (trainer van een jeugdteam op het AZC), vissen, koken met zijn gezin.',
          },
        ],
      },
      {
        heading: 'Toekomst in Nederland',
        fields: [
          {
            label: 'Ambities',
            value:
              'Wil zo snel mogelijk weer aan het werk als elektricien en daarvoor een ' +
              'NEN 3140-certificaat halen. Op termijn wil hij een eigen bedrijf beginnen. Hij ' +
              'wil graag in een middelgrote stad wonen met een goede school voor Zoë en Emir, ' +
              'het liefst in het noorden van het land, waar hij inmiddels mensen kent.',
          },
        ],
      },
    ],
    contact: CONTACT,
    generatedAt: GENERATED_AT,
  };
}

export function sampleNareisprofielDocument(): ProfileDocument {
  return {
    title: 'Nareisprofiel',
    subject: 'Nguyễn Thị Thu Hà (V-nummer 3047281956)',
    author: 'Zoë van den Berg-Nguyễn, COA-locatie Ter Apel',
    versionLine: 'Versie 1, verstuurd op 12 november 2026',
    notice: NIET_GEVERIFIEERD,
    sections: [
      {
        heading: 'Persoonlijke gegevens',
        fields: [
          { label: 'Naam', value: 'Nguyễn Thị Thu Hà' },
          { label: 'Geboortedatum', value: '30-11-1994' },
          { label: 'Nationaliteit', value: 'Vietnamese' },
          { label: 'Talen', value: ['Vietnamees', 'Engels (basis)'] },
        ],
      },
      {
        heading: 'Educatieve gegevens',
        fields: [{ label: 'Onderwijs', value: 'Middelbare school afgerond in Hải Phòng.' }],
      },
      {
        heading: 'Arbeidsgegevens',
        fields: [{ label: 'Werkervaring', value: '' }],
      },
      {
        heading: 'Toekomst in Nederland',
        fields: [{ label: 'Ambities', value: 'Werken in de zorg, eerst de taal leren.' }],
      },
    ],
    contact: CONTACT,
    generatedAt: GENERATED_AT,
  };
}
