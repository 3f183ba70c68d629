// The checks every page must pass with hostile text (hostile-text.ts): nothing injected, the
// text shown literally, bidi controls isolated, long text allowed to wrap.
import assert from 'node:assert/strict';
import { LONG } from './hostile-text';

export * from './hostile-text';

// Explicit directional formatting characters: embeddings, overrides and isolates.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const FORBIDDEN_TAGS = 'script, img, iframe, object, embed, frame, frameset, link, meta, base, style, math, svg';

export function assertNoInjection(root: Element): void {
  assert.equal((globalThis as { pwned?: unknown }).pwned, undefined, 'a script from the data ran');
  for (const element of root.querySelectorAll(FORBIDDEN_TAGS)) {
    // Charts draw SVG of their own; data never brings elements.
    if (element.tagName.toLowerCase() === 'svg' && element.closest('[data-chart]')) continue;
    assert.fail(`an element <${element.tagName.toLowerCase()}> was created: ${element.outerHTML.slice(0, 200)}`);
  }
  for (const element of [root, ...root.querySelectorAll('*')]) {
    for (const attribute of element.getAttributeNames()) {
      assert.ok(!/^on/i.test(attribute), `<${element.tagName.toLowerCase()}> has an event attribute ${attribute}`);
      const value = element.getAttribute(attribute) ?? '';
      if (attribute === 'href' || attribute === 'src' || attribute === 'action') {
        assert.ok(!/^\s*javascript:/i.test(value), `<${element.tagName.toLowerCase()} ${attribute}="${value.slice(0, 80)}">`);
      }
    }
  }
}

// Strips the isolate marks (FSI … PDI) and the closing PDFs that plain-text isolation adds, so
// that the literal comparison looks at what the user wrote.
function withoutAddedMarks(text: string): string {
  return text.replace(/[\u2068\u2069\u202C]/g, '');
}

export function assertShown(root: Element, text: string, label: string): void {
  const shown = withoutAddedMarks(root.textContent ?? '');
  assert.ok(shown.includes(withoutAddedMarks(text)), `${label} is not shown literally`);
}

// True when every embedding or override in `text` sits inside an isolate (FSI/LRI/RLI … PDI)
// and every isolate and embedding is closed by the end of the text.
export function isolatedPlainText(text: string): boolean {
  const stack: ('e' | 'i')[] = [];
  for (const char of text) {
    if (/[\u202A\u202B\u202D\u202E]/.test(char)) {
      if (!stack.includes('i')) return false;
      stack.push('e');
    } else if (char === '\u202C') {
      if (stack[stack.length - 1] !== 'e') return false;
      stack.pop();
    } else if (/[\u2066-\u2068]/.test(char)) {
      stack.push('i');
    } else if (char === '\u2069') {
      if (!stack.includes('i')) return false;
      while (stack.pop() !== 'i');
    }
  }
  return stack.length === 0;
}

function isolatingElement(element: Element | null): boolean {
  if (!element) return false;
  if (element.tagName.toLowerCase() === 'bdi') return true;
  return element.getAttribute('dir') === 'auto';
}

// Every text node and attribute that carries a directional control keeps it to itself: the text
// node is the whole content of a <bdi> (or dir=auto element), or the text isolates it with
// FSI … PDI so that it cannot reorder what follows.
export function assertBidiIsolated(root: Element): void {
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    if (!BIDI.test(text)) continue;
    const parent = node.parentElement;
    // The whole content of the isolating element: the datum's text, with <wbr> between pieces.
    const whole = isolatingElement(parent) && [...(parent?.childNodes ?? [])].every((child) => child.nodeType === 3 || child.nodeName === 'WBR');
    assert.ok(whole || isolatedPlainText(text),
      `directional controls not isolated in <${parent?.tagName.toLowerCase()}>: ${JSON.stringify(text.slice(0, 120))}`);
  }
  for (const element of [root, ...root.querySelectorAll('*')]) {
    for (const attribute of element.getAttributeNames()) {
      const value = element.getAttribute(attribute) ?? '';
      if (BIDI.test(value)) {
        assert.ok(isolatedPlainText(value), `directional controls not isolated in ${attribute} of <${element.tagName.toLowerCase()}>`);
      }
    }
  }
}

// Text longer than a line without a space breaks anywhere (overflow-wrap: anywhere), so it wraps
// inside its cell or box instead of widening the page.
export function assertLongTextWraps(root: Element, marker = 'AAAAAAAAAAAAAAAAAAAA'): number {
  const walker = root.ownerDocument.createTreeWalker(root, 4);
  let found = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!(node.nodeValue ?? '').includes(marker)) continue;
    found += 1;
    const parent = node.parentElement!;
    const style = getComputedStyle(parent);
    const breaks = style.whiteSpace !== 'nowrap' && style.whiteSpace !== 'pre';
    const wraps = breaks && (style.overflowWrap === 'anywhere' || style.wordBreak === 'break-all');
    const clips = style.textOverflow === 'ellipsis' && style.overflow === 'hidden';
    assert.ok(wraps || clips, `long text in <${parent.tagName.toLowerCase()} class="${parent.className}"> neither wraps nor is cut (overflow-wrap: ${style.overflowWrap}, word-break: ${style.wordBreak}, white-space: ${style.whiteSpace})`);
  }
  return found;
}

// Every check at once, after a page has rendered hostile data; `expected` are texts that must be
// visible on that page.
export function assertSafe(root: Element, expected: Record<string, string>): void {
  assertNoInjection(root);
  for (const [label, text] of Object.entries(expected)) assertShown(root, text, label);
  assertBidiIsolated(root);
  if (Object.values(expected).includes(LONG)) assert.ok(assertLongTextWraps(root) > 0, 'the long text is not on the page');
}
