import type { FormPerson, HouseholdDocument } from './model.ts';

/**
 * Realistic sample content for the Word forms, for tests and for looking at the layout. The
 * people are invented; BSNs pass the elfproef and the IBANs their check digits.
 */

const GENERATED_AT = new Date('2026-12-04T09:30:00+01:00');

const ISSUED_BY = { naam: 'COA-locatie Ter Apel', email: 'terapel.woonbegeleiding@coa.nl' };

function household(): HouseholdDocument['household'] {
  return [
    { label: 'Gekoppelde gemeente', value: 'Groningen' },
    { label: 'Koppeldatum', value: '15-10-2026' },
    { label: 'Locatie (AZC)', value: 'AZC Ter Apel' },
    {
      label: 'Personen in PLE',
      value: [
        'Şükrü Yıldırım (hoofdpersoon)',
        'Ayşe Yıldırım-Çelik (partner)',
        'Zoë Yıldırım (kind)',
      ],
    },
  ];
}

function persons(): FormPerson[] {
  return [
    {
      naam: 'Şükrü Yıldırım',
      fields: [
        { label: 'Rol in PLE', value: 'Hoofdpersoon' },
        { label: 'V-nummer', value: '2918374650' },
        { label: 'BSN', value: '123456782' },
        { label: 'Geboortedatum', value: '12-03-1988' },
        { label: 'Geslacht', value: 'Man' },
        { label: 'Nationaliteit', value: 'Turkse' },
        { label: 'Burgerlijke staat', value: 'Gehuwd' },
        { label: 'IBAN', value: 'NL91ABNA0417164300' },
        { label: 'Telefoonnummer', value: '06-12345678' },
        { label: 'Gesproken talen', value: ['Turks', 'Koerdisch (Kurmanji)', 'Engels'] },
      ],
    },
    {
      naam: 'Ayşe Yıldırım-Çelik',
      fields: [
        { label: 'Rol in PLE', value: 'Partner' },
        { label: 'V-nummer', value: '2918374661' },
        { label: 'BSN', value: '111222333' },
        { label: 'Geboortedatum', value: '27-08-1991' },
        { label: 'Geslacht', value: 'Vrouw' },
        { label: 'Nationaliteit', value: 'Turkse' },
        { label: 'Burgerlijke staat', value: 'Gehuwd' },
        { label: 'IBAN', value: 'NL44RABO0123456789' },
        { label: 'Telefoonnummer', value: '06-87654321' },
        { label: 'Gesproken talen', value: ['Turks', 'Engels'] },
      ],
    },
    {
      naam: 'Zoë Yıldırım',
      fields: [
        { label: 'Rol in PLE', value: 'Kind' },
        { label: 'V-nummer', value: '2918374672' },
        { label: 'BSN', value: '999990019' },
        { label: 'Geboortedatum', value: '05-01-2019' },
        { label: 'Geslacht', value: 'Vrouw' },
        { label: 'Nationaliteit', value: 'Turkse' },
        { label: 'Burgerlijke staat', value: 'Ongehuwd' },
        { label: 'IBAN', value: '' },
        { label: 'Telefoonnummer', value: [] },
      ],
    },
  ];
}

export function sampleInformatieformulier(): HouseholdDocument {
  return {
    title: 'Informatieformulier',
    introduction:
      'Met dit informatieformulier geeft het COA de gemeente de gegevens van de ' +
      'vergunninghouders in deze plaatsingseenheid, zodat de gemeente de huisvesting, de ' +
      'inschrijving in de BRP en de begeleiding kan voorbereiden.',
    household: household(),
    persons: persons(),
    closing: [
      'De gegevens zijn ontleend aan de registratie van het COA op de datum van afgifte. ' +
        'Wijzigingen na deze datum geeft het COA via het TVS aan de gemeente door.',
      'Heeft u vragen over dit formulier? Neem dan contact op met de afgever hieronder.',
    ],
    issuedBy: ISSUED_BY,
    generatedAt: GENERATED_AT,
  };
}

export function sampleInkomstenverklaring(): HouseholdDocument {
  return {
    title: 'Inkomstenverklaring',
    introduction:
      'Met deze inkomstenverklaring verklaart het COA welke verstrekkingen de leden van deze ' +
      'plaatsingseenheid tijdens de opvang hebben ontvangen. De gemeente gebruikt haar bij de ' +
      'aanvraag van bijstand.',
    household: household(),
    persons: persons(),
    closing: [
      'Het COA verklaart dat de plaatsingseenheid tijdens de opvang de verstrekkingen heeft ' +
        'ontvangen op grond van de Regeling verstrekkingen asielzoekers en andere categorieën ' +
        'vreemdelingen 2005 (Rva 2005).',
      'Deze verstrekkingen eindigen op de dag van vertrek uit de opvanglocatie.',
      'Wij verzoeken de gemeente hiermee rekening te houden bij de ingangsdatum van de bijstand.',
    ],
    issuedBy: ISSUED_BY,
    generatedAt: GENERATED_AT,
  };
}
