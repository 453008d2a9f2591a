/**
 * Highlight colours by category: the defaults, reading the reader's choices leniently, and
 * how readable a choice is. Colours are only ever `#rrggbb`, checked here, so whatever
 * reaches CSS is six hex digits and nothing else.
 *
 * How a colour is drawn decides how readable it is. Actors and saved passages are fills,
 * drawn half see-through so the page's own text colour stays: black text on light pages,
 * light text on dark ones. Claims are underlines in the colour itself, over the page.
 */

export const COLOUR_CATEGORIES = [
  'person',
  'organization',
  'place',
  'claim-named',
  'claim-vague',
  'claim-unattributed',
  'saved',
] as const;

export type ColourCategory = (typeof COLOUR_CATEGORIES)[number];
export type HighlightColours = Record<ColourCategory, string>;

export const COLOUR_LABELS: Record<ColourCategory, string> = {
  person: 'People',
  organization: 'Organisations',
  place: 'Places',
  'claim-named': 'Claims with a named source',
  'claim-vague': 'Claims with a vague source',
  'claim-unattributed': 'Unattributed claims',
  saved: 'Your saved passages',
};

/** Underlined categories; the rest are fills. */
export function isLine(category: ColourCategory): boolean {
  return category.startsWith('claim-');
}

/** Opacity of fills: enough to see on a white page, little enough for light text on a dark one. */
export const FILL_ALPHA = 0.45;

/**
 * Defaults chosen so every check below passes: fills keep black text at 4.5:1 or better on a
 * white page and white text on a dark one; underlines stand out 3:1 from both pages.
 */
export const DEFAULT_COLOURS: Readonly<HighlightColours> = Object.freeze({
  person: '#ffc400',
  organization: '#40a0ff',
  place: '#3cc878',
  'claim-named': '#1f9d55',
  'claim-vague': '#c77c02',
  'claim-unattributed': '#e5484d',
  saved: '#be6eff',
});

const HEX = /^#[0-9a-f]{6}$/;

/** `#RRGGBB` or `#rrggbb` → lowercase; anything else → null. */
export function parseHexColour(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const lower = value.trim().toLowerCase();
  return HEX.test(lower) ? lower : null;
}

/** Reads stored colours leniently: a missing or malformed value falls back to its default. */
export function readColours(raw: unknown): HighlightColours {
  const value = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const out = { ...DEFAULT_COLOURS };
  for (const category of COLOUR_CATEGORIES) {
    if (!Object.prototype.hasOwnProperty.call(value, category)) continue;
    const colour = parseHexColour(value[category]);
    if (colour) out[category] = colour;
  }
  return out;
}

export type Rgb = [r: number, g: number, b: number];

/** Only for colours that passed parseHexColour. */
export function rgbOf(hex: string): Rgb {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
}

/** WCAG 2 relative luminance. */
export function luminance([r, g, b]: Rgb): number {
  const channel = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** The colour seen where a see-through fill lies over a page (browsers blend in sRGB). */
export function over(fill: Rgb, alpha: number, page: Rgb): Rgb {
  return fill.map((c, i) => Math.round(alpha * c + (1 - alpha) * page[i]!)) as Rgb;
}

const WHITE: Rgb = [255, 255, 255];
const BLACK: Rgb = [0, 0, 0];
/** A typical dark page (Material's dark surface). */
export const DARK_PAGE: Rgb = [18, 18, 18];

export interface ColourCheck {
  /** On a light page: black text on the fill, or the underline against white. */
  light: number;
  /** On a dark page: white text on the fill, or the underline against the dark page. */
  dark: number;
  /** What the reader should know, or null when both are fine. */
  warning: string | null;
}

/** WCAG AA for text, and for non-text marks such as an underline. */
export const TEXT_CONTRAST = 4.5;
export const LINE_CONTRAST = 3;
/** Below this a see-through fill hardly differs from the page under it (the defaults are 1.26 or more). */
export const FILL_VISIBLE = 1.2;

export function checkColour(category: ColourCategory, hex: string): ColourCheck {
  const colour = rgbOf(hex);
  if (isLine(category)) {
    const light = contrast(colour, WHITE);
    const dark = contrast(colour, DARK_PAGE);
    const faint = [light < LINE_CONTRAST ? 'light' : null, dark < LINE_CONTRAST ? 'dark' : null].filter(Boolean);
    return {
      light,
      dark,
      warning: faint.length
        ? `This underline is hard to see on ${faint.join(' and ')} pages (${ratio(Math.min(light, dark))}; 3:1 or more is easy to see). Try a ${light < LINE_CONTRAST ? 'darker' : 'lighter'} shade.`
        : null,
    };
  }
  const onLight = over(colour, FILL_ALPHA, WHITE);
  const onDark = over(colour, FILL_ALPHA, DARK_PAGE);
  const light = contrast(BLACK, onLight);
  const dark = contrast(WHITE, onDark);
  const poor = [light < TEXT_CONTRAST ? 'black text on light pages' : null, dark < TEXT_CONTRAST ? 'white text on dark pages' : null].filter(Boolean);
  // A fill that hardly differs from the page hides the highlight instead of the text.
  const faint = [contrast(onLight, WHITE) < FILL_VISIBLE ? 'light' : null, contrast(onDark, DARK_PAGE) < FILL_VISIBLE ? 'dark' : null].filter(Boolean);
  const warning = poor.length
    ? `Poor contrast with ${poor.join(' and ')} (${ratio(Math.min(light, dark))}; 4.5:1 or more reads well). Try a ${dark < TEXT_CONTRAST ? 'darker or less bright' : 'lighter'} colour.`
    : faint.length
      ? `This colour barely shows on ${faint.join(' and ')} pages. Try a ${faint.includes('light') ? 'stronger' : 'brighter'} colour.`
      : null;
  return { light, dark, warning };
}

function ratio(n: number): string {
  return `${(Math.floor(n * 10) / 10).toFixed(1)}:1`;
}
