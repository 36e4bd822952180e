import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { hashPassword } from '../auth/passwords.ts';
import { drainOutbox, type WorkerDeps } from '../jobs/outbox-worker.ts';
import { checkFase2Overschrijdingen } from '../jobs/scheduler.ts';
import { type TestApp, createTestApp, gemeenteId, signedInClient } from '../testing/app.ts';
import { createHousehold } from '../testing/households.ts';
import { type SmtpProcess, startSmtpProcess } from '../testing/smtp.ts';
import { notificationMessageId } from './email.ts';

let t: TestApp;
let smtp: SmtpProcess;
let deps: WorkerDeps;
let utrecht: number;

beforeAll(async () => {
  smtp = await startSmtpProcess();
  t = await createTestApp({ SMTP_URL: smtp.url });
  deps = { db: t.db, mailer: t.app.mailer, config: t.config };
  utrecht = await gemeenteId(t.db, 'Utrecht');
});

afterAll(async () => {
  await t.close();
  await smtp.stop();
});

async function choose(accountId: number, kind: 'event' | 'field', key: string) {
  await t.db
    .insertInto('notification_choice')
    .values({ account_id: accountId, gemeente_id: utrecht, kind, key: key as never })
    .execute();
}

async function notificationsOf(accountId: number) {
  return t.db
    .selectFrom('notification')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
}

async function queueKoppeling(ple: number) {
  await t.db
    .insertInto('outbox')
    .values({
      topic: 'koppeling.gewijzigd',
      payload: JSON.stringify({
        versie: 1,
        plaatsingseenheidId: ple,
        gemeenteId: utrecht,
        actie: 'gekoppeld',
      }),
    })
    .execute();
}

describe('choices', () => {
  it('offers each role only what it may see, and refuses anything else', async () => {
    const corporatie = await signedInClient(t.app, 'corporatie');
    const offered = (await corporatie.get('/api/v1/notificatiekeuzes')).json<
      { veldnotificaties: { sleutel: string }[]; notificaties: { sleutel: string }[] }[]
    >();
    const fields = offered[0]?.veldnotificaties.map((f) => f.sleutel) ?? [];
    expect(fields).toContain('beperking_huisvesting');
    expect(fields).not.toContain('bsn');
    expect(fields).not.toContain('medische_bijzonderheden');
    expect(offered[0]?.notificaties.map((e) => e.sleutel)).not.toContain('klantprofiel');

    const refused = await corporatie.json('PUT', `/api/v1/notificatiekeuzes/${utrecht}`, {
      notificaties: ['gekoppeld'],
      veldnotificaties: ['bsn'],
    });
    expect(refused.statusCode).toBe(403);
    expect(
      await t.db
        .selectFrom('notification_choice')
        .select('id')
        .where('account_id', '=', t.accounts.corporatie)
        .execute(),
    ).toEqual([]);

    await corporatie.get('/profiel/notificaties');
    const page = await corporatie.get('/profiel/notificaties');
    expect(page.body).not.toContain('value="bsn"');
    const saved = await corporatie.post('/profiel/notificaties', {
      gemeenteId: String(utrecht),
      events: 'gekoppeld',
      fields: 'beperking_huisvesting',
    });
    expect(saved.statusCode).toBe(303);
    const rows = await t.db
      .selectFrom('notification_choice')
      .select(['kind', 'key'])
      .where('account_id', '=', t.accounts.corporatie)
      .orderBy('kind')
      .execute();
    expect(rows).toEqual([
      { kind: 'event', key: 'gekoppeld' },
      { kind: 'field', key: 'beperking_huisvesting' },
    ]);
    await t.db.deleteFrom('notification_choice').execute();
  });
});

describe('from event to notification and e-mail', () => {
  it('tells the subscribers whose role may see it, once, in the app and by e-mail without personal data', async () => {
    const household = await createHousehold(t.db, {
      gemeente: 'Utrecht',
      persons: [{ achternaam: 'Notificatie', voornamen: 'Farida', bsn: '111222333' }],
    });
    const person = household.ids[0] ?? 0;
    const vNummer = household.vNummers[0] ?? '';
    await choose(t.accounts.gemeente, 'event', 'gekoppeld');
    await choose(t.accounts.gemeente, 'field', 'bsn');
    // A BSN choice for a corporatie can only come from outside the policy; it must still not count.
    await choose(t.accounts.corporatie, 'field', 'bsn');
    await queueKoppeling(household.ple);
    await t.db
      .insertInto('change_event')
      .values({
        vergunninghouder_id: person,
        field: 'bsn',
        old_value: null,
        new_value: '111222333',
        actor_id: null,
      })
      .execute();

    await drainOutbox(deps);
    const forGemeente = await notificationsOf(t.accounts.gemeente);
    expect(forGemeente.map((n) => n.key)).toEqual(['gekoppeld', 'bsn']);
    expect(forGemeente.every((n) => n.emailed_at !== null)).toBe(true);
    expect(await notificationsOf(t.accounts.corporatie)).toEqual([]);
    expect(await notificationsOf(t.accounts['sociale-dienst'])).toEqual([]);

    const mails = smtp.received().filter((m) => m.to.includes('gemeente@test.tvs.local'));
    expect(mails).toHaveLength(2);
    for (const mail of mails) {
      expect(mail.raw).not.toContain(vNummer);
      expect(mail.raw).not.toContain('111222333');
      expect(mail.raw).not.toContain('Farida');
      expect(mail.raw.replace(/=\r?\n/g, '')).toMatch(/http:\/\/localhost:3000\/notificaties\/\d+/);
    }
    expect(mails.map((m) => m.messageId).sort()).toEqual(
      forGemeente.map((n) => notificationMessageId(t.config, n.id)).sort(),
    );

    // Handling the same events again adds nothing and sends nothing.
    await t.db.updateTable('outbox').set({ status: 'pending', available_at: new Date() }).execute();
    await drainOutbox(deps);
    expect(await notificationsOf(t.accounts.gemeente)).toHaveLength(2);
    expect(smtp.received().filter((m) => m.to.includes('gemeente@test.tvs.local'))).toHaveLength(2);

    // The header shows the unread count; opening one marks it read and leads to the person.
    const client = await signedInClient(t.app, 'gemeente');
    const page = await client.get('/notificaties');
    expect(page.body).toContain('data-ongelezen="2"');
    const opened = await client.get(`/notificaties/${forGemeente[1]?.id ?? 0}`);
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(`/vergunninghouders/${vNummer}`);
    expect((await client.get('/notificaties')).body).toContain('data-ongelezen="1"');
    const other = await signedInClient(t.app, 'corporatie');
    expect((await other.get(`/notificaties/${forGemeente[0]?.id ?? 0}`)).statusCode).toBe(404);
    await t.db.deleteFrom('notification_choice').execute();
  });

  it('sends nothing about a klantprofiel whose consent was withdrawn before delivery', async () => {
    const household = await createHousehold(t.db, {
      gemeente: 'Utrecht',
      persons: [{ achternaam: 'Ingetrokken' }],
      klantprofiel: [0],
    });
    const person = household.ids[0] ?? 0;
    await choose(t.accounts.gemeente, 'event', 'klantprofiel');
    await t.db
      .insertInto('outbox')
      .values({
        topic: 'klantprofiel.verstuurd',
        payload: JSON.stringify({
          versie: 1,
          vergunninghouderId: person,
          gemeenteId: utrecht,
          profielVersie: 1,
        }),
      })
      .execute();
    await t.db
      .updateTable('toestemming')
      .set({ withdrawn_at: new Date() })
      .where('vergunninghouder_id', '=', person)
      .execute();
    const before = smtp.received().length;
    await drainOutbox(deps);
    const profileNotes = (await notificationsOf(t.accounts.gemeente)).filter(
      (n) => n.vergunninghouder_id === person,
    );
    expect(profileNotes).toEqual([]);
    expect(smtp.received().length).toBe(before);
    await t.db.deleteFrom('notification_choice').execute();
  });

  it('retries an e-mail the server refuses, later, and records no address in the error', async () => {
    const household = await createHousehold(t.db, {
      gemeente: 'Utrecht',
      persons: [{ achternaam: 'Later' }],
    });
    await choose(t.accounts.gemeente, 'event', 'gekoppeld');
    await queueKoppeling(household.ple);
    await smtp.refuse();
    await drainOutbox(deps);
    const waiting = await t.db
      .selectFrom('outbox')
      .selectAll()
      .where('topic', '=', 'notificatie.email')
      .where('status', '=', 'pending')
      .execute();
    expect(waiting).toHaveLength(1);
    const row = waiting[0];
    expect(row?.attempts).toBe(1);
    expect(row?.available_at.getTime()).toBeGreaterThan(Date.now() + 5_000);
    expect(row?.last_error ?? '').not.toContain('@');

    await smtp.accept();
    await t.db
      .updateTable('outbox')
      .set({ available_at: new Date() })
      .where('id', '=', row?.id ?? 0)
      .execute();
    await drainOutbox(deps);
    const done = await t.db
      .selectFrom('outbox')
      .select(['status', 'attempts'])
      .where('id', '=', row?.id ?? 0)
      .executeTakeFirstOrThrow();
    expect(done).toEqual({ status: 'done', attempts: 2 });
    await t.db.deleteFrom('notification_choice').execute();
  });

  it('raises Overschrijding fase 2 once per koppeling, also for the regievoerder', async () => {
    const household = await createHousehold(t.db, {
      gemeente: 'Utrecht',
      koppeldatum: '2026-01-05',
      persons: [{ achternaam: 'Overtijd' }],
    });
    await choose(t.accounts.gemeente, 'event', 'overschrijding-fase-2');
    expect(await checkFase2Overschrijdingen(t.db, '2026-12-01')).toBeGreaterThanOrEqual(1);
    expect(await checkFase2Overschrijdingen(t.db, '2026-12-02')).toBe(0);
    await drainOutbox(deps);
    for (const account of [t.accounts.gemeente, t.accounts.regievoerder]) {
      const notes = (await notificationsOf(account)).filter(
        (n) => n.key === 'overschrijding-fase-2',
      );
      expect(notes.filter((n) => n.link?.includes(household.vNummers[0] ?? '-'))).toHaveLength(1);
    }
    await t.db.deleteFrom('notification_choice').execute();
  });

  it('turns a B12 uitschrijfkaart into a notification, by the trigger on the record', async () => {
    const household = await createHousehold(t.db, {
      gemeente: 'Utrecht',
      gehuisvestOp: '2026-11-20',
      persons: [{ achternaam: 'Vertrokken' }],
    });
    await choose(t.accounts.gemeente, 'event', 'b12-beschikbaar');
    await t.db
      .updateTable('vergunninghouder')
      .set({ b12_uitschrijfkaart_op: '2026-11-25' })
      .where('id', '=', household.ids[0] ?? 0)
      .execute();
    await drainOutbox(deps);
    const notes = (await notificationsOf(t.accounts.gemeente)).filter(
      (n) => n.key === 'b12-beschikbaar',
    );
    expect(notes).toHaveLength(1);
    await t.db.deleteFrom('notification_choice').execute();
  });
});

// A worker of its own needs a database another process can reach: PostgreSQL. npm test runs
// this file on PostgreSQL too, so the kill test always runs there.
describe.skipIf(!process.env.TEST_DATABASE_URL)('a worker killed mid-delivery', () => {
  it('delivers every e-mail once per mailbox after a restart', { timeout: 120_000 }, async () => {
    const recipients: number[] = [];
    const hash = await hashPassword('correct horse battery');
    for (let i = 0; i < 40; i++) {
      const account = await t.db
        .insertInto('account')
        .values({
          email: `ontvanger${i}@test.tvs.local`,
          name: `Ontvanger ${i}`,
          phone: null,
          organisation: 'Gemeente Utrecht',
          coa_role: null,
          regio_code: null,
          password_hash: hash,
          totp_secret: null,
          locked_until: null,
          removed_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('membership')
        .values({
          account_id: account.id,
          gemeente_id: utrecht,
          role: 'gemeente',
          rechtsgrond: null,
          added_by: null,
        })
        .execute();
      await choose(account.id, 'event', 'gekoppeld');
      recipients.push(account.id);
    }
    for (let i = 0; i < 5; i++) {
      const household = await createHousehold(t.db, {
        gemeente: 'Utrecht',
        persons: [{ achternaam: `Massa${i}` }],
      });
      await queueKoppeling(household.ple);
    }
    const dataDir = await mkdtemp(join(tmpdir(), 'tvs-worker-'));
    const start = () =>
      spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker'], {
        env: {
          ...process.env,
          NODE_ENV: '',
          DATABASE_URL: t.databaseUrl,
          SMTP_URL: smtp.url,
          TVS_DATA_DIR: dataDir,
          TVS_OUTBOX_LEASE_SECONDS: '2',
          LOG_LEVEL: 'silent',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    const sentToRecipients = () =>
      smtp.received().filter((m) => m.to.some((to) => to.startsWith('ontvanger')));

    const first = start();
    const deadline = Date.now() + 60_000;
    while (sentToRecipients().length < 60 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    first.kill('SIGKILL');
    await new Promise((resolve) => first.once('exit', resolve));
    const atKill = sentToRecipients().length;
    expect(atKill).toBeGreaterThanOrEqual(60);
    expect(atKill).toBeLessThan(200);

    const second = start();
    const expected = recipients.length * 5;
    while (Date.now() < deadline + 30_000) {
      const open = await t.db
        .selectFrom('notification')
        .select(sql<number>`count(*)::integer`.as('n'))
        .where('account_id', 'in', recipients)
        .where('emailed_at', 'is', null)
        .executeTakeFirstOrThrow();
      const total = await t.db
        .selectFrom('notification')
        .select(sql<number>`count(*)::integer`.as('n'))
        .where('account_id', 'in', recipients)
        .executeTakeFirstOrThrow();
      if (total.n === expected && open.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    second.kill('SIGTERM');
    await new Promise((resolve) => second.once('exit', resolve));
    await rm(dataDir, { recursive: true, force: true });

    const notes = await t.db
      .selectFrom('notification')
      .select(['id', 'account_id'])
      .where('account_id', 'in', recipients)
      .execute();
    expect(notes).toHaveLength(expected);
    // A mailbox holds a message once per Message-ID, as mail stores do: per recipient and
    // notification exactly one message, none missing, none extra.
    const mailbox = new Map<string, number>();
    for (const mail of sentToRecipients()) {
      for (const to of mail.to)
        mailbox.set(`${to} ${mail.messageId}`, (mailbox.get(`${to} ${mail.messageId}`) ?? 0) + 1);
    }
    const emails = new Map(
      (
        await t.db
          .selectFrom('account')
          .select(['id', 'email'])
          .where('id', 'in', recipients)
          .execute()
      ).map((a) => [a.id, a.email]),
    );
    const wanted = notes.map(
      (n) => `${emails.get(n.account_id) ?? ''} ${notificationMessageId(t.config, n.id)}`,
    );
    expect([...mailbox.keys()].sort()).toEqual(wanted.sort());
    // On the wire, only what was in flight when the worker died can have been sent twice.
    const resent = sentToRecipients().length - mailbox.size;
    expect(resent).toBeLessThanOrEqual(4);
  });
});

describe('demo e-mails', () => {
  it('writes e-mails as files in demo mode and shows them to the COA-beheerder only', async () => {
    const demo = await createTestApp();
    try {
      expect(demo.app.mailer.folder).toBeDefined();
      await demo.app.mailer.send({
        to: 'gemeente@test.tvs.local',
        subject: 'TVS: Nieuw bericht van de regievoerder',
        text: 'Bekijk het in TVS: http://localhost:3000/notificaties/1',
      });
      const beheerder = await signedInClient(demo.app, 'coa-beheerder');
      const page = await beheerder.get('/beheer/e-mails');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('TVS: Nieuw bericht van de regievoerder');
      expect(page.body).toContain('http://localhost:3000/notificaties/1');
      const gemeente = await signedInClient(demo.app, 'gemeente');
      expect((await gemeente.get('/beheer/e-mails')).statusCode).toBe(403);
    } finally {
      await demo.close();
    }
  });
});
