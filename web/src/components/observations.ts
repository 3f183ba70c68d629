// The monitor's answers as the API stores them. An observation is a cell in the evaluations
// file format (CONTRACT.md): binary "0"/"1", level5 "1"-"5", tiered the count with a trailing "a"
// when the employee apologised ("4a"), checklist the ";"-separated element ids ("" = none seen),
// "na" = not applicable.
//
// The API has one free-text `notes` field per evaluation. Notes on single items travel inside it
// as lines "[P04] text" after the overall notes, so that employees see each note beside its item
// and the text still reads naturally anywhere else.
import type { RubricItem } from '../types';

export interface Answer {
  item: string;
  not_applicable?: boolean;
  observed?: boolean;
  level?: number;
  count?: number;
  apologised?: boolean;
  elements?: string[];
}

export function encodeAnswer(item: RubricItem, answer: Answer | undefined): string | undefined {
  if (!answer) return undefined;
  if (answer.not_applicable) return 'na';
  switch (item.type) {
    case 'binary': return answer.observed === undefined ? undefined : answer.observed ? '1' : '0';
    case 'level5': return answer.level === undefined ? undefined : String(answer.level);
    case 'tiered': return answer.count === undefined ? undefined : `${answer.count}${answer.apologised ? 'a' : ''}`;
    case 'checklist': return answer.elements === undefined ? undefined : answer.elements.join(';');
  }
}

export function decodeObservation(item: RubricItem | undefined, itemId: string, cell: string): Answer {
  const text = cell.trim();
  if (text === 'na') return { item: itemId, not_applicable: true };
  switch (item?.type) {
    case 'binary': return { item: itemId, observed: text === '1' };
    case 'level5': return { item: itemId, level: Number(text) };
    case 'tiered': return { item: itemId, count: Number.parseInt(text, 10), apologised: text.endsWith('a') };
    case 'checklist': return { item: itemId, elements: text ? text.split(';').map((e) => e.trim()).filter(Boolean) : [] };
    default: {
      // Without the rubric (roles that may not read it) the cell's shape still tells most.
      if (/^\d+a$/.test(text)) return { item: itemId, count: Number.parseInt(text, 10), apologised: true };
      return { item: itemId, elements: text ? text.split(';') : [] };
    }
  }
}

const ITEM_NOTE = /^\[([A-Za-z0-9_-]{1,20})\] ?(.*)$/;

export function composeNotes(overall: string, itemNotes: Map<string, string>, order: string[]): string {
  const lines = order
    .filter((id) => (itemNotes.get(id) ?? '').trim())
    .map((id) => `[${id}] ${(itemNotes.get(id) ?? '').trim().replace(/\s*\n\s*/g, ' ')}`);
  return [overall.trim(), ...lines].filter(Boolean).join('\n');
}

export function splitNotes(text: string): { overall: string; items: Map<string, string> } {
  const items = new Map<string, string>();
  const rest: string[] = [];
  for (const line of (text ?? '').split('\n')) {
    const match = ITEM_NOTE.exec(line.trim());
    if (match && match[1]) items.set(match[1], match[2] ?? '');
    else rest.push(line);
  }
  return { overall: rest.join('\n').trim(), items };
}
