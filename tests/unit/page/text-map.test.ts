// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildTextMap, domPointsAt, textOffsetAt } from '../../../src/page/text-map';

function mount(html: string): HTMLElement {
  const root = document.createElement('div');
  // Test markup written here, not page text: safe to parse.
  root.innerHTML = html;
  document.body.replaceChildren(root);
  return root;
}

function textAt(map: ReturnType<typeof buildTextMap>, start: number, end: number): string {
  const points = domPointsAt(map, start, end)!;
  const range = document.createRange();
  range.setStart(points.start.node, points.start.offset);
  range.setEnd(points.end.node, points.end.offset);
  return range.toString();
}

describe('buildTextMap', () => {
  it.each([
    ['collapses source white space the way a reader sees it', '<p>  Washington\n      is   weighing </p>', 'Washington is weighing'],
    ['separates blocks with one newline', '<h1>Title</h1><p>One.</p><p>Two.</p>', 'Title\nOne.\nTwo.'],
    ['joins inline elements without inventing spaces', '<p>Kim Jong-<em>un</em> said</p>', 'Kim Jong-un said'],
    ['keeps spaces between inline elements', '<p><b>Jake</b> <i>Sullivan</i></p>', 'Jake Sullivan'],
    ['treats <br> as a line break', '<p>line one<br>line two</p>', 'line one\nline two'],
    ['keeps non-breaking spaces', '<p>U.S.\u00a0officials</p>', 'U.S.\u00a0officials'],
    ['skips what the rule says to skip', '<p>kept <span class="x">dropped</span> too</p>', 'kept too'],
  ])('%s', (_name, html, expected) => {
    const root = mount(html);
    expect(buildTextMap(root, (el) => el.classList.contains('x')).text).toBe(expected);
  });

  it('maps every span of the text back to the same characters in the DOM', () => {
    const root = mount('<h1> Deal </h1>\n<p>  Officials in   <a href="#">Washington</a>\n have   signaled a <b>cautious</b> approach. </p><p>Next\tparagraph.</p>');
    const map = buildTextMap(root);
    expect(map.text).toBe('Deal\nOfficials in Washington have signaled a cautious approach.\nNext paragraph.');
    for (const word of ['Deal', 'Officials in Washington', 'Washington have signaled', 'cautious approach.', 'Next paragraph.', 'approach.\nNext']) {
      const start = map.text.indexOf(word);
      const dom = textAt(map, start, start + word.length).replace(/\s+/g, ' ');
      expect(dom).toBe(word.replace(/\s+/g, ' '));
    }
  });

  it('maps DOM positions to text offsets, the inverse of domPointsAt', () => {
    const root = mount('<p>  alpha   <b>beta</b> gamma</p>');
    const map = buildTextMap(root);
    expect(map.text).toBe('alpha beta gamma');
    const beta = root.querySelector('b')!.firstChild!;
    expect(textOffsetAt(map, beta, 0, document)).toBe(6);
    expect(textOffsetAt(map, beta, 4, document)).toBe(10);
    const first = root.querySelector('p')!.firstChild!;
    // "  alpha   ": offset 2 is "a", offset 9 is inside the collapsed run after "alpha".
    expect(textOffsetAt(map, first, 2, document)).toBe(0);
    expect(textOffsetAt(map, first, 7, document)).toBe(5);
    // An element boundary resolves to the first text after it.
    expect(textOffsetAt(map, root.querySelector('p')!, 1, document)).toBe(6);
  });

  it('returns no DOM points for empty or out-of-range spans', () => {
    const map = buildTextMap(mount('<p>short</p>'));
    expect(domPointsAt(map, 3, 3)).toBeNull();
    expect(domPointsAt(map, 0, 99)).toBeNull();
    expect(domPointsAt(buildTextMap(mount('')), 0, 1)).toBeNull();
  });
});
