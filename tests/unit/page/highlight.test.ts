// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { createPainter, MARK_ATTRIBUTE } from '../../../src/page/highlight';
import { buildTextMap, domPointsAt } from '../../../src/page/text-map';

function rangeOf(root: HTMLElement, phrase: string): Range {
  const map = buildTextMap(root);
  const start = map.text.indexOf(phrase);
  const points = domPointsAt(map, start, start + phrase.length)!;
  const range = document.createRange();
  range.setStart(points.start.node, points.start.offset);
  range.setEnd(points.end.node, points.end.offset);
  return range;
}

describe('painter', () => {
  it('uses the CSS Custom Highlight API when the browser has it, touching no DOM', () => {
    const registry = new Map<string, unknown>();
    class FakeHighlight {
      readonly ranges: Range[];
      constructor(...ranges: Range[]) {
        this.ranges = ranges;
      }
    }
    const win = { CSS: { highlights: registry }, Highlight: FakeHighlight } as unknown as Window;
    document.body.innerHTML = '<p>Moscow and Pyongyang</p>';
    const before = document.body.innerHTML;
    const painter = createPainter(win, document);
    painter.paint('place', [rangeOf(document.body, 'Moscow'), rangeOf(document.body, 'Pyongyang')]);
    expect(painter.usesHighlightApi).toBe(true);
    expect((registry.get('claimlens-place') as FakeHighlight).ranges.map(String)).toEqual(['Moscow', 'Pyongyang']);
    expect(document.body.innerHTML).toBe(before);
    painter.clear();
    expect(registry.size).toBe(0);
  });

  it('falls back to wrapping in marks, across element boundaries, and unwraps cleanly', () => {
    document.body.innerHTML = '<p>said <b>Kim Jong</b>-un and Moscow</p>';
    const before = document.body.innerHTML;
    const painter = createPainter({} as Window, document);
    expect(painter.usesHighlightApi).toBe(false);
    painter.paint('person', [rangeOf(document.body, 'Kim Jong-un')]);
    painter.paint('place', [rangeOf(document.body, 'Moscow')]);
    const marks = [...document.querySelectorAll(`mark[${MARK_ATTRIBUTE}]`)];
    expect(marks.map((m) => [m.getAttribute(MARK_ATTRIBUTE), m.textContent])).toEqual([
      ['person', 'Kim Jong'],
      ['person', '-un'],
      ['place', 'Moscow'],
    ]);
    expect(document.body.textContent).toBe('said Kim Jong-un and Moscow');
    painter.clear();
    expect(document.body.innerHTML).toBe(before);
  });

  it('does not wrap claims without the API (they would nest across elements)', () => {
    document.body.innerHTML = '<p>Officials cautioned that plans could change.</p>';
    const painter = createPainter({} as Window, document);
    painter.paint('claim-vague', [rangeOf(document.body, 'Officials cautioned that plans could change.')]);
    expect(document.querySelectorAll('mark').length).toBe(0);
    expect(painter.ranges('claim-vague')).toHaveLength(1);
  });
});
