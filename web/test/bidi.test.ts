// Plain-text isolation of people's text (src/bidi.ts).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { balanceBidi, isolate } from '../src/bidi';
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
