/**
 * The card that explains a highlight: who the actor is and how often they appear, or who
 * made a claim, with which words and how well sourced, and a Save button with an optional
 * note and tags. Lives in the UI host's shadow root; every value is set as text.
 */
import { parseTags } from '../annotation/tags';
import type { Claim, Mention } from '../detect/types';
import type { UiHost } from './ui-host';

export const CARD_CSS = `
  .cl-card {
    all: initial; position: fixed; box-sizing: border-box; display: block; width: 300px; max-width: calc(100vw - 16px);
    font: 13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d1d22; background: #fff;
    border: 1px solid #d0d0da; border-radius: 8px; box-shadow: 0 6px 24px rgba(0,0,0,.22); padding: 10px 12px;
  }
  @media (prefers-color-scheme: dark) {
    .cl-card { color: #ececf1; background: #222228; border-color: #3a3a44; }
    .cl-card input { background: #18181c; color: #ececf1; border-color: #3a3a44; }
  }
  .cl-card * { box-sizing: border-box; font: inherit; color: inherit; }
  .cl-card section + section { margin-top: 8px; padding-top: 8px; border-top: 1px solid rgba(128,128,140,.3); }
  .cl-card h2 { all: unset; display: block; font-weight: 700; font-size: 14px; }
  .cl-card p { all: unset; display: block; margin-top: 2px; }
  .cl-card .cl-kind { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; opacity: .75; }
  .cl-card .cl-badge { display: inline-block; padding: 0 6px; border-radius: 10px; font-size: 11px; font-weight: 600; }
  .cl-card .cl-badge[data-sourcing="named"] { background: #d6f5e3; color: #0d5a2c; }
  .cl-card .cl-badge[data-sourcing="vague"] { background: #ffe9c7; color: #7a4a00; }
  .cl-card .cl-badge[data-sourcing="unattributed"] { background: #ffd9d9; color: #8a1111; }
  .cl-card label { display: block; margin-top: 8px; font-size: 12px; opacity: .85; }
  .cl-card input { display: block; width: 100%; margin-top: 2px; padding: 4px 6px; border: 1px solid #c4c4cf; border-radius: 4px; background: #fff; color: #1d1d22; }
  .cl-card .cl-actions { display: flex; gap: 6px; margin-top: 8px; flex-wrap: wrap; }
  .cl-card button { all: unset; cursor: pointer; padding: 4px 10px; border-radius: 5px; background: #5b2ab8; color: #fff; font-weight: 600; }
  .cl-card button.cl-secondary { background: transparent; color: inherit; border: 1px solid rgba(128,128,140,.6); }
  .cl-card button:focus-visible, .cl-card input:focus-visible { outline: 3px solid #ffbf47; outline-offset: 1px; }
`;

const TYPE_LABEL = { person: 'Person', organization: 'Organisation', place: 'Place' } as const;
const SOURCING_LABEL = {
  named: 'Named source',
  vague: 'Vague source',
  unattributed: 'Unattributed',
} as const;

export interface CardContent {
  mention?: Mention;
  /** How many times the mention's actor appears in the article. */
  mentionCount?: number;
  claim?: Claim;
}

export interface CardSaveRequest {
  what: 'actor' | 'claim';
  note: string;
  tags: string[];
}

export interface HoverCard {
  /** Opens the card next to `rect`; `focus` moves keyboard focus into it (opened by click or key). */
  open(content: CardContent, rect: DOMRect, focus: boolean): void;
  close(): void;
  isOpen(): boolean;
  contains(node: EventTarget | null): boolean;
  readonly element: HTMLElement;
}

function el<K extends keyof HTMLElementTagNameMap>(doc: Document, tag: K, className?: string, text?: string) {
  const node = doc.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

export function createHoverCard(
  host: UiHost,
  doc: Document,
  win: Window,
  onSave: (request: CardSaveRequest) => Promise<boolean>,
): HoverCard {
  const card = el(doc, 'div', 'cl-card');
  card.setAttribute('role', 'dialog');
  card.setAttribute('aria-label', 'Claimlens');
  card.hidden = true;
  host.root.append(card);
  let returnFocus: Element | null = null;

  const close = () => {
    if (card.hidden) return;
    card.hidden = true;
    card.replaceChildren();
    if (returnFocus instanceof HTMLElement) returnFocus.focus();
    returnFocus = null;
  };

  card.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  });

  const render = (content: CardContent) => {
    const parts: HTMLElement[] = [];
    if (content.mention) {
      const m = content.mention;
      const section = el(doc, 'section');
      section.append(
        el(doc, 'span', 'cl-kind', TYPE_LABEL[m.type]),
        el(doc, 'h2', undefined, m.canonical),
        el(doc, 'p', undefined, `Mentioned ${content.mentionCount ?? 1} ${content.mentionCount === 1 ? 'time' : 'times'} in this article`),
      );
      if (m.text !== m.canonical) section.append(el(doc, 'p', undefined, `Here as “${m.text}”`));
      parts.push(section);
    }
    if (content.claim) {
      const c = content.claim;
      const section = el(doc, 'section');
      const badge = el(doc, 'span', 'cl-badge', SOURCING_LABEL[c.sourcing]);
      badge.dataset.sourcing = c.sourcing;
      section.append(
        el(doc, 'span', 'cl-kind', 'Claim'),
        el(doc, 'h2', undefined, c.speaker ?? 'No named speaker'),
        el(doc, 'p', undefined, `Cue: “${c.cue}”${c.hedged ? ' · hedged' : ''}`),
      );
      const line = el(doc, 'p');
      line.append(badge);
      section.append(line);
      parts.push(section);
    }
    const form = el(doc, 'section');
    const noteLabel = el(doc, 'label', undefined, 'Note');
    const note = el(doc, 'input');
    note.type = 'text';
    note.maxLength = 20_000;
    noteLabel.append(note);
    const tagsLabel = el(doc, 'label', undefined, 'Tags, separated by commas');
    const tags = el(doc, 'input');
    tags.type = 'text';
    tagsLabel.append(tags);
    const actions = el(doc, 'div', 'cl-actions');
    const saveButton = (what: 'actor' | 'claim', label: string) => {
      const button = el(doc, 'button', undefined, label);
      button.type = 'button';
      button.addEventListener('click', async () => {
        button.textContent = 'Saving…';
        const ok = await onSave({ what, note: note.value, tags: parseTags(tags.value) });
        if (ok) close();
        else button.textContent = label;
      });
      return button;
    };
    if (content.claim) actions.append(saveButton('claim', 'Save claim'));
    if (content.mention) actions.append(saveButton('actor', content.claim ? 'Save name' : 'Save'));
    const dismiss = el(doc, 'button', 'cl-secondary', 'Close');
    dismiss.type = 'button';
    dismiss.addEventListener('click', close);
    actions.append(dismiss);
    form.append(noteLabel, tagsLabel, actions);
    parts.push(form);
    card.replaceChildren(...parts);
  };

  return {
    element: card,
    open(content, rect, focus) {
      render(content);
      card.hidden = false;
      const width = Math.min(300, win.innerWidth - 16);
      const left = Math.min(Math.max(8, rect.left), win.innerWidth - width - 8);
      const below = rect.bottom + 8;
      const height = card.offsetHeight || 200;
      const top = below + height > win.innerHeight && rect.top - height - 8 > 0 ? rect.top - height - 8 : below;
      card.style.left = `${left}px`;
      card.style.top = `${Math.max(8, top)}px`;
      if (focus) {
        returnFocus = doc.activeElement;
        (card.querySelector('button') as HTMLElement | null)?.focus();
      }
    },
    close,
    isOpen: () => !card.hidden,
    contains: (node) => node instanceof Node && (card === node || card.contains(node)),
  };
}
