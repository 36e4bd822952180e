import type { ColumnType, Generated, GeneratedAlways, JSONColumnType } from 'kysely';

/** Timestamps are written as Date or ISO text and read as Date. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** DATE columns travel as 'YYYY-MM-DD' text on both databases. */
export type DateText = string;

export type CoaRole = 'coa-beheerder' | 'regievoerder' | 'casemanager' | 'col-medewerker';
export type ContactRole = 'gemeente' | 'corporatie' | 'sociale-dienst' | 'vluchtelingenwerk';
export type RegioCode = 'noord' | 'oost' | 'midden' | 'zuidwest' | 'zuid';

export interface RegioTable {
  code: RegioCode;
  naam: string;
}

export interface GemeenteTable {
  id: Generated<number>;
  naam: string;
  provincie: string;
  inwoners: number;
  regio_code: RegioCode;
}

export interface LocatieTable {
  id: Generated<number>;
  naam: string;
  soort: 'azc' | 'col';
  gemeente_id: number;
}

export interface AccountTable {
  id: Generated<number>;
  email: string;
  name: string;
  phone: string | null;
  organisation: string;
  coa_role: CoaRole | null;
  regio_code: RegioCode | null;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled: Generated<boolean>;
  demo: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: Timestamp | null;
  created_at: Timestamp;
  removed_at: Timestamp | null;
}

export interface AccountLocatieTable {
  account_id: number;
  locatie_id: number;
}

export interface MembershipTable {
  account_id: number;
  gemeente_id: number;
  role: ContactRole;
  rechtsgrond: string | null;
  added_by: number | null;
  added_at: Timestamp;
}

export interface SessionTable {
  id: string;
  account_id: number;
  csrf_token: string;
  pending_second_factor: boolean;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface SettingTable {
  key: string;
  value: string;
  changed_by: number | null;
  changed_at: Timestamp;
}

export type ProcessingAction =
  'read' | 'create' | 'update' | 'delete' | 'refuse' | 'export' | 'login';

export interface ProcessingLogTable {
  id: Generated<number>;
  at: Timestamp;
  trace_id: string;
  actor_id: number | null;
  activity: string;
  action: ProcessingAction;
  subject_type: string | null;
  subject_id: string | null;
  details: JSONColumnType<Record<string, unknown>, string | undefined>;
}

export interface Database {
  regio: RegioTable;
  gemeente: GemeenteTable;
  locatie: LocatieTable;
  account: AccountTable;
  account_locatie: AccountLocatieTable;
  membership: MembershipTable;
  session: SessionTable;
  setting: SettingTable;
  processing_log: ProcessingLogTable;
  plaatsingseenheid: PlaatsingseenheidTable;
  vergunninghouder: VergunninghouderTable;
  koppeling: KoppelingTable;
  koppeling_historie: KoppelingHistorieTable;
  toestemming: ToestemmingTable;
  gesprek: GesprekTable;
  klantprofiel: KlantprofielTable;
  klantprofiel_versie: ProfielVersieTable;
  nareisprofiel_versie: ProfielVersieTable;
  change_event: ChangeEventTable;
  nareiziger: NareizigerTable;
  hervestiger: HervestigerTable;
  woningaanbod: WoningaanbodTable;
  voordracht: VoordrachtTable;
  huurcontract: HuurcontractTable;
  message: MessageTable;
  message_read: MessageReadTable;
  notification_choice: NotificationChoiceTable;
  notification: NotificationTable;
  outbox: OutboxTable;
  taakstelling: TaakstellingTable;
  plaatsingseenheid_fase: PlaatsingseenheidFaseView;
  blokkade_historie: BlokkadeHistorieTable;
  password_token: PasswordTokenTable;
  fase2_overschrijding: Fase2OverschrijdingTable;
}

// Domain tables (migration 0002). Enumerations mirror the CHECK constraints there.

type Json<T extends object = Record<string, unknown>> = JSONColumnType<T>;

export type Geslacht = 'man' | 'vrouw';
export type BurgerlijkeStaat =
  'ongehuwd' | 'gehuwd' | 'geregistreerd-partner' | 'gescheiden' | 'weduwe-weduwnaar' | 'onbekend';
export type RolInPle = 'hoofdpersoon' | 'partner' | 'kind' | 'overig';
export type Fase = 'fase-1' | 'fase-2' | 'fase-3' | 'historisch';
export type KoppelingActie = 'gekoppeld' | 'gewijzigd' | 'ontkoppeld' | 'ongedaan-gemaakt';
export type ProfielSoort = 'klantprofiel' | 'nareisprofiel';
export type ToestemmingWijze = 'verklaring' | 'aanwezig';
export type GesprekSoort = 'intake' | 'vervolg' | 'klantprofiel' | 'overig';
export type MvvStap =
  | 'aanvraag-ingediend'
  | 'in-behandeling'
  | 'woningcheck'
  | 'mvv-verleend'
  | 'mvv-afgewezen'
  | 'ingereisd';
export type WoningcheckResultaat =
  'geschikt' | 'geschikt-na-aanpassing' | 'ongeschikt' | 'niet-nodig';
export type NareizigerRelatie = 'partner' | 'kind' | 'ouder' | 'overig';
export type WoningaanbodStatus = 'beschikbaar' | 'voorgedragen' | 'verhuurd' | 'ingetrokken';
export type VoordrachtStatus = 'voorgesteld' | 'geaccepteerd' | 'afgewezen' | 'ingetrokken';
export type NotificationKind = 'event' | 'field';
export type EventKey =
  | 'b12-beschikbaar'
  | 'bericht-regievoerder'
  | 'overschrijding-fase-2'
  | 'gekoppeld'
  | 'woningcheck'
  | 'klantprofiel'
  | 'nareisprofiel';
/** Field notification keys are the vergunninghouder column names (plus consent). */
export type FieldKey =
  | 'beperking_huisvesting'
  | 'bsn'
  | 'burgerlijke_staat'
  | 'eerstegraads_familie'
  | 'gezinshereniging'
  | 'iban'
  | 'medische_bijzonderheden'
  | 'onderwijs_bijzonderheden'
  | 'opleiding'
  | 'opleidingsniveau'
  | 'overige_bijzonderheden'
  | 'pasnummer'
  | 'sma_aanvraag_datum'
  | 'sma_advies'
  | 'sma_besluit_datum'
  | 'speciaal_onderwijs'
  | 'telefoonnummer'
  | 'toestemming'
  | 'verblijfsvergunning_datum'
  | 'werk';
export type OutboxStatus = 'pending' | 'processing' | 'done' | 'failed';

export interface PlaatsingseenheidTable {
  id: Generated<number>;
  created_at: Timestamp;
}

export interface VergunninghouderTable {
  id: Generated<number>;
  v_nummer: string;
  bsn: string | null;
  voornamen: string;
  achternaam: string;
  geboortedatum: DateText;
  geslacht: Geslacht;
  nationaliteit: string;
  etniciteit: string | null;
  burgerlijke_staat: Generated<BurgerlijkeStaat>;
  telefoonnummer: string | null;
  iban: string | null;
  pasnummer: string | null;
  locatie_id: number | null;
  verblijfsvergunning_datum: DateText;
  plaatsingseenheid_id: number;
  rol_in_ple: RolInPle;
  geblokkeerd: Generated<boolean>;
  blokkade_reden: string | null;
  beperking_huisvesting: string | null;
  medische_bijzonderheden: string | null;
  sma_aanvraag_datum: DateText | null;
  sma_advies: string | null;
  sma_besluit_datum: DateText | null;
  onderwijs_bijzonderheden: string | null;
  opleidingsniveau: string | null;
  opleiding: string | null;
  speciaal_onderwijs: string | null;
  werk: string | null;
  eerstegraads_familie: string | null;
  gezinshereniging: string | null;
  overige_bijzonderheden: string | null;
  /** Moved into the home and left reception; the person is historisch from then on. */
  gehuisvest_op: DateText | null;
  historisch: GeneratedAlways<boolean>;
  b12_uitschrijfkaart_op: DateText | null;
  screening_datum: DateText | null;
  screening_beroep: string | null;
  screening_werkervaring: string | null;
  screening_opleiding: string | null;
  screening_talen: string | null;
  matching_regio_code: RegioCode | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  // Search facts (migration 0003), derived by triggers from the household and profiles.
  gemeente_id: GeneratedAlways<number | null>;
  fase: GeneratedAlways<Fase>;
  ple_personen: GeneratedAlways<number>;
  klantprofiel_beschikbaar: GeneratedAlways<boolean>;
  nareisprofiel_beschikbaar: GeneratedAlways<boolean>;
}

export interface BlokkadeHistorieTable {
  id: Generated<number>;
  vergunninghouder_id: number;
  geblokkeerd: boolean;
  reden: string;
  actor_id: number | null;
  at: Timestamp;
}

export interface KoppelingTable {
  plaatsingseenheid_id: number;
  gemeente_id: number;
  koppeldatum: DateText;
  gekoppeld_door: number | null;
  created_at: Timestamp;
}

export interface KoppelingHistorieTable {
  id: Generated<number>;
  plaatsingseenheid_id: number;
  gemeente_id: number;
  koppeldatum: DateText;
  actie: KoppelingActie;
  reden: string | null;
  actor_id: number | null;
  at: Timestamp;
}

export interface ToestemmingTable {
  id: Generated<number>;
  vergunninghouder_id: number;
  soort: ProfielSoort;
  gegeven: boolean;
  datum: DateText;
  wijze: ToestemmingWijze;
  withdrawn_at: Timestamp | null;
  recorded_by: number | null;
  created_at: Timestamp;
}

export interface GesprekTable {
  id: Generated<number>;
  vergunninghouder_id: number;
  casemanager_id: number | null;
  datum: DateText;
  soort: GesprekSoort;
  verslag: Generated<string>;
  created_at: Timestamp;
}

export interface KlantprofielTable {
  vergunninghouder_id: number;
  inhoud: JSONColumnType<Record<string, unknown>, string | undefined>;
  updated_by: number | null;
  updated_at: Timestamp;
}

/** A sent, numbered, immutable profile version (klantprofiel or nareisprofiel). */
export interface ProfielVersieTable {
  id: Generated<number>;
  vergunninghouder_id: number;
  versie: number;
  inhoud: Json;
  sent_at: Timestamp;
  sent_by: number | null;
}

export interface ChangeEventTable {
  id: Generated<number>;
  vergunninghouder_id: number;
  field: FieldKey;
  old_value: string | null;
  new_value: string | null;
  actor_id: number | null;
  at: Timestamp;
}

export interface NareizigerTable {
  id: Generated<number>;
  v_nummer: string;
  referent_id: number;
  voornamen: string;
  achternaam: string;
  geboortedatum: DateText;
  geslacht: Geslacht;
  relatie: NareizigerRelatie;
  mvv_stap: MvvStap;
  mvv_stap_datum: DateText;
  woningcheck_aangevraagd_op: DateText | null;
  woningcheck_resultaat: WoningcheckResultaat | null;
  woningcheck_op: DateText | null;
  woningcheck_door: number | null;
  verwachte_aankomst: DateText | null;
  vergunninghouder_id: number | null;
  historisch: Generated<boolean>;
  created_at: Timestamp;
}

export interface HervestigerTable {
  vergunninghouder_id: number;
  selectiemissie: string;
  land_van_verblijf: string;
  verwachte_aankomst: DateText;
  aangekomen_op: DateText | null;
  hervestigingsprofiel: JSONColumnType<Record<string, unknown>, string | undefined>;
}

export interface WoningaanbodTable {
  id: Generated<number>;
  gemeente_id: number;
  corporatie: string;
  straat: string;
  huisnummer: string;
  postcode: string;
  woonplaats: string;
  kamers: number;
  /** numeric(8,2): read as text to keep cents exact. */
  huurprijs: ColumnType<string, string | number, string | number>;
  beschikbaar_vanaf: DateText;
  notities: Generated<string>;
  status: Generated<WoningaanbodStatus>;
  created_by: number | null;
  created_at: Timestamp;
}

export interface VoordrachtTable {
  id: Generated<number>;
  woningaanbod_id: number;
  plaatsingseenheid_id: number;
  status: Generated<VoordrachtStatus>;
  reden: string | null;
  proposed_by: number | null;
  proposed_at: Timestamp;
  decided_by: number | null;
  decided_at: Timestamp | null;
}

export interface HuurcontractTable {
  id: Generated<number>;
  plaatsingseenheid_id: number;
  voordracht_id: number | null;
  gemeente_id: number;
  corporatie: string;
  straat: string;
  huisnummer: string;
  postcode: string;
  woonplaats: string;
  ingangsdatum: DateText;
  recorded_by: number | null;
  created_at: Timestamp;
}

export interface MessageTable {
  id: Generated<number>;
  gemeente_id: number;
  sender_id: number;
  vergunninghouder_id: number | null;
  parent_id: number | null;
  subject: string;
  body: string;
  sent_at: Timestamp;
}

export interface MessageReadTable {
  message_id: number;
  account_id: number;
  read_at: Timestamp;
}

export interface NotificationChoiceTable {
  id: Generated<number>;
  account_id: number;
  /** NULL: every gemeente the account is a contact person of. */
  gemeente_id: number | null;
  kind: NotificationKind;
  key: EventKey | FieldKey;
}

export interface NotificationTable {
  id: Generated<number>;
  account_id: number;
  kind: NotificationKind;
  key: EventKey | FieldKey;
  gemeente_id: number | null;
  vergunninghouder_id: number | null;
  title: string;
  body: Generated<string>;
  link: string | null;
  /** Same event for the same account twice is stored once (at-least-once delivery). */
  dedupe_key: string;
  created_at: Timestamp;
  read_at: Timestamp | null;
  emailed_at: Timestamp | null;
}

export interface OutboxTable {
  id: Generated<number>;
  topic: string;
  payload: Json;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: Timestamp;
  available_at: Timestamp;
  claimed_at: Timestamp | null;
  processed_at: Timestamp | null;
}

export interface TaakstellingTable {
  gemeente_id: number;
  /** 'YYYY-H1' or 'YYYY-H2'. */
  halfjaar: string;
  aantal: number;
  set_by: number | null;
  set_at: Timestamp;
}

/** Read-only view: fase, size and fase deadline per household, from the stored facts. */
export interface PlaatsingseenheidFaseView {
  plaatsingseenheid_id: number;
  personen: number;
  verblijfsvergunning_datum: DateText;
  gemeente_id: number | null;
  koppeldatum: DateText | null;
  huurcontract_datum: DateText | null;
  gehuisvest_op: DateText | null;
  fase: Fase;
  fase_deadline: DateText | null;
}

// Migration 0004.

export interface PasswordTokenTable {
  id: Generated<number>;
  account_id: number;
  token_hash: string;
  purpose: 'uitnodiging' | 'herstel';
  created_by: number | null;
  created_at: Timestamp;
  expires_at: Timestamp;
  used_at: Timestamp | null;
}

export interface Fase2OverschrijdingTable {
  plaatsingseenheid_id: number;
  koppeldatum: DateText;
  gemeente_id: number;
  gemeld_op: Timestamp;
}
