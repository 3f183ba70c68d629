// Korean by default, English on request; the choice is kept in localStorage. Every user-visible
// string lives in messages/ko.ts and messages/en.ts (same keys, checked by the type system).
import { ko, type MessageKey } from './messages/ko';
import { en } from './messages/en';
import { isolate } from './bidi';

export type Locale = 'ko' | 'en';
const STORAGE_KEY = 'chinjeol.locale';
const catalogues: Record<Locale, Record<MessageKey, string>> = { ko, en };

function initialLocale(): Locale {
  try {
    return window.localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ko';
  } catch {
    return 'ko';
  }
}

let current: Locale = initialLocale();

export function locale(): Locale {
  return current;
}

export function setLocale(next: Locale): void {
  current = next;
  try {
    window.localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private browsing may forbid storage; the choice then lasts for this page only.
  }
  document.documentElement.lang = next;
}

// t('scores.count', { n: 3 }) → the catalogue string with {n} replaced. Text parameters (names,
// codes, reasons) are isolated so that right-to-left text in them keeps to itself.
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  let text = catalogues[current][key] ?? key;
  if (params) {
    for (const [name, value] of Object.entries(params)) {
      text = text.split(`{${name}}`).join(typeof value === 'number' ? formatNumber(value) : isolate(value));
    }
  }
  return text;
}

const intlLocale = (): string => (current === 'ko' ? 'ko-KR' : 'en-GB');

export function formatNumber(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '–';
  return new Intl.NumberFormat(intlLocale(), { maximumFractionDigits: digits }).format(value);
}

export function formatPercent(fraction: number | null | undefined, digits = 0): string {
  if (fraction === null || fraction === undefined || Number.isNaN(fraction)) return '–';
  return new Intl.NumberFormat(intlLocale(), { style: 'percent', maximumFractionDigits: digits }).format(fraction);
}

// Dates arrive as YYYY-MM-DD or local YYYY-MM-DDTHH:MM:SS (no zone): read them as local time.
function parseLocal(text: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!match) return null;
  const [, y, mo, d, hh, mm, ss] = match;
  return new Date(Number(y), Number(mo) - 1, Number(d), Number(hh ?? 0), Number(mm ?? 0), Number(ss ?? 0));
}

export function formatDate(text: string | null | undefined): string {
  if (!text) return '–';
  const date = parseLocal(text);
  if (!date) return text;
  return new Intl.DateTimeFormat(intlLocale(), { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }).format(date);
}

export function formatDateTime(text: string | null | undefined): string {
  if (!text) return '–';
  const date = parseLocal(text);
  if (!date) return text;
  return new Intl.DateTimeFormat(intlLocale(), {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit',
  }).format(date);
}

export function formatTime(text: string | null | undefined): string {
  if (!text) return '–';
  const date = parseLocal(text);
  if (!date) return text;
  return new Intl.DateTimeFormat(intlLocale(), { hour: '2-digit', minute: '2-digit' }).format(date);
}

export function formatMonth(year: number, monthIndex: number): string {
  return new Intl.DateTimeFormat(intlLocale(), { year: 'numeric', month: 'long' }).format(new Date(year, monthIndex, 1));
}

// Korean text from a bilingual record: { ko: '맞이', en: 'Opening' } or name_ko/name_en, isolated
// (rubric and flag names are people's text too).
export function pick(value: object, base = ''): string {
  const record = value as Record<string, unknown>;
  const prefix = base ? `${base}_` : '';
  const preferred = record[`${prefix}${current}`];
  const fallback = record[`${prefix}ko`] ?? record[`${prefix}en`] ?? record[base];
  return isolate(String(preferred ?? fallback ?? ''));
}
