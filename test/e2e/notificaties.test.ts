import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';

import { expectAccessible, logIn, shows, useBrowser } from './server.ts';

const browser = useBrowser();

async function logOut(page: Page) {
  await page
    .getByRole('navigation', { name: 'Hoofdmenu' })
    .getByRole('button', { name: 'Uitloggen' })
    .click();
  await shows(page.getByRole('heading', { level: 1, name: 'Inloggen' }));
}

/** The number in the header's Notificaties link; 0 when there is no badge. */
async function unread(page: Page): Promise<number> {
  const badge = page.locator('.tvs-notifications .tvs-badge');
  if ((await badge.count()) === 0) return 0;
  return Number(await badge.getAttribute('data-ongelezen'));
}

describe('Notificaties', () => {
  it('a gemeente ticks a choice and sees the regievoerder’s message arrive with the unread count', async () => {
    const { page } = browser();
    await logIn(page, 'gemeente@demo.tvs.local');
    await page.getByRole('link', { name: /^Notificaties/ }).click();
    await shows(page.getByRole('heading', { level: 1, name: 'Notificaties' }));
    await expectAccessible(page);
    await page.getByRole('link', { name: 'Kies waarover u notificaties krijgt' }).click();
    await shows(page.getByRole('heading', { level: 1, name: 'Notificaties kiezen' }));
    await expectAccessible(page);

    const utrecht = page.getByRole('form', { name: 'Utrecht' });
    const choice = utrecht.getByLabel('Bericht van regievoerder aan gemeente');
    await choice.focus();
    if (!(await choice.isChecked())) await page.keyboard.press('Space');
    expect(await choice.isChecked()).toBe(true);
    await utrecht.getByRole('button', { name: 'Keuzes opslaan voor Utrecht' }).click();
    await shows(page.getByRole('status').filter({ hasText: 'Uw keuzes zijn opgeslagen.' }));
    expect(
      await page
        .getByRole('form', { name: 'Utrecht' })
        .getByLabel('Bericht van regievoerder aan gemeente')
        .isChecked(),
    ).toBe(true);
    const before = await unread(page);
    await logOut(page);

    await logIn(page, 'regievoerder@demo.tvs.local');
    await page.goto('/berichten/nieuw');
    await page.getByLabel('Gemeente').selectOption({ label: 'Utrecht' });
    await page.getByLabel('Onderwerp').fill('Planning woningen december');
    await page
      .getByLabel('Bericht', { exact: true })
      .fill('Kunnen we volgende week de planning bespreken?');
    await page.getByRole('button', { name: 'Versturen' }).click();
    await shows(page.getByRole('status').filter({ hasText: 'Uw bericht is verstuurd.' }));
    await logOut(page);

    await logIn(page, 'gemeente@demo.tvs.local');
    // The worker delivers in the background; the count appears within a few seconds.
    const deadline = Date.now() + 20_000;
    while ((await unread(page)) <= before && Date.now() < deadline) {
      await page.waitForTimeout(500);
      await page.reload();
    }
    expect(await unread(page)).toBe(before + 1);
    await expectAccessible(page);

    await page.getByRole('link', { name: /^Notificaties/ }).click();
    const arrived = page
      .locator('tbody tr')
      .filter({ hasText: 'Nieuw bericht van de regievoerder' })
      .filter({ hasText: '(ongelezen)' });
    expect(await arrived.count()).toBe(1);
    await arrived.getByRole('link').click();
    await shows(page.getByRole('heading', { level: 1, name: 'Planning woningen december' }));
    expect(await unread(page)).toBe(before);
    await expectAccessible(page);
  });
});
