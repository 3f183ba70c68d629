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

// Text that needs no isolation (no right-to-left letters, no directional controls) comes back
// unchanged; other text comes back balanced between FSI and PDI.
export function isolate(text: string): string {
  if (!BIDI_RELEVANT.test(text)) return text;
  return FSI + balanceBidi(text) + PDI;
}
