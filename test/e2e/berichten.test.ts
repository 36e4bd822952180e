import { describe, expect, it } from 'vitest';

import { expectAccessible, focused, logIn, shows, useBrowser } from './server.ts';

const browser = useBrowser();

const subject = 'Woning voor het gezin in Utrecht';

describe('Berichten', () => {
  it('the regievoerder writes to Utrecht; the gemeente reads and answers', async () => {
    const { page } = browser();
    await logIn(page, 'regievoerder@demo.tvs.local');

    // Find a household linked to Utrecht, as the regievoerder would from the overview.
    await page.goto('/vergunninghouders');
    await page.getByLabel('Gekoppelde Gemeente').selectOption({ label: 'Utrecht' });
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await shows(page.getByRole('status').filter({ hasText: 'gevonden' }));
    const firstRow = page.locator('tbody tr').first();
    const vNummer = await firstRow.getByRole('link').innerText();
    const naam = await firstRow.locator('td').nth(1).innerText();

    await page.goto('/berichten');
    await shows(page.getByRole('heading', { level: 1, name: 'Berichten' }));
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Nieuw bericht' }).focus();
    await page.keyboard.press('Enter');
    await shows(page.getByRole('heading', { level: 1, name: 'Nieuw bericht' }));
    const utrecht = await page
      .getByLabel('Gemeente')
      .locator('option', { hasText: /^Utrecht$/ })
      .getAttribute('value');

    // The link from the vergunninghouder's detail page fills in the gemeente and the person.
    await page.goto(`/berichten/nieuw?gemeente=${utrecht ?? ''}&vNummer=${vNummer}`);
    await shows(page.getByRole('heading', { level: 1, name: 'Nieuw bericht' }));
    expect(await page.getByLabel('Gemeente').inputValue()).toBe(utrecht);
    expect(await page.getByLabel(/^V-nummer/).inputValue()).toBe(vNummer);
    await expectAccessible(page);

    // Sent without a subject: the message is at the field and the summary has the focus.
    await page.getByLabel('Bericht', { exact: true }).fill('Is er al zicht op een woning?');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await shows(page.getByText('Vul een onderwerp in.'));
    expect((await focused(page)).role).toBe('alert');
    await expectAccessible(page);

    await page.getByLabel('Onderwerp').fill(subject);
    await page.getByLabel('Onderwerp').press('Enter');
    await shows(page.getByRole('status').filter({ hasText: 'Uw bericht is verstuurd.' }));
    await shows(page.getByRole('heading', { level: 1, name: subject }));
    await shows(page.getByRole('link', { name: new RegExp(vNummer) }));
    await expectAccessible(page);

    await page
      .getByRole('navigation', { name: 'Hoofdmenu' })
      .getByRole('button', { name: 'Uitloggen' })
      .click();
    await shows(page.getByRole('heading', { level: 1, name: 'Inloggen' }));

    await logIn(page, 'gemeente@demo.tvs.local');
    await page.goto('/berichten');
    await shows(page.getByRole('heading', { level: 1, name: 'Berichten' }));
    const link = page.getByRole('link', { name: `${subject} (ongelezen)` });
    await shows(link);
    await expectAccessible(page);
    await link.focus();
    await page.keyboard.press('Enter');

    await shows(page.getByRole('heading', { level: 1, name: subject }));
    await shows(page.getByText('Is er al zicht op een woning?'));
    // Utrecht's contact person may see the person: the name links to the detail page.
    const person = page.getByRole('link', { name: new RegExp(vNummer) });
    expect(await person.getAttribute('href')).toBe(`/vergunninghouders/${vNummer}`);
    const surname = naam.split(',')[0]?.trim() ?? '';
    expect(await person.innerText()).toContain(surname);
    await expectAccessible(page);

    const form = page.getByRole('form', { name: 'Beantwoorden' });
    await form.getByLabel('Antwoord').fill('Volgende maand komt er een woning vrij.');
    await form.getByRole('button', { name: 'Antwoord versturen' }).press('Enter');
    await shows(page.getByRole('status').filter({ hasText: 'Uw antwoord is verstuurd.' }));
    await shows(page.getByRole('heading', { level: 2, name: /^Antwoord van Sanne Jansen/ }));
    await shows(page.getByText('Volgende maand komt er een woning vrij.'));
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Terug naar Berichten' }).click();
    await shows(page.getByRole('heading', { level: 1, name: 'Berichten' }));
    const row = page.getByRole('row').filter({ hasText: subject });
    await shows(row.getByRole('link', { name: subject, exact: true }));
    expect(await row.getByRole('cell').last().innerText()).toBe('1');
  });
});
