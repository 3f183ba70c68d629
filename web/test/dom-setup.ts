// A browser-like global scope for the unit tests: happy-dom's window provides document, the
// element classes (instanceof checks in the pages), CSS.escape, localStorage and
// getComputedStyle with the app's real style sheet loaded. Import this module first.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Window } from 'happy-dom';

const window = new Window({ url: 'http://127.0.0.1/', width: 1024, height: 768 });
const scope = globalThis as unknown as Record<string, unknown>;
const own = new Set(Object.getOwnPropertyNames(globalThis));
for (const name of Object.getOwnPropertyNames(window)) {
  // Node's own fetch, Response, URL, timers and the like stay; everything else comes from the DOM.
  if (own.has(name) || name === 'undefined' || name === 'NaN' || name === 'Infinity') continue;
  const value = (window as unknown as Record<string, unknown>)[name];
  scope[name] = typeof value === 'function' && /^[a-z]/.test(name) ? (value as (...args: unknown[]) => unknown).bind(window) : value;
}
for (const name of ['window', 'document', 'navigator', 'localStorage', 'location', 'getComputedStyle', 'requestAnimationFrame', 'CSS', 'Event', 'EventTarget', 'CustomEvent']) {
  const value = (window as unknown as Record<string, unknown>)[name];
  Object.defineProperty(globalThis, name, {
    configurable: true,
    writable: true,
    value: typeof value === 'function' && /^[a-z]/.test(name) ? (value as (...args: unknown[]) => unknown).bind(window) : value,
  });
}

// The app's style sheet, so that tests can read the computed styles the pages rely on.
const style = window.document.createElement('style');
style.textContent = readFileSync(join(process.cwd(), 'src', 'styles.css'), 'utf8');
window.document.head.appendChild(style);
window.document.body.innerHTML = '<div id="app"></div><div id="status" role="status"></div>';

export const happyWindow = window;
