// Plain-text isolation of people's text (src/bidi.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import './dom-setup';
import { balanceBidi, breakLongRuns, clip, isolate } from '../src/bidi';
import { bdi } from '../src/dom';
import { isolatedPlainText } from './hostile';

describe('isolate', () => {
  it('leaves left-to-right text alone', () => {
    for (const text of ['김철수', 'Kim Cheol-su', '👩‍👩‍👧‍👦 e\u0301', '<script>', '']) assert.equal(isolate(text), text);
  });

  it('wraps right-to-left letters and controls between FSI and PDI', () => {
    assert.equal(isolate('שלום'), '\u2068שלום\u2069');
    assert.equal(isolate('a\u202Eb'), '\u2068a\u202Eb\u202C\u2069');
  });

  it('closes what the text opens and drops closers it did not open', () => {
    assert.equal(balanceBidi('\u2069\u202Cx\u2067y\u202Ez'), 'x\u2067y\u202Ez\u202C\u2069');
    // A PDI ends the override opened inside its isolate.
    assert.equal(balanceBidi('\u2066\u202Ea\u2069b'), '\u2066\u202Ea\u2069b');
    for (const text of ['\u2069\u2069\u202E', '\u202E\u202B\u2066', 'a\u2069\u202C\u202Db']) {
      assert.ok(isolatedPlainText(isolate(text)), JSON.stringify(text));
    }
  });
});

describe('long runs without spaces', () => {
  it('break into pieces of 40 characters that join to the text again', () => {
    const text = 'A'.repeat(100 * 1024);
    const pieces = breakLongRuns(text);
    assert.equal(pieces.join(''), text);
    assert.ok(pieces.every((piece) => [...piece].length <= 40));
    assert.deepEqual(breakLongRuns('김철수 Kim Cheol-su'), ['김철수 Kim Cheol-su']);
  });

  it('never part a character from its combining marks, joiners or flag pair', () => {
    const family = '👩‍👩‍👧‍👦';
    const accented = 'e\u0301\u0302';
    for (const unit of [family, accented, '🇰🇷', '👍🏽']) {
      const text = unit.repeat(60);
      const pieces = breakLongRuns(text);
      assert.equal(pieces.join(''), text);
      assert.ok(pieces.length > 1, unit);
      for (const piece of pieces) assert.ok(piece.startsWith(unit) && piece.endsWith(unit), `${JSON.stringify(unit)} split`);
    }
  });

  it('show in <bdi> with <wbr> between the pieces, the text unchanged', () => {
    const text = `${'가'.repeat(100)} ${'A'.repeat(1000)}`;
    const element = bdi(text);
    assert.equal(element.textContent, text);
    assert.equal(element.querySelectorAll('wbr').length, 2 + 24);
    assert.equal(bdi('김철수').childNodes.length, 1);
  });

  it('are cut in plain strings', () => {
    assert.equal(clip('A'.repeat(301)), `${'A'.repeat(300)}…`);
    assert.equal(clip('짧은 이름'), '짧은 이름');
    assert.equal(isolate('A'.repeat(5000)).length, 301);
  });
});
