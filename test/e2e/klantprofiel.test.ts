import { readFile } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import { expectAccessible, logIn, shows, useBrowser } from './server.ts';

const browser = useBrowser();

describe('Klantprofiel', () => {
  it('a casemanager fills in a profile and sends it; the gemeente reads and downloads it', async () => {
    const { page } = browser();
    await logIn(page, 'casemanager@demo.tvs.local');

    // Someone at the casemanager's own location, linked to Utrecht, with no profile yet.
    await page.goto('/vergunninghouders');
    await page.getByLabel('AZC').selectOption({ label: 'AZC Utrecht' });
    await page.getByLabel('Gekoppelde Gemeente').selectOption({ label: 'Utrecht' });
    await page
      .getByRole('group', { name: 'Klantprofiel' })
      .getByLabel('Nee', { exact: true })
      .check();
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await shows(page.getByRole('status').filter({ hasText: 'gevonden' }));
    const link = page.locator('tbody tr').first().getByRole('link');
    const vNummer = await link.innerText();
    await link.click();

    await page.getByRole('link', { name: 'Klantprofiel, toestemming en gesprekken' }).click();
    await shows(page.getByRole('heading', { level: 1, name: /^Klantprofiel van / }));
    await expectAccessible(page);

    // The person gives consent, present in person.
    const consent = page.getByRole('form', { name: 'Toestemming vastleggen' });
    await consent
      .getByRole('group', { name: 'Geeft de vergunninghouder toestemming?' })
      .getByLabel('Ja')
      .check();
    await consent.getByLabel('Datum').fill('2026-11-30');
    await consent.getByLabel('Vergunninghouder zelf aanwezig').check();
    await consent.getByRole('button', { name: 'Toestemming vastleggen' }).click();
    await shows(page.getByRole('status').filter({ hasText: 'De toestemming is vastgelegd.' }));
    expect(await page.locator('[data-veld="toestemming"] dd').innerText()).toBe('Ja');

    // What the first conversation brought, typed with the keyboard.
    const form = page.getByRole('form', { name: 'Klantprofiel invullen' });
    await form.getByLabel('Talen').fill('Arabisch\nEngels');
    await form.getByLabel('Uren aanwezig (van 121)').fill('104');
    await form.getByLabel('Score leerbaarheidstoets (0–25)').fill('20');
    await form.getByLabel('Ambities').fill('Verpleegkundige worden in een ziekenhuis');
    await form.getByRole('button', { name: 'Doorsturen naar gemeente' }).click();
    await shows(page.getByRole('status').filter({ hasText: 'is naar de gemeente gestuurd' }));
    await expectAccessible(page);

    // A follow-up talk: the casemanager adds to the draft and sends a new version.
    const again = page.getByRole('form', { name: 'Klantprofiel invullen' });
    expect(await again.getByLabel('Ambities').inputValue()).toBe(
      'Verpleegkundige worden in een ziekenhuis',
    );
    await again.getByLabel('Werkervaring').fill('Vijf jaar verpleegkundige in Homs');
    await again.getByRole('button', { name: 'Doorsturen naar gemeente' }).click();
    await shows(page.getByRole('status').filter({ hasText: 'is naar de gemeente gestuurd' }));

    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await shows(page.getByRole('heading', { level: 1, name: 'Inloggen' }));
    await logIn(page, 'gemeente@demo.tvs.local');
    await page.goto(`/vergunninghouders/${vNummer}`);
    const row = page.locator('tr[data-formulier="Klantprofiel"]');
    await shows(row);
    expect(await row.innerText()).toContain('Dit is het klantprofiel van de vergunninghouder.');
    await expectAccessible(page);

    await row.getByRole('link', { name: /versie/ }).click();
    await shows(page.getByRole('heading', { level: 1, name: /^Klantprofiel van / }));
    await shows(page.getByText('Verpleegkundige worden in een ziekenhuis'));
    await shows(
      page.getByText('Voldaan (berekend)').or(page.getByText('Voldaan', { exact: true })),
    );
    await shows(page.getByText('Snel (score 19–25)'));
    await expectAccessible(page);

    // What changed between the two versions.
    await page.getByRole('button', { name: 'Vergelijken' }).click();
    await shows(page.getByRole('heading', { level: 1, name: /^Wijzigingen in het klantprofiel/ }));
    await shows(page.getByRole('cell', { name: 'Vijf jaar verpleegkundige in Homs' }));
    await expectAccessible(page);
    await page.goBack();

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: /^Downloaden als PDF/ }).click();
    const file = await (await download).path();
    const pdf = await readFile(file);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.goto(`/vergunninghouders/${vNummer}/informatieformulier-huisvesting`);
    await shows(page.getByRole('heading', { level: 1, name: 'Informatieformulier Huisvesting' }));
    await expectAccessible(page);
    expect((await download).suggestedFilename()).toMatch(
      new RegExp(`^klantprofiel-${vNummer}-versie-\\d+\\.pdf$`),
    );
  });
});
