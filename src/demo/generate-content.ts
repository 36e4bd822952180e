import type { MvvStap, WoningcheckResultaat } from '../db/schema.ts';
import { klantprofielInhoud, nareisprofielInhoud, type ProfielPersoon } from './content.ts';
import type { DemoContext, DemoRows, GemeenteRef, StaffRef } from './generate.ts';
import { buildHousehold } from './generate.ts';
import { ageOn, type Household, type PersonRow, type Sequences } from './households.ts';
import { corporatiesByRegio, postcodePrefix, straatnamen } from './locations.ts';
import { nationalities } from './names.ts';
import { dayText, dayTimestamp, type Random } from './random.ts';

function address(random: Random, gemeente: GemeenteRef) {
  const prefix = random.pick(postcodePrefix[gemeente.provincie] ?? [35]);
  const letters = [
    'A',
    'B',
    'C',
    'E',
    'G',
    'H',
    'J',
    'K',
    'L',
    'M',
    'N',
    'P',
    'R',
    'T',
    'V',
    'X',
    'Z',
  ];
  return {
    straat: random.pick(straatnamen),
    huisnummer: String(random.int(1, 180)),
    postcode: `${prefix}${random.int(10, 99)} ${random.pick(letters)}${random.pick(letters)}`,
    woonplaats: gemeente.naam.replace(/ \(.*\)$/, ''),
  };
}

class Ids {
  private counters = new Map<string, number>();
  next(table: string): number {
    const value = (this.counters.get(table) ?? 0) + 1;
    this.counters.set(table, value);
    return value;
  }
}

interface Builder {
  context: DemoContext;
  rows: DemoRows;
  ids: Ids;
  gemeenteById: Map<number, GemeenteRef>;
}

function koppel(builder: Builder, household: Household): void {
  const { context, rows } = builder;
  const { random } = context;
  if (household.gemeenteId === null || household.koppelDay === null) {
    if (random.chance(0.03) && household.fase === 'fase-1') {
      const gemeente = random.pick(context.gemeenten);
      const actor = context.regievoerderByRegio[gemeente.regio_code];
      const day = Math.min(household.permitDay + 3, context.refDay);
      rows.koppeling_historie.push(
        {
          plaatsingseenheid_id: household.id,
          gemeente_id: gemeente.id,
          koppeldatum: dayText(day),
          actie: 'gekoppeld',
          actor_id: actor,
          at: dayTimestamp(day),
        },
        {
          plaatsingseenheid_id: household.id,
          gemeente_id: gemeente.id,
          koppeldatum: dayText(day),
          actie: 'ongedaan-gemaakt',
          reden: 'Koppeling onterecht: gezinshereniging loopt nog',
          actor_id: actor,
          at: dayTimestamp(day, 15 * 60),
        },
      );
    }
    return;
  }
  const gemeente = builder.gemeenteById.get(household.gemeenteId);
  if (!gemeente) return;
  const actor = context.regievoerderByRegio[gemeente.regio_code];
  rows.koppeling.push({
    plaatsingseenheid_id: household.id,
    gemeente_id: gemeente.id,
    koppeldatum: dayText(household.koppelDay),
    gekoppeld_door: actor,
    created_at: dayTimestamp(household.koppelDay),
  });
  if (random.chance(0.04)) {
    const earlier = random.pick(
      context.gemeenten.filter((g) => g.regio_code === gemeente.regio_code),
    );
    const day = household.koppelDay - random.int(5, 20);
    rows.koppeling_historie.push({
      plaatsingseenheid_id: household.id,
      gemeente_id: earlier.id,
      koppeldatum: dayText(day),
      actie: 'gekoppeld',
      actor_id: actor,
      at: dayTimestamp(day),
    });
    rows.koppeling_historie.push({
      plaatsingseenheid_id: household.id,
      gemeente_id: gemeente.id,
      koppeldatum: dayText(household.koppelDay),
      actie: 'gewijzigd',
      actor_id: actor,
      reden: 'Gemeente heeft geen woning van passende grootte; in overleg opnieuw gekoppeld',
      at: dayTimestamp(household.koppelDay),
    });
    return;
  }
  rows.koppeling_historie.push({
    plaatsingseenheid_id: household.id,
    gemeente_id: gemeente.id,
    koppeldatum: dayText(household.koppelDay),
    actie: 'gekoppeld',
    actor_id: actor,
    at: dayTimestamp(household.koppelDay),
  });
}

function woningaanbod(
  builder: Builder,
  gemeente: GemeenteRef,
  day: number,
  rooms: number,
  status: 'beschikbaar' | 'voorgedragen' | 'verhuurd' | 'ingetrokken',
): number {
  const { random } = builder.context;
  const id = builder.ids.next('woningaanbod');
  builder.rows.woningaanbod.push({
    id,
    gemeente_id: gemeente.id,
    corporatie: random.pick(corporatiesByRegio[gemeente.regio_code] ?? ['Woonzorg Nederland']),
    ...address(random, gemeente),
    kamers: rooms,
    huurprijs: (random.int(52_000, 87_900) / 100).toFixed(2),
    beschikbaar_vanaf: dayText(day),
    notities: random.pick([
      '',
      'Gelijkvloers',
      'Tweede verdieping zonder lift',
      'Met tuin',
      'Nabij station en scholen',
      'Energielabel A',
    ]),
    status,
    created_by: builder.context.contactAccounts.corporatie,
    created_at: dayTimestamp(day - 20),
  });
  return id;
}

function voordracht(
  builder: Builder,
  household: Household,
  aanbodId: number,
  day: number,
  status: 'voorgesteld' | 'geaccepteerd' | 'afgewezen' | 'ingetrokken',
  regievoerder: number,
) {
  const id = builder.ids.next('voordracht');
  const decided = status === 'geaccepteerd' || status === 'afgewezen';
  builder.rows.voordracht.push({
    id,
    woningaanbod_id: aanbodId,
    plaatsingseenheid_id: household.id,
    status,
    reden:
      status === 'afgewezen'
        ? builder.context.random.pick([
            'Woning te klein voor het huishouden',
            'Woning niet gelijkvloers; medische beperking',
            'Huurprijs boven de huurtoeslaggrens',
          ])
        : status === 'ingetrokken'
          ? 'Woning teruggetrokken door corporatie'
          : null,
    proposed_by: regievoerder,
    proposed_at: dayTimestamp(day),
    decided_by: decided ? builder.context.contactAccounts.gemeente : null,
    decided_at: decided ? dayTimestamp(day + 3) : null,
  });
  return id;
}

/** Woningaanbod, voordrachten in every status and huurcontracten for housed households. */
function housing(builder: Builder, household: Household): void {
  const { context } = builder;
  const { random } = context;
  const gemeente =
    household.gemeenteId === null ? undefined : builder.gemeenteById.get(household.gemeenteId);
  if (!gemeente || household.koppelDay === null) return;
  const regievoerder = context.regievoerderByRegio[gemeente.regio_code];
  const rooms = Math.min(6, Math.max(1, Math.ceil(household.members.length / 2) + 1));
  if (household.huurDay !== null) {
    let voordrachtId: number | null = null;
    if (random.chance(0.5)) {
      const offerDay = household.huurDay - random.int(10, 30);
      const aanbod = woningaanbod(builder, gemeente, household.huurDay, rooms, 'verhuurd');
      voordrachtId = voordracht(builder, household, aanbod, offerDay, 'geaccepteerd', regievoerder);
    }
    builder.rows.huurcontract.push({
      plaatsingseenheid_id: household.id,
      voordracht_id: voordrachtId,
      gemeente_id: gemeente.id,
      corporatie: random.pick(corporatiesByRegio[gemeente.regio_code] ?? ['Woonzorg Nederland']),
      ...address(random, gemeente),
      ingangsdatum: dayText(household.huurDay),
      recorded_by: context.contactAccounts.corporatie,
      created_at: dayTimestamp(household.huurDay - 5),
    });
    return;
  }
  const roll = random.next();
  const day = Math.min(context.refDay, household.koppelDay + random.int(5, 40));
  if (roll < 0.18) {
    const aanbod = woningaanbod(builder, gemeente, day + 14, rooms, 'voorgedragen');
    voordracht(builder, household, aanbod, day, 'voorgesteld', regievoerder);
  } else if (roll < 0.24) {
    const aanbod = woningaanbod(builder, gemeente, day + 14, rooms, 'beschikbaar');
    voordracht(builder, household, aanbod, day, 'afgewezen', regievoerder);
  } else if (roll < 0.27) {
    const aanbod = woningaanbod(builder, gemeente, day + 14, rooms, 'ingetrokken');
    voordracht(builder, household, aanbod, day, 'ingetrokken', regievoerder);
  }
}

function hervestigers(builder: Builder, sequences: Sequences, households: Household[]): void {
  const { context } = builder;
  const { random, refDay } = context;
  const missions = [
    { naam: 'Libanon 2026-II', land: 'Libanon', nat: 0 },
    { naam: 'Jordanië 2026-I', land: 'Jordanië', nat: 0 },
    { naam: 'Rwanda 2026-I', land: 'Rwanda', nat: 9 },
    { naam: 'Kenia 2025-II', land: 'Kenia', nat: 6 },
    { naam: 'Egypte 2026-II', land: 'Egypte', nat: 8 },
  ];
  const byInhabitants = [...context.gemeenten].sort((a, b) => b.inwoners - a.inwoners);
  for (let i = 0; i < 45; i++) {
    const mission = random.pick(missions);
    const fase = i % 4 === 3 ? 'historisch' : 'fase-2';
    const household = buildHousehold(context, sequences, builder.rows, {
      fase,
      gemeenteId: random.pick(byInhabitants.slice(0, 120)).id,
      locatieId: null,
      hervestiger: true,
      nationalityIndex: mission.nat,
    });
    households.push(household);
    const koppelDay = household.koppelDay ?? refDay;
    const arrival =
      fase === 'historisch' ? household.permitDay + 5 : koppelDay + random.int(10, 90);
    for (const member of household.members) {
      builder.rows.hervestiger.push({
        vergunninghouder_id: member.id,
        selectiemissie: mission.naam,
        land_van_verblijf: mission.land,
        verwachte_aankomst: dayText(arrival),
        aangekomen_op: arrival <= refDay ? dayText(arrival) : null,
        hervestigingsprofiel: JSON.stringify({
          gezinssamenstelling: `${household.members.length} personen`,
          gezondheid: random.pick([
            'Geen bijzonderheden',
            'Chronische aandoening, medicatie',
            'Psychosociale ondersteuning gewenst',
          ]),
          opleiding: member.opleidingsniveau ?? 'Leerplichtig',
          talen: random.pick(nationalities.map((n) => n.talen[0] ?? 'Arabisch')),
          bijzonderheden: 'Geselecteerd door UNHCR, dossier via IND ontvangen',
        }),
      });
    }
  }
}

const mvvStappen: readonly MvvStap[] = [
  'aanvraag-ingediend',
  'in-behandeling',
  'woningcheck',
  'mvv-verleend',
  'mvv-afgewezen',
  'ingereisd',
];

function woningcheck(random: Random, stap: MvvStap): WoningcheckResultaat | null {
  if (stap === 'aanvraag-ingediend' || stap === 'in-behandeling') return null;
  if (stap === 'woningcheck')
    return random.chance(0.5) ? null : random.pick(['geschikt', 'ongeschikt']);
  if (stap === 'mvv-afgewezen') return random.pick(['ongeschikt', 'geschikt', 'niet-nodig']);
  return random.pick(['geschikt', 'geschikt', 'geschikt-na-aanpassing', 'niet-nodig']);
}

/** Nareizigers in every MVV stap; some arrived and are vergunninghouders with a nareisprofiel. */
function nareizigers(builder: Builder, sequences: Sequences, households: Household[]): void {
  const { context, rows } = builder;
  const { random, refDay } = context;
  const referents = households.filter(
    (h) => !h.hervestiger && h.members.length <= 2 && h.fase !== 'fase-1',
  );
  let count = 0;
  for (const household of referents) {
    if (count >= 420 || !random.chance(0.45)) continue;
    const referent = household.members[0];
    if (!referent) continue;
    const stap = mvvStappen[count % mvvStappen.length] ?? 'in-behandeling';
    const stapDay = refDay - random.int(2, 200);
    const result = woningcheck(random, stap);
    const partner = random.chance(0.7);
    const kids = random.int(partner ? 0 : 1, 3);
    const wie = [partner ? 'partner' : '', kids > 0 ? `${kids} kind(eren)` : ''];
    referent.gezinshereniging = `Nareis aangevraagd voor ${wie.filter(Boolean).join(' en ')}`;
    for (let k = 0; k < (partner ? 1 : 0) + kids && count < 420; k++) {
      const isPartner = partner && k === 0;
      const man = isPartner ? referent.geslacht === 'vrouw' : random.chance(0.5);
      const age = isPartner ? random.int(20, 50) : random.int(0, 17);
      const ids = sequences.nextPerson();
      const nationality = household.nationality;
      const arrived = stap === 'ingereisd';
      const nareiziger = {
        v_nummer: ids.vNummer,
        referent_id: referent.id,
        voornamen: random.pick(man ? nationality.mannen : nationality.vrouwen),
        achternaam: isPartner ? random.pick(nationality.achternamen) : referent.achternaam,
        geboortedatum: dayText(refDay - age * 365 - random.int(0, 364)),
        geslacht: man ? ('man' as const) : ('vrouw' as const),
        relatie: isPartner ? ('partner' as const) : ('kind' as const),
        mvv_stap: stap,
        mvv_stap_datum: dayText(stapDay),
        woningcheck_aangevraagd_op: result || stap === 'woningcheck' ? dayText(stapDay - 20) : null,
        woningcheck_resultaat: result,
        woningcheck_op: result ? dayText(stapDay - 5) : null,
        woningcheck_door: result ? context.contactAccounts.gemeente : null,
        verwachte_aankomst: stap === 'mvv-verleend' ? dayText(refDay + random.int(10, 60)) : null,
        historisch: arrived && household.fase === 'historisch',
        vergunninghouder_id: null as number | null,
      };
      if (arrived && random.chance(0.6)) {
        nareiziger.vergunninghouder_id = addArrived(builder, household, nareiziger, ids, age);
      }
      rows.nareiziger.push(nareiziger);
      count++;
    }
  }
}

function addArrived(
  builder: Builder,
  household: Household,
  n: {
    voornamen: string;
    achternaam: string;
    geboortedatum: string;
    geslacht: 'man' | 'vrouw';
    relatie: 'partner' | 'kind';
    mvv_stap_datum: string;
  },
  ids: { id: number; vNummer: string; bsn: string; iban: string },
  age: number,
): number {
  const { context, rows } = builder;
  const { random, refDay } = context;
  const arrivalDay = Math.floor(Date.parse(n.mvv_stap_datum) / 86_400_000);
  const housed = household.housedDay === null ? null : Math.min(refDay, arrivalDay + 7);
  const row: PersonRow = {
    id: ids.id,
    v_nummer: ids.vNummer,
    bsn: ids.bsn,
    voornamen: n.voornamen,
    achternaam: n.achternaam,
    geboortedatum: n.geboortedatum,
    geslacht: n.geslacht,
    nationaliteit: household.nationality.nationaliteit,
    etniciteit: random.pick(household.nationality.etniciteiten),
    burgerlijke_staat: n.relatie === 'partner' ? 'gehuwd' : 'ongehuwd',
    telefoonnummer: age >= 18 ? `06-${random.int(10_000_000, 99_999_999)}` : null,
    iban: null,
    pasnummer: null,
    locatie_id: context.colId,
    verblijfsvergunning_datum: dayText(Math.min(arrivalDay, refDay)),
    plaatsingseenheid_id: household.id,
    rol_in_ple: n.relatie,
    gehuisvest_op: housed === null ? null : dayText(housed),
  };
  rows.vergunninghouder.push(row);
  household.members.push(row);
  if (age >= 18) {
    const gegeven = random.chance(0.85);
    rows.toestemming.push({
      vergunninghouder_id: row.id,
      soort: 'nareisprofiel',
      gegeven,
      datum: dayText(arrivalDay),
      wijze: 'aanwezig',
      recorded_by: context.colMedewerker.id,
      created_at: dayTimestamp(arrivalDay),
    });
    if (gegeven) {
      const persoon = profielPersoon(row, household);
      rows.nareisprofiel_versie.push({
        vergunninghouder_id: row.id,
        versie: 1,
        inhoud: JSON.stringify(
          nareisprofielInhoud(persoon, random, {
            naam: context.colMedewerker.naam,
            email: context.colMedewerker.email,
          }),
        ),
        sent_at: dayTimestamp(Math.min(refDay, arrivalDay + 2)),
        sent_by: context.colMedewerker.id,
      });
    }
  }
  return row.id;
}

function profielPersoon(row: PersonRow, household: Household): ProfielPersoon {
  return {
    voornamen: row.voornamen,
    achternaam: row.achternaam,
    geboortedatum: row.geboortedatum,
    geslacht: row.geslacht,
    nationaliteit: row.nationaliteit,
    vNummer: row.v_nummer,
    verblijfsvergunningDatum: row.verblijfsvergunning_datum,
    talen: household.nationality.talen.slice(0, 2),
    opleidingsniveau: row.opleidingsniveau ?? 'Basisonderwijs',
    beroep: row.screening_beroep ?? 'Winkelmedewerker',
    gezinsleden: household.members
      .filter((m) => m !== row)
      .map((m) => ({
        naam: `${m.voornamen} ${m.achternaam}`,
        relatie: m.rol_in_ple,
        geboortedatum: m.geboortedatum,
      })),
  };
}

/** Conversations, consent (given, refused, withdrawn) and klantprofielen in 1–3 versions. */
function profiles(builder: Builder, household: Household): void {
  const { context, rows } = builder;
  const { random, refDay } = context;
  if (household.hervestiger || household.locatieId === null) return;
  const casemanager: StaffRef =
    context.casemanagerByLocatie.get(household.locatieId) ?? random.pick(context.otherCasemanagers);
  for (const member of household.members) {
    if (ageOn(member, refDay) < 18 || member.locatie_id === context.colId) continue;
    if (!random.chance(0.65)) continue;
    const intake = Math.min(refDay, household.permitDay + random.int(2, 15));
    rows.gesprek.push({
      vergunninghouder_id: member.id,
      casemanager_id: casemanager.id,
      datum: dayText(intake),
      soort: 'intake',
      verslag: 'Kennismaking, uitleg over koppeling, huisvesting en het klantprofiel.',
      created_at: dayTimestamp(intake),
    });
    const roll = random.next();
    if (roll > 0.92) continue;
    const gegeven = roll < 0.72;
    const withdrawn = gegeven && random.chance(0.05);
    rows.toestemming.push({
      vergunninghouder_id: member.id,
      soort: 'klantprofiel',
      gegeven,
      datum: dayText(intake),
      wijze: random.chance(0.6) ? 'verklaring' : 'aanwezig',
      withdrawn_at: withdrawn ? dayTimestamp(Math.min(refDay, intake + 30)) : null,
      recorded_by: casemanager.id,
      created_at: dayTimestamp(intake, 10 * 60),
    });
    if (!gegeven || !random.chance(0.6)) continue;
    const versions = random.weighted([
      [1, 5],
      [2, 3],
      [3, 2],
    ] as const);
    const partial = random.chance(0.2);
    const persoon = profielPersoon(member, household);
    const profielContext = {
      random,
      persoon,
      startDay: intake,
      casemanager: { naam: casemanager.naam, email: casemanager.email },
    };
    let inhoud = '{}';
    for (let versie = 1; versie <= versions; versie++) {
      const day = Math.min(refDay, intake + 7 + (versie - 1) * random.int(25, 60));
      if (versie > 1) {
        rows.gesprek.push({
          vergunninghouder_id: member.id,
          casemanager_id: casemanager.id,
          datum: dayText(day - 1),
          soort: 'klantprofiel',
          verslag: 'Vervolggesprek: voortgang taallessen en KNM besproken.',
          created_at: dayTimestamp(day - 1),
        });
      }
      inhoud = JSON.stringify(klantprofielInhoud(profielContext, versie, partial));
      rows.klantprofiel_versie.push({
        vergunninghouder_id: member.id,
        versie,
        inhoud,
        sent_at: dayTimestamp(day, 9 * 60 + versie),
        sent_by: casemanager.id,
      });
    }
    rows.klantprofiel.push({
      vergunninghouder_id: member.id,
      inhoud,
      updated_by: casemanager.id,
      updated_at: dayTimestamp(refDay - 1),
    });
  }
}

export function content(
  context: DemoContext,
  sequences: Sequences,
  rows: DemoRows,
  households: Household[],
): void {
  const builder: Builder = {
    context,
    rows,
    ids: new Ids(),
    gemeenteById: new Map(context.gemeenten.map((g) => [g.id, g])),
  };
  hervestigers(builder, sequences, households);
  nareizigers(builder, sequences, households);
  for (const household of households) {
    koppel(builder, household);
    housing(builder, household);
    profiles(builder, household);
  }
  const { random, refDay } = context;
  for (let i = 0; i < 60; i++) {
    const gemeente =
      i < 6
        ? builder.gemeenteById.get(context.utrechtId)
        : i < 8
          ? builder.gemeenteById.get(context.zeistId)
          : random.pick(context.gemeenten);
    if (gemeente)
      woningaanbod(
        builder,
        gemeente,
        refDay + random.int(-10, 40),
        random.int(1, 5),
        'beschikbaar',
      );
  }
  communication(builder, households);
}

const changeFields = [
  'telefoonnummer',
  'iban',
  'burgerlijke_staat',
  'opleidingsniveau',
  'medische_bijzonderheden',
  'beperking_huisvesting',
  'bsn',
  'werk',
] as const;

/** Field changes, messages with replies, notification choices and in-app notifications. */
function communication(builder: Builder, households: Household[]): void {
  const { context, rows } = builder;
  const { random, refDay } = context;
  const accounts = context.contactAccounts;
  const local = households.filter(
    (h) => h.gemeenteId === context.utrechtId || h.gemeenteId === context.zeistId,
  );
  for (const household of households) {
    if (!random.chance(0.08)) continue;
    const member = household.members[0];
    if (!member) continue;
    const field = random.pick(changeFields);
    const day = refDay - random.int(0, 90);
    rows.change_event.push({
      vergunninghouder_id: member.id,
      field,
      old_value: field === 'telefoonnummer' ? '06-12345678' : null,
      new_value: member[field] ?? 'Gewijzigd',
      actor_id: random.pick(context.otherCasemanagers).id,
      at: dayTimestamp(day),
    });
  }
  const subjects = [
    'Overschrijding fase 2',
    'Aanvullende informatie huishouden',
    'Woningaanbod besproken',
    'Planning verhuizing',
    'Nieuwe koppelingen deze maand',
  ];
  for (let i = 0; i < 60; i++) {
    const toLocal = i < 16;
    const gemeenteId = toLocal
      ? i % 4 === 0
        ? context.zeistId
        : context.utrechtId
      : random.pick(context.gemeenten).id;
    const gemeente = builder.gemeenteById.get(gemeenteId);
    if (!gemeente) continue;
    const linked = households.find((h) => h.gemeenteId === gemeenteId);
    const id = builder.ids.next('message');
    const day = refDay - random.int(0, 120);
    rows.message.push({
      id,
      gemeente_id: gemeenteId,
      sender_id: context.regievoerderByRegio[gemeente.regio_code],
      vergunninghouder_id: random.chance(0.5) ? (linked?.members[0]?.id ?? null) : null,
      subject: random.pick(subjects),
      body:
        'Beste collega,\n\nGraag uw aandacht voor dit huishouden. Laat u weten of er een ' +
        'woning beschikbaar is?\n\nMet vriendelijke groet,\nRegievoerder COA',
      sent_at: dayTimestamp(day),
    });
    if (!toLocal) continue;
    if (i % 2 === 0)
      rows.message_read.push({
        message_id: id,
        account_id: accounts.gemeente,
        read_at: dayTimestamp(day + 1),
      });
    if (i % 3 === 0) {
      const reply = builder.ids.next('message');
      rows.message.push({
        id: reply,
        gemeente_id: gemeenteId,
        sender_id: accounts.gemeente,
        vergunninghouder_id: null,
        parent_id: id,
        subject: 'Re: woningzoektocht',
        body: 'Dank voor uw bericht. We verwachten volgende maand een passende woning.',
        sent_at: dayTimestamp(day + 1, 14 * 60),
      });
    }
    rows.notification.push({
      account_id: accounts.gemeente,
      kind: 'event',
      key: 'bericht-regievoerder',
      gemeente_id: gemeenteId,
      title: 'Bericht van regievoerder',
      body: 'U heeft een nieuw bericht ontvangen.',
      link: `/berichten/${id}`,
      dedupe_key: `bericht:${id}`,
      created_at: dayTimestamp(day),
      read_at: i % 2 === 0 ? dayTimestamp(day + 1) : null,
    });
  }
  choices(builder);
  for (const household of local) {
    const hoofd = household.members[0];
    if (!hoofd || household.koppelDay === null || household.koppelDay < refDay - 90) continue;
    for (const account of [accounts.gemeente, accounts.socialeDienst, accounts.vwn]) {
      rows.notification.push({
        account_id: account,
        kind: 'event',
        key: 'gekoppeld',
        gemeente_id: household.gemeenteId,
        vergunninghouder_id: hoofd.id,
        title: 'Vergunninghouder is gekoppeld aan uw gemeente',
        body: `${hoofd.voornamen} ${hoofd.achternaam} (${household.members.length} personen)`,
        link: `/vergunninghouders/${hoofd.id}`,
        dedupe_key: `gekoppeld:${household.id}`,
        created_at: dayTimestamp(household.koppelDay),
        read_at: household.koppelDay < refDay - 30 ? dayTimestamp(household.koppelDay + 2) : null,
      });
    }
    if (household.fase === 'fase-2' && household.koppelDay < refDay - 70) {
      rows.notification.push({
        account_id: accounts.gemeente,
        kind: 'event',
        key: 'overschrijding-fase-2',
        gemeente_id: household.gemeenteId,
        vergunninghouder_id: hoofd.id,
        title: 'Overschrijding fase 2',
        body: 'De termijn van fase 2 is verstreken zonder getekend huurcontract.',
        link: `/vergunninghouders/${hoofd.id}`,
        dedupe_key: `fase2:${household.id}`,
        created_at: dayTimestamp(household.koppelDay + 70),
        read_at: null,
      });
    }
  }
}

function choices(builder: Builder): void {
  const accounts = builder.context.contactAccounts;
  const events = [
    'b12-beschikbaar',
    'bericht-regievoerder',
    'overschrijding-fase-2',
    'gekoppeld',
    'woningcheck',
    'klantprofiel',
    'nareisprofiel',
  ] as const;
  const plan = [
    {
      account: accounts.gemeente,
      events,
      fields: [
        'bsn',
        'telefoonnummer',
        'beperking_huisvesting',
        'medische_bijzonderheden',
        'toestemming',
        'verblijfsvergunning_datum',
      ] as const,
    },
    {
      account: accounts.corporatie,
      events: ['gekoppeld', 'overschrijding-fase-2'] as const,
      fields: ['beperking_huisvesting'] as const,
    },
    {
      account: accounts.socialeDienst,
      events: ['gekoppeld', 'klantprofiel', 'b12-beschikbaar'] as const,
      fields: ['iban', 'bsn'] as const,
    },
    {
      account: accounts.vwn,
      events: ['gekoppeld', 'klantprofiel', 'nareisprofiel'] as const,
      fields: ['opleidingsniveau'] as const,
    },
  ];
  for (const { account, events: keys, fields } of plan) {
    for (const key of keys) {
      builder.rows.notification_choice.push({
        account_id: account,
        gemeente_id: null,
        kind: 'event',
        key,
      });
    }
    for (const key of fields) {
      builder.rows.notification_choice.push({
        account_id: account,
        gemeente_id: null,
        kind: 'field',
        key,
      });
    }
  }
}
