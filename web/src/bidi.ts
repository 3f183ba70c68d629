// Keeping people's text to itself in bidirectional layout. A name, note or reason may hold
// right-to-left letters or invisible directional controls (U+202E RIGHT-TO-LEFT OVERRIDE turns
// "gpj.exe" into "exe.jpg" on screen, and everything after it on the line too). In elements such
// text goes inside <bdi> (dom.ts); in plain strings (messages, option labels, chart labels,
// attributes) it goes between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, with its own
// embeddings and isolates closed, so that it cannot reorder what stands around it.

const FSI = '\u2068';
const PDI = '\u2069';
const PDF = '\u202C';

// Directional controls, and letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana,
// N'Ko, Samaritan, Mandaic and their presentation forms, and the supplementary RTL blocks).
const BIDI_RELEVANT = /[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]|[\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;

// The text with every embedding, override and isolate it opens closed at its end, and any
// closing mark without an opening one left out (it would close an isolate around the text).
export function balanceBidi(text: string): string {
  const open: ('embedding' | 'isolate')[] = [];
  let result = '';
  for (const char of text) {
    if (char === '\u202A' || char === '\u202B' || char === '\u202D' || char === '\u202E') {
      open.push('embedding');
    } else if (char === '\u2066' || char === '\u2067' || char === FSI) {
      open.push('isolate');
    } else if (char === PDF) {
      if (open[open.length - 1] !== 'embedding') continue;
      open.pop();
    } else if (char === PDI) {
      if (!open.includes('isolate')) continue;
      // A PDI also ends the embeddings opened inside its isolate.
      while (open.pop() !== 'isolate');
    }
    result += char;
  }
  for (let i = open.length - 1; i >= 0; i -= 1) result += open[i] === 'isolate' ? PDI : PDF;
  return result;
}

// People's text for a plain string: cut to 300 characters (clip below), and when it has
// right-to-left letters or directional controls, balanced between FSI and PDI; other text comes
// back unchanged.
export function isolate(text: string): string {
  const short = clip(text);
  if (!BIDI_RELEVANT.test(short)) return short;
  return FSI + balanceBidi(short) + PDI;
}

// People's text in plain strings (headings, option labels, chart labels) is cut after `max`
// characters: a pasted 100 kB "word" would otherwise take the browser seconds to lay out. The
// full text stays where the page shows the record itself (dom.ts bdi()).
export function clip(text: string, max = 300): string {
  if (text.length <= max) return text;
  const points = [...text];
  return points.length <= max ? text : `${points.slice(0, max).join('')}…`;
}

// Characters that belong to the one before them (combining marks, joiners, variation selectors,
// emoji modifiers and tags): a line-break opportunity never goes before one of these.
const EXTENDS = /[\u0300-\u036F\u0483-\u0489\u0591-\u05BD\u0610-\u061A\u064B-\u065F\u0E31-\u0E3A\u0E47-\u0E4E\u1160-\u11FF\u1AB0-\u1AFF\u1DC0-\u1DFF\u200C\u200D\u20D0-\u20FF\uFE00-\uFE0F\uFE20-\uFE2F\u{1F3FB}-\u{1F3FF}\u{E0020}-\u{E007F}]/u;

// Splits runs of more than `run` characters without a space into pieces, so that a caller can
// put a line-break opportunity (<wbr>) between them: browsers lay out a very long unbroken word
// in time that grows with the square of its length (100 kB froze a page for minutes). Pieces
// never split a character from the marks that extend it; joined they are the text again.
export function breakLongRuns(text: string, run = 40): string[] {
  if (text.length <= run) return [text];
  const pieces: string[] = [];
  let piece = '';
  let since = 0;
  let previous = '';
  // Regional indicators pair into flags: a break may go before the first of a pair only.
  let indicators = 0;
  for (const char of text) {
    const indicator = /[\u{1F1E6}-\u{1F1FF}]/u.test(char);
    if (/\s/.test(char)) {
      since = 0;
    } else if (since >= run && !EXTENDS.test(char) && previous !== '\u200D' && (!indicator || indicators % 2 === 0)) {
      pieces.push(piece);
      piece = '';
      since = 0;
    }
    indicators = indicator ? indicators + 1 : 0;
    if (!/\s/.test(char)) since += 1;
    piece += char;
    previous = char;
  }
  pieces.push(piece);
  return pieces;
}
