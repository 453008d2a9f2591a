/**
 * The options page's highlight colours: a picker per category with its contrast check, a
 * preview on a light and a dark page, and a reset. Only validated `#rrggbb` values are
 * stored or styled; the preview sets them through style properties, never CSS text.
 */
import { COLOURS_KEY } from '../settings';
import {
  checkColour,
  COLOUR_CATEGORIES,
  COLOUR_LABELS,
  type ColourCategory,
  DEFAULT_COLOURS,
  FILL_ALPHA,
  type HighlightColours,
  isLine,
  parseHexColour,
  readColours,
  rgbOf,
} from '../settings-colours';
import { el } from './dom';
import type { OptionsStorage } from './options';

/** The preview's sentences: text with the categories that mark it. */
type Piece = string | [ColourCategory, ...Piece[]];
const SAMPLE: Piece[][] = [
  [['claim-named', ['person', 'Lena Okafor'], ' said the ', ['organization', 'European Union'], ' would act.']],
  [['claim-vague', 'Officials in ', ['place', 'Oslo'], ' cautioned that plans could change.']],
  [['claim-unattributed', 'Rumors suggested a visit.'], ' ', ['saved', 'A passage you saved.']],
];

export function paintSample(node: HTMLElement, category: ColourCategory, hex: string): void {
  const colour = parseHexColour(hex) ?? DEFAULT_COLOURS[category];
  if (isLine(category)) {
    node.style.textDecorationLine = 'underline';
    node.style.textDecorationStyle = category === 'claim-unattributed' ? 'wavy' : 'solid';
    node.style.textDecorationColor = colour;
    node.style.textDecorationThickness = '2px';
    node.style.textUnderlineOffset = '3px';
  } else {
    const [r, g, b] = rgbOf(colour);
    node.style.backgroundColor = `rgba(${r}, ${g}, ${b}, ${FILL_ALPHA})`;
  }
}

function renderPiece(doc: Document, piece: Piece, colours: HighlightColours): Node {
  if (typeof piece === 'string') return doc.createTextNode(piece);
  const [category, ...children] = piece;
  const span = el(doc, 'span', `sample sample-${category}`);
  span.dataset.category = category;
  span.title = COLOUR_LABELS[category];
  paintSample(span, category, colours[category]);
  span.append(...children.map((child) => renderPiece(doc, child, colours)));
  return span;
}

export async function startColourOptions(doc: Document, storage: OptionsStorage, say: (message: string) => void): Promise<void> {
  let colours = readColours((await storage.get(COLOURS_KEY))[COLOURS_KEY]);
  const rows = doc.getElementById('colour-rows') as HTMLDivElement;
  const previews = [doc.getElementById('preview-light') as HTMLDivElement, doc.getElementById('preview-dark') as HTMLDivElement];
  const inputs = new Map<ColourCategory, HTMLInputElement>();
  const warnings = new Map<ColourCategory, HTMLElement>();
  const values = new Map<ColourCategory, HTMLElement>();

  const preview = (shown: HighlightColours) => {
    for (const panel of previews) {
      panel.replaceChildren(...SAMPLE.map((line) => {
        const p = el(doc, 'p');
        p.append(...line.map((piece) => renderPiece(doc, piece, shown)));
        return p;
      }));
    }
  };
  const showCheck = (category: ColourCategory, hex: string) => {
    const warning = checkColour(category, hex).warning;
    const node = warnings.get(category)!;
    node.textContent = warning ?? '';
    node.hidden = !warning;
    values.get(category)!.textContent = hex;
  };

  for (const category of COLOUR_CATEGORIES) {
    const id = `colour-${category}`;
    const row = el(doc, 'div', 'colour-row');
    const label = el(doc, 'label', undefined, COLOUR_LABELS[category]);
    label.htmlFor = id;
    const input = el(doc, 'input');
    input.type = 'color';
    input.id = id;
    input.value = colours[category];
    const value = el(doc, 'code', 'colour-value');
    const warning = el(doc, 'p', 'warning');
    warning.id = `${id}-warning`;
    input.setAttribute('aria-describedby', warning.id);
    inputs.set(category, input);
    warnings.set(category, warning);
    values.set(category, value);
    // While the reader tries colours: preview and check only; the choice is stored on change.
    input.addEventListener('input', () => {
      const hex = parseHexColour(input.value);
      if (!hex) return;
      showCheck(category, hex);
      preview({ ...colours, [category]: hex });
    });
    input.addEventListener('change', () => {
      const hex = parseHexColour(input.value);
      if (!hex) return;
      void save({ ...colours, [category]: hex }).then(() => {
        const warning = checkColour(category, hex).warning;
        say(`${COLOUR_LABELS[category]} are now highlighted in ${hex}; open tabs use it now.${warning ? ` Note: ${warning}` : ''}`);
      });
    });
    row.append(label, input, value, warning);
    rows.append(row);
  }

  const render = () => {
    for (const category of COLOUR_CATEGORIES) {
      inputs.get(category)!.value = colours[category];
      showCheck(category, colours[category]);
    }
    preview(colours);
  };
  const save = async (next: HighlightColours) => {
    colours = next;
    await storage.set({ [COLOURS_KEY]: next });
    render();
  };

  (doc.getElementById('reset-colours') as HTMLButtonElement).addEventListener('click', () => {
    if (COLOUR_CATEGORIES.every((c) => colours[c] === DEFAULT_COLOURS[c])) {
      say('The colours are already the defaults.');
      return;
    }
    void save({ ...DEFAULT_COLOURS }).then(() => say('The highlight colours are back to their defaults in open tabs too.'));
  });

  render();
}
