import type { CoaRole, ContactRole, RegioCode } from '../db/schema.ts';

/** Every demo account has this password; production refuses to start with demo accounts. */
export const demoPassword = 'demo';

export interface DemoAccount {
  email: string;
  role: CoaRole | ContactRole;
  roleLabel: string;
  name: string;
  phone: string;
  organisation: string;
}

/** One account per role, as the login page lists them in demo mode. */
export const demoAccounts: readonly DemoAccount[] = [
  {
    email: 'coa-beheerder@demo.tvs.local',
    role: 'coa-beheerder',
    roleLabel: 'COA-beheerder',
    name: 'Marloes van der Linden',
    phone: '088-715 7010',
    organisation: 'COA',
  },
  {
    email: 'regievoerder@demo.tvs.local',
    role: 'regievoerder',
    roleLabel: 'Regievoerder (regio Midden)',
    name: 'Jeroen Bakker',
    phone: '088-715 7320',
    organisation: 'COA',
  },
  {
    email: 'casemanager@demo.tvs.local',
    role: 'casemanager',
    roleLabel: 'Casemanager',
    name: 'Fatima el Amrani',
    phone: '088-715 7455',
    organisation: 'COA',
  },
  {
    email: 'col-medewerker@demo.tvs.local',
    role: 'col-medewerker',
    roleLabel: 'COL-medewerker',
    name: 'Henk Boerma',
    phone: '088-715 7600',
    organisation: 'COA',
  },
  {
    email: 'gemeente@demo.tvs.local',
    role: 'gemeente',
    roleLabel: 'Gemeente (Utrecht en Zeist)',
    name: 'Sanne Jansen',
    phone: '030-286 1000',
    organisation: 'Gemeente Utrecht',
  },
  {
    email: 'corporatie@demo.tvs.local',
    role: 'corporatie',
    roleLabel: 'Corporatie',
    name: 'Thijs Verhoeven',
    phone: '030-284 4444',
    organisation: 'Woningcorporatie Mitros',
  },
  {
    email: 'sociale-dienst@demo.tvs.local',
    role: 'sociale-dienst',
    roleLabel: 'Sociale Dienst',
    name: 'Esra Doğan',
    phone: '030-286 5500',
    organisation: 'Sociale Dienst Utrecht',
  },
  {
    email: 'vluchtelingenwerk@demo.tvs.local',
    role: 'vluchtelingenwerk',
    roleLabel: 'Vluchtelingenwerk',
    name: 'Pieter de Graaf',
    phone: '06-2345 6789',
    organisation: 'VluchtelingenWerk Midden-Nederland',
  },
];

/** Regievoerders of the regions other than Midden; they do not appear on the login page. */
export const otherRegievoerders: readonly {
  regio: RegioCode;
  name: string;
  phone: string;
}[] = [
  { regio: 'noord', name: 'Wietske Hoekstra', phone: '088-715 7110' },
  { regio: 'oost', name: 'Bart Wolters', phone: '088-715 7210' },
  { regio: 'zuidwest', name: 'Naima Bouzid', phone: '088-715 7410' },
  { regio: 'zuid', name: 'Roel Janssen', phone: '088-715 7510' },
];

/** Casemanagers who wrote conversations and profiles at the other locations. */
export const otherCasemanagers: readonly string[] = [
  'Anouk Visser',
  'Kees Smit',
  'Yasmina Haddou',
  'Ruud Mulder',
  'Lotte Hendriks',
  'Mehmet Kılıç',
];
