import type { FastifyReply } from 'fastify';

import type { ProfileDocument } from '../documents/model.ts';
import { renderProfilePdf } from '../documents/pdf.ts';
import { getPath, type Inhoud, profielSecties } from './content.ts';
import { NIET_GEVERIFIEERD, type ProfielSoort, profielTitels } from './fields.ts';

const longDate = new Intl.DateTimeFormat('nl-NL', {
  timeZone: 'Europe/Amsterdam',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** A date as in a letter: 12 november 2026. */
export function longDutchDate(value: Date): string {
  return longDate.format(value);
}

/** A sent version as the document the gemeente downloads. */
export function profielDocument(
  soort: ProfielSoort,
  versie: { versie: number; sentAt: Date; inhoud: Inhoud; verstuurdDoor: string | null },
  vNummer: string,
  generatedAt = new Date(),
): ProfileDocument {
  const naam = getPath(versie.inhoud, 'persoonlijkeGegevens.naam');
  const contactNaam = getPath(versie.inhoud, 'contactpersoonCoa.naam');
  const contactEmail = getPath(versie.inhoud, 'contactpersoonCoa.email');
  return {
    title: profielTitels[soort],
    subject: `${typeof naam === 'string' ? naam : 'Vergunninghouder'} (V-nummer ${vNummer})`,
    author: versie.verstuurdDoor ?? 'COA',
    versionLine: `Versie ${versie.versie}, verstuurd op ${longDutchDate(versie.sentAt)}`,
    notice: soort === 'nareisprofiel' ? NIET_GEVERIFIEERD : undefined,
    sections: profielSecties(soort, versie.inhoud),
    contact: {
      heading: 'Contactpersoon COA',
      naam: typeof contactNaam === 'string' ? contactNaam : (versie.verstuurdDoor ?? ''),
      email: typeof contactEmail === 'string' ? contactEmail : '',
    },
    generatedAt,
  };
}

/** The download's file name: no name of the person, only the kind, V-nummer and version. */
export function profielBestandsnaam(soort: ProfielSoort, vNummer: string, versie: number): string {
  return `${soort}-${vNummer}-versie-${versie}.pdf`;
}

/** Renders a sent version as its PDF and sends it as a download, never cached. */
export async function sendProfielPdf(
  reply: FastifyReply,
  soort: ProfielSoort,
  versie: { versie: number; sentAt: Date; inhoud: Inhoud; verstuurdDoor: string | null },
  vNummer: string,
) {
  const pdf = await renderProfilePdf(profielDocument(soort, versie, vNummer));
  return reply
    .header('cache-control', 'no-store')
    .header(
      'content-disposition',
      `attachment; filename="${profielBestandsnaam(soort, vNummer, versie.versie)}"`,
    )
    .type('application/pdf')
    .send(pdf);
}
