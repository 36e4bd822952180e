import { describe, expect, it } from 'vitest';

import {
  formatIban,
  generateBsn,
  generateIban,
  generateVNummer,
  identifierErrors,
  isValidBsn,
  isValidIban,
  isValidVNummer,
} from './identifiers.ts';

describe('isValidBsn', () => {
  it('accepts BSNs that pass the elfproef', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456782')).toBe(true);
    expect(isValidBsn('999999990')).toBe(true);
  });

  it('rejects a BSN with a wrong check digit, wrong length, letters or only zeros', () => {
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidBsn('11122233')).toBe(false);
    expect(isValidBsn('1112223334')).toBe(false);
    expect(isValidBsn('11122233a')).toBe(false);
    expect(isValidBsn('000000000')).toBe(false);
  });
});

describe('isValidVNummer', () => {
  it('accepts exactly ten digits and nothing else', () => {
    expect(isValidVNummer('1234567890')).toBe(true);
    expect(isValidVNummer('123456789')).toBe(false);
    expect(isValidVNummer('12345678901')).toBe(false);
    expect(isValidVNummer('12345 7890')).toBe(false);
  });
});

describe('isValidIban', () => {
  it('accepts known valid IBANs, with or without spaces and in lower case', () => {
    expect(isValidIban('NL91ABNA0417164300')).toBe(true);
    expect(isValidIban('nl91 abna 0417 1643 00')).toBe(true);
    expect(isValidIban('NL20INGB0001234567')).toBe(true);
    expect(isValidIban('DE89370400440532013000')).toBe(true);
  });

  it('rejects a wrong check digit, a malformed Dutch IBAN and garbage', () => {
    expect(isValidIban('NL92ABNA0417164300')).toBe(false);
    expect(isValidIban('NL91ABNA041716430')).toBe(false);
    expect(isValidIban('NL91AB1A0417164300')).toBe(false);
    expect(isValidIban('hallo')).toBe(false);
    expect(isValidIban('')).toBe(false);
  });

  it('formats an IBAN in groups of four', () => {
    expect(formatIban('nl91abna0417164300')).toBe('NL91 ABNA 0417 1643 00');
  });
});

describe('generators', () => {
  it('generate distinct BSNs that all pass the elfproef', () => {
    const bsns = Array.from({ length: 20_000 }, (_, n) => generateBsn(n * 449));
    expect(bsns.every(isValidBsn)).toBe(true);
    expect(new Set(bsns).size).toBe(bsns.length);
  });

  it('generate distinct valid Dutch IBANs and ten-digit V-nummers', () => {
    const ibans = Array.from({ length: 5_000 }, (_, n) => generateIban(n * 7919 + 1));
    expect(ibans.every(isValidIban)).toBe(true);
    expect(new Set(ibans).size).toBe(ibans.length);
    expect(isValidVNummer(generateVNummer(42))).toBe(true);
  });

  it('refuse numbers outside their range', () => {
    expect(() => generateBsn(-1)).toThrow(RangeError);
    expect(() => generateBsn(9_000_000)).toThrow(RangeError);
  });

  it('have Dutch error messages for people', () => {
    expect(identifierErrors.bsn).toContain('elfproef');
    expect(identifierErrors.vNummer).toContain('10 cijfers');
  });
});
