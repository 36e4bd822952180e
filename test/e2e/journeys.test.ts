import { describe, expect, it } from 'vitest';

import { demoAccounts } from '../../src/demo/accounts.ts';
import { expectAccessible, focused, logIn, shows, useBrowser } from './server.ts';

const roles = [
  'coa-beheerder',
  'regievoerder',
  'casemanager',
  'col-medewerker',
  'gemeente',
  'corporatie',
  'sociale-dienst',
  'vluchtelingenwerk',
] as const;

const emailOf = (role: string) => `${role}@demo.tvs.local`;

function nameOf(role: string): string {
  const account = demoAccounts.find((a) => a.email === emailOf(role));
  if (!account) throw new Error(`Geen demo-account voor ${role}`);
  return account.name;
}

const browser = useBrowser();

describe('Every demo role', () => {
  for (const role of roles) {
    it(`${role} logs in, sees only their tabs on an accessible Startpagina, logs out`, async () => {
      const { page } = browser();
      await page.goto('/inloggen');
      const demoList = page.getByRole('region', { name: 'Demo-accounts' });
      await shows(demoList.getByRole('cell', { name: emailOf(role) }));

      await page.getByLabel('E-mailadres').fill(emailOf(role));
      await page.getByLabel('Wachtwoord').fill('demo');
      await page.getByRole('button', { name: 'Inloggen' }).click();

      await shows(page.getByRole('heading', { level: 1, name: `Welkom, ${nameOf(role)}` }));
      expect(new URL(page.url()).pathname).toBe('/');

      const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
      const expectedTabs = [
        'Startpagina',
        'Profiel',
        'Vergunninghouders',
        ...(['coa-beheerder', 'casemanager', 'col-medewerker'].includes(role) ? [] : ['Berichten']),
        ...(role === 'coa-beheerder' ? ['Beheer'] : []),
      ];
      expect(await nav.getByRole('link').allInnerTexts()).toEqual(expectedTabs);
      expect(await nav.getByRole('button').allInnerTexts()).toEqual(['Uitloggen']);
      expect(
        await nav.getByRole('link', { name: 'Startpagina' }).getAttribute('aria-current'),
      ).toBe('page');

      await expectAccessible(page);

      await nav.getByRole('button', { name: 'Uitloggen' }).click();
      await shows(page.getByRole('heading', { level: 1, name: 'Inloggen' }));
      expect(new URL(page.url()).pathname).toBe('/inloggen');

      // The session is really gone: the Startpagina sends us back to the login page.
      await page.goto('/');
      await shows(page.getByRole('heading', { level: 1, name: 'Inloggen' }));
    });
  }
});

describe('The login page', () => {
  it('lists all demo accounts and passes axe', async () => {
    const { page } = browser();
    await page.goto('/inloggen');
    const demoList = page.getByRole('region', { name: 'Demo-accounts' });
    for (const role of roles) {
      await shows(demoList.getByRole('cell', { name: emailOf(role) }));
    }
    await expectAccessible(page);
  });

  it('shows a clear message after a wrong password, focused, and stays accessible', async () => {
    const { page } = browser();
    await page.goto('/inloggen');
    await page.getByLabel('E-mailadres').fill(emailOf('corporatie'));
    await page.getByLabel('Wachtwoord').fill('verkeerd-wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();

    const alert = page.getByRole('alert');
    expect((await alert.innerText()).trim()).toBe('Het e-mailadres of wachtwoord is onjuist.');
    await expect.poll(async () => (await focused(page)).role).toBe('alert');
    expect(await page.getByLabel('E-mailadres').inputValue()).toBe(emailOf('corporatie'));
    expect(await page.getByLabel('Wachtwoord').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page);
  });

  it('has the skip link "Direct naar de inhoud" as first Tab stop, and it works', async () => {
    const { page } = browser();
    await page.goto('/inloggen');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toMatchObject({ tag: 'A', text: 'Direct naar de inhoud' });
    // Visible once focused, not only for screen readers.
    await shows(page.getByRole('link', { name: 'Direct naar de inhoud' }));

    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focused(page)).id).toBe('inhoud');
  });

  it('works with the keyboard alone: Tab to the fields, type, press Enter', async () => {
    const { page } = browser();
    await page.goto('/inloggen');
    const stops: string[] = [];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      const now = await focused(page);
      stops.push(now.id || now.text);
      if (now.id === 'veld-email') break;
    }
    expect(stops.at(-1), `Tab-volgorde: ${stops.join(' → ')}`).toBe('veld-email');
    expect(stops[0]).toBe('Direct naar de inhoud');

    await page.keyboard.type(emailOf('casemanager'));
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('veld-wachtwoord');
    await page.keyboard.type('demo');
    await page.keyboard.press('Enter');

    await shows(page.getByRole('heading', { level: 1, name: `Welkom, ${nameOf('casemanager')}` }));
  });
});

describe('The Startpagina', () => {
  const regions = ['Noord', 'Oost', 'Midden', 'Zuidwest', 'Zuid'];

  it('shows the five regions, each with a regievoerder to mail, own region first', async () => {
    const { page } = browser();
    await logIn(page, emailOf('gemeente'));

    const headings = await page.getByRole('heading', { level: 3, name: /^Regio / }).allInnerTexts();
    expect(headings).toHaveLength(5);
    expect(headings[0]).toBe('Regio Midden (uw regio)');
    expect(
      headings.map((h) => h.replace(/ \(uw regio\)$/, '').replace(/^Regio /, '')).sort(),
    ).toEqual([...regions].sort());

    for (const name of regions) {
      const region = page.getByRole('region', { name: new RegExp(`^Regio ${name}( |$)`) });
      const mail = region.getByRole('link', { name: /@/ });
      await shows(mail.first());
      expect(await mail.first().getAttribute('href')).toMatch(/^mailto:[^@\s]+@[^@\s]+$/);
    }

    const midden = page.getByRole('region', { name: /^Regio Midden/ });
    await midden.getByText(/^Gemeenten \(\d+\)$/).click();
    await shows(midden.getByRole('listitem').filter({ hasText: /^Utrecht$/ }));
  });
});

describe('Profiel and Beheer', () => {
  it('the Profiel page shows the account and two-factor settings, and passes axe', async () => {
    const { page } = browser();
    await logIn(page, emailOf('gemeente'));
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', { name: 'Profiel' })
      .click();
    await shows(page.getByText(emailOf('gemeente')).first());
    await shows(page.getByText('Tweestapsverificatie').first());
    await expectAccessible(page);
  });

  it('a coa-beheerder changes the welcome text on Beheer and sees it on Startpagina', async () => {
    const { page } = browser();
    await logIn(page, emailOf('coa-beheerder'));
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('link', { name: 'Beheer' }).click();
    await shows(page.getByRole('heading', { level: 1, name: 'Beheer' }));
    await expectAccessible(page);

    const text = `Welkom bij de browsertest ${Date.now()}.`;
    await page.getByLabel('Welkomsttekst').fill(text);
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await shows(page.getByRole('status').filter({ hasText: 'opgeslagen' }));
    expect(await page.getByLabel('Welkomsttekst').inputValue()).toBe(text);

    await nav.getByRole('link', { name: 'Startpagina' }).click();
    await shows(page.getByText(text));
  });

  it('a gemeente user gets "Geen toegang" on /beheer', async () => {
    const { page } = browser();
    await logIn(page, emailOf('gemeente'));
    const response = await page.goto('/beheer');
    expect(response?.status()).toBe(403);
    await shows(page.getByRole('heading', { level: 1, name: 'Geen toegang' }));
    expect(await page.getByLabel('Welkomsttekst').count()).toBe(0);
    await expectAccessible(page);
  });
});
