import { afterAll, describe, expect, it } from 'vitest';
import { servePathFor } from '../../../scripts/bench/pages';
import { startFixtureServer } from '../../../scripts/lib/fixture-server';

describe('servePathFor', () => {
  it('serves a corpus page at its original path', () => {
    expect(servePathFor('https://www.example.com/world/2019/story.html?x=1', 'a')).toBe('/world/2019/story.html');
  });

  it('ignores a note after the address, as some corpus rows carry', () => {
    expect(servePathFor('http://tech.qq.com/ (Tencent tech)', 'qq')).toBe('/');
  });

  it('falls back to a path of its own without a usable address', () => {
    expect(servePathFor('https://corpus.invalid/x', 'scrapinghub/x')).toBe('/corpus/scrapinghub/x.html');
    expect(servePathFor('not a url', 'y')).toBe('/corpus/y.html');
  });
});

describe('fixture server routes', () => {
  const serving = startFixtureServer('tests/fixtures');
  afterAll(async () => (await serving).close());

  it('finds a routed page whose path needs percent-encoding', async () => {
    const server = await serving;
    const path = new URL('https://x/nachrichten/über-uns/artikel').pathname;
    server.route(path, '<p>ok</p>');
    const response = await fetch(server.url(path));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('<p>ok</p>');
  });
});
