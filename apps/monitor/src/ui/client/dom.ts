// The one way the UI makes markup: elements built with the DOM API, every value a
// text node. There is no innerHTML anywhere in the client, so a name, a reason or a
// rule that holds markup is shown as the characters it is.

/** What an element may hold: nodes, or values written as text (null and undefined as '–'). */
export type Child = Node | string | number | boolean | null | undefined;

/** Attributes set with `setAttribute`; `false`/`undefined` leave one out. */
export type Attributes = Record<string, string | number | boolean | undefined>;

/** An element `tag` with `attributes` and `children` (strings become text nodes). */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  element.append(...children.map(toNode));
  return element;
}

function toNode(child: Child): Node {
  if (child instanceof Node) return child;
  return document.createTextNode(child === null || child === undefined ? '–' : String(child));
}

/** A table with one header row and one body row per item; `cells` gives each row's cells. */
export function table<T>(
  id: string,
  headers: readonly string[],
  items: readonly T[],
  cells: (item: T) => Child[],
  rowClass?: (item: T) => string,
): HTMLTableElement {
  const head = el('thead', {}, el('tr', {}, ...headers.map((h) => el('th', {}, h))));
  const body = el(
    'tbody',
    {},
    ...items.map((item) =>
      el('tr', { class: rowClass?.(item) || undefined }, ...cells(item).map((c) => el('td', {}, c))),
    ),
  );
  return el('table', { id }, head, body);
}

/** A number to 4 significant digits, or '–'. */
export function fmt(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : Number(value.toPrecision(4)).toString();
}
