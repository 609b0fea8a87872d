type Child = Node | string | number | undefined | false;

/**
 * Builds an element. Text always goes in as text nodes, never as markup: whatever a customer
 * wrote shows as what they wrote.
 */
export function el(
  tag: string,
  attributes: Record<string, string> = {},
  ...children: Child[]
): HTMLElement {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  for (const child of children) {
    if (child === undefined || child === false) continue;
    element.append(typeof child === 'number' ? String(child) : child);
  }
  return element;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}

export function timeOf(iso: string | undefined): string {
  return iso ? new Date(iso).toLocaleTimeString() : '';
}
