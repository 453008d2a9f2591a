/**
 * The default watchlist: actors Claimlens knows before it reads a word. A first, small list;
 * the reader's own entries are merged over it by name.
 */
import type { WatchlistEntry } from './types';

export const DEFAULT_WATCHLIST: readonly WatchlistEntry[] = [
  { name: 'Joe Biden', type: 'person', aliases: ['Biden'] },
  { name: 'Donald Trump', type: 'person', aliases: ['Trump'] },
  { name: 'Vladimir Putin', type: 'person', aliases: ['Putin'] },
  { name: 'Xi Jinping', type: 'person', aliases: ['Xi'] },
  { name: 'Kim Jong-un', type: 'person', aliases: ['Kim Jong Un', 'Kim Jong-Un'] },
  { name: 'Volodymyr Zelensky', type: 'person', aliases: ['Zelensky', 'Zelenskyy', 'Volodymyr Zelenskyy'] },
  { name: 'Jake Sullivan', type: 'person', aliases: ['Sullivan'] },
  { name: 'Antony Blinken', type: 'person', aliases: ['Blinken'] },
  { name: 'Sergei Lavrov', type: 'person', aliases: ['Lavrov'] },
  { name: 'Sergei Shoigu', type: 'person', aliases: ['Shoigu'] },
  { name: 'Vedant Patel', type: 'person', aliases: [] },
  { name: 'Kang Sun-nam', type: 'person', aliases: [] },
  { name: 'United Nations', type: 'organization', aliases: ['UN', 'U.N.'] },
  { name: 'NATO', type: 'organization', aliases: ['North Atlantic Treaty Organization'] },
  { name: 'European Union', type: 'organization', aliases: ['EU', 'E.U.'] },
  { name: 'U.S. Department of State', type: 'organization', aliases: ['State Department', 'US Department of State'] },
  { name: 'Kremlin', type: 'organization', aliases: [] },
  { name: 'TASS', type: 'organization', aliases: [] },
  { name: 'Reuters', type: 'organization', aliases: [] },
  { name: 'Associated Press', type: 'organization', aliases: ['AP'] },
  { name: 'United States', type: 'place', aliases: ['U.S.', 'US', 'USA', 'America'] },
  { name: 'Washington', type: 'place', aliases: [] },
  { name: 'Russia', type: 'place', aliases: ['Russian Federation'] },
  { name: 'Moscow', type: 'place', aliases: [] },
  { name: 'North Korea', type: 'place', aliases: ['DPRK'] },
  { name: 'Pyongyang', type: 'place', aliases: [] },
  { name: 'South Korea', type: 'place', aliases: [] },
  { name: 'Seoul', type: 'place', aliases: [] },
  { name: 'China', type: 'place', aliases: [] },
  { name: 'Beijing', type: 'place', aliases: [] },
  { name: 'Ukraine', type: 'place', aliases: [] },
  { name: 'Kyiv', type: 'place', aliases: ['Kiev'] },
  { name: 'Canada', type: 'place', aliases: [] },
  { name: 'Ottawa', type: 'place', aliases: [] },
];
