// A small element builder: h('button', { type: 'button', onclick }, 'text') builds real DOM nodes,
// so pages stay plain TypeScript without a framework.
import { breakLongRuns } from './bidi';

export type Child = Node | string | number | null | undefined | false | Child[];
type Handler = (event: Event) => void;
export type Attrs = Record<string, string | number | boolean | null | undefined | Handler>;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (typeof value === 'function') {
        element.addEventListener(name.replace(/^on/, ''), value);
      } else if (name === 'style') {
        // Through the CSSOM rather than a style attribute, so a strict Content-Security-Policy
        // (no 'unsafe-inline' styles) still allows it.
        element.style.cssText = String(value);
      } else if (name === 'value' && 'value' in element) {
        (element as HTMLInputElement).value = String(value);
      } else if (name === 'checked' && element instanceof HTMLInputElement) {
        element.checked = Boolean(value);
      } else {
        element.setAttribute(name, value === true ? '' : String(value));
      }
    }
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

// Text that people typed or imported (names, notes, reasons, titles, server messages) as a <bdi>
// element: its right-to-left letters or directional controls cannot reorder the text around it,
// and a word longer than its box breaks (a <wbr> every 40 characters of a run without spaces, and
// overflow-wrap: anywhere in the style sheet) instead of widening the page.
export function bdi(text: string | number): HTMLElement {
  const element = document.createElement('bdi');
  const pieces = breakLongRuns(String(text));
  pieces.forEach((piece, i) => {
    if (i > 0) element.appendChild(document.createElement('wbr'));
    element.appendChild(document.createTextNode(piece));
  });
  return element;
}

export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

let idCounter = 0;
// A document-unique id for label/aria wiring.
export function uid(prefix = 'id'): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}

// Speaks a short message through the page's polite live region (async results, saves).
export function announce(message: string): void {
  const region = document.getElementById('status');
  if (!region) return;
  region.textContent = '';
  // A fresh text node after clearing makes screen readers repeat identical messages.
  window.setTimeout(() => {
    region.textContent = message;
  }, 30);
}
