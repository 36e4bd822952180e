import type { FastifyRequest } from 'fastify';

import { PASSWORD_TOKEN_HOURS, passwordLinkPath } from '../auth/password-tokens.ts';
import type { Mail } from '../mail/mailer.ts';
import { roleLabels } from '../policy/rights.ts';
import type { Invitation } from './service.ts';

const until = new Intl.DateTimeFormat('nl-NL', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'Europe/Amsterdam',
});

/**
 * The invitation e-mail: who invites (TVS, for the gemeente), the link and how long it works.
 * Like every TVS e-mail it holds nothing about vergunninghouders.
 */
export function invitationMail(publicUrl: string, invitation: Invitation): Mail {
  const link = `${publicUrl}${passwordLinkPath(invitation.token)}`;
  const text = [
    'Goedendag,',
    `U bent in het Taakstellingvolgsysteem (TVS) van het COA toegevoegd als contactpersoon ` +
      `van gemeente ${invitation.gemeente.naam}, met de rol ${roleLabels[invitation.rol]}. ` +
      'TVS nodigt u uit om een wachtwoord in te stellen, zodat u kunt inloggen.',
    `Stel uw wachtwoord in via deze link:\n${link}`,
    `De link werkt één keer en is ${PASSWORD_TOKEN_HOURS} uur geldig, tot ` +
      `${until.format(invitation.expiresAt)}. Is hij verlopen? Vraag dan een contactpersoon ` +
      `van gemeente ${invitation.gemeente.naam} om u de uitnodiging opnieuw te sturen.`,
    'Verwachtte u deze uitnodiging niet? Dan kunt u deze e-mail negeren; zonder wachtwoord ' +
      'kan niemand met uw account inloggen.',
    'Met vriendelijke groet,\nCOA – Taakstellingvolgsysteem',
  ].join('\n\n');
  return {
    to: invitation.email,
    subject: `Uitnodiging voor TVS, gemeente ${invitation.gemeente.naam}`,
    text,
    messageId: `<uitnodiging-${invitation.tokenId}@tvs.coa.nl>`,
  };
}

/**
 * Sends the invitation; call it after the transaction that issued the link has committed.
 * Returns false when the mail server refused or could not be reached: the account and link
 * stay, and the person who invited can send it again.
 */
export async function deliverInvitation(
  request: FastifyRequest,
  invitation: Invitation,
): Promise<boolean> {
  const { mailer, config } = request.server;
  try {
    await mailer.send(invitationMail(config.publicUrl, invitation));
    return true;
  } catch (error) {
    // Name and code only: a mail server's message can repeat the address.
    const name = error instanceof Error ? error.name : typeof error;
    const code = (error as { code?: unknown } | null)?.code;
    request.log.warn(
      { accountId: invitation.accountId, tokenId: invitation.tokenId, err: { name, code } },
      'uitnodiging niet verstuurd',
    );
    return false;
  }
}
