/**
 * UI strings through the browser's i18n (`public/_locales/<lang>/messages.json`:
 * English, Russian, Ukrainian, Chinese). The English catalogue is the source of
 * the message keys, so a missing or misspelt key is a type error.
 *
 * Plurals: messages put counts after a colon ("Claims: 3") rather than
 * inflecting, since chrome.i18n has no plural rules.
 */
import { browser } from 'wxt/browser';
import type en from '../../public/_locales/en/messages.json';

export type MessageKey = keyof typeof en;

/** The message for `key` in the browser's language, with `$1`… filled in; the key itself if unknown. */
export function t(key: MessageKey, ...subs: (string | number)[]): string {
  let s = '';
  try {
    s = (browser.i18n.getMessage as (name: string, substitutions?: string[]) => string)(key, subs.map(String));
  } catch {
    // No i18n API (unit tests): fall through to the key.
  }
  return s || key;
}

/** A message chosen by a value ("type_" + "payment-system" → type_payment_system), or `fallback`. */
export function tOr(prefix: string, value: string, fallback = value): string {
  const key = `${prefix}${value.replace(/[^A-Za-z0-9]/g, '_')}` as MessageKey;
  const s = t(key);
  return s === key ? fallback : s;
}

/** The language the messages are shown in, as a BCP 47 tag for `<html lang>` and number formats. */
export function uiLanguage(): string {
  const locale = t('locale');
  return locale === 'locale' ? 'en' : locale;
}
