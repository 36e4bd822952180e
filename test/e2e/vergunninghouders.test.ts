import { describe, expect, it } from 'vitest';

import { expectAccessible, logIn, shows, useBrowser } from './server.ts';

const browser = useBrowser();

describe('Vergunninghouders', () => {
  it('a gemeente searches by Achternaam with the keyboard and opens the detail', async () => {
    const { page } = browser();
    await logIn(page, 'gemeente@demo.tvs.local');
    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('link', {
        name: 'Vergunninghouders',
      })
      .click();
    await shows(page.getByRole('heading', { level: 1, name: 'Overzicht vergunninghouders' }));
    await expectAccessible(page);

    // Take the surname of the first person listed, then search for it.
    const firstName = await page.locator('tbody tr').first().locator('td').nth(1).innerText();
    const surname = firstName.split(',')[0]?.trim() ?? '';
    expect(surname.length).toBeGreaterThan(0);
    await page.getByLabel('Achternaam').fill(surname);
    await page.getByLabel('Achternaam').press('Enter');
    await shows(page.getByRole('status').filter({ hasText: 'gevonden' }));
    expect(new URL(page.url()).searchParams.get('achternaam')).toBe(surname);

    const names = await page.locator('tbody tr td:nth-child(2)').allInnerTexts();
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name.toLowerCase()).toContain(surname.toLowerCase());
    const gemeenten = await page.locator('tbody tr td:nth-child(7)').allInnerTexts();
    for (const gemeente of gemeenten) expect(['Utrecht', 'Zeist']).toContain(gemeente);

    const link = page.locator('tbody tr').first().getByRole('link');
    const vNummer = await link.innerText();
    await link.focus();
    await page.keyboard.press('Enter');
    await shows(page.getByRole('heading', { level: 1, name: new RegExp(surname) }));
    expect(new URL(page.url()).pathname).toBe(`/vergunninghouders/${vNummer}`);
    const sections = page.getByRole('navigation', { name: 'Onderdelen' });
    await shows(sections.getByRole('link', { name: 'Basisgegevens' }));
    await shows(page.getByRole('heading', { level: 2, name: 'Koppelinggegevens' }));
    await shows(page.getByText('BSN', { exact: true }));
    await expectAccessible(page);
  });

  it('a corporatie sees neither BSN nor IBAN, in the search or on the detail', async () => {
    const { page } = browser();
    await logIn(page, 'corporatie@demo.tvs.local');
    await page.goto('/vergunninghouders');
    await shows(page.getByRole('heading', { level: 1, name: 'Overzicht vergunninghouders' }));
    expect(await page.getByLabel('BSN').count()).toBe(0);
    expect(await page.getByRole('group', { name: 'Klantprofiel' }).count()).toBe(0);

    await page.locator('tbody tr').first().getByRole('link').click();
    await shows(page.getByRole('heading', { level: 2, name: 'Basisgegevens' }));
    const html = await page.content();
    expect(html).not.toContain('data-veld="bsn"');
    expect(html).not.toContain('data-veld="iban"');
    expect(await page.getByText('BSN', { exact: true }).count()).toBe(0);
    expect(await page.getByText('IBAN', { exact: true }).count()).toBe(0);
    expect(html).not.toMatch(/NL\d\d[A-Z]{4}\d{10}/);
    await expectAccessible(page);
  });

  it('a regievoerder links a household in fase 1 to a gemeente of the region', async () => {
    const { page } = browser();
    await logIn(page, 'regievoerder@demo.tvs.local');
    await page.goto('/vergunninghouders');
    await page.getByLabel('Fase', { exact: true }).selectOption('fase-1');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await shows(page.getByRole('status').filter({ hasText: 'gevonden' }));
    await page.locator('tbody tr').first().getByRole('link').click();

    const form = page.getByRole('form', { name: 'Koppelen aan een gemeente' });
    await shows(form);
    await form.getByLabel('Gemeente').selectOption({ label: 'Amersfoort' });
    await expectAccessible(page);
    await form.getByRole('button', { name: 'Koppelen' }).click();

    await shows(page.getByRole('status').filter({ hasText: 'De plaatsingseenheid is gekoppeld.' }));
    const row = page.locator('[data-veld="gekoppeldeGemeente"] dd');
    expect(await row.innerText()).toBe('Amersfoort');
    expect(await page.locator('[data-veld="fase"] dd').innerText()).toContain('Fase 2');
    await shows(page.getByRole('form', { name: 'Koppeling wijzigen' }));
    await expectAccessible(page);
  });
});
