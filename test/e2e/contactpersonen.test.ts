import { describe, expect, it } from 'vitest';

import { expectAccessible, focused, logIn, shows, useBrowser } from './server.ts';

const browser = useBrowser();

describe('Contactpersonen', () => {
  it('a gemeente adds a Vluchtelingenwerk contact person, with the rechtsgrond asked', async () => {
    const { page } = browser();
    await logIn(page, 'gemeente@demo.tvs.local');
    const nav = page.getByRole('navigation', { name: 'Hoofdmenu' });
    await nav.getByRole('link', { name: 'Profiel' }).press('Enter');
    await shows(page.getByRole('heading', { level: 1, name: 'Profiel' }));
    const utrecht = page.getByRole('region', { name: 'Contactpersonen gemeente Utrecht' });
    await shows(utrecht.getByRole('columnheader', { name: 'Veldnotificaties' }));
    await expectAccessible(page);

    await utrecht.getByRole('link', { name: /Contactpersoon toevoegen/ }).press('Enter');
    await shows(page.getByRole('heading', { level: 1, name: 'Contactpersoon toevoegen' }));
    await shows(page.getByText('COA heeft van de vergunninghouder alleen toestemming'));
    await expectAccessible(page);

    await page.getByLabel('Naam', { exact: true }).fill('Noor Bakker');
    await page.getByLabel('Telefoonnummer').fill('06 87654321');
    await page.getByLabel('E-mailadres').fill('noor.bakker@vluchtelingenwerk.example');
    await page.getByLabel('Rol').selectOption({ label: 'Vluchtelingenwerk' });
    await page
      .getByLabel('Organisatie', { exact: true })
      .fill('VluchtelingenWerk Midden-Nederland');
    await page.getByLabel('Organisatie', { exact: true }).press('Enter');

    const summary = page.getByRole('alert');
    await shows(summary);
    expect(await focused(page)).toMatchObject({ role: 'alert' });
    const rechtsgrond = page.getByLabel('Beschrijving van de rechtsgrond');
    expect(await rechtsgrond.getAttribute('aria-invalid')).toBe('true');
    const message = page.locator('#veld-rechtsgrond-fout');
    expect(await message.innerText()).toBe(
      'Beschrijf de rechtsgrond voor het delen van gegevens met deze organisatie.',
    );
    expect(await rechtsgrond.getAttribute('aria-describedby')).toContain('veld-rechtsgrond-fout');
    expect(await page.getByLabel('Naam', { exact: true }).inputValue()).toBe('Noor Bakker');
    await expectAccessible(page);

    await summary.getByRole('link', { name: /Bevestig/ }).press('Enter');
    await page.keyboard.press('Space');
    expect(await page.getByRole('checkbox').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Convenant maatschappelijke begeleiding statushouders 2026');
    expect(await rechtsgrond.inputValue()).toContain('Convenant');
    await page.getByLabel('Organisatie', { exact: true }).press('Enter');

    await shows(page.getByRole('heading', { level: 1, name: 'Profiel' }));
    await shows(page.getByRole('status').filter({ hasText: 'Noor Bakker is toegevoegd.' }));
    const row = utrecht.getByRole('row').filter({ hasText: 'Noor Bakker' });
    await shows(row);
    expect(await row.getByRole('cell').nth(3).innerText()).toBe('Vluchtelingenwerk');
    await shows(row.getByText('Uitgenodigd, nog geen wachtwoord ingesteld'));
    await shows(row.getByRole('button', { name: /Uitnodiging opnieuw versturen/ }));
    await expectAccessible(page);
  });
});
