/**
 * What the document renderers receive: plain, already-labelled content with no knowledge of
 * the database, the policy or the processing log. The services decide what goes in (only what
 * the reader may see, only with consent); the renderers only lay it out.
 */

/** One labelled value. A list is shown as one item per line; an empty value as a dash. */
export interface DocumentField {
  label: string;
  value: string | readonly string[];
}

export interface DocumentSection {
  heading: string;
  fields: readonly DocumentField[];
  /** Sub-sections, each with its own heading one level down. */
  subsections?: readonly DocumentSection[];
}

/** A klantprofiel or nareisprofiel version, as the gemeente downloads it. */
export interface ProfileDocument {
  /** "Klantprofiel" or "Nareisprofiel": the document title and the PDF title. */
  title: string;
  /** Who it is about, e.g. "Amal Haddad (V-nummer 1234567890)". */
  subject: string;
  /** The PDF author: the sender of the version. */
  author: string;
  /** In the header of every page, e.g. "Versie 3, verstuurd op 12 november 2026". */
  versionLine: string;
  /** A remark shown prominently below the title, e.g. that a nareisprofiel is not verified. */
  notice?: string | undefined;
  sections: readonly DocumentSection[];
  /** The COA contact person, always at the end. */
  contact: { heading: string; naam: string; email: string };
  /** When the file was made, shown in the footer. */
  generatedAt: Date;
}

/** One person of a plaatsingseenheid in the Word forms. */
export interface FormPerson {
  naam: string;
  fields: readonly DocumentField[];
}

/** Informatieformulier or Inkomstenverklaring for one plaatsingseenheid. */
export interface HouseholdDocument {
  /** "Informatieformulier" or "Inkomstenverklaring". */
  title: string;
  /** A paragraph under the title explaining what the form is for. */
  introduction: string;
  /** Facts about the household as a whole (gemeente, koppeldatum, locatie, …). */
  household: readonly DocumentField[];
  persons: readonly FormPerson[];
  /** Closing paragraphs, e.g. the statement COA makes in the inkomstenverklaring. */
  closing: readonly string[];
  /** Who issues it: name and e-mail of the COA location or staff member. */
  issuedBy: { naam: string; email: string };
  generatedAt: Date;
}
