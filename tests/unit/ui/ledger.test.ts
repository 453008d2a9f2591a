import { Window } from 'happy-dom';
import { describe, expect, it } from 'vitest';
import type { Sighting } from '../../../src/ledger/sighting';
import { describeCounts, filterActors, renderEntry, sightingUrl } from '../../../src/ui/ledger';
import { makeAnnotation } from '../store/fixtures';

const HOSTILE = '<img src=x onerror="window.__pwned=1"> said <b>this</b>';

function sighting(overrides: Partial<Sighting> = {}): Sighting {
  return {
    id: 'a.b',
    speaker: 'Jake Sullivan',
    actors: [],
    text: 'He stressed that Washington would keep working to persuade North Korea to abandon plans to provide weapons or other support to Russia.',
    cue: 'stressed',
    sourcing: 'named',
    hedged: false,
    source: 'https://ledger.example/world/restrictions',
    title: 'Washington weighs new restrictions',
    site: 'ledger.example',
    firstSeen: '2026-11-23T09:00:00.000Z',
    lastSeen: '2026-11-23T09:00:00.000Z',
    bands: [],
    ...overrides,
  };
}

describe('the ledger page, piece by piece', () => {
  const doc = new Window({ url: 'https://claimlens.test/' }).document as unknown as Document;

  it('renders page text and notes as text, with the saved mark, the passage link and the other outlets', () => {
    const saved = makeAnnotation({ i: 1, note: HOSTILE });
    const item = renderEntry(doc, {
      kind: 'seen',
      time: '2026-11-23T09:00:00.000Z',
      sighting: sighting({ text: HOSTILE, title: HOSTILE }),
      saved: [saved],
      carriedBy: [{ site: 'harbour-post.example', source: 'https://harbour-post.example/a', title: 'Harbour', text: 'Said this too.' }],
    });
    expect(item.querySelectorAll('img, b').length).toBe(0);
    expect(item.querySelector('blockquote')!.textContent).toBe(HOSTILE);
    expect(item.querySelector('.saved-note .note')!.textContent).toBe(HOSTILE);
    expect(item.querySelector('.badge.saved')!.textContent).toBe('Saved');
    expect(item.querySelector('a.title')!.textContent).toBe(HOSTILE);
    expect(item.querySelector('.carried')!.textContent).toBe('Also carried by: harbour-post.example');
    expect(item.querySelector<HTMLAnchorElement>('.carried a')!.href).toBe('https://harbour-post.example/a#:~:text=Said%20this%20too.');
  });

  it('links a sentence cut at the bound by the words it kept', () => {
    expect(sightingUrl(sighting({ text: 'One two three four five six seven eight nine ten eleven twelve…' }))).toBe(
      'https://ledger.example/world/restrictions#:~:text=One%20two%20three%20four,nine%20ten%20eleven%20twelve',
    );
  });

  it('finds actors by any part of their name, accents and case aside', () => {
    const actors = [
      { name: 'Jake Sullivan', seen: 4, saved: 1 },
      { name: 'Emmanuel Macron', seen: 2, saved: 0 },
      { name: 'Élysée', seen: 1, saved: 0 },
    ];
    expect(filterActors(actors, 'sulli').map((a) => a.name)).toEqual(['Jake Sullivan']);
    expect(filterActors(actors, 'elysee').map((a) => a.name)).toEqual(['Élysée']);
    expect(filterActors(actors, 'macron emm').map((a) => a.name)).toEqual(['Emmanuel Macron']);
    expect(filterActors(actors, '  ')).toHaveLength(3);
    expect(describeCounts({ seen: 1200, saved: 0 })).toBe('1,200 seen');
    expect(describeCounts({ seen: 4, saved: 1 })).toBe('4 seen · 1 saved');
  });
});

describe('the ledger as CSV', () => {
  it('writes one formula-safe row per entry, with the saved note and the other outlets', async () => {
    const { ledgerCsvHeader, ledgerCsvRow } = await import('../../../src/export/ledger-csv');
    const saved = makeAnnotation({ i: 3, note: '=HYPERLINK("http://evil")' });
    const row = ledgerCsvRow('Jake Sullivan', {
      kind: 'seen',
      time: '2026-11-23T09:00:00.000Z',
      sighting: sighting(),
      saved: [saved],
      carriedBy: [
        { site: 'courier.example', source: 'https://courier.example/a', title: 'C', text: 'x' },
        { site: 'harbour-post.example', source: 'https://harbour-post.example/b', title: 'H', text: 'y' },
      ],
    });
    expect(ledgerCsvHeader()).toBe('date,actor,entry,sourcing,cue,site,title,url,passage,saved,note,also_carried_by,other_urls\r\n');
    expect(row).toBe(
      '2026-11-23T09:00:00.000Z,Jake Sullivan,seen,named,stressed,ledger.example,Washington weighs new restrictions,' +
        '"https://ledger.example/world/restrictions#:~:text=He%20stressed%20that%20Washington,other%20support%20to%20Russia.",' +
        'He stressed that Washington would keep working to persuade North Korea to abandon plans to provide weapons or other support to Russia.,' +
        `yes,"'=HYPERLINK(""http://evil"")",courier.example; harbour-post.example,https://courier.example/a; https://harbour-post.example/b\r\n`,
    );
  });
});
