import type { Transaction } from 'kysely';

import type { Config } from '../config.ts';
import type { Database } from '../db/schema.ts';
import type { Mailer } from '../mail/mailer.ts';
import { consentHolds } from '../klantprofielen/facts.ts';
import { dataRights } from '../policy/rights.ts';
import { choiceCategory } from './catalog.ts';

/**
 * The e-mail of one notification. It says what happened and links to TVS; it never carries
 * personal data (no names, numbers or values), because e-mail leaves the system. Before
 * sending, the right to it is checked again: a contact person removed since, a role that no
 * longer sees the data, or a consent withdrawn since means no e-mail.
 */

export type EmailOutcome = 'sent' | 'already-sent' | 'skipped';

/** The stable Message-ID of a notification's e-mail: a resend is the same message. */
export function notificationMessageId(config: Config, id: number): string {
  return `<notificatie-${id}@${new URL(config.publicUrl).hostname}>`;
}

async function stillEntitled(
  trx: Transaction<Database>,
  n: {
    account_id: number;
    kind: 'event' | 'field';
    key: string;
    gemeente_id: number | null;
    vergunninghouder_id: number | null;
    coa_role: string | null;
    removed_at: Date | null;
  },
): Promise<boolean> {
  if (n.removed_at !== null) return false;
  if (n.coa_role !== null) return true;
  if (n.gemeente_id === null) return false;
  const membership = await trx
    .selectFrom('membership')
    .select('role')
    .where('account_id', '=', n.account_id)
    .where('gemeente_id', '=', n.gemeente_id)
    .executeTakeFirst();
  const category = choiceCategory(n.kind, n.key);
  if (!membership || !category || !dataRights[membership.role].includes(category)) return false;
  if ((n.key === 'klantprofiel' || n.key === 'nareisprofiel') && n.vergunninghouder_id !== null) {
    return consentHolds(trx, n.vergunninghouder_id, n.key);
  }
  return true;
}

function text(
  config: Config,
  n: { id: number; kind: 'event' | 'field'; title: string; body: string },
) {
  const what =
    n.kind === 'field'
      ? 'Een gegeven van een vergunninghouder die aan uw gemeente is gekoppeld, is gewijzigd.'
      : n.body;
  return [
    n.title,
    '',
    what,
    '',
    `Bekijk het in TVS: ${config.publicUrl}/notificaties/${n.id}`,
    '',
    'U krijgt dit bericht omdat u deze notificatie heeft aangevinkt in TVS, onder Profiel.',
    'Dit is een automatisch bericht; antwoorden wordt niet gelezen.',
  ].join('\n');
}

/**
 * Sends the notification's e-mail once: the row stays locked while the SMTP server takes the
 * message and is marked as e-mailed in the same transaction, so two workers never both send
 * it. A worker that dies after the server accepted but before the commit leaves it to be sent
 * again, with the same Message-ID.
 */
export async function deliverNotificationEmail(
  trx: Transaction<Database>,
  mailer: Mailer,
  config: Config,
  notificationId: number,
): Promise<EmailOutcome> {
  const n = await trx
    .selectFrom('notification as n')
    .innerJoin('account as a', 'a.id', 'n.account_id')
    .select([
      'n.id',
      'n.account_id',
      'n.kind',
      'n.key',
      'n.gemeente_id',
      'n.vergunninghouder_id',
      'n.title',
      'n.body',
      'n.emailed_at',
      'a.email',
      'a.coa_role',
      'a.removed_at',
    ])
    .where('n.id', '=', notificationId)
    .forUpdate('n')
    .executeTakeFirst();
  if (!n) return 'skipped';
  if (n.emailed_at !== null) return 'already-sent';
  if (!(await stillEntitled(trx, n))) return 'skipped';
  await mailer.send({
    to: n.email,
    subject: `TVS: ${n.title}`,
    text: text(config, n),
    messageId: notificationMessageId(config, n.id),
  });
  await trx
    .updateTable('notification')
    .set({ emailed_at: new Date() })
    .where('id', '=', n.id)
    .execute();
  return 'sent';
}
