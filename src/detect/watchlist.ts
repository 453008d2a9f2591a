/**
 * The watchlist: actors Claimlens knows before it reads a word, and the rules by which the
 * reader's own edits are merged over them. Countries, capitals and demonyms come from the
 * world-countries package (see countries.ts); people and bodies below are hand-kept and meant
 * to be edited by the reader from the options page.
 */
import { countryEntries } from './countries';
import { COUNTRY_ROWS } from './countries-data';
import type { ActorType, WatchlistEntry } from './types';

type Row = [name: string, aliases?: string];
const rows = (type: ActorType, list: Row[]): WatchlistEntry[] =>
  list.map(([name, aliases]) => ({ name, type, aliases: aliases ? aliases.split('|') : [] }));

// Heads of state and government, foreign and defence ministers, leaders of international
// bodies — people who were in office during the years news readers still look back on.
// Surnames alone are aliases only when they are unambiguous in world news.
const PEOPLE = rows('person', [
  ['Joe Biden', 'Biden|Joseph Biden|Joseph R. Biden'], ['Donald Trump', 'Trump|Donald J. Trump'],
  ['Barack Obama', 'Obama'], ['Kamala Harris'], ['Hillary Clinton', 'Hillary Rodham Clinton'],
  ['Antony Blinken', 'Blinken'], ['Marco Rubio'], ['Lloyd Austin'], ['Pete Hegseth', 'Hegseth'], ['Jake Sullivan'],
  ['Vedant Patel'], ['Matthew Miller'], ['Mike Pompeo', 'Pompeo'], ['John Kerry'],
  ['Vladimir Putin', 'Putin'], ['Sergei Lavrov', 'Sergey Lavrov|Lavrov'], ['Sergei Shoigu', 'Sergey Shoigu|Shoigu'],
  ['Andrei Belousov', 'Andrey Belousov|Belousov'], ['Dmitry Peskov', 'Dmitri Peskov|Peskov'], ['Maria Zakharova', 'Zakharova'],
  ['Mikhail Mishustin', 'Mishustin'], ['Dmitry Medvedev', 'Medvedev'],
  ['Xi Jinping'], ['Li Qiang'], ['Wang Yi'], ['Dong Jun'], ['Li Keqiang'],
  ['Kim Jong-un', 'Kim Jong Un|Kim Jong-Un'], ['Kim Yo-jong', 'Kim Yo Jong'], ['Choe Son-hui', 'Choe Son Hui'],
  ['Kang Sun-nam', 'Kang Sun Nam'], ['Yoon Suk-yeol', 'Yoon Suk Yeol'], ['Lee Jae-myung', 'Lee Jae Myung'], ['Moon Jae-in', 'Moon Jae In'],
  ['Fumio Kishida', 'Kishida'], ['Shigeru Ishiba', 'Ishiba'], ['Shinzo Abe'], ['Sanae Takaichi', 'Takaichi'],
  ['Volodymyr Zelensky', 'Zelensky|Zelenskyy|Volodymyr Zelenskyy|Zelenskiy'], ['Dmytro Kuleba', 'Kuleba'], ['Andrii Sybiha', 'Sybiha'],
  ['Rishi Sunak', 'Sunak'], ['Keir Starmer', 'Starmer'], ['Boris Johnson'], ['David Lammy', 'Lammy'], ['John Healey'], ['David Cameron'],
  ['Emmanuel Macron', 'Macron'], ['Olaf Scholz', 'Scholz'], ['Friedrich Merz', 'Merz'], ['Angela Merkel', 'Merkel'],
  ['Annalena Baerbock', 'Baerbock'], ['Boris Pistorius', 'Pistorius'], ['Giorgia Meloni', 'Meloni'],
  ['Pedro Sánchez', 'Pedro Sanchez'], ['Donald Tusk', 'Tusk'], ['Viktor Orbán', 'Viktor Orban|Orbán|Orban'],
  ['Recep Tayyip Erdoğan', 'Recep Tayyip Erdogan|Erdogan|Erdoğan'], ['Benjamin Netanyahu', 'Netanyahu'],
  ['Narendra Modi', 'Modi'], ['Subrahmanyam Jaishankar', 'S. Jaishankar|Jaishankar'], ['Shehbaz Sharif'],
  ['Justin Trudeau', 'Trudeau'], ['Mark Carney', 'Carney'], ['Mélanie Joly', 'Melanie Joly'], ['Anthony Albanese', 'Albanese'],
  ['Luiz Inácio Lula da Silva', 'Lula da Silva|Lula'], ['Claudia Sheinbaum', 'Sheinbaum'], ['Javier Milei', 'Milei'],
  ['Cyril Ramaphosa', 'Ramaphosa'], ['Bola Tinubu', 'Tinubu'], ['Abdel Fattah el-Sisi', 'Abdel Fattah al-Sisi|el-Sisi|Sisi'],
  ['Mohammed bin Salman', 'MBS'], ['Ali Khamenei', 'Ayatollah Ali Khamenei|Khamenei'], ['Masoud Pezeshkian', 'Pezeshkian'],
  ['Ebrahim Raisi', 'Raisi'], ['Bashar al-Assad', 'Assad|Bashar Assad'], ['Mahmoud Abbas'], ['Alexander Lukashenko', 'Lukashenko'],
  ['António Guterres', 'Antonio Guterres|Guterres'], ['Jens Stoltenberg', 'Stoltenberg'], ['Mark Rutte', 'Rutte'],
  ['Ursula von der Leyen', 'von der Leyen'], ['Charles Michel'], ['António Costa'], ['Kaja Kallas', 'Kallas'], ['Josep Borrell', 'Borrell'],
  ['Rafael Grossi', 'Rafael Mariano Grossi|Grossi'], ['Tedros Adhanom Ghebreyesus', 'Tedros'], ['Kristalina Georgieva', 'Georgieva'],
  ['Ngozi Okonjo-Iweala', 'Okonjo-Iweala'], ['Ajay Banga'], ['Pope Francis'], ['Pope Leo XIV'],
]);

const ORGANIZATIONS = rows('organization', [
  ['United Nations', 'UN|U.N.'], ['UN Security Council', 'U.N. Security Council|Security Council|UNSC'],
  ['UN General Assembly', 'U.N. General Assembly|General Assembly'], ['NATO', 'North Atlantic Treaty Organization|Nato'],
  ['European Union', 'EU|E.U.'], ['European Commission'], ['European Parliament'], ['European Council'],
  ['International Monetary Fund', 'IMF'], ['World Bank'], ['World Trade Organization', 'WTO'], ['World Health Organization', 'WHO'],
  ['International Atomic Energy Agency', 'IAEA'], ['International Criminal Court', 'ICC'], ['International Court of Justice', 'ICJ'],
  ['Organization for Security and Co-operation in Europe', 'OSCE'], ['African Union'], ['Association of Southeast Asian Nations', 'ASEAN'],
  ['OPEC'], ['Islamic State', 'ISIS|ISIL|Daesh'], ['Hamas'], ['Hezbollah'], ['Taliban'], ['Group of Seven', 'G7|G-7'], ['Group of 20', 'G20|G-20'], ['BRICS'], ['Arab League'], ['Red Cross', 'ICRC'],
  ['U.S. Department of State', 'US Department of State|State Department|Department of State'],
  ['Pentagon', 'U.S. Department of Defense|Department of Defense|Defense Department'], ['White House'], ['Congress', 'U.S. Congress'],
  ['Senate', 'U.S. Senate'], ['House of Representatives'], ['Central Intelligence Agency', 'CIA'], ['Federal Bureau of Investigation', 'FBI'],
  ['National Security Agency', 'NSA'], ['National Security Council', 'NSC'], ['Treasury Department', 'U.S. Treasury|Treasury'],
  ['Democratic Party', 'Democrats'], ['Republican Party', 'Republicans|GOP'], ['Conservative Party', 'Conservatives|Tories'], ['Labour Party'],
  ['Kremlin'], ['Russian Foreign Ministry'], ['Russian Defense Ministry', 'Russian Defence Ministry'],
  ['Chinese Foreign Ministry'], ['Workers’ Party of Korea', "Workers' Party of Korea"],
  ['TASS', 'Tass'], ['RIA Novosti'], ['Interfax'], ['Xinhua', 'Xinhua News Agency'], ['Korean Central News Agency', 'KCNA'],
  ['Yonhap', 'Yonhap News Agency'], ['Kyodo', 'Kyodo News'], ['Reuters'], ['Associated Press', 'AP'], ['Agence France-Presse', 'AFP'],
  ['Bloomberg'], ['BBC'], ['CNN'], ['Al Jazeera'], ['The New York Times', 'New York Times'], ['The Washington Post', 'Washington Post'],
  ['The Wall Street Journal', 'Wall Street Journal'], ['Financial Times'], ['The Guardian'],
  // Photo agencies: a credit's "Getty Images" is a company, never a Mr Getty.
  ['Getty Images'], ['Shutterstock'], ['Alamy'], ['European Pressphoto Agency', 'EPA-EFE'],
]);

const PLACE_EXTRAS = rows('place', [['United Kingdom', 'Britain'], ['Kyiv', 'Kiev'], ['Asia-Pacific'], ['Middle East'], ['Europe'], ['Asia'], ['Africa'], ['Gaza'], ['West Bank'], ['Crimea'], ['Donbas', 'Donbass']]);

/** The shipped default list. Built once at module load from compact data. */
export const DEFAULT_WATCHLIST: readonly WatchlistEntry[] = [
  ...PEOPLE,
  ...ORGANIZATIONS,
  ...mergeExtraPlaces(countryEntries(COUNTRY_ROWS), PLACE_EXTRAS),
];

/** Adds aliases to existing places ("Kiev" for Kyiv) and appends the places the data lacks. */
function mergeExtraPlaces(base: WatchlistEntry[], extras: WatchlistEntry[]): WatchlistEntry[] {
  const out = base.map((e) => ({ ...e, aliases: [...e.aliases] }));
  for (const extra of extras) {
    const hit = out.find((e) => e.name === extra.name);
    if (hit) hit.aliases.push(...extra.aliases.filter((a) => !hit.aliases.includes(a)));
    else out.push(extra);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The reader's edits. They are stored as an ordered log of operations keyed by entry name, so
// an edit survives an update of the default list: a removal keeps suppressing a default entry
// by name, an edit of a default entry keeps applying, and a later "add" of the same name brings
// it back.

export type WatchlistEdit =
  | { op: 'add'; entry: WatchlistEntry }
  | { op: 'edit'; name: string; changes: Partial<WatchlistEntry> }
  | { op: 'remove'; name: string };

/** Names compare without case and extra spaces: "kim jong-un " is "Kim Jong-un". */
export function nameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

function cleanEntry(entry: WatchlistEntry): WatchlistEntry {
  const name = entry.name.trim().replace(/\s+/g, ' ');
  const forms = new Set([nameKey(name)]);
  const aliases: string[] = [];
  for (const a of entry.aliases) {
    const alias = a.trim().replace(/\s+/g, ' ');
    if (alias && !forms.has(nameKey(alias))) {
      forms.add(nameKey(alias));
      aliases.push(alias);
    }
  }
  const out: WatchlistEntry = { name, type: entry.type, aliases };
  if (entry.demonyms?.length) out.demonyms = [...entry.demonyms];
  return out;
}

/**
 * Applies the reader's edits to the defaults. Rules:
 * - `add` inserts an entry, or replaces the entry of the same name (the reader's version wins);
 * - `edit` changes fields of the entry with that name (a rename may replace another entry of the new name); unknown names are ignored;
 * - `remove` drops the entry with that name, default or not;
 * - user-added or user-edited entries come first, so when a form is claimed by two entries
 *   ("Georgia" the country vs. a reader's "Georgia" the state) the reader's entry wins.
 */
export function mergeWatchlist(defaults: readonly WatchlistEntry[], edits: readonly WatchlistEdit[]): WatchlistEntry[] {
  const byKey = new Map<string, { entry: WatchlistEntry; user: boolean }>();
  for (const entry of defaults) {
    const key = nameKey(entry.name);
    if (!byKey.has(key)) byKey.set(key, { entry, user: false });
  }
  for (const edit of edits) {
    if (edit.op === 'add') {
      const entry = cleanEntry(edit.entry);
      if (!entry.name) continue;
      byKey.delete(nameKey(entry.name));
      byKey.set(nameKey(entry.name), { entry, user: true });
    } else if (edit.op === 'edit') {
      const key = nameKey(edit.name);
      const current = byKey.get(key);
      if (!current) continue;
      const entry = cleanEntry({ ...current.entry, ...edit.changes });
      if (!entry.name) continue;
      byKey.delete(key);
      byKey.delete(nameKey(entry.name));
      byKey.set(nameKey(entry.name), { entry, user: true });
    } else {
      byKey.delete(nameKey(edit.name));
    }
  }
  const all = [...byKey.values()];
  return [...all.filter((x) => x.user), ...all.filter((x) => !x.user)].map((x) => x.entry);
}

const TYPES: readonly ActorType[] = ['person', 'organization', 'place'];

/** Checks one entry from outside (options page, `--watchlist` file); says what is wrong and where. */
export function validateEntry(value: unknown, where: string): WatchlistEntry {
  if (typeof value !== 'object' || value === null) throw new Error(`${where}: expected an object with name, type and aliases`);
  const v = value as Record<string, unknown>;
  if (typeof v.name !== 'string' || !v.name.trim()) throw new Error(`${where}.name: expected a non-empty string`);
  if (v.name.length > 200) throw new Error(`${where}.name: longer than 200 characters`);
  if (typeof v.type !== 'string' || !TYPES.includes(v.type as ActorType))
    throw new Error(`${where}.type: expected one of ${TYPES.join(', ')}, got ${JSON.stringify(v.type)}`);
  const aliases = v.aliases ?? [];
  if (!Array.isArray(aliases) || aliases.some((a) => typeof a !== 'string' || a.length > 200))
    throw new Error(`${where}.aliases: expected a list of strings`);
  const entry: WatchlistEntry = { name: v.name, type: v.type as ActorType, aliases: aliases as string[] };
  if (v.demonyms !== undefined) {
    if (!Array.isArray(v.demonyms) || v.demonyms.some((a) => typeof a !== 'string'))
      throw new Error(`${where}.demonyms: expected a list of strings`);
    entry.demonyms = v.demonyms as string[];
  }
  return entry;
}

/**
 * Reads a watchlist file: a JSON array whose items are entries (added over the defaults) or
 * edit operations (`{"op": "remove", "name": "..."}` ...). Errors name the item at fault.
 */
export function parseWatchlistEdits(json: string): WatchlistEdit[] {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new Error(`not valid JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data)) throw new Error('expected a JSON array of entries or edits');
  return data.map((item, i): WatchlistEdit => {
    const where = `item ${i}`;
    const op = (item as { op?: unknown } | null)?.op;
    if (op === undefined) return { op: 'add', entry: validateEntry(item, where) };
    const it = item as Record<string, unknown>;
    if (op === 'add') return { op, entry: validateEntry(it.entry, `${where}.entry`) };
    if (op === 'remove' || op === 'edit') {
      if (typeof it.name !== 'string' || !it.name.trim()) throw new Error(`${where}.name: expected the name of an entry`);
      if (op === 'remove') return { op, name: it.name };
      if (typeof it.changes !== 'object' || it.changes === null) throw new Error(`${where}.changes: expected an object`);
      return { op, name: it.name, changes: it.changes as Partial<WatchlistEntry> };
    }
    throw new Error(`${where}.op: expected "add", "edit" or "remove", got ${JSON.stringify(op)}`);
  });
}
